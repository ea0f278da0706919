// Signed and public URLs. Creating a signed URL is done as the caller (they must see the object,
// or be allowed to insert it); using one needs no session at all, only the token, which names
// exactly one object. Public URLs work for public buckets only.
import { Hono } from 'hono'
import { z } from 'zod'
import { notFound } from '../lib/errors.ts'
import { readJson } from '../lib/http.ts'
import { type Caller, ownerOf, runAs } from './caller.ts'
import type { StorageEnv } from './context.ts'
import { uploadFrom } from './objects.ts'
import { checkBucketId, checkName, objectPathOf } from './request.ts'
import { serveObject } from './serve.ts'
import { bucketOf, findObject, type StoreDeps } from './store.ts'
import { MAX_SIGNED_SECONDS, type Signer } from './tokens.ts'

const Expires = z.number().int().min(1).max(MAX_SIGNED_SECONDS)
const SignOne = z.object({ expiresIn: Expires })
const SignMany = z.object({ expiresIn: Expires, paths: z.array(z.string().max(1024)).min(1).max(1000) })

const SERVICE: Caller = { role: 'service_role' }

/** Routes that need no session: downloads and uploads with a signed URL's token, public downloads. */
export function tokenRoutes(deps: StoreDeps, signer: Signer) {
  const app = new Hono<StorageEnv>()

  app.on(['GET', 'HEAD'], '/sign/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/sign/')
    await signer.verifyDownload(c.req.query('token') ?? '', `${bucketId}/${name}`)
    const object = await findObject(deps.sql, SERVICE, bucketId, name)
    return serveObject(c, deps.disk, object, c.req.method === 'HEAD')
  })

  app.put('/upload/sign/*', async (c) => {
    const target = objectPathOf(c, '/object/upload/sign/')
    const grant = await signer.verifyUpload(c.req.query('token') ?? '', `${target.bucketId}/${target.name}`)
    c.set('caller', SERVICE)
    const put = await uploadFrom(deps, c, target, grant.upsert ? 'upsert' : 'insert', grant.owner)
    return c.json({ Key: put.key })
  })

  app.on(['GET', 'HEAD'], '/public/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/public/')
    const bucket = await bucketOf(deps.sql, bucketId)
    if (!bucket.public) throw notFound('bucket_not_found', 'Bucket not found.')
    return serveObject(
      c,
      deps.disk,
      await findObject(deps.sql, SERVICE, bucketId, name),
      c.req.method === 'HEAD',
    )
  })

  return app
}

/** Routes that sign: the caller must see the object (downloads) or be allowed to add it (uploads). */
export function signingRoutes(deps: StoreDeps, signer: Signer) {
  const app = new Hono<StorageEnv>()

  app.post('/sign/:bucket', async (c) => {
    const bucketId = c.req.param('bucket')
    checkBucketId(bucketId)
    const { expiresIn, paths } = await readJson(c, SignMany)
    for (const [i, p] of paths.entries()) checkName(p, `paths.${i}`)
    const visible = await runAs(
      deps.sql,
      c.var.caller,
      (tx) => tx<{ name: string }[]>`
        select name from storage.objects where bucket_id = ${bucketId} and name = any(${paths})`,
    )
    const seen = new Set(visible.map((v) => v.name))
    return c.json(
      await Promise.all(
        paths.map(async (path) =>
          seen.has(path)
            ? {
                error: null,
                path,
                signedURL: signedPath(
                  bucketId,
                  path,
                  await signer.download(`${bucketId}/${path}`, expiresIn),
                ),
              }
            : {
                error: 'Either the object does not exist or you do not have access to it',
                path,
                signedURL: null,
              },
        ),
      ),
    )
  })

  app.post('/sign/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/sign/')
    const { expiresIn } = await readJson(c, SignOne)
    await findObject(deps.sql, c.var.caller, bucketId, name)
    const token = await signer.download(`${bucketId}/${name}`, expiresIn)
    return c.json({ signedURL: signedPath(bucketId, name, token) })
  })

  app.post('/upload/sign/*', async (c) => {
    const { bucketId, name } = objectPathOf(c, '/object/upload/sign/')
    const upsert = c.req.header('x-upsert') === 'true'
    await bucketOf(deps.sql, bucketId)
    await canInsert(deps, c.var.caller, bucketId, name)
    const token = await signer.upload(`${bucketId}/${name}`, { owner: ownerOf(c.var.caller), upsert })
    return c.json({ url: `/object/upload/sign/${bucketId}/${name}?token=${token}`, token })
  })

  return app
}

/** The signed URL's path, relative to /storage/v1 (supabase-js prefixes and encodes it). */
const signedPath = (bucketId: string, name: string, token: string) =>
  `/object/sign/${bucketId}/${name}?token=${token}`

class DryRun extends Error {}

/** Refuses (403) when RLS would not let the caller insert `name`: an insert rolled back. */
export async function canInsert(deps: StoreDeps, caller: Caller, bucketId: string, name: string, size = 0) {
  const owner = ownerOf(caller)
  try {
    await runAs(deps.sql, caller, async (tx) => {
      await tx`
        insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
        values (${bucketId}, ${name}, ${owner}, ${owner}, 'dry-run', ${tx.json({ size })})
        on conflict (bucket_id, name) do nothing`
      throw new DryRun()
    })
  } catch (error) {
    if (!(error instanceof DryRun)) throw error
  }
}
