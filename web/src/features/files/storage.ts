// The web app's way to Storage: supabase-js's storage client (@supabase/storage-js, loaded on first
// use, never with a page's first screen) against `<supabaseUrl>/storage/v1`, with the signed-in
// person's token, so the same calls work on the local store and on hosted Supabase Storage.
import type { StorageClient } from '@supabase/storage-js'
import { apiErrorFrom } from '../../api/errors.ts'
import { runtime } from '../../lib/runtime.ts'

export type Bucket =
  | 'avatars'
  | 'lesson-media'
  | 'course-materials'
  | 'ticket-attachments'
  | 'session-files'
  | 'report-exports'
  | 'logbook-files'

/** A storage path as kept in our data: `<bucket>/<object name>`. */
export type StoragePath = `${Bucket}/${string}`

export function splitPath(path: string): { bucket: Bucket; name: string } | undefined {
  const at = path.indexOf('/')
  if (at < 1) return undefined
  return { bucket: path.slice(0, at) as Bucket, name: path.slice(at + 1) }
}

/** The storage URL and the bearer token of the person (or the anon key). */
export async function storageAuth() {
  const { config, supabase } = runtime()
  const token = (await supabase.auth.getSession()).data.session?.access_token ?? config.anonKey
  return { url: `${config.supabaseUrl.replace(/\/$/, '')}/storage/v1`, token, anonKey: config.anonKey }
}

async function client(): Promise<StorageClient> {
  const [{ StorageClient }, auth] = await Promise.all([import('@supabase/storage-js'), storageAuth()])
  return new StorageClient(auth.url, { Authorization: `Bearer ${auth.token}`, apikey: auth.anonKey })
}

/** A storage-js error as our ApiError (translated by its code). */
function failure(error: unknown): Error {
  const e = error as { status?: number; message?: string }
  return apiErrorFrom(e.status ?? 0, { error: { code: codeOf(e), message: e.message ?? '' } })
}
const codeOf = (e: { status?: number }) =>
  e.status === 404 ? 'object_not_found' : e.status === 413 ? 'file_too_large' : 'unknown'

const SIGNED_SECONDS = 60 * 60
/** Signed URLs already made, by path, until five minutes before they expire. */
const signed = new Map<string, { url: string; until: number }>()

/** Viewable URLs for storage paths (one request for all that are not cached); missing paths are left out. */
export async function signedUrls(paths: string[]): Promise<Map<string, string>> {
  const fresh = (path: string) => {
    const hit = signed.get(path)
    return hit && hit.until > Date.now() ? hit.url : undefined
  }
  const missing = [...new Set(paths)].filter((path) => !fresh(path) && splitPath(path))
  if (missing.length > 0) await signSoon(missing)
  const result = new Map<string, string>()
  for (const path of paths) {
    const url = fresh(path)
    if (url) result.set(path, url)
  }
  return result
}

/** Paths asked for in the same moment (each picture of a list asks for its own): signed together. */
let batch: { paths: Set<string>; done: Promise<void> } | undefined

function signSoon(paths: string[]): Promise<void> {
  if (!batch) {
    const next = { paths: new Set<string>(), done: Promise.resolve() }
    next.done = Promise.resolve().then(() => {
      batch = undefined
      return signNow([...next.paths])
    })
    batch = next
  }
  for (const path of paths) batch.paths.add(path)
  return batch.done
}

/** Signs paths, one request per bucket, into the cache. */
async function signNow(paths: string[]) {
  const byBucket = new Map<Bucket, string[]>()
  for (const path of paths) {
    const parts = splitPath(path)
    if (parts) byBucket.set(parts.bucket, [...(byBucket.get(parts.bucket) ?? []), parts.name])
  }
  const auth = await storageAuth()
  const until = Date.now() + (SIGNED_SECONDS - 300) * 1000
  await Promise.all(
    [...byBucket].map(async ([bucket, names]) => {
      for (const entry of await signMany(auth, bucket, names)) {
        if (!entry.signedURL || !entry.path) continue
        // As supabase-js builds it: the storage URL, then the signed path (encoded as a URI).
        signed.set(`${bucket}/${entry.path}`, { url: encodeURI(`${auth.url}${entry.signedURL}`), until })
      }
    }),
  )
}

/**
 * `POST /object/sign/<bucket>` with `{ expiresIn, paths }`: the call behind supabase-js's
 * createSignedUrls, made directly so that showing a picture does not load the storage client.
 */
async function signMany(auth: Awaited<ReturnType<typeof storageAuth>>, bucket: Bucket, paths: string[]) {
  const res = await fetch(`${auth.url}/object/sign/${bucket}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${auth.token}`,
      apikey: auth.anonKey,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ expiresIn: SIGNED_SECONDS, paths }),
  })
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok || !Array.isArray(body)) throw apiErrorFrom(res.status, body)
  return body as { path?: string; signedURL?: string | null }[]
}

/** A file of a folder, as Storage lists it. */
export interface ListedFile {
  /** `<bucket>/<folder>/<name>` */
  path: string
  /** The object's own name in the folder. */
  name: string
  size: number
  type: string
  updatedAt: string
}

/**
 * The files directly in a folder that the person may see (RLS decides), by name: the call behind
 * supabase-js's `list`, made directly so that a lesson page does not load the storage client.
 */
export async function listFolder(bucket: Bucket, folder: string): Promise<ListedFile[]> {
  const auth = await storageAuth()
  const res = await fetch(`${auth.url}/object/list/${bucket}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${auth.token}`,
      apikey: auth.anonKey,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ prefix: folder, limit: 100, offset: 0, sortBy: { column: 'name', order: 'asc' } }),
  })
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok || !Array.isArray(body)) throw apiErrorFrom(res.status, body)
  type Entry = {
    name: string
    id: string | null
    updated_at: string
    metadata: { size?: number; mimetype?: string } | null
  }
  return (body as Entry[])
    .filter((e) => e.id !== null)
    .map((e) => ({
      path: `${bucket}/${folder}/${e.name}`,
      name: e.name,
      size: e.metadata?.size ?? 0,
      type: e.metadata?.mimetype ?? 'application/octet-stream',
      updatedAt: e.updated_at,
    }))
}

/** The name a person gave a file, without the random prefix objectNameFor put before it. */
export const shownName = (objectName: string) => objectName.replace(/^[0-9a-f]{8}-/, '')

/** Removes objects the person may remove. */
export async function removeFiles(bucket: Bucket, names: string[]): Promise<void> {
  const { error } = await (await client()).from(bucket).remove(names)
  if (error) throw failure(error)
  for (const name of names) signed.delete(`${bucket}/${name}`)
}

/** Removes stored files by their paths (`<bucket>/<name>`), quietly: a leftover costs only space. */
export function forgetFiles(paths: readonly string[]): void {
  const byBucket = new Map<Bucket, string[]>()
  for (const path of paths) {
    const parts = splitPath(path)
    if (parts) byBucket.set(parts.bucket, [...(byBucket.get(parts.bucket) ?? []), parts.name])
  }
  for (const [bucket, names] of byBucket) void removeFiles(bucket, names).catch(() => {})
}
