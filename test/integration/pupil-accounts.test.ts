// Pupils without email (20261208040000_pupil_accounts.sql): a school makes accounts for a class from
// names and admission numbers; a pupil signs in through supabase-js with the school code and the
// admission number and must choose a new password; a class teacher gives a new first password.
// Another school and lesser roles can do neither; admission numbers are unique per school.
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupApi } from '../../edge/api/core/testing.ts'
import { type CourseSchool, courseSchool } from '../../edge/api/courses/testing.ts'
import { authTestApp, decodeJwt } from '../../edge/auth/testing.ts'
import { pupilLoginEmail } from '../../edge/contract/pupils-values.ts'
import { withUser } from '../../edge/lib/db.ts'
import { SUPABASE_URL } from '../support/fixtures.ts'

let api: Awaited<ReturnType<typeof setupApi>>
let auth: Awaited<ReturnType<typeof authTestApp>>
let s: CourseSchool
let classId: string
let code: string

beforeAll(async () => {
  api = await setupApi()
  auth = await authTestApp()
  s = await courseSchool(api.sql)
  const made = await api.call('POST', `/tenants/${s.tenant.id}/classes`, {
    token: s.admin.token,
    body: { name: 'Grade 2 Blue' },
  })
  classId = made.body.id
  await api.call('POST', `/classes/${classId}/teachers`, {
    token: s.admin.token,
    body: { user_ids: [s.teacher.id] },
  })
  ;[{ code }] = await api.sql<{ code: string }[]>`select code from public.tenants where id = ${s.tenant.id}`
})
afterAll(async () => {
  await auth?.close()
  await api?.close()
})

/** A supabase-js client whose requests go to the local auth app. */
function client(): SupabaseClient {
  return createClient(SUPABASE_URL, auth.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: async (input, init) => auth.app.fetch(new Request(input, init)) },
    realtime: { transport: WebSocket as never },
  })
}

const path = () => `/classes/${classId}/pupil-accounts`
const run = Date.now().toString(36).toUpperCase()
const admission = (n: number) => `${run}/${n}`
/** A signed-in pupil's token claims (the sign-in test keeps them for the read test). */
let pupilClaims: typeof s.admin.claims

