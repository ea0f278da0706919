import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { handleError } from './errors.ts'
import { limitBody, withLastResort } from './http.ts'
import type { Logger } from './log.ts'

/** A body stream that delivers a few bytes, then fails, as a client gone mid-upload does. */
function failingBody() {
  let sent = false
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) controller.error(new Error('connection reset'))
      else controller.enqueue(new TextEncoder().encode('{"a":'))
      sent = true
    },
  })
}

function echoApp(max?: number) {
  const app = new Hono()
  app.use(limitBody(max))
  app.post('/echo', async (c) => c.json({ got: await c.req.text() }))
  app.onError(handleError)
  return app
}

describe('limitBody', () => {
  it('passes a body within the limit on to the handler', async () => {
    const res = await echoApp().request('/echo', { method: 'POST', body: '{"a":1}' })
    expect(await res.json()).toEqual({ got: '{"a":1}' })
  })

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const declared = await echoApp(8).request('/echo', {
      method: 'POST',
      body: 'x'.repeat(9),
      headers: { 'content-length': '9' },
    })
    expect(declared.status).toBe(413)
    const streamed = await echoApp(8).request('/echo', {
      method: 'POST',
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('x'.repeat(9)))
          c.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect((await streamed.json()).error.code).toBe('payload_too_large')
  })

  it('answers 400 unreadable_body when the body cannot be read', async () => {
    const res = await echoApp().request('/echo', {
      method: 'POST',
      body: failingBody(),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(400)
    expect((await res.json()).error).toEqual({
      code: 'unreadable_body',
      message: 'The request body could not be read.',
    })
  })
})

describe('withLastResort', () => {
  it('answers 500 in the JSON error shape and logs the request id when the handler throws', async () => {
    const logged: Record<string, unknown>[] = []
    const log: Logger = { info() {}, warn() {}, error: (_m, f) => logged.push(f ?? {}) }
    const handler = withLastResort(() => {
      throw new Error('escaped the app')
    }, log)
    const res = await handler(new Request('http://x/api/y', { headers: { 'x-request-id': 'req-00000001' } }))
    expect(res.status).toBe(500)
    expect(res.headers.get('x-request-id')).toBe('req-00000001')
    expect((await res.json()).error.code).toBe('internal')
    expect(logged[0]).toMatchObject({ requestId: 'req-00000001', method: 'GET' })
  })
})
