// Impersonation for support (issue 17): a superadmin acts as a person for at most 30 minutes with a
// reason. Its tokens say who is impersonating (RFC 8693 `act`) and expire with it; a refresh past the
// end is refused; ending it refuses the tokens at once, in the API as in auth; audit entries written
// meanwhile carry both identities; only superadmins start one, never as another superadmin nor while
// acting; the person's sign-in details, factors and devices are out of reach meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authTestApp, decodeJwt } from '../../edge/auth/testing.ts'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import type { Claims } from '../../edge/lib/jwt.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

const sql = testDb(4)
const t = await authTestApp()
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
})
afterAll(async () => {
  await t.close()
  await sql.end()
})

const REASON = 'Her quiz page shows nothing (ticket 4411)'

interface Started {
  access_token: string
  refresh_token: string
  expires_at: number
  expires_in: number
  user: { id: string }
  impersonation: { id: string; reason: string; ends_at: string; started_at: string }
}

const start = (by: TestUser, target: TestUser, reason = REASON) =>
  t.call('POST', '/impersonate', { token: by.token, body: { user_id: target.id, reason } })

async function startAs(target: TestUser): Promise<Started> {
  const res = await start(w.users.superadmin, target)
  expect(res.status).toBe(200)
  return (await res.json()) as Started
}

const claimsOf = (s: Started) => decodeJwt(s.access_token).payload as Claims & Record<string, unknown>
const as = <T>(claims: Claims, run: (tx: Tx) => Promise<T>) => withUser(sql, claims, run)
const refresh = (token: string) =>
  t.call('POST', '/token?grant_type=refresh_token', { body: { refresh_token: token } })
const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code

