import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { z } from 'zod'
import { ApiError, validationError } from './errors.ts'

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

/** Refuses bodies over the limit with 413 in the JSON error shape. */
export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${maxSize / 1024} KiB.`)
    },
  })

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
