// /storage/v1/bucket: list, read, create, change, empty and delete buckets. Run as the caller:
// RLS on storage.buckets lets signed-in people read them and only the service role change them.
import { Hono } from 'hono'
import { z } from 'zod'
import { conflict, forbidden, notFound } from '../lib/errors.ts'
import { readJson } from '../lib/http.ts'
import { runAs } from './caller.ts'
import type { StorageEnv } from './context.ts'
import { checkBucketId } from './request.ts'
import { type Bucket, removeObjects, type StoreDeps } from './store.ts'

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }

/** `file_size_limit` as supabase-js sends it: bytes, or a string such as "20MB". */
const SizeLimit = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\s*\d+\s*(b|kb|mb|gb)?\s*$/i)])
  .nullable()
  .optional()
  .transform((v) => {
    if (v === undefined || v === null || typeof v === 'number') return v
    const [, n, unit = 'b'] = v.trim().match(/^(\d+)\s*(b|kb|mb|gb)?$/i) ?? []
    return Number(n) * UNITS[unit.toLowerCase()]
  })

const BucketBody = z.object({
  id: z.string().optional(),
  name: z.string().min(1).max(100),
  public: z.boolean().optional(),
  file_size_limit: SizeLimit,
  allowed_mime_types: z
    .array(
      z
        .string()
        .max(255)
        .regex(/^[\w.+-]+\/[\w.+*-]+$/),
    )
    .max(100)
    .nullable()
    .optional(),
})

// bigint comes back from postgres.js as a string; supabase-js callers expect a number.
const COLUMNS =
  'id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at'

export function bucketRoutes(deps: StoreDeps) {
  const app = new Hono<StorageEnv>()
  const { sql } = deps

  app.get('/', async (c) => {
    const rows = await runAs(
      sql,
      c.var.caller,
      (tx) => tx`select ${tx.unsafe(COLUMNS)} from storage.buckets order by name`,
    )
    return c.json(rows)
  })

  app.get('/:id', async (c) => {
    const [row] = await runAs(
      sql,
      c.var.caller,
      (tx) => tx`select ${tx.unsafe(COLUMNS)} from storage.buckets where id = ${c.req.param('id')}`,
    )
    if (!row) throw notFound('bucket_not_found', 'Bucket not found.')
    return c.json(row)
  })

  app.post('/', async (c) => {
    const body = await readJson(c, BucketBody)
    const id = body.id ?? body.name
    checkBucketId(id, 'id')
    await runAs(sql, c.var.caller, async (tx) => {
      const [taken] = await tx`select 1 from storage.buckets where id = ${id}`
      if (taken) throw conflict('already_exists', 'A bucket with that id already exists.')
      await tx`
        insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types, owner, owner_id)
        values (${id}, ${body.name}, ${body.public ?? false}, ${body.file_size_limit ?? null},
                ${body.allowed_mime_types ?? null}, ${ownerId(c.var.caller)}, ${ownerId(c.var.caller)})`
    })
    return c.json({ name: id })
  })

  app.put('/:id', async (c) => {
    const body = await readJson(c, BucketBody.partial({ name: true }))
    const id = c.req.param('id')
    const [row] = await runAs(
      sql,
      c.var.caller,
      (tx) => tx<Bucket[]>`
        update storage.buckets set
          public = coalesce(${body.public ?? null}, public),
          file_size_limit = ${body.file_size_limit === undefined ? tx`file_size_limit` : (body.file_size_limit ?? null)},
          allowed_mime_types = ${body.allowed_mime_types === undefined ? tx`allowed_mime_types` : (body.allowed_mime_types ?? null)},
          updated_at = now()
        where id = ${id} returning id`,
    )
    if (!row) throw missingOrForbidden(c.var.caller.role)
    return c.json({ message: 'Successfully updated' })
  })

  app.post('/:id/empty', async (c) => {
    const id = c.req.param('id')
    await bucketVisible(deps, c.var.caller, id)
    // In batches, so that a large bucket is not one huge transaction.
    for (;;) {
      const names = await runAs(
        sql,
        c.var.caller,
        (tx) => tx<{ name: string }[]>`select name from storage.objects where bucket_id = ${id} limit 1000`,
      )
      if (names.length === 0) break
      const removed = await removeObjects(
        deps,
        c.var.caller,
        id,
        names.map((n) => n.name),
      )
      if (removed.length === 0) throw forbidden('forbidden', 'You may not remove these objects.')
    }
    return c.json({ message: 'Successfully emptied' })
  })

  app.delete('/:id', async (c) => {
    const id = c.req.param('id')
    await runAs(sql, c.var.caller, async (tx) => {
      const [any] = await tx`select 1 from storage.objects where bucket_id = ${id} limit 1`
      if (any) throw conflict('bucket_not_empty', 'The bucket has objects: empty it first.')
      const [row] = await tx`delete from storage.buckets where id = ${id} returning id`
      if (!row) throw missingOrForbidden(c.var.caller.role)
    })
    return c.json({ message: 'Successfully deleted' })
  })

  return app
}

const ownerId = (caller: StorageEnv['Variables']['caller']) =>
  caller.role === 'authenticated' ? caller.claims.sub : null

/** A bucket the caller cannot change: the service role sees every bucket, so for it the bucket is missing. */
const missingOrForbidden = (role: string) =>
  role === 'service_role'
    ? notFound('bucket_not_found', 'Bucket not found.')
    : forbidden('forbidden', 'Only the service role changes buckets.')

async function bucketVisible(deps: StoreDeps, caller: StorageEnv['Variables']['caller'], id: string) {
  const [row] = await runAs(deps.sql, caller, (tx) => tx`select id from storage.buckets where id = ${id}`)
  if (!row) throw notFound('bucket_not_found', 'Bucket not found.')
}