describe('impersonation tokens', () => {
  it('say who is impersonating, as the person, and expire by the end (also refreshed)', async () => {
    const s = await startAs(w.users.admin)
    const claims = claimsOf(s)
    expect(claims.sub).toBe(w.users.admin.id)
    expect(s.user.id).toBe(w.users.admin.id)
    expect(claims.act).toEqual({ sub: w.users.superadmin.id })
    expect(claims.impersonation_id).toBe(s.impersonation.id)
    expect(claims.app_metadata.platform_role).toBeUndefined()
    const end = Math.floor(new Date(s.impersonation.ends_at).getTime() / 1000)
    expect(end - Math.floor(new Date(s.impersonation.started_at).getTime() / 1000)).toBe(30 * 60)
    expect(claims.exp).toBe(end)
    expect(s.expires_at).toBe(end)
    expect(s.expires_in).toBeLessThanOrEqual(30 * 60)
    expect(s.impersonation.reason).toBe(REASON)

    const again = await refresh(s.refresh_token)
    expect(again.status).toBe(200)
    const next = decodeJwt(((await again.json()) as Started).access_token).payload
    expect(next.act).toEqual({ sub: w.users.superadmin.id })
    expect(next.impersonation_id).toBe(s.impersonation.id)
    expect(next.exp).toBeLessThanOrEqual(end)

    // The person's view: GET /impersonate says who acts as them and why.
    const about = await t.call('GET', '/impersonate', { token: s.access_token })
    expect(await about.json()).toMatchObject({ id: s.impersonation.id, reason: REASON })
    const [row] = await sql`select not_after from auth.sessions where id = ${claims.session_id}`
    expect(row.not_after.getTime()).toBe(new Date(s.impersonation.ends_at).getTime())
  })

  it('are refused once the 30 minutes are over: no refresh, no API call', async () => {
    const s = await startAs(w.users.instructor)
    const claims = claimsOf(s)
    expect(await as(claims, async (tx) => (await tx`select 1`).length)).toBe(1)
    // 31 minutes pass.
    await sql`update public.impersonations set started_at = started_at - interval '31 minutes',
              ends_at = ends_at - interval '31 minutes' where id = ${s.impersonation.id}`
    await sql`update auth.sessions set not_after = not_after - interval '31 minutes' where id = ${claims.session_id}`
    const res = await refresh(s.refresh_token)
    expect(res.status).toBe(400)
    expect(await codeOf(res)).toBe('session_expired')
    await expect(as(claims, (tx) => tx`select 1`)).rejects.toThrow('session has ended')
    expect((await t.call('GET', '/user', { token: s.access_token })).status).toBe(403)
  })

  it('are refused at once when the impersonation is ended, and the end is audited', async () => {
    const s = await startAs(w.users.staff)
    const claims = claimsOf(s)
    const ended = await t.call('POST', '/impersonate/end', { token: s.access_token, body: {} })
    expect(ended.status).toBe(200)
    expect(((await ended.json()) as { ended_at: string | null }).ended_at).not.toBeNull()
    await expect(as(claims, (tx) => tx`select 1`)).rejects.toThrow('session has ended')
    expect((await t.call('GET', '/user', { token: s.access_token })).status).toBe(403)
    expect((await refresh(s.refresh_token)).status).toBe(400)
    const entries = await sql`select tenant_id, actor_id, action from public.audit_log
      where action like 'impersonation.%' and details ->> 'impersonation_id' = ${s.impersonation.id}
      order by id`
    // The account's own security events (no school) and school A's log, for the start and the end.
    expect(entries.map((e) => [e.action, e.tenant_id])).toEqual([
      ['impersonation.started', null],
      ['impersonation.started', w.a.id],
      ['impersonation.ended', null],
      ['impersonation.ended', w.a.id],
    ])
    expect(new Set(entries.map((e) => e.actor_id))).toEqual(new Set([w.users.superadmin.id]))
  })

  it('end by the superadmin too, from their own session, and by signing out (only the impersonation)', async () => {
    const s = await startAs(w.users.peer)
    const own = await t.call('POST', '/impersonate/end', {
      token: w.users.superadmin.token,
      body: { impersonation_id: s.impersonation.id },
    })
    expect(own.status).toBe(200)
    expect((await t.call('GET', '/user', { token: s.access_token })).status).toBe(403)
    const someone = await t.call('POST', '/impersonate/end', {
      token: w.users.adminB.token,
      body: { impersonation_id: s.impersonation.id },
    })
    expect(someone.status).toBe(404)

    const o = await startAs(w.users.peer)
    expect((await t.call('POST', '/logout?scope=global', { token: o.access_token })).status).toBe(204)
    const [row] = await sql`select ended_at from public.impersonations where id = ${o.impersonation.id}`
    expect(row.ended_at).not.toBeNull()
    // The person's own session was not touched.
    expect((await t.call('GET', '/user', { token: w.users.peer.token })).status).toBe(200)
  })
})

describe('audit entries during impersonation', () => {
  it('carry the person as actor and the superadmin as impersonator, and the audit page names both', async () => {
    const s = await startAs(w.users.owner)
    const claims = claimsOf(s)
    await as(
      claims,
      (tx) => tx`update public.tenants set name = 'Renamed during support' where id = ${w.a.id}`,
    )
    const [entry] = await sql`select actor_id, impersonator_id from public.audit_log
      where tenant_id = ${w.a.id} and action = 'tenant.updated' order by id desc limit 1`
    expect(entry).toEqual({ actor_id: w.users.owner.id, impersonator_id: w.users.superadmin.id })
    const [page] = await as(
      w.users.admin.claims,
      (tx) => tx`select actor_id, actor_name, impersonator_id, impersonator_name
                 from public.audit_entries(${w.a.id}, 'tenant.updated')`,
    )
    expect(page.actor_id).toBe(w.users.owner.id)
    expect(page.impersonator_id).toBe(w.users.superadmin.id)
    expect(page.impersonator_name).toBe(w.users.superadmin.email.split('@')[0])
    // Filtering by the superadmin finds what they did as someone.
    const theirs = await as(
      w.users.admin.claims,
      (tx) =>
        tx`select id from public.audit_entries(${w.a.id}, 'tenant.updated', ${w.users.superadmin.id}::uuid)`,
    )
    expect(theirs.length).toBe(1)
    // The same person's own actions carry no impersonator.
    await as(
      w.users.owner.claims,
      (tx) => tx`update public.tenants set name = 'Back again' where id = ${w.a.id}`,
    )
    const [own] = await sql`select actor_id, impersonator_id from public.audit_log
      where tenant_id = ${w.a.id} and action = 'tenant.updated' order by id desc limit 1`
    expect(own).toEqual({ actor_id: w.users.owner.id, impersonator_id: null })
  })
})

