// The objects of the local store: their rows in storage.objects (read and written as the caller,
// so RLS decides) and their bytes on the Disk. An object's bytes are kept under a new version id
// before its row points at them, in the same transaction; the old version is removed after the
// commit. So a crash at any point leaves either the old object or the new one, never half of one.
import type { Sql, Tx } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { type Caller, ownerOf, runAs } from './caller.ts'
import { type Disk, type Received, versionKey } from './disk.ts'
import { allowedBy, checkType } from './sniff.ts'

export interface StoreDeps {
  sql: Sql
  disk: Disk
  /** The largest object any bucket takes (Supabase's global upload limit), bytes. */
  maxFileBytes: number
}

export interface Bucket {
  id: string
  name: string
  owner: string | null
  public: boolean
  file_size_limit: number | null
  allowed_mime_types: string[] | null
  created_at: string
  updated_at: string
}

/** storage.objects.metadata, as Supabase Storage writes it. */
export interface ObjectMetadata {
  eTag: string
  size: number
  mimetype: string
  cacheControl: string
  lastModified: string
  contentLength: number
  httpStatusCode: number
}

export interface StoredObject {
  id: string
  name: string
  bucket_id: string
  version: string
  metadata: ObjectMetadata
  user_metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

const BUCKET_COLUMNS = 'id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at'

/** A bucket's settings (read by the store itself: limits apply to everyone); 404 when there is none. */
export async function bucketOf(sql: Sql | Tx, id: string): Promise<Bucket> {
  const [bucket] = await sql<Bucket[]>`
    select ${sql.unsafe(BUCKET_COLUMNS)} from storage.buckets where id = ${id}`
  if (!bucket) throw notFound('bucket_not_found', 'Bucket not found.')
  return {
    ...bucket,
    file_size_limit: bucket.file_size_limit === null ? null : Number(bucket.file_size_limit),
  }
}

/** The most bytes an upload to `bucket` may have. */
export const uploadLimit = (deps: StoreDeps, bucket: Bucket) =>
  Math.min(bucket.file_size_limit ?? deps.maxFileBytes, deps.maxFileBytes)

export interface PutRequest {
  bucket: Bucket
  name: string
  received: Received
  /** The type the client declared. */
  contentType: string
  /** Seconds, as supabase-js sends `cacheControl`. */
  cacheControl: string
  userMetadata?: Record<string, unknown> | null
  /** insert (refused when the name is taken), upsert, or update (refused when it is not). */
  mode: 'insert' | 'upsert' | 'update'
  /** Overrides the caller as the owner (uploads to a signed URL). */
  owner?: string | null
}

/** The stored type of an upload, or the refusal of its content. */
function typeFor(put: PutRequest): string {
  const check = checkType(put.contentType, put.received.head)
  if (!check.ok) {
    throw check.reason === 'executable'
      ? new ApiError(415, 'executable_refused', 'Programs cannot be uploaded.')
      : new ApiError(415, 'content_mismatch', 'The file’s content does not match its type.', {
          declared: put.contentType,
        })
  }
  if (!allowedBy(put.bucket.allowed_mime_types, check.type)) {
    throw new ApiError(415, 'file_type_not_allowed', `Files of type ${check.type} are not allowed here.`, {
      type: check.type,
      allowed: put.bucket.allowed_mime_types,
    })
  }
  return check.type
}

function metadataOf(received: Received, mimetype: string, cacheControl: string): ObjectMetadata {
  return {
    eTag: `"${received.md5}"`,
    size: received.size,
    mimetype,
    cacheControl: `max-age=${/^\d+$/.test(cacheControl) ? cacheControl : '3600'}`,
    lastModified: new Date().toUTCString(),
    contentLength: received.size,
    httpStatusCode: 200,
  }
}

/**
 * Stores received bytes as an object, as the caller (RLS checks the insert, or the update of the
 * object it replaces). The bytes are discarded when anything refuses them.
 */
export async function putObject(deps: StoreDeps, caller: Caller, put: PutRequest) {
  const { sql, disk } = deps
  const version = crypto.randomUUID()
  const key = versionKey(put.bucket.id, version)
  let kept = false
  try {
    const metadata = metadataOf(put.received, typeFor(put), put.cacheControl)
    const owner = put.owner === undefined ? ownerOf(caller) : put.owner
    const row = { version, metadata, owner, userMetadata: put.userMetadata ?? null }
    const written = await runAs(sql, caller, async (tx) => {
      const result = await writeRow(tx, put, row)
      await disk.keep(put.received, key)
      kept = true
      return result
    })
    if (written.replaced) await disk.remove(versionKey(put.bucket.id, written.replaced)).catch(() => {})
    return { id: written.id, key: `${put.bucket.id}/${put.name}` }
  } catch (error) {
    if (kept) await disk.remove(key).catch(() => {})
    else await disk.discard(put.received).catch(() => {})
    throw error
  }
}

interface RowValues {
  version: string
  metadata: ObjectMetadata
  owner: string | null
  userMetadata: Record<string, unknown> | null
}

/** Inserts or replaces the row; returns its id and the version it replaced. */
async function writeRow(
  tx: Tx,
  put: PutRequest,
  v: RowValues,
): Promise<{ id: string; replaced: string | null }> {
  const [existing] = await tx<{ id: string; version: string }[]>`
    select id, version from storage.objects
    where bucket_id = ${put.bucket.id} and name = ${put.name} for update`
  if (put.mode === 'update' && !existing) throw notFound('object_not_found', 'Object not found.')
  if (existing && put.mode !== 'insert') {
    await tx`
      update storage.objects set version = ${v.version}, metadata = ${tx.json(v.metadata as never)},
        user_metadata = ${v.userMetadata === null ? null : tx.json(v.userMetadata as never)},
        owner_id = coalesce(${v.owner}, owner_id), updated_at = now(), last_accessed_at = now()
      where id = ${existing.id}`
    return { id: existing.id, replaced: existing.version }
  }
  const [row] = await tx<{ id: string }[]>`
    insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
    values (${put.bucket.id}, ${put.name}, ${v.owner}, ${v.owner}, ${v.version},
            ${tx.json(v.metadata as never)}, ${v.userMetadata === null ? null : tx.json(v.userMetadata as never)})
    returning id`
  return { id: row.id, replaced: null }
}

const OBJECT_COLUMNS = 'id, name, bucket_id, version, metadata, user_metadata, created_at, updated_at'

/** The object as the caller may see it; 404 when it does not exist or RLS hides it. */
export async function findObject(sql: Sql, caller: Caller, bucketId: string, name: string) {
  const [row] = await runAs(
    sql,
    caller,
    (tx) => tx<StoredObject[]>`
      select ${tx.unsafe(OBJECT_COLUMNS)} from storage.objects where bucket_id = ${bucketId} and name = ${name}`,
  )
  if (!row) throw notFound('object_not_found', 'Object not found.')
  return row
}

/** Removes the caller's objects among `names` (RLS decides which); their bytes go after the commit. */
export async function removeObjects(deps: StoreDeps, caller: Caller, bucketId: string, names: string[]) {
  const removed = await runAs(
    deps.sql,
    caller,
    (tx) => tx<StoredObject[]>`
      delete from storage.objects where bucket_id = ${bucketId} and name = any(${names})
      returning ${tx.unsafe(OBJECT_COLUMNS)}`,
  )
  await Promise.all(removed.map((o) => deps.disk.remove(versionKey(o.bucket_id, o.version)).catch(() => {})))
  return removed
}

export interface Relocation {
  bucketId: string
  sourceKey: string
  destinationBucket: string
  destinationKey: string
}

/**
 * Moves an object (a rename of its row: RLS checks the update against the old and the new name).
 * Into another bucket the bytes are copied first, and that bucket's limits apply.
 */
export async function moveObject(deps: StoreDeps, caller: Caller, m: Relocation) {
  const across = m.destinationBucket !== m.bucketId
  const target = across ? await bucketOf(deps.sql, m.destinationBucket) : undefined
  let copied: string | undefined
  try {
    const moved = await runAs(deps.sql, caller, async (tx) => {
      const [row] = await tx<StoredObject[]>`
        update storage.objects set bucket_id = ${m.destinationBucket}, name = ${m.destinationKey},
          updated_at = now()
        where bucket_id = ${m.bucketId} and name = ${m.sourceKey}
        returning ${tx.unsafe(OBJECT_COLUMNS)}`
      if (!row) throw notFound('object_not_found', 'Object not found.')
      if (target) {
        fitsBucket(deps, target, row.metadata)
        copied = versionKey(target.id, row.version)
        await deps.disk.copy(versionKey(m.bucketId, row.version), copied)
      }
      return row
    })
    if (across) await deps.disk.remove(versionKey(m.bucketId, moved.version)).catch(() => {})
    return moved
  } catch (error) {
    if (copied) await deps.disk.remove(copied).catch(() => {})
    throw error
  }
}

/** Copies an object: the caller must see the source and may insert the copy. */
export async function copyObject(deps: StoreDeps, caller: Caller, m: Relocation, upsert: boolean) {
  const source = await findObject(deps.sql, caller, m.bucketId, m.sourceKey)
  const target = await bucketOf(deps.sql, m.destinationBucket)
  fitsBucket(deps, target, source.metadata)
  const version = crypto.randomUUID()
  const key = versionKey(target.id, version)
  await deps.disk.copy(versionKey(source.bucket_id, source.version), key)
  try {
    const owner = ownerOf(caller)
    const [row] = await runAs(
      deps.sql,
      caller,
      (tx) => tx<{ id: string; replaced: string | null }[]>`
        with old as (
          select version from storage.objects where bucket_id = ${target.id} and name = ${m.destinationKey}
        )
        insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
        values (${target.id}, ${m.destinationKey}, ${owner}, ${owner}, ${version},
                ${tx.json(source.metadata as never)}, ${source.user_metadata === null ? null : tx.json(source.user_metadata as never)})
        ${upsert ? tx`on conflict (bucket_id, name) do update set version = excluded.version, metadata = excluded.metadata, updated_at = now()` : tx``}
        returning id, (select version from old) as replaced`,
    )
    if (row.replaced) await deps.disk.remove(versionKey(target.id, row.replaced)).catch(() => {})
    return { id: row.id, key: `${target.id}/${m.destinationKey}` }
  } catch (error) {
    await deps.disk.remove(key).catch(() => {})
    throw error
  }
}

/** Refuses an object a bucket would not take (size and type), for moves and copies into it. */
function fitsBucket(deps: StoreDeps, bucket: Bucket, metadata: ObjectMetadata) {
  if (metadata.size > uploadLimit(deps, bucket)) {
    throw new ApiError(413, 'file_too_large', 'The file is larger than that bucket allows.', {
      limit: uploadLimit(deps, bucket),
    })
  }
  if (!allowedBy(bucket.allowed_mime_types, metadata.mimetype)) {
    throw new ApiError(
      415,
      'file_type_not_allowed',
      `Files of type ${metadata.mimetype} are not allowed there.`,
    )
  }
}
