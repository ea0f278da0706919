// Test helpers for local auth: an app on the run's test database and a small request helper.
// Used by edge/auth/*.test.ts and test/integration/auth-*.test.ts only.
import { testEnv, testKeys, unique } from '../../test/support/fixtures.ts'
import { createAuthApp } from './app.ts'

export interface CallOptions {
  body?: unknown
  /** Raw body text (for malformed JSON); wins over `body`. */
  raw?: string
  /** Bearer token for Authorization. */
  token?: string
  /** The apikey header; the anon key unless given, none when null. */
  apiKey?: string | null
  headers?: Record<string, string>
}

/** A local auth app for tests, with limits high enough not to interfere unless `extra` lowers them. */
export async function authTestApp(extra: Record<string, string> = {}) {
  const env = await testEnv({
    LOCAL_MAILBOX: 'true',
    AUTH_RATE_LIMIT_SIGNIN_PER_IP: '10000',
    AUTH_RATE_LIMIT_SIGNUP_PER_IP: '10000',
    AUTH_RATE_LIMIT_PER_EMAIL: '10000',
    AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL: '10000',
    AUTH_RATE_LIMIT_REFRESH_PER_IP: '10000',
    ...extra,
  })
  const keys = await testKeys()
  const { app, close } = createAuthApp(env)

  /** One request to /auth/v1<path>, as supabase-js sends it (API version 2024-01-01, anon apikey). */
  const call = (method: string, path: string, o: CallOptions = {}) => {
    const headers: Record<string, string> = { 'x-supabase-api-version': '2024-01-01', ...o.headers }
    const apiKey = o.apiKey === undefined ? keys.anonKey : o.apiKey
    if (apiKey) headers.apikey = apiKey
    if (o.token) headers.authorization = `Bearer ${o.token}`
    let body: string | undefined
    if (o.raw !== undefined || o.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = o.raw ?? JSON.stringify(o.body)
    }
    return app.request(`/auth/v1${path}`, { method, headers, body })
  }

  /** Signs up a fresh address (auto-confirmed unless AUTH_CONFIRM_EMAIL=true) and returns the response JSON. */
  const signUp = async (password = 'lesson-plan-42', email = `${unique('auth')}@test.kipindi.test`) => {
    const res = await call('POST', '/signup', { body: { email, password } })
    if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`)
    return { email, password, body: await res.json() }
  }

  return { app, close, env, keys, call, signUp }
}

/** Decodes a JWT's header and payload (no verification: tests verify separately). */
export function decodeJwt(token: string) {
  const part = (s: string) => JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')))
  const [header, payload] = token.split('.')
  return { header: part(header), payload: part(payload) }
}

/** The fragment parameters of a redirect Location. */
export function fragmentOf(location: string | null): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(new URL(location ?? 'http://x/').hash.slice(1)))
}