describe('who may impersonate whom', () => {
  it('refuses anyone but a superadmin (admin, owner, student, another school)', async () => {
    const lesser = [w.users.admin, w.users.owner, w.users.student, w.users.adminB, w.users.outsider]
    for (const who of lesser) {
      const res = await start(who, w.users.peer)
      expect(res.status).toBe(403)
      expect(await codeOf(res)).toBe('not_admin')
    }
    const [count] = await sql`select count(*)::int as n from public.impersonations
      where superadmin_id in ${sql(lesser.map((u) => u.id))}`
    expect(count.n).toBe(0)
  })

  it('refuses a superadmin as the person, and the superadmin themself', async () => {
    const other = await createUser(sql, { platformRole: 'superadmin' })
    for (const target of [other, w.users.superadmin]) {
      const res = await start(w.users.superadmin, target)
      expect(res.status).toBe(409)
      expect(await codeOf(res)).toBe('impersonation_target_invalid')
    }
  })

  it('refuses starting one while acting as someone', async () => {
    const s = await startAs(w.users.student)
    const res = await t.call('POST', '/impersonate', {
      token: s.access_token,
      body: { user_id: w.users.peer.id, reason: REASON },
    })
    expect(res.status).toBe(403)
    expect(await codeOf(res)).toBe('impersonation_forbidden')
  })

  it('needs a reason of 10 characters or more, and an existing person', async () => {
    const res = await start(w.users.superadmin, w.users.student, '  help  ')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'validation_failed' })
    const nobody = await t.call('POST', '/impersonate', {
      token: w.users.superadmin.token,
      body: { user_id: '00000000-0000-4000-8000-000000000000', reason: REASON },
    })
    expect(nobody.status).toBe(404)
  })

  it('needs aal2 from a superadmin who has a verified factor', async () => {
    const careful = await createUser(sql, { platformRole: 'superadmin' })
    await sql`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
              values (gen_random_uuid(), ${careful.id}, 'Phone', 'totp', 'verified', now(), now())`
    const res = await start(careful, w.users.student)
    expect(res.status).toBe(403)
    expect(await codeOf(res)).toBe('insufficient_aal')
  })
})

describe('while acting as someone', () => {
  it("the person's password, email, factors, recovery codes and devices are refused; preferences are not", async () => {
    const s = await startAs(w.users.instructor)
    const token = s.access_token
    const calls = [
      t.call('PUT', '/user', { token, body: { password: 'a-new-password-99' } }),
      t.call('PUT', '/user', { token, body: { email: 'taken-over@test.kipindi.test' } }),
      t.call('POST', '/factors', { token, body: { factor_type: 'totp' } }),
      t.call('GET', '/recovery_codes', { token }),
      t.call('GET', '/sessions', { token }),
      t.call('DELETE', `/sessions/${claimsOf(s).session_id}`, { token }),
      t.call('POST', '/logout?scope=others', { token }),
    ]
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403)
      expect(await codeOf(res)).toBe('impersonation_forbidden')
    }
    const prefs = await t.call('PUT', '/user', { token, body: { data: { locale: 'sw' } } })
    expect(prefs.status).toBe(200)
  })

  it('the superadmin finds people by email with their schools', async () => {
    const res = await t.call('GET', `/impersonate/users?q=${encodeURIComponent(w.users.student.email)}`, {
      token: w.users.superadmin.token,
    })
    expect(res.status).toBe(200)
    const [found] = (await res.json()) as { id: string; schools: { slug: string; role: string }[] }[]
    expect(found.id).toBe(w.users.student.id)
    expect(found.schools).toEqual([expect.objectContaining({ slug: w.a.slug, role: 'student' })])
    const denied = await t.call('GET', '/impersonate/users?q=test', { token: w.users.admin.token })
    expect(denied.status).toBe(403)
  })
})
