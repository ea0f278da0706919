// Reading the parts of a storage request: the bucket and object name in the path, the upload body
// (raw bytes or supabase-js's multipart form) and the byte range of a download.
import type { Context } from 'hono'
import { ApiError, badRequest } from '../lib/errors.ts'
import { bucketIdProblem, objectNameProblem } from './names.ts'

/** The path after `prefix` (e.g. `/object/`), decoded, as bucket id and object name. */
export function objectPathOf(c: Context, prefix: string): { bucketId: string; name: string } {
  const path = new URL(c.req.url).pathname
  const at = path.indexOf(prefix)
  const rest = at < 0 ? '' : path.slice(at + prefix.length)
  const slash = rest.indexOf('/')
  const bucketId = decoded(slash < 0 ? rest : rest.slice(0, slash))
  const name = slash < 0 ? '' : decoded(rest.slice(slash + 1))
  checkBucketId(bucketId)
  checkName(name)
  return { bucketId, name }
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw badRequest('invalid_key', 'The path is not valid percent-encoding.')
  }
}

export function checkBucketId(id: string, path = 'bucketId') {
  const problem = bucketIdProblem(id)
  if (problem) throw badRequest('invalid_key', problem, { issues: [{ path, message: problem }] })
}

export function checkName(name: string, path = 'name') {
  const problem = objectNameProblem(name)
  if (problem) throw badRequest('invalid_key', problem, { issues: [{ path, message: problem }] })
}

export interface UploadBody {
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>
  contentType: string
  cacheControl: string
  userMetadata: Record<string, unknown> | null
}

/** Room for a multipart envelope around the file. */
const FORM_OVERHEAD = 64 * 1024

/** The body of an upload: the raw bytes, or the file of a multipart form (supabase-js sends Blobs so). */
export async function uploadBodyOf(c: Context, limit: number): Promise<UploadBody> {
  const length = Number(c.req.header('content-length') ?? Number.NaN)
  if (length > limit + FORM_OVERHEAD) throw tooLarge(limit)
  const type = c.req.header('content-type') ?? ''
  if (/^multipart\/form-data/i.test(type)) return formBody(c)
  return {
    stream: hostBody(c) ?? c.req.raw.body ?? new Blob([]).stream(),
    contentType: type || 'application/octet-stream',
    cacheControl: c.req.header('cache-control')?.match(/max-age=(\d+)/)?.[1] ?? '3600',
    userMetadata: metadataHeader(c.req.header('x-metadata')),
  }
}

/**
 * The request body as the host received it, when the host hands it over (the Node host's
 * IncomingMessage, an async iterable of chunks): read directly, without the Web-stream wrapping
 * the Request's body would add to every chunk of a 50 MB upload.
 */
function hostBody(c: Context): AsyncIterable<Uint8Array> | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return incoming && typeof incoming === 'object' && Symbol.asyncIterator in incoming
    ? (incoming as AsyncIterable<Uint8Array>)
    : undefined
}

async function formBody(c: Context): Promise<UploadBody> {
  let form: FormData
  try {
    form = await c.req.raw.formData()
  } catch {
    throw badRequest('bad_request', 'The form could not be read.')
  }
  const file = [...form.values()].find((v): v is File => typeof v !== 'string')
  if (!file)
    throw badRequest('bad_request', 'The form has no file.', {
      issues: [{ path: 'file', message: 'missing' }],
    })
  const cache = form.get('cacheControl')
  const metadata = form.get('metadata')
  return {
    stream: file.stream(),
    contentType: file.type || 'application/octet-stream',
    cacheControl: typeof cache === 'string' ? cache : '3600',
    userMetadata: typeof metadata === 'string' ? jsonObject(metadata) : null,
  }
}

/** `x-metadata`: base64 of a JSON object (supabase-js's custom metadata). */
function metadataHeader(value: string | undefined): Record<string, unknown> | null {
  if (!value) return null
  try {
    return jsonObject(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
  } catch {
    throw badRequest('bad_request', 'x-metadata is not base64 of a JSON object.')
  }
}

function jsonObject(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest('invalid_json', 'The metadata is not valid JSON.')
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('bad_request', 'The metadata is not a JSON object.')
  }
  return value as Record<string, unknown>
}

export const tooLarge = (limit: number) =>
  new ApiError(413, 'file_too_large', `The file is larger than the ${limit} bytes allowed.`, { limit })

/** A single `bytes=a-b` range within `size`; undefined for the whole object; 416 when unsatisfiable. */
export function rangeOf(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/)
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1])
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start > end || start >= size) {
    throw new ApiError(416, 'range_not_satisfiable', 'That part of the file does not exist.', { size })
  }
  return { start, end }
}
