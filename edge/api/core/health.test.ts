import { afterAll, describe, expect, it } from 'vitest'
import { testEnv } from '../../../test/support/fixtures.ts'
import { createApiApp } from '../app.ts'
import { setupApi } from './testing.ts'

const api = await setupApi()
afterAll(() => api.close())

describe('GET /api/health', () => {
  it('answers ok when the database answers, without sign-in', async () => {
    const res = await api.call('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers 503 degraded when the database is unreachable', async () => {
    const down = createApiApp(
      await testEnv({ SUPABASE_DB_URL: 'postgres://postgres:x@127.0.0.1:1/postgres' }),
    )
    try {
      const res = await down.app.request('/api/health')
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ status: 'degraded', db: 'down' })
    } finally {
      await down.close()
    }
  })
})

describe('the api app', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const res = await api.call('GET', '/nope')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('sends API security headers', async () => {
    const res = await api.call('GET', '/health')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    const denied = await api.call('GET', '/me')
    expect(denied.status).toBe(401)
    expect(denied.headers.get('x-content-type-options')).toBe('nosniff')
    expect(denied.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('allows CORS only for configured origins', async () => {
    const allowed = await api.call('OPTIONS', '/me', {
      headers: { origin: 'http://127.0.0.1:54321', 'access-control-request-method': 'GET' },
    })
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:54321')
    const other = await api.call('GET', '/health', { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses to start with a broken environment, naming the variables', () => {
    expect(() => createApiApp({ SUPABASE_URL: 'not a url' })).toThrow(/SUPABASE_URL[\s\S]*SUPABASE_DB_URL/)
  })
})
