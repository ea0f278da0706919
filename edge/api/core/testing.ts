// Test helpers for the api function's tests (not part of the function itself).
import { testDb, testEnv } from '../../../test/support/fixtures.ts'
import { createApiApp } from '../app.ts'
import { checkAnswer } from './conformance.ts'

export interface CallOptions {
  token?: string
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is, with content-type application/json unless `headers` says otherwise. */
  raw?: string
  headers?: Record<string, string>
}

export interface CallResult {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  body: any
  text: string
}

/**
 * A createApiApp on the run's test database, a superuser pool for setup, and `call()` for requests;
 * every success answer is checked against its contract route (conformance.ts).
 */
export async function setupApi(extraEnv: Record<string, string> = {}) {
  const sql = testDb()
  const { app, close } = createApiApp(await testEnv(extraEnv))

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
    const headers = new Headers({
      ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    })
    if (opts.token) headers.set('authorization', `Bearer ${opts.token}`)
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
    const res = await app.request(`/api${path}`, { method, headers, body })
    const text = await res.text()
    const isJson = res.headers.get('content-type')?.includes('json')
    const answer = isJson && text ? JSON.parse(text) : null
    checkAnswer(method, path, res.status, answer)
    return { status: res.status, headers: res.headers, body: answer, text }
  }

  return {
    sql,
    app,
    call,
    async close() {
      await close()
      await sql.end()
    },
  }
}
