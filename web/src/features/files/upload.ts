// Uploads with progress, cancel and resume: TUS resumable uploads (tus-js-client, loaded on first
// use) to `<supabaseUrl>/storage/v1/upload/resumable`, as Supabase documents them. A dropped
// connection retries and continues from the last byte the server has; a page reload finds the
// unfinished upload of the same file again (tus keeps its URL in localStorage until it succeeds).
import { apiErrorFrom } from '../../api/errors.ts'
import type { Bucket } from './storage.ts'
import { storageAuth } from './storage.ts'

export interface UploadRequest {
  bucket: Bucket
  name: string
  file: Blob
  /** The type to declare (the store checks it against the bytes); the file's own type when absent. */
  contentType?: string
  upsert?: boolean
  onProgress?: (sent: number, total: number) => void
}

export interface RunningUpload {
  /** Resolves with the storage path (`<bucket>/<name>`) when the last byte is stored. */
  done: Promise<string>
  cancel(): void
}

/** Supabase Storage takes TUS chunks of exactly 6 MB (the last may be smaller). */
const CHUNK = 6 * 1024 * 1024
const RETRIES = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000]

/** The error a failed upload reports, from the store's JSON answer when there is one. */
function uploadError(error: unknown): Error {
  const response = (error as { originalResponse?: { getStatus(): number; getBody(): string } })
    .originalResponse
  if (!response) return apiErrorFrom(0, undefined)
  let body: unknown
  try {
    body = JSON.parse(response.getBody())
  } catch {
    body = undefined
  }
  return apiErrorFrom(response.getStatus(), body)
}

export function startUpload(r: UploadRequest): RunningUpload {
  let cancelled = false
  let abort: (() => void) | undefined
  const done = (async () => {
    const [{ Upload }, auth] = await Promise.all([import('tus-js-client'), storageAuth()])
    if (cancelled) throw new DOMException('Upload cancelled', 'AbortError')
    return new Promise<string>((resolve, reject) => {
      let name = r.name
      const upload = new Upload(r.file, {
        endpoint: `${auth.url}/upload/resumable`,
        headers: {
          authorization: `Bearer ${auth.token}`,
          apikey: auth.anonKey,
          'x-upsert': String(!!r.upsert),
        },
        chunkSize: CHUNK,
        retryDelays: RETRIES,
        uploadDataDuringCreation: true,
        removeFingerprintOnSuccess: true,
        metadata: {
          bucketName: r.bucket,
          objectName: r.name,
          contentType: r.contentType || r.file.type || 'application/octet-stream',
          cacheControl: '3600',
        },
        onProgress: (sent, total) => r.onProgress?.(sent, total),
        onSuccess: () => resolve(`${r.bucket}/${name}`),
        onError: (error) => reject(uploadError(error)),
        // A 4xx other than a timeout will not get better by trying again.
        onShouldRetry: (error) => {
          const status =
            (error as { originalResponse?: { getStatus(): number } }).originalResponse?.getStatus() ?? 0
          return status === 0 || status === 408 || status === 409 || status === 423 || status >= 500
        },
      })
      abort = () => {
        void upload.abort(true)
        reject(new DOMException('Upload cancelled', 'AbortError'))
      }
      // The same file, unfinished, to the same folder (a reload, a closed tab): continue that one.
      void upload.findPreviousUploads().then((previous) => {
        const same = previous.find((p) => sameFolder(p.metadata, r.bucket, r.name))
        if (same) {
          name = same.metadata.objectName
          upload.resumeFromPreviousUpload(same)
        }
        if (!cancelled) upload.start()
      })
    })
  })()
  return {
    done,
    cancel() {
      cancelled = true
      abort?.()
    },
  }
}

const folderOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')))

/** True when an earlier upload's metadata names the same bucket and folder as this one. */
export function sameFolder(metadata: Record<string, string>, bucket: string, name: string): boolean {
  return (
    metadata.bucketName === bucket &&
    !!metadata.objectName &&
    folderOf(metadata.objectName) === folderOf(name)
  )
}

/** A safe object name for a file someone picked: a random prefix and the file's name, cleaned. */
export function objectNameFor(folder: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  const ext =
    dot > 0
      ? fileName
          .slice(dot + 1)
          .replace(/[^\w]/g, '')
          .slice(0, 10)
          .toLowerCase()
      : ''
  const id = crypto.randomUUID().slice(0, 8)
  return `${folder}/${id}-${base || 'file'}${ext ? `.${ext}` : ''}`
}
