import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { z } from 'zod'
import { ApiError, errorBody, validationError } from './errors.ts'
import { crashFields, type Logger, REQUEST_ID_HEADER, requestIdFrom } from './log.ts'

/** Largest JSON body any function accepts (64 KiB) unless a route says otherwise. */
export const MAX_BODY_BYTES = 64 * 1024

/** Security headers for JSON APIs: nosniff, no referrer, no framing, a CSP that allows nothing. */
export const apiSecurityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-site',
  })

let apiHeaderList: Promise<[string, string][]> | undefined

/** The headers apiSecurityHeaders() sets, for answers a hot path builds without Hono. */
export function apiSecurityHeaderList(): Promise<[string, string][]> {
  apiHeaderList ??= (async () => {
    const app = new Hono().use(apiSecurityHeaders())
    app.get('/', (c) => c.body(null, 204))
    return [...(await app.request('/')).headers]
  })()
  return apiHeaderList
}

/** CORS from an explicit allow-list; an origin not on it gets no CORS headers (never reflected). */
export const corsFromAllowList = (origins: string[]): MiddlewareHandler =>
  cors({
    origin: (origin) => (origins.includes(origin) ? origin : null),
    allowHeaders: ['authorization', 'apikey', 'content-type', 'x-client-info', 'x-supabase-api-version'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['retry-after', 'x-request-id'],
    maxAge: 600,
    credentials: false,
  })

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'TRACE', 'CONNECT', 'TRACK'])

/**
 * Reads the body once, up to the limit, before any handler runs: over the limit is a 413, and a
 * body that cannot be read (malformed chunked encoding, a client gone mid-upload) is a 400, both
 * in the JSON error shape, instead of an error in whichever handler reads it first.
 */
export const limitBody =
  (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  async (c, next) => {
    // No route takes a body with these (and a Request with one cannot be rebuilt for them). The
    // method first: on Node, touching `c.req.raw` makes the adapter build a whole Request.
    if (METHODS_WITHOUT_BODY.has(c.req.method.toUpperCase())) return next()
    const raw = c.req.raw
    if (!raw.body) return next()
    c.req.raw = new Request(raw, { body: await readBody(raw, maxSize) })
    return next()
  }

/** The whole body of `req`, at most `maxSize` bytes: ApiError 413 above it, 400 when it cannot be read. */
export async function readBody(req: Request, maxSize = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `The request body is larger than ${maxSize / 1024} KiB.`, {
      max_kib: maxSize / 1024,
    })
  const declared = req.headers.get('content-length')
  const framed = declared !== null && !req.headers.has('transfer-encoding')
  if (framed && Number(declared) > maxSize) throw tooLarge()
  if (!req.body) return new Uint8Array(new ArrayBuffer(0))
  try {
    if (framed) {
      // The HTTP server holds the body to its declared length: one read, no copies.
      const bytes = new Uint8Array(await req.arrayBuffer())
      if (bytes.byteLength > maxSize) throw tooLarge()
      return bytes
    }
    return await readChunks(req.body, maxSize, tooLarge)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(400, 'unreadable_body', 'The request body could not be read.')
  }
}

async function readChunks(
  body: ReadableStream<Uint8Array>,
  maxSize: number,
  tooLarge: () => ApiError,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxSize) {
      reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const out = new Uint8Array(new ArrayBuffer(size))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/** Reads and validates a JSON body with a zod schema: 400 with field paths when it does not fit. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown
  try {
    const text = await c.req.text()
    raw = text ? JSON.parse(text) : {}
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
  }
  const result = schema.safeParse(raw)
  if (!result.success) throw validationError(result.error)
  return result.data
}

/** The caller's IP as the gateway reports it (x-forwarded-for, first hop), for rate limits. */
export function clientIp(c: Context): string {
  const fwd = c.req.header('x-forwarded-for')
  return fwd?.split(',')[0].trim() || c.req.header('x-real-ip') || 'unknown'
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(c: Context): string | undefined {
  const h = c.req.header('authorization')
  const m = h && /^Bearer\s+(\S+)$/i.exec(h)
  return m ? m[1] : undefined
}

/** A whole function's fetch handler, as Deno.serve calls it. */
export type FetchHandler = (req: Request) => Response | Promise<Response>

/**
 * The last resort around a function's fetch handler: whatever escapes the app (and its onError) is
 * logged with the request id (the gateway's `x-request-id`, or a new one) and answered 500 in the
 * JSON error shape; the process carries on serving.
 */
export function withLastResort(handler: FetchHandler, log: Logger): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER))
      log.error(
        'request failed',
        crashFields(error, { requestId, method: req.method, url: req.url.slice(0, 200) }),
      )
      return Response.json(errorBody('internal', 'Something went wrong on our side. Please try again.'), {
        status: 500,
        headers: { [REQUEST_ID_HEADER]: requestId },
      })
    }
  }
}
