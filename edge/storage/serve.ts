// Answering with an object's bytes. Nothing we store may run as a page of our origin: every answer
// carries a sandboxing CSP and nosniff, and types a browser would render as a document (HTML, SVG,
// anything not on the inline list) are sent as attachments.
import type { Context } from 'hono'
import { notFound } from '../lib/errors.ts'
import type { Disk } from './disk.ts'
import { versionKey } from './disk.ts'
import { rangeOf } from './request.ts'
import { servedInline } from './sniff.ts'
import type { StoredObject } from './store.ts'

const SANDBOX = "default-src 'none'; sandbox"

/** `Content-Disposition` for a download: `download` is the query's value (empty = the object's own name). */
function disposition(o: StoredObject, download: string | undefined): string {
  const fileName = download || o.name.split('/').pop() || 'file'
  const kind = download !== undefined || !servedInline(o.metadata.mimetype) ? 'attachment' : 'inline'
  return `${kind}; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function headersOf(o: StoredObject, download: string | undefined): Record<string, string> {
  return {
    'content-type': o.metadata.mimetype,
    etag: o.metadata.eTag,
    'last-modified': o.metadata.lastModified,
    'cache-control': `private, ${o.metadata.cacheControl}`,
    'accept-ranges': 'bytes',
    'content-disposition': disposition(o, download),
    'content-security-policy': SANDBOX,
    'x-content-type-options': 'nosniff',
  }
}

/** The object's bytes (or the requested range, or 304 when the client's copy is current). */
export async function serveObject(c: Context, disk: Disk, o: StoredObject, head = false): Promise<Response> {
  const headers = headersOf(o, c.req.query('download'))
  if (c.req.header('if-none-match') === o.metadata.eTag) return new Response(null, { status: 304, headers })
  const size = Number(o.metadata.size)
  const range = rangeOf(c.req.header('range'), size)
  const length = range ? range.end - range.start + 1 : size
  const extra: Record<string, string> = { 'content-length': String(length) }
  if (range) extra['content-range'] = `bytes ${range.start}-${range.end}/${size}`
  const status = range ? 206 : 200
  if (head) return new Response(null, { status, headers: { ...headers, ...extra } })
  const body = await disk.read(versionKey(o.bucket_id, o.version), range)
  if (!body) throw notFound('object_not_found', 'Object not found.')
  return new Response(body, { status, headers: { ...headers, ...extra } })
}

/** The JSON of `GET /object/info/…`, as Supabase Storage answers it. */
export function infoOf(o: StoredObject) {
  return {
    id: o.id,
    name: o.name,
    version: o.version,
    bucket_id: o.bucket_id,
    size: o.metadata.size ?? null,
    content_type: o.metadata.mimetype ?? null,
    cache_control: o.metadata.cacheControl ?? null,
    etag: o.metadata.eTag ?? null,
    metadata: o.user_metadata,
    last_modified: o.updated_at,
    created_at: o.created_at,
  }
}
