// TUS resumable uploads at /storage/v1/upload/resumable, as Supabase Storage offers them (metadata
// bucketName, objectName, contentType, cacheControl; `x-upsert`): a phone on a bad connection
// resumes a 50 MB upload where it stopped. Creating an upload checks everything a direct upload
// would (names, bucket limits, RLS and the school's storage limit, by a rolled-back insert); only
// its creator may continue or cancel it; when the last byte arrives it becomes the object through
// the same putObject as every other upload.
import { type DataStore, MemoryLocker, Server, type Upload } from '@tus/server'
import { ApiError, errorBody, fromPostgres } from '../lib/errors.ts'
import type { Verifier } from '../lib/jwt.ts'
import { type Caller, callerOf, ownerOf, tokenOf } from './caller.ts'
import { bucketIdProblem, objectNameProblem } from './names.ts'
import { canInsert } from './signed.ts'
import { allowedBy, essence } from './sniff.ts'
import { bucketOf, putObject, type StoreDeps, uploadLimit } from './store.ts'

export const RESUMABLE_PATH = '/storage/v1/upload/resumable'

export interface ResumableOptions extends StoreDeps {
  verifier: Verifier
  datastore: DataStore
  /** The public origin, for the upload URLs handed to clients. */
  publicUrl: string
}

/** An error tus answers with: our JSON error shape and status. */
function tusError(error: unknown): { status_code: number; body: string } {
  const known = error instanceof ApiError ? error : fromPostgres(error)
  if (!known) throw error
  return {
    status_code: known.status,
    body: JSON.stringify(errorBody(known.code, known.message, known.details)),
  }
}

/** Who created an upload, as kept in its metadata: the user id, or the role for API keys. */
const creatorOf = (caller: Caller) => ownerOf(caller) ?? caller.role

export function createResumable(o: ResumableOptions): (req: Request) => Promise<Response> {
  const callers = new WeakMap<Request, Caller>()
  const callerFor = (req: Request) => {
    const caller = callers.get(req)
    if (!caller) throw new ApiError(401, 'unauthorized', 'Sign in to continue.')
    return caller
  }

  const server = new Server({
    path: RESUMABLE_PATH,
    datastore: o.datastore,
    locker: new MemoryLocker(),
    maxSize: o.maxFileBytes,
    generateUrl: (_req, { id }) => `${o.publicUrl.replace(/\/$/, '')}${RESUMABLE_PATH}/${id}`,
    async onIncomingRequest(req, uploadId) {
      try {
        const caller = await callerOf(o.verifier, tokenOf(req.headers))
        callers.set(req, caller)
        if (req.method === 'POST' || req.method === 'OPTIONS') return
        const upload = await o.datastore.getUpload(uploadId).catch(() => undefined)
        if (upload && upload.metadata?.creator !== creatorOf(caller)) {
          throw new ApiError(404, 'upload_not_found', 'Upload not found.')
        }
      } catch (error) {
        throw tusError(
          error instanceof Error && error.name === 'TokenError'
            ? new ApiError(401, 'invalid_token', 'Sign in again.')
            : error,
        )
      }
    },
    async onUploadCreate(req, upload) {
      try {
        const caller = callerFor(req)
        const meta = await checkCreate(o, caller, upload, req.headers.get('x-upsert') === 'true')
        return { metadata: { ...upload.metadata, ...meta, creator: creatorOf(caller) } }
      } catch (error) {
        throw tusError(error)
      }
    },
    async onUploadFinish(req, upload) {
      try {
        await finish(o, callerFor(req), upload)
        return {}
      } catch (error) {
        throw tusError(error)
      }
    },
  })
  return (req) => server.handleWeb(req)
}

/** The checks of a new upload; returns the metadata to keep (the upsert flag). */
async function checkCreate(o: ResumableOptions, caller: Caller, upload: Upload, upsert: boolean) {
  const meta = upload.metadata ?? {}
  const bucketId = meta.bucketName ?? ''
  const name = meta.objectName ?? ''
  const problem = bucketIdProblem(bucketId) ?? objectNameProblem(name)
  if (problem) throw new ApiError(400, 'invalid_key', problem)
  const bucket = await bucketOf(o.sql, bucketId)
  if (upload.size === undefined)
    throw new ApiError(400, 'bad_request', 'Send Upload-Length: the size must be known.')
  const limit = uploadLimit(o, bucket)
  if (upload.size > limit)
    throw new ApiError(413, 'file_too_large', `The file is larger than the ${limit} bytes allowed.`, {
      limit,
    })
  const type = essence(meta.contentType ?? 'application/octet-stream')
  if (!allowedBy(bucket.allowed_mime_types, type)) {
    throw new ApiError(415, 'file_type_not_allowed', `Files of type ${type} are not allowed here.`)
  }
  await canInsert(o, caller, bucketId, name, upload.size)
  return { upsert: String(upsert) }
}

async function finish(o: ResumableOptions, caller: Caller, upload: Upload) {
  const meta = upload.metadata ?? {}
  const bucket = await bucketOf(o.sql, meta.bucketName ?? '')
  const received = await o.disk.adoptResumable(upload.id)
  await putObject(o, caller, {
    bucket,
    name: meta.objectName ?? '',
    received,
    contentType: meta.contentType ?? 'application/octet-stream',
    cacheControl: meta.cacheControl ?? '3600',
    mode: meta.upsert === 'true' ? 'upsert' : 'insert',
  })
}
