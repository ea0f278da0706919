import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { authTestApp, fragmentOf } from './testing.ts'

// Security events local auth writes to the audit log: failed sign-ins over the threshold (one
// entry per crossing), password resets asked for and completed, each with the caller's address.

const sql = testDb(2)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const signIn = (email: string, password: string, ip: string) =>
  t.call('POST', '/token?grant_type=password', {
    body: { email, password },
    headers: { 'x-forwarded-for': ip },
  })

const events = (userId: string) =>
  sql`select action, actor_id, tenant_id, host(ip) as ip, details from public.audit_log
      where target_id = ${userId} and action like 'auth.%' order by id`

describe('failed sign-ins', () => {
  it('record one auth.sign_in_failures entry when an account reaches 5 failures, not one per failure', async () => {
    const { email, body } = await t.signUp()
    const id = body.user.id
    for (let i = 1; i <= 4; i++) expect((await signIn(email, `wrong-${i}`, '192.0.2.10')).status).toBe(400)
    expect(await events(id)).toEqual([])
    expect((await signIn(email, 'wrong-5', '192.0.2.11')).status).toBe(400)
    for (let i = 6; i <= 9; i++) expect((await signIn(email, `wrong-${i}`, '192.0.2.12')).status).toBe(400)
    expect(await events(id)).toEqual([
      {
        action: 'auth.sign_in_failures',
        actor_id: null,
        tenant_id: null,
        ip: '192.0.2.11',
        details: { failures: 5, minutes: 15 },
      },
    ])
    // The right password still works, and adds nothing.
    expect((await signIn(email, 'lesson-plan-42', '192.0.2.12')).status).toBe(200)
    expect(await events(id)).toHaveLength(1)
  })

  it('count per account: parallel failures cross the line once, other accounts are untouched', async () => {
    const a = await t.signUp()
    const b = await t.signUp()
    await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(a.email, `nope-${i}`, '192.0.2.20')))
    await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(b.email, `nope-${i}`, '192.0.2.20')))
    expect((await events(a.body.user.id)).map((e) => e.action)).toEqual(['auth.sign_in_failures'])
    expect(await events(b.body.user.id)).toEqual([])
  })

  it('record nothing for an address nobody has', async () => {
    const [{ n }] =
      await sql`select count(*)::int as n from public.audit_log where action = 'auth.sign_in_failures'`
    for (let i = 0; i < 6; i++) await signIn('nobody-here@test.kipindi.test', 'x', '192.0.2.30')
    const [after] =
      await sql`select count(*)::int as n from public.audit_log where action = 'auth.sign_in_failures'`
    expect(after.n).toBe(n)
  })

  it('cross again only after falling below the threshold within 15 minutes', async () => {
    const { body } = await t.signUp()
    const id = body.user.id
    const note = () => sql`select private.note_failed_sign_in(${id}::uuid, '192.0.2.40'::inet) as crossed`
    const crossings = []
    for (let i = 0; i < 6; i++) crossings.push((await note())[0].crossed)
    expect(crossings).toEqual([false, false, false, false, true, false])
    // Four of them age past the window: the next failures count from 2 again, and cross at 5.
    await sql`update private.sign_in_failures set failed_at = now() - interval '16 minutes'
              where ctid in (select ctid from private.sign_in_failures where user_id = ${id} limit 4)`
    const later = []
    for (let i = 0; i < 3; i++) later.push((await note())[0].crossed)
    expect(later).toEqual([false, false, true])
    expect((await events(id)).map((e) => e.action)).toEqual([
      'auth.sign_in_failures',
      'auth.sign_in_failures',
    ])
  })
})

describe('password resets', () => {
  it('record the request and the new password set through the recovery link, with the address', async () => {
    const { email, body } = await t.signUp()
    const id = body.user.id
    await t.call('POST', '/recover', { body: { email }, headers: { 'x-forwarded-for': '198.51.100.5' } })
    const [mail] = (await (await t.call('GET', `/mailbox?to=${email}`)).json()).emails
    const link = new URL(mail.action_url)
    const session = fragmentOf(
      (await t.app.request(`${link.pathname}${link.search}`)).headers.get('location'),
    )
    const changed = await t.call('PUT', '/user', {
      token: session.access_token,
      body: { password: 'a-new-lesson-plan-7' },
      headers: { 'x-forwarded-for': '198.51.100.6' },
    })
    expect(changed.status).toBe(200)
    expect(await events(id)).toEqual([
      {
        action: 'auth.password_reset_requested',
        actor_id: null,
        tenant_id: null,
        ip: '198.51.100.5',
        details: {},
      },
      {
        action: 'auth.password_reset_completed',
        actor_id: id,
        tenant_id: null,
        ip: '198.51.100.6',
        details: {},
      },
    ])
  })

  it('record nothing for an unknown address, and a plain password change as such', async () => {
    const [{ n }] =
      await sql`select count(*)::int as n from public.audit_log where action like 'auth.password_reset%'`
    await t.call('POST', '/recover', { body: { email: 'nobody-at-all@test.kipindi.test' } })
    const [after] =
      await sql`select count(*)::int as n from public.audit_log where action like 'auth.password_reset%'`
    expect(after.n).toBe(n)

    const { email, password, body } = await t.signUp()
    const signedIn = await (await signIn(email, password, '192.0.2.50')).json()
    await t.call('PUT', '/user', { token: signedIn.access_token, body: { password: 'another-lesson-9' } })
    expect((await events(body.user.id)).map((e) => e.action)).toEqual(['auth.password_changed'])
  })
})
