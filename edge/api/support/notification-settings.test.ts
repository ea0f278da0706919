import { afterAll, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/support/fixtures.ts'
import { NOTIFICATION_DEFAULTS, NOTIFICATION_KINDS } from '../../contract/notification-values.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const defaults = NOTIFICATION_KINDS.map((kind) => ({ kind, ...NOTIFICATION_DEFAULTS[kind] }))

async function stored(userId: string) {
  return sql`select kind, in_app, email from public.notification_settings where user_id = ${userId} order by kind`
}

describe('GET /me/notification-settings', () => {
  it('lists every kind in order with the defaults for someone who never chose', async () => {
    const user = await createUser(sql)
    const res = await call('GET', '/me/notification-settings', { token: user.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(defaults)
  })

  it('answers 401 without a token', async () => {
    expect((await call('GET', '/me/notification-settings')).status).toBe(401)
    expect((await call('PUT', '/me/notification-settings', { body: { settings: [] } })).status).toBe(401)
  })
})

describe('PUT /me/notification-settings', () => {
  it('changes the kinds listed, keeps the others, and returns the whole list; GET reads it back', async () => {
    const user = await createUser(sql)
    const other = await createUser(sql)
    const put = await call('PUT', '/me/notification-settings', {
      token: user.token,
      body: {
        settings: [
          { kind: 'session_booked', in_app: false, email: true },
          { kind: 'ticket_message', in_app: true, email: false },
        ],
      },
    })
    expect(put.status, put.text).toBe(200)
    const expected = defaults.map((d) =>
      d.kind === 'session_booked'
        ? { kind: d.kind, in_app: false, email: true }
        : d.kind === 'ticket_message'
          ? { kind: d.kind, in_app: true, email: false }
          : d,
    )
    expect(put.body).toEqual(expected)
    expect((await call('GET', '/me/notification-settings', { token: user.token })).body).toEqual(expected)

    // A second PUT changes one again; the other choice stays.
    const again = await call('PUT', '/me/notification-settings', {
      token: user.token,
      body: { settings: [{ kind: 'session_booked', in_app: true, email: false }] },
    })
    expect(again.body.find((s: { kind: string }) => s.kind === 'session_booked')).toEqual({
      kind: 'session_booked',
      in_app: true,
      email: false,
    })
    expect(again.body.find((s: { kind: string }) => s.kind === 'ticket_message')).toEqual({
      kind: 'ticket_message',
      in_app: true,
      email: false,
    })
    // Nobody else's settings moved.
    expect((await call('GET', '/me/notification-settings', { token: other.token })).body).toEqual(defaults)
  })

  it.each([
    ['an unknown kind', { settings: [{ kind: 'gossip', in_app: true, email: true }] }, 'settings.0.kind'],
    [
      'a kind twice',
      {
        settings: [
          { kind: 'role_changed', in_app: false, email: false },
          { kind: 'role_changed', in_app: true, email: true },
        ],
      },
      'settings',
    ],
    [
      'an extra key in a setting',
      { settings: [{ kind: 'role_changed', in_app: true, email: true, sms: true }] },
      'settings.0.sms',
    ],
    [
      'an extra key in the body',
      { settings: [{ kind: 'role_changed', in_app: true, email: true }], all: true },
      'all',
    ],
    [
      'a string for a boolean',
      { settings: [{ kind: 'role_changed', in_app: 'yes', email: true }] },
      'settings.0.in_app',
    ],
    ['a missing field', { settings: [{ kind: 'role_changed', in_app: true }] }, 'settings.0.email'],
    ['no settings', { settings: [] }, 'settings'],
    ['settings not a list', { settings: { kind: 'role_changed' } }, 'settings'],
  ])('refuses %s with 400 and the field path, changing nothing', async (_, body, path) => {
    const user = await createUser(sql)
    await call('PUT', '/me/notification-settings', {
      token: user.token,
      body: { settings: [{ kind: 'sla_warning', in_app: false, email: false }] },
    })
    const before = await stored(user.id)
    const res = await call('PUT', '/me/notification-settings', { token: user.token, body })
    expect(res.status, res.text).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    const paths = (res.body.error.details.issues as { path: string }[]).map((i) => i.path)
    expect(paths).toContain(path)
    expect(await stored(user.id)).toEqual(before)
  })
})
