// The local store at /storage/v1: the part of Supabase Storage's HTTP API that supabase-js's
// storage client calls (buckets, objects, signed and public URLs) plus TUS resumable uploads.
// Run by the local stack (scripts/lib/storage-host.ts, Node); on a hosted project Supabase Storage
// answers the same calls. Access is decided by RLS on storage.objects (supabase/migrations).
import { Hono } from 'hono'
import { errorBody, handleError } from '../lib/errors.ts'
import { corsFromAllowList, limitBody } from '../lib/http.ts'
import type { Verifier } from '../lib/jwt.ts'
import { bucketRoutes } from './buckets.ts'
import { callerOf, tokenOf } from './caller.ts'
import type { StorageEnv } from './context.ts'
import { objectRoutes } from './objects.ts'
import { signingRoutes, tokenRoutes } from './signed.ts'
import type { StoreDeps } from './store.ts'
import type { Signer } from './tokens.ts'

export interface StorageAppOptions extends StoreDeps {
  verifier: Verifier
  signer: Signer
  corsOrigins: string[]
  /** TUS resumable uploads (`/upload/resumable`), when the host provides them. */
  resumable?: (req: Request) => Promise<Response>
}

/** Requests with a JSON body (not uploads) are read whole, up to 64 KiB. */
const JSON_ROUTES = [
  '/bucket',
  '/bucket/*',
  '/object/list/*',
  '/object/move',
  '/object/copy',
  '/object/sign/*',
]

export function createStorageApp(o: StorageAppOptions) {
  const app = new Hono<StorageEnv>().basePath('/storage/v1')
  app.onError(handleError)
  app.notFound((c) => c.json(errorBody('not_found', 'No such storage route.'), 404))
  app.use('*', corsFromAllowList(o.corsOrigins))
  if (o.resumable) {
    const resumable = o.resumable
    app.all('/upload/resumable', (c) => resumable(c.req.raw))
    app.all('/upload/resumable/*', (c) => resumable(c.req.raw))
  }
  // Signed and public URLs need no session: an <img> or a download link sends none.
  app.route('/object', tokenRoutes(o, o.signer))
  app.use('*', async (c, next) => {
    c.set('caller', await callerOf(o.verifier, tokenOf(c.req.raw.headers)))
    await next()
  })
  for (const path of JSON_ROUTES) app.on(['POST', 'PUT', 'DELETE'], path, limitBody())
  app.on('DELETE', '/object/:bucket', limitBody())
  app.route('/bucket', bucketRoutes(o))
  app.route('/object', signingRoutes(o, o.signer))
  app.route('/object', objectRoutes(o))
  return app
}
