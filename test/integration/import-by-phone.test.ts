// Class-list rows with a phone number and no email (20261208120000_import_by_phone.sql): the import
// makes a student account for each new number, already in its class, and the student signs in
// through supabase-js with the number and an SMS code (the local mailbox's text). Numbers in any
// form people write them are one number; a number that signs in elsewhere is not taken over; a
// re-run creates nothing; another school's owner cannot import here.
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupApi } from '../../edge/api/core/testing.ts'
import { type CourseSchool, courseSchool } from '../../edge/api/courses/testing.ts'
import { authTestApp } from '../../edge/auth/testing.ts'
import { SUPABASE_URL } from '../support/fixtures.ts'

let api: Awaited<ReturnType<typeof setupApi>>
let auth: Awaited<ReturnType<typeof authTestApp>>
let s: CourseSchool

beforeAll(async () => {
  ;[api, auth] = await Promise.all([setupApi(), authTestApp()])
  s = await courseSchool(api.sql)
})
afterAll(async () => {
  await auth?.close()
  await api?.close()
})

/** A fresh Kenyan mobile number: [as a class list writes it, E.164 digits]. */
function freshPhone(): [string, string] {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
  return [`07${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`, `2547${rest}`]
}

const run = Date.now().toString(36)
const klass = `Grade 4 West ${run}`
const [wanjiru, wanjiruDigits] = freshPhone()
const [, otienoDigits] = freshPhone()
const [taken, takenDigits] = freshPhone()
const ROWS = [
  { name: 'Wanjiru Kamau', email: '', phone: wanjiru, grade: '4', class: klass },
  { name: 'Otieno Juma', phone: `+${otienoDigits}`, class: klass },
  { name: 'Wanjiru Again', phone: wanjiru.replace(/^0/, '254').replace(/ /g, '-') },
  { name: 'Short Number', phone: '12345' },
  { name: 'No Contact', email: '', class: klass },
  { name: 'Parent Elsewhere', phone: taken },
  { name: 'Both Given', email: `both.${run}@import.kipindi.test`, phone: freshPhone()[0] },
]
const path = () => `/tenants/${s.tenant.id}/student-imports`

describe('importing students by phone number', () => {
  beforeAll(async () => {
    // The number already signs in to someone outside the school.
    await api.sql`update auth.users set phone = ${takenDigits} where id = ${s.stranger.id}`
  })

  it('previews each row: an account for a new number, or why the row is left out', async () => {
    const preview = await api.call('POST', `${path()}/preview`, {
      token: s.admin.token,
      body: { rows: ROWS },
    })
    expect(preview.status).toBe(200)
    expect(preview.body.rows.map((r: { status: string }) => r.status)).toEqual([
      'new_account',
      'new_account',
      'duplicate',
      'bad_phone',
      'missing_contact',
      'phone_taken',
      'new',
    ])
    const [{ n }] = await api.sql`select count(*)::int as n from auth.users where phone = ${wanjiruDigits}`
    expect(n).toBe(0)
  })

  it('makes the accounts, students in their class at once; a re-run creates nothing', async () => {
    const first = await api.call('POST', path(), { token: s.admin.token, body: { rows: ROWS } })
    expect(first.body).toEqual({
      invited: 1,
      accounts_created: 2,
      already_invited: 0,
      placed: 2,
      classes_created: 1,
      rejected: 4,
    })
    const made = await api.sql<
      { phone: string; email: string | null; role: string; class: string; name: string }[]
    >`
      select u.phone, u.email, m.role, c.name as class, p.display_name as name
      from auth.users u
      join public.memberships m on m.user_id = u.id and m.tenant_id = ${s.tenant.id}
      join public.profiles p on p.id = u.id
      left join public.class_members cm on cm.user_id = u.id
      left join public.classes c on c.id = cm.class_id
      where u.phone in ${api.sql([wanjiruDigits, otienoDigits])} order by u.phone`
    expect(made).toEqual(
      [
        { phone: wanjiruDigits, email: null, role: 'student', class: klass, name: 'Wanjiru Kamau' },
        { phone: otienoDigits, email: null, role: 'student', class: klass, name: 'Otieno Juma' },
      ].sort((a, b) => a.phone.localeCompare(b.phone)),
    )
    const [stranger] =
      await api.sql`select count(*)::int as n from public.memberships where user_id = ${s.stranger.id} and tenant_id = ${s.tenant.id}`
    expect(stranger?.n).toBe(0)

    const again = await api.call('POST', path(), { token: s.admin.token, body: { rows: ROWS } })
    expect(again.body).toEqual({
      invited: 0,
      accounts_created: 0,
      already_invited: 1,
      placed: 0,
      classes_created: 0,
      rejected: 6,
    })
    const [audit] = await api.sql`
      select details from public.audit_log where tenant_id = ${s.tenant.id} and action = 'students.imported'
      order by created_at limit 1`
    expect(audit?.details).toMatchObject({ accounts_created: 2, invited: 1, rejected: 4 })
  })

  it('the student signs in with the number and an SMS code, and the number is then confirmed', async () => {
    const supabase = createClient(SUPABASE_URL, auth.keys.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      global: { fetch: async (input, init) => auth.app.fetch(new Request(input, init)) },
      realtime: { transport: WebSocket as never },
    })
    const sent = await supabase.auth.signInWithOtp({ phone: wanjiru, options: { shouldCreateUser: false } })
    expect(sent.error).toBeNull()
    const [text] = await api.sql<{ body_text: string }[]>`
      select body_text from private.outbox_sms where to_phone = ${`+${wanjiruDigits}`} order by created_at desc limit 1`
    const token = /\b(\d{6})\b/.exec(text?.body_text ?? '')?.[1] ?? ''
    const { data, error } = await supabase.auth.verifyOtp({ phone: wanjiru, token, type: 'sms' })
    expect(error).toBeNull()
    expect(data.user?.phone).toBe(wanjiruDigits)
    expect(data.user?.user_metadata.display_name).toBe('Wanjiru Kamau')
    const [user] = await api.sql`select phone_confirmed_at from auth.users where phone = ${wanjiruDigits}`
    expect(user?.phone_confirmed_at).toBeInstanceOf(Date)
  })

  it('only the school’s owners and admins import; nothing changes for anyone else', async () => {
    const [, digits] = freshPhone()
    const rows = [{ name: 'Nobody', phone: `+${digits}` }]
    const tries = [s.teacher, s.staff, s.student, s.parent, s.stranger].map(async (who) => {
      const res = await api.call('POST', path(), { token: who.token, body: { rows } })
      return res.status
    })
    // Another school's owner is told there is no such school.
    expect(await Promise.all(tries)).toEqual([403, 403, 403, 403, 404])
    const [{ n }] = await api.sql`select count(*)::int as n from auth.users where phone = ${digits}`
    expect(n).toBe(0)
  })

  it('refuses the accounts when the plan has no seats for them, making none', async () => {
    const [, digits] = freshPhone()
    await api.sql`insert into public.school_entitlements (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes)
      values (${s.tenant.id}, 'standard', 1, 0, 0, 0)
      on conflict (tenant_id) do update set seats = 1`
    const full = await api.call('POST', path(), {
      token: s.admin.token,
      body: { rows: [{ name: 'One Too Many', phone: `+${digits}` }] },
    })
    expect([full.status, full.body.error.code]).toEqual([409, 'seats_full'])
    const [{ n }] = await api.sql`select count(*)::int as n from auth.users where phone = ${digits}`
    expect(n).toBe(0)
  })
})
