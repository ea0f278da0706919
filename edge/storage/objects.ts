// /storage/v1/object: upload, replace, download, info, list, move, copy and remove, as the calls of
// supabase-js's storage client expect them. Every read and write of storage.objects runs as the
// caller, so the policies in supabase/migrations decide.
import { Hono } from 'hono'
import { z } from 'zod'
import { forbidden } from '../lib/errors.ts'
import { readJson } from '../lib/http.ts'
import { runAs } from './caller.ts'
import type { StorageEnv } from './context.ts'
import { TooLarge } from './disk.ts'
import { checkBucketId, checkName, objectPathOf, tooLarge, uploadBodyOf } from './request.ts'
import { infoOf, serveObject } from './serve.ts'
import {
  bucketOf,
  copyObject,
  findObject,
  moveObject,
  type PutRequest,
  putObject,
  removeObjects,
  type StoreDeps,
  uploadLimit,
} from './store.ts'

const Relocate = z.object({
  bucketId: z.string(),
  sourceKey: z.string(),
  destinationKey: z.string(),
  destinationBucket: z.string().nullish(),
})

const ListBody = z.object({
  prefix: z.string().max(1024).default(''),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  search: z.string().max(1024).default(''),
  sortBy: z
    .object({
      column: z.enum(['name', 'updated_at', 'created_at', 'last_accessed_at']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
    })
    .default({ column: 'name', order: 'asc' }),
})

const RemoveBody = z.object({ prefixes: z.array(z.string().max(1024)).min(1).max(1000) })

/** Receives an upload's bytes (refusing too many) and stores them as the object. */
export async function uploadFrom(
  deps: StoreDeps,
  c: Parameters<typeof uploadBodyOf>[0],
  target: { bucketId: string; name: string },
  mode: PutRequest['mode'],
  owner?: string | null,
) {
  const bucket = await bucketOf(deps.sql, target.bucketId)
  const limit = uploadLimit(deps, bucket)
  const body = await uploadBodyOf(c, limit)
  let received: Awaited<ReturnType<StoreDeps['disk']['receive']>>
  try {
    received = await deps.disk.receive(body.stream, limit)
  } catch (error) {
    if (error instanceof TooLarge) throw tooLarge(limit)
    throw error
  }
  return putObject(deps, c.var.caller, { bucket, name: target.name, received, ...body, mode, owner })
}

/** A relocation's names checked, with the destination bucket defaulted to the source's. */
function relocation(body: z.infer<typeof Relocate>) {
  checkBucketId(body.bucketId)
  checkName(body.sourceKey, 'sourceKey')
  checkName(body.destinationKey, 'destinationKey')
  const destinationBucket = body.destinationBucket || body.bucketId
  checkBucketId(destinationBucket, 'destinationBucket')
  return { ...body, destinationBucket }
}

export function objectRoutes(deps: StoreDeps) {
  const app = new Hono<StorageEnv>()
  const { sql } = deps

  app.post('/list/:bucket', async (c) => {
    const bucketId = c.req.param('bucket')
    checkBucketId(bucketId)
    const body = await readJson(c, ListBody)
    return c.json(await listObjects(deps, c.var.caller, bucketId, body))
  })

  app.post('/move', async (c) => {
    const m = relocation(await readJson(c, Relocate))
    const moved = await moveObject(deps, c.var.caller, m)
    return c.json({ message: 'Successfully moved', Id: moved.id, Key: moved.name })
  })

  app.post('/copy', async (c) => {
    const m = relocation(await readJson(c, Relocate))
    const copied = await copyObject(deps, c.var.caller, m, c.req.header('x-upsert') === 'true')
    return c.json({ Id: copied.id, Key: copied.key })
  })

  app.get('/info/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/info/')
    return c.json(infoOf(await findObject(sql, c.var.caller, bucketId, name)))
  })

  app.delete('/:bucket', async (c) => {
    const bucketId = c.req.param('bucket')
    checkBucketId(bucketId)
    const { prefixes } = await readJson(c, RemoveBody)
    for (const [i, name] of prefixes.entries()) checkName(name, `prefixes.${i}`)
    const removed = await removeObjects(deps, c.var.caller, bucketId, prefixes)
    return c.json(removed)
  })

  app.on(['GET', 'HEAD'], '/authenticated/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/authenticated/')
    return serveObject(
      c,
      deps.disk,
      await findObject(sql, c.var.caller, bucketId, name),
      c.req.method === 'HEAD',
    )
  })

  app.on(['GET', 'HEAD'], '/:bucket/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/')
    return serveObject(
      c,
      deps.disk,
      await findObject(sql, c.var.caller, bucketId, name),
      c.req.method === 'HEAD',
    )
  })

  app.post('/:bucket/*', async (c) => {
    const target = objectPathOf(c, '/object/')
    const mode = c.req.header('x-upsert') === 'true' ? 'upsert' : 'insert'
    const put = await uploadFrom(deps, c, target, mode)
    return c.json({ Id: put.id, Key: put.key })
  })

  app.put('/:bucket/*', async (c) => {
    const put = await uploadFrom(deps, c, objectPathOf(c, '/object/'), 'update')
    return c.json({ Id: put.id, Key: put.key })
  })

  app.delete('/:bucket/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/')
    const removed = await removeObjects(deps, c.var.caller, bucketId, [name])
    if (removed.length === 0) {
      await findObject(sql, c.var.caller, bucketId, name) // 404 when the caller cannot see it
      throw forbidden('forbidden', 'You may not remove this object.')
    }
    return c.json({ message: 'Successfully deleted' })
  })

  return app
}

/**
 * One level of a bucket below `prefix`, as Supabase's storage.search answers: the folders (id
 * null) and the files whose remaining name starts with `search`, sorted and paged. RLS decides
 * which objects (and so which folders) the caller sees.
 */
async function listObjects(
  deps: StoreDeps,
  caller: StorageEnv['Variables']['caller'],
  bucketId: string,
  body: z.infer<typeof ListBody>,
) {
  const prefix = body.prefix === '' || body.prefix.endsWith('/') ? body.prefix : `${body.prefix}/`
  const like = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)
  const column = body.sortBy.column
  const order = body.sortBy.order === 'desc' ? 'desc' : 'asc'
  return runAs(
    deps.sql,
    caller,
    (tx) => tx`
    with items as (
      select substr(o.name, ${prefix.length + 1}) as rest, o.id, o.updated_at, o.created_at,
             o.last_accessed_at, o.metadata
      from storage.objects o
      where o.bucket_id = ${bucketId} and o.name like ${`${like(prefix)}%`}
        and substr(o.name, ${prefix.length + 1}) ilike ${`${like(body.search)}%`}
    ), entries as (
      select split_part(rest, '/', 1) as name, null::uuid as id, null::timestamptz as updated_at,
             null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata
      from items where position('/' in rest) > 0 group by 1
      union all
      select rest, id, updated_at, created_at, last_accessed_at, metadata
      from items where position('/' in rest) = 0
    )
    select * from entries
    order by ${tx.unsafe(column)} ${tx.unsafe(order)} nulls first, name
    limit ${body.limit} offset ${body.offset}`,
  )
}
