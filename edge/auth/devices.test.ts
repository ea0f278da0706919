// "Your devices": GET /sessions lists the user's sessions with device, address and times; one can be
// signed out (DELETE /sessions/:id), or all others with supabase-js signOut({ scope: 'others' }).
import { createClient } from '@supabase/supabase-js'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SUPABASE_URL } from '../../test/support/fixtures.ts'
import { deviceLabel } from './devices.ts'
import { authTestApp } from './testing.ts'

const t = await authTestApp()
afterAll(() => t.close())

const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-A146B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36'
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'

function client(userAgent: string, ip: string) {
  return createClient(SUPABASE_URL, t.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      fetch: async (input, init) => {
        const req = new Request(input, init)
        req.headers.set('x-forwarded-for', ip)
        req.headers.set('user-agent', userAgent)
        return t.app.fetch(req)
      },
    },
    realtime: { transport: WebSocket as never },
  }).auth
}
type Auth = ReturnType<typeof client>

const token = async (auth: Auth) => (await auth.getSession()).data.session?.access_token as string
async function devices(auth: Auth) {
  const res = await t.call('GET', '/sessions', { token: await token(auth) })
  expect(res.status).toBe(200)
  return (await res.json()) as {
    id: string
    current: boolean
    device: string | null
    ip: string
    last_seen_at: string
    created_at: string
  }[]
}

async function twoDevices() {
  const { email, password } = await t.signUp('lesson-plan-42')
  const phone = client(ANDROID, '41.90.64.20')
  const laptop = client(WINDOWS, '197.232.1.7')
  expect((await phone.signInWithPassword({ email, password })).error).toBeNull()
  expect((await laptop.signInWithPassword({ email, password })).error).toBeNull()
  return { phone, laptop }
}

describe('your devices', () => {
  it('lists the sessions with device, address, times and which one is this', async () => {
    const { phone, laptop } = await twoDevices()
    const list = await devices(laptop)
    const byDevice = Object.fromEntries(list.map((d) => [d.device, d]))
    // The sign-up's own session (no user agent in the test's request) is the third.
    expect(list.map((d) => d.device).sort()).toEqual(['Chrome on Android', 'Firefox on Windows', null])
    expect(list.filter((d) => d.current)).toHaveLength(1)
    expect(byDevice['Firefox on Windows']).toMatchObject({ current: true, ip: '197.232.1.7' })
    expect(byDevice['Chrome on Android']).toMatchObject({ current: false, ip: '41.90.64.20' })
    for (const d of list) {
      expect(Date.parse(d.created_at)).toBeLessThanOrEqual(Date.now())
      expect(Math.abs(Date.parse(d.last_seen_at) - Date.now())).toBeLessThan(60_000)
    }
    // Another user's list never shows them.
    const stranger = await twoDevices()
    expect((await devices(stranger.phone)).map((d) => d.id)).not.toContain(list[0].id)
    expect((await phone.refreshSession()).error).toBeNull()
  })

  it('signs out the other devices: their refresh fails, this one goes on', async () => {
    const { phone, laptop } = await twoDevices()
    expect((await laptop.signOut({ scope: 'others' })).error).toBeNull()
    const refused = await phone.refreshSession()
    expect(refused.error?.code).toBe('refresh_token_not_found')
    expect((await laptop.refreshSession()).error).toBeNull()
    expect((await devices(laptop)).map((d) => d.device)).toEqual(['Firefox on Windows'])
  })

  it('signs out one device; another user’s session or a made-up id is not found', async () => {
    const { phone, laptop } = await twoDevices()
    const other = await twoDevices()
    const phoneId = (await devices(phone)).find((d) => d.current)?.id as string
    const otherId = (await devices(other.phone)).find((d) => d.current)?.id as string
    const tok = await token(laptop)
    expect((await t.call('DELETE', `/sessions/${otherId}`, { token: tok })).status).toBe(404)
    expect((await t.call('DELETE', '/sessions/not-a-uuid', { token: tok })).status).toBe(404)
    expect((await other.phone.refreshSession()).error).toBeNull()
    expect((await t.call('DELETE', `/sessions/${phoneId}`, { token: tok })).status).toBe(204)
    expect((await phone.refreshSession()).error?.code).toBe('refresh_token_not_found')
    expect((await t.call('GET', '/sessions')).status).toBe(401)
  })

  it('names devices plainly from the user agent', () => {
    expect(deviceLabel(ANDROID)).toBe('Chrome on Android')
    expect(deviceLabel(WINDOWS)).toBe('Firefox on Windows')
    expect(
      deviceLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS')
    expect(
      deviceLabel('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0'),
    ).toBe('Edge on Windows')
    expect(deviceLabel('curl/8.5.0')).toBeNull()
    expect(deviceLabel(null)).toBeNull()
  })
})
