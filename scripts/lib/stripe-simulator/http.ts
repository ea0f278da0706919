// The HTTP plumbing the routes share: a capped body, JSON answers with Stripe's headers, pages with
// pages.ts's headers, redirects, and a thrown error turned into Stripe's error shape.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { newId } from './model.ts'
import { pageHeaders } from './pages.ts'
import { StripeApiError } from './params.ts'

const MAX_BODY_BYTES = 256 * 1024

/** The request's body as text; past 256 KiB, Stripe's 413. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      throw new StripeApiError(413, 'The request body is too large.', 'request_too_large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A JSON answer with the headers Stripe's API sends (a request-id, no caching). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, no-store',
    'request-id': newId('req'),
    ...headers,
  })
  res.end(JSON.stringify(body, null, 2))
}

/** A page; `redirectTargets` are the URLs its forms may redirect to (see pageHeaders). */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  redirectTargets: (string | null)[] = [],
): void {
  res.writeHead(status, pageHeaders(redirectTargets))
  res.end(html)
}

/** A 303 (after a form's POST) to an absolute URL the app gave or a /__stripe/ path. */
export function seeOther(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': '0' })
  res.end()
}

/** Stripe's 404 for a URL it has no route for. */
export const unrecognised = (method: string, path: string) =>
  new StripeApiError(
    404,
    `Unrecognized request URL (${method}: ${path.slice(0, 200)}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  )

/** A path segment decoded, or left as it is when it is not valid percent-encoding. */
export const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** The answer to a request that threw: Stripe's error shape, or a 500 that names the simulator. */
export function failed(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof StripeApiError) {
    // A body too large is left unread: the connection cannot carry another request.
    sendJson(res, error.status, error.body(), error.status === 413 ? { connection: 'close' } : {})
    return
  }
  const message = `The Stripe simulator failed: ${error instanceof Error ? error.message : String(error)}`
  sendJson(res, 500, { error: { type: 'api_error', message: message.slice(0, 500) } })
}
