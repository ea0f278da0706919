// Hosts the local store (edge/storage) in the launcher's Node process, behind the gateway's
// /storage/v1: its files under <data dir>/storage, TUS uploads kept for a day. In production
// hosted Supabase Storage answers the same calls (README, "Files").
import type http from 'node:http'
import path from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { FileStore } from '@tus/file-store'
import { createDb } from '../../edge/lib/db.ts'
import { errorBody } from '../../edge/lib/errors.ts'
import type { SigningKey, Verifier } from '../../edge/lib/jwt.ts'
import { createStorageApp } from '../../edge/storage/app.ts'
import { hasDotSegment } from '../../edge/storage/names.ts'
import { createResumable } from '../../edge/storage/resumable.ts'
import { createSigner } from '../../edge/storage/tokens.ts'
import { createFileDisk } from './storage-disk.ts'

/** Supabase Storage's default global upload limit: 50 MiB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024
const TUS_EXPIRY_MS = 24 * 60 * 60 * 1000

export interface StorageHostOptions {
  dbUrl: string
  /** Files go to `<dir>`. */
  dir: string
  publicUrl: string
  signingKey: SigningKey
  verifier: Verifier
  corsOrigins?: string[]
  maxFileBytes?: number
}

export interface StorageHost {
  app: ReturnType<typeof createStorageApp>
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void
  close(): Promise<void>
}

export async function createStorageHost(o: StorageHostOptions): Promise<StorageHost> {
  const sql = createDb(o.dbUrl, { max: 8 })
  const disk = await createFileDisk(path.resolve(o.dir))
  const deps = { sql, disk, maxFileBytes: o.maxFileBytes ?? MAX_FILE_BYTES }
  const datastore = new FileStore({ directory: disk.tusDir, expirationPeriodInMilliseconds: TUS_EXPIRY_MS })
  const resumable = createResumable({ ...deps, verifier: o.verifier, datastore, publicUrl: o.publicUrl })
  const app = createStorageApp({
    ...deps,
    verifier: o.verifier,
    signer: createSigner(o.signingKey.privateJwk, o.signingKey.publicJwk),
    corsOrigins: o.corsOrigins ?? [o.publicUrl],
    resumable,
  })
  const listener = getRequestListener(app.fetch)
  return {
    app,
    handle(req, res) {
      if (hasDotSegment(req.url ?? '')) return refuseDotSegments(res)
      void listener(req, res)
    },
    close: () => sql.end({ timeout: 5 }),
  }
}

function refuseDotSegments(res: http.ServerResponse) {
  res.writeHead(400, { 'content-type': 'application/json' })
  res.end(JSON.stringify(errorBody('invalid_key', 'A path has no "." or ".." folder.')))
}