describe('pupil accounts', () => {
  it('gives every school a short code that never changes', async () => {
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/)
    await expect(
      api.sql`update public.tenants set code = 'AAAAAA' where id = ${s.tenant.id}`,
    ).rejects.toThrow(/never changes/)
  })

  it('an admin makes accounts for a class; admission numbers are unique per school in any case', async () => {
    const a1 = admission(1)
    const made = await api.call('POST', path(), {
      token: s.admin.token,
      body: {
        pupils: [
          { name: 'Amani Otieno', admission_no: a1 },
          { name: 'Zawadi Njeri', admission_no: admission(2) },
        ],
      },
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      school_code: code,
      class_name: 'Grade 2 Blue',
      school_name: s.tenant.name,
    })
    expect(made.body.pupils.map((p: { display_name: string }) => p.display_name)).toEqual([
      'Amani Otieno',
      'Zawadi Njeri',
    ])
    for (const p of made.body.pupils) expect(p.password).toMatch(/^[a-z]+-[a-z]+-\d{3}$/)

    // Each is a student of the school in the class, with a blank profile email and the flag set.
    const [row] = await api.sql`
      select m.role, cm.class_id, p.email as profile_email, u.email, u.encrypted_password,
        u.raw_app_meta_data -> 'must_change_password' as flag
      from public.memberships m join public.class_members cm on cm.user_id = m.user_id
      join public.profiles p on p.id = m.user_id join auth.users u on u.id = m.user_id
      where m.user_id = ${made.body.pupils[0].user_id}`
    expect(row).toMatchObject({ role: 'student', class_id: classId, profile_email: '', flag: true })
    expect(row?.email).toBe(pupilLoginEmail(code.toLowerCase(), a1))
    expect(row?.encrypted_password).toMatch(/^\$2a\$10\$/)

    const again = await api.call('POST', path(), {
      token: s.admin.token,
      body: { pupils: [{ name: 'Someone Else', admission_no: a1.toLowerCase() }] },
    })
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([
      409,
      'admission_taken',
      { numbers: a1.toLowerCase() },
    ])
    const twice = await api.call('POST', path(), {
      token: s.admin.token,
      body: {
        pupils: [
          { name: 'A', admission_no: 'X-1' },
          { name: 'B', admission_no: 'x-1' },
        ],
      },
    })
    expect([twice.status, twice.body.error.details.issues[0].path]).toEqual([400, 'pupils.1.admission_no'])
    const bad = await api.call('POST', path(), {
      token: s.admin.token,
      body: { pupils: [{ name: 'A', admission_no: '12 34' }] },
    })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'pupils.0.admission_no'])

    const list = await api.call('GET', path(), { token: s.teacher.token })
    expect(list.body.school_code).toBe(code)
    expect(list.body.accounts.map((a: { admission_no: string }) => a.admission_no)).toEqual([
      a1,
      admission(2),
    ])
    expect(list.body.accounts[0]).toMatchObject({ must_change_password: true, last_sign_in_at: null })
    expect(JSON.stringify(list.body)).not.toMatch(/"password"|pupils\.invalid/)
  })

  it('another school, students, parents, staff and other teachers cannot make accounts or see them', async () => {
    const body = { pupils: [{ name: 'Nope', admission_no: admission(9) }] }
    for (const [who, status, errorCode] of [
      [s.stranger, 404, 'class_not_found'],
      [s.student, 404, 'class_not_found'],
      [s.parent, 404, 'class_not_found'],
      [s.colleague, 403, 'pupil_accounts_forbidden'],
      [s.staff, 403, 'pupil_accounts_forbidden'],
    ] as const) {
      const res = await api.call('POST', path(), { token: who.token, body })
      expect([res.status, res.body.error.code]).toEqual([status, errorCode])
      const list = await api.call('GET', path(), { token: who.token })
      expect([list.status, list.body.error.code]).toEqual([status, errorCode])
    }
    // Straight to the database as a student: the function checks too, and the table takes no writes.
    await expect(
      withUser(
        api.sql,
        s.student.claims,
        (tx) => tx`select * from public.create_pupil_accounts(${classId}, '[]')`,
      ),
    ).rejects.toThrow(/No such class/)
    await expect(
      withUser(
        api.sql,
        s.admin.claims,
        (tx) => tx`insert into public.pupil_accounts (user_id, tenant_id, admission_no)
                   values (${s.student.id}, ${s.tenant.id}, 'FAKE1')`,
      ),
    ).rejects.toThrow(/row-level security/)
  })

  it('the class teacher makes one; the pupil signs in with code and admission number and must change the password', async () => {
    const number = admission(3)
    const made = await api.call('POST', path(), {
      token: s.teacher.token,
      body: { pupils: [{ name: 'Baraka Kamau', admission_no: number }] },
    })
    expect(made.status).toBe(201)
    const { password, user_id } = made.body.pupils[0]

    // Wrong password, wrong school code, unknown number: the same error as any wrong password.
    for (const [c, n, p] of [
      [code, number, 'twiga-mvua-000'],
      ['ZZZZZZ', number, password],
      [code, `${number}9`, password],
    ]) {
      const wrong = await client().auth.signInWithPassword({
        email: pupilLoginEmail(c, n) as string,
        password: p,
      })
      expect(wrong.error?.code).toBe('invalid_credentials')
    }

    const pupil = client()
    const { data, error } = await pupil.auth.signInWithPassword({
      email: pupilLoginEmail(code.toLowerCase(), number.toLowerCase()) as string,
      password,
    })
    expect(error).toBeNull()
    expect(data.user?.id).toBe(user_id)
    expect(data.user?.app_metadata.must_change_password).toBe(true)
    expect(decodeJwt(data.session?.access_token as string).payload.app_metadata.must_change_password).toBe(
      true,
    )

    const changed = await pupil.auth.updateUser({ password: 'my-own-secret-7' })
    expect(changed.error).toBeNull()
    expect(changed.data.user?.app_metadata.must_change_password).toBeUndefined()
    const refreshed = await pupil.auth.refreshSession()
    pupilClaims = decodeJwt(refreshed.data.session?.access_token as string).payload
    expect(pupilClaims.app_metadata).not.toHaveProperty('must_change_password')
    const list = await api.call('GET', path(), { token: s.admin.token })
    const mine = list.body.accounts.find((a: { user_id: string }) => a.user_id === user_id)
    expect(mine.must_change_password).toBe(false)
    expect(mine.last_sign_in_at).not.toBeNull()
  })

  it('a class teacher resets a pupil’s password: a new first password, sessions ended, audited', async () => {
    const number = admission(4)
    const made = await api.call('POST', path(), {
      token: s.admin.token,
      body: { pupils: [{ name: 'Neema Wanjiku', admission_no: number }] },
    })
    const { password: first, user_id } = made.body.pupils[0]
    const email = pupilLoginEmail(code, number) as string
    const pupil = client()
    await pupil.auth.signInWithPassword({ email, password: first })
    await pupil.auth.updateUser({ password: 'chosen-by-me-4' })

    const resetPath = `${path()}/${user_id}/password-reset`
    for (const [who, status, errorCode] of [
      [s.stranger, 404, 'class_not_found'],
      [s.student, 404, 'class_not_found'],
      [s.colleague, 403, 'pupil_accounts_forbidden'],
    ] as const) {
      const res = await api.call('POST', resetPath, { token: who.token })
      expect([res.status, res.body.error.code]).toEqual([status, errorCode])
    }
    // Only accounts the school made: a student with an email address is not reset here.
    await api.call('POST', `/classes/${classId}/students`, {
      token: s.admin.token,
      body: { user_ids: [s.classmate.id] },
    })
    const emailStudent = await api.call('POST', `${path()}/${s.classmate.id}/password-reset`, {
      token: s.teacher.token,
    })
    expect([emailStudent.status, emailStudent.body.error.code]).toEqual([404, 'pupil_not_found'])

    const reset = await api.call('POST', resetPath, { token: s.teacher.token })
    expect(reset.status).toBe(200)
    const [again] = reset.body.pupils
    expect(again).toMatchObject({ user_id, admission_no: number, display_name: 'Neema Wanjiku' })
    expect(again.password).not.toBe(first)

    expect((await pupil.auth.refreshSession()).error).not.toBeNull() // signed out everywhere
    const old = await client().auth.signInWithPassword({ email, password: 'chosen-by-me-4' })
    expect(old.error?.code).toBe('invalid_credentials')
    const fresh = await client().auth.signInWithPassword({ email, password: again.password })
    expect(fresh.data.user?.app_metadata.must_change_password).toBe(true)

    const [entry] = await api.sql`
      select actor_id, details from public.audit_log
      where tenant_id = ${s.tenant.id} and action = 'pupil.password_reset' and target_id = ${user_id}`
    expect(entry).toMatchObject({
      actor_id: s.teacher.id,
      details: { class_id: classId, admission_no: number },
    })
    const [created] = await api.sql`
      select count(*)::int as n from public.audit_log
      where tenant_id = ${s.tenant.id} and action = 'pupils.accounts_created' and target_id = ${classId}`
    expect(created?.n).toBeGreaterThanOrEqual(3)
  })

  it('pupil accounts are read by admins, the pupil’s class teachers and the pupil only', async () => {
    const count = (claims: typeof s.admin.claims) =>
      withUser(api.sql, claims, async (tx) => {
        const [row] = await tx<{ n: number }[]>`select count(*)::int as n from public.pupil_accounts`
        return row?.n
      })
    const [{ n: all }] = await api.sql<{ n: number }[]>`
      select count(*)::int as n from public.pupil_accounts where tenant_id = ${s.tenant.id}`
    expect(await count(s.admin.claims)).toBe(all)
    expect(await count(s.teacher.claims)).toBe(all)
    for (const who of [s.colleague, s.staff, s.student, s.parent, s.stranger]) {
      expect(await count(who.claims)).toBe(0)
    }
    expect(await count(pupilClaims)).toBe(1)
  })

  it('emails to a pupil’s sign-in address never enter the outbox; real addresses still do', async () => {
    const pupil = pupilLoginEmail(code, 'MAIL/1') ?? ''
    expect(pupil).toMatch(/\.pupils\.invalid$/)
    const real = `parent-${Date.now()}@example.com`
    for (const to of [pupil, real])
      await api.sql`insert into private.outbox_emails (to_email, subject, body_text, kind)
        values (${to}, 'Reset', 'Your link', 'recovery')`
    const rows = await api.sql<{ to_email: string }[]>`
      select to_email from private.outbox_emails where to_email in (${pupil}, ${real})`
    expect(rows.map((r) => r.to_email)).toEqual([real])
  })
})
