// The local mailbox shows every email's links, so it is a development tool only: it answers requests
// from this machine (the gateway's x-forwarded-for, or the connection itself) and is refused in a
// production configuration.

import { serve } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { createAuthApp } from './app.ts'
import { authTestApp } from './testing.ts'

const t = await authTestApp({ LOCAL_MAILBOX: 'true' })
afterAll(() => t.close())

/** GET /auth/v1/mailbox as supabase-js sends it, plus the given headers and the runtime's connection info. */
const mailbox = (headers: Record<string, string> = {}, connection?: unknown) =>
  t.app.request(
    '/auth/v1/mailbox',
    { headers: { apikey: t.keys.anonKey, 'x-supabase-api-version': '2024-01-01', ...headers } },
    connection,
  )

describe('the local mailbox answers this machine only', () => {
  it('answers a request the gateway forwards from a loopback address', async () => {
    for (const ip of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1']) {
      const res = await mailbox({ 'x-forwarded-for': ip })
      expect(res.status, ip).toBe(200)
      expect(Array.isArray((await res.json()).emails), ip).toBe(true)
    }
  })

  it('is not there (404) for a request from another machine, whatever else it claims', async () => {
    for (const xff of [
      '192.168.1.20',
      '10.0.0.7',
      '203.0.113.9',
      'fe80::1',
      '::ffff:192.168.1.20',
      // A hop list: someone in front of us is not loopback.
      '127.0.0.1, 192.168.1.20',
      '192.168.1.20, 127.0.0.1',
      // The gateway sends an empty value when it cannot tell the address: not proof of loopback.
      '',
      'localhost',
      'not an address',
    ]) {
      const res = await mailbox({ 'x-forwarded-for': xff })
      expect(res.status, `x-forwarded-for: ${xff}`).toBe(404)
      expect((await res.json()).code).toBe('not_found')
    }
  })

  it('judges a direct connection by its own address; a header cannot vouch for a remote peer', async () => {
    // The connection info as Deno.serve hands it to the app (c.env).
    const lan = { remoteAddr: { transport: 'tcp', hostname: '192.168.1.20', port: 50000 } }
    const local = { remoteAddr: { transport: 'tcp', hostname: '127.0.0.1', port: 50000 } }
    expect((await mailbox({}, lan)).status).toBe(404)
    expect((await mailbox({ 'x-forwarded-for': '127.0.0.1' }, lan)).status).toBe(404)
    expect((await mailbox({}, local)).status).toBe(200)
    // Through a loopback peer (the gateway), the address it forwards decides.
    expect((await mailbox({ 'x-forwarded-for': '192.168.1.20' }, local)).status).toBe(404)
  })

  it('over a real connection to 127.0.0.1 (Node), answers; a forwarded remote address is refused', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/auth/v1/mailbox`
      const direct = await fetch(url, { headers: { apikey: t.keys.anonKey } })
      expect(direct.status).toBe(200)
      const forwarded = await fetch(url, {
        headers: { apikey: t.keys.anonKey, 'x-forwarded-for': '203.0.113.9' },
      })
      expect(forwarded.status).toBe(404)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('the local mailbox is refused in a production configuration', () => {
  const refused = (extra: Record<string, string>) => () =>
    createAuthApp({ ...t.env, LOCAL_MAILBOX: 'true', ...extra })

  it('refuses LOCAL_MAILBOX=true with NODE_ENV=production', () => {
    expect(refused({ NODE_ENV: 'production' })).toThrow(/LOCAL_MAILBOX.*NODE_ENV=production/s)
  })

  it('refuses LOCAL_MAILBOX=true when the public URL or the site is not on this machine', () => {
    expect(refused({ SUPABASE_URL: 'https://abcd.supabase.co' })).toThrow(/LOCAL_MAILBOX.*SUPABASE_URL/s)
    expect(refused({ SITE_URL: 'http://192.168.1.10:3000' })).toThrow(/LOCAL_MAILBOX.*SITE_URL/s)
    expect(refused({ SITE_URL: 'https://school.example.org' })).toThrow(/LOCAL_MAILBOX.*SITE_URL/s)
  })

  it('keeps the mailbox closed (404) in production when it is not asked for', async () => {
    const prod = await authTestApp({ LOCAL_MAILBOX: 'false', NODE_ENV: 'production' })
    try {
      const res = await prod.call('GET', '/mailbox', { headers: { 'x-forwarded-for': '127.0.0.1' } })
      expect(res.status).toBe(404)
    } finally {
      await prod.close()
    }
  })

  it('still starts for local development on localhost names and loopback addresses', async () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      const local = createAuthApp({ ...t.env, LOCAL_MAILBOX: 'true', SUPABASE_URL: url, SITE_URL: url })
      await local.close()
    }
  })
})
