import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

// Bulk import of students: the preview's per-row statuses, the import's invitations and class
// placements, an invited student landing in their class on accepting, a re-run creating nothing,
// and 5,000 rows in one request (timed loosely, printed, not asserted).

let api: Awaited<ReturnType<typeof setupApi>>
let owner: TestUser
let admin: TestUser
let teacher: TestUser
let member: TestUser
let tenantId: string

beforeAll(async () => {
  api = await setupApi()
  owner = await createUser(api.sql)
  admin = await createUser(api.sql)
  teacher = await createUser(api.sql)
  member = await createUser(api.sql, { name: 'Already Here' })
  const t = await createTenant(api.sql, owner, [
    [admin, 'admin'],
    [teacher, 'instructor'],
    [member, 'student'],
  ])
  tenantId = t.id
  // Premium: 5,000 student seats, and a few more for the rows of the first tests.
  await api.sql`insert into public.school_entitlements (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes)
    values (${tenantId}, 'premium', 5100, 0, 0, 0)`
})
afterAll(() => api?.close())

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const path = (tail = '') => `/tenants/${tenantId}/student-imports${tail}`
const stamp = Date.now().toString(36)
const mail = (n: string) => `${n}.${stamp}@import.kipindi.test`

const ROWS = [
  { name: 'Amina Njeri', email: mail('amina'), grade: '7', class: `7 East ${stamp}` },
  { name: 'Baraka Otieno', email: mail('Baraka').toUpperCase(), grade: '7', class: `7 east ${stamp}` },
  { name: '', email: mail('noname'), grade: '7', class: `7 East ${stamp}` },
  { name: 'Bad Email', email: 'not-an-email', grade: '7', class: `7 East ${stamp}` },
  { name: 'Amina Again', email: mail('amina'), grade: '7', class: `7 East ${stamp}` },
  { name: 'Already Here', email: '', grade: '7', class: '' },
  { name: 'No Class', email: mail('noclass') },
]

beforeAll(() => {
  ;(ROWS[5] as { email: string }).email = member.email
})

describe('student import', () => {
  it('previews each row: new, or why it is left out; nothing is written', async () => {
    const preview = await call('POST', path('/preview'), { token: admin.token, body: { rows: ROWS } })
    expect(preview.status).toBe(200)
    expect(preview.body.rows.map((r: { status: string }) => r.status)).toEqual([
      'new',
      'new',
      'missing_name',
      'bad_email',
      'duplicate',
      'already_member',
      'new',
    ])
    expect(preview.body.seats_left).toBe(5099)
    const [{ n }] =
      await api.sql`select count(*)::int as n from public.invitations where tenant_id = ${tenantId}`
    expect(n).toBe(0)
    const denied = await call('POST', path('/preview'), { token: teacher.token, body: { rows: ROWS } })
    expect([denied.status, denied.body.error.code]).toEqual([403, 'admins_only'])
  })

  it('imports the valid rows once; a re-run creates nothing; the student joins their class on accepting', async () => {
    const first = await call('POST', path(), { token: admin.token, body: { rows: ROWS } })
    expect(first.body).toEqual({
      invited: 3,
      accounts_created: 0,
      already_invited: 0,
      placed: 2,
      classes_created: 1,
      rejected: 4,
    })
    const again = await call('POST', path(), { token: admin.token, body: { rows: ROWS } })
    expect(again.body).toEqual({
      invited: 0,
      accounts_created: 0,
      already_invited: 3,
      placed: 0,
      classes_created: 0,
      rejected: 4,
    })

    const invites =
      await api.sql`select email, role from public.invitations where tenant_id = ${tenantId} order by email`
    expect(invites.map((i) => `${i.email} ${i.role}`)).toEqual(
      [mail('amina'), mail('baraka'), mail('noclass')].sort().map((e) => `${e} student`),
    )
    const [{ n: mails }] = await api.sql`
      select count(*)::int as n from private.outbox_emails where to_email in ${api.sql([mail('amina'), mail('baraka')])}`
    expect(mails).toBe(2)
    const audits = await api.sql`
      select details from public.audit_log where tenant_id = ${tenantId} and action = 'students.imported' order by created_at`
    expect(audits.map((a) => a.details.invited)).toEqual([3, 0])

    // Amina accepts with her own account: she is a student, in "7 East".
    const [email] = await api.sql`
      select action_url from private.outbox_emails where to_email = ${mail('amina')} order by created_at desc limit 1`
    const token = String(email?.action_url).split('/invite/')[1]
    const amina = await createUser(api.sql, { email: mail('amina'), name: 'Amina Njeri' })
    const accepted = await call('POST', '/invitations/accept', { token: amina.token, body: { token } })
    expect(accepted.status).toBe(200)
    const list = await call('GET', `/tenants/${tenantId}/classes`, { token: admin.token })
    const klass = list.body.find((c: { name: string }) => c.name === `7 East ${stamp}`)
    expect(klass).toMatchObject({ student_count: 1, pending_count: 1, grade_level: '7' })
    const detail = await call('GET', `/classes/${klass.id}`, { token: admin.token })
    expect(detail.body.students).toEqual([{ user_id: amina.id, display_name: 'Amina Njeri' }])
    expect(detail.body.pending.map((p: { email: string }) => p.email)).toEqual([mail('baraka')])
  })

  it('refuses more than 5,000 rows and rows with unknown fields, changing nothing', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ name: `S ${i}`, email: `s${i}@x.test` }))
    const tooMany = await call('POST', path(), { token: admin.token, body: { rows: many } })
    expect([tooMany.status, tooMany.body.error.details.issues[0].path]).toEqual([400, 'rows'])
    const odd = await call('POST', path(), {
      token: admin.token,
      body: { rows: [{ name: 'A', email: 'a@b.co', age: 3 }] },
    })
    expect(odd.status).toBe(400)
    const huge = await call('POST', path(), {
      token: admin.token,
      raw: JSON.stringify({ rows: [], pad: 'x'.repeat(5_000_000) }),
    })
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large'])
  })

  it("refuses the whole import when it would pass the plan's student seats", async () => {
    const small = await createTenant(api.sql, owner)
    const rows = Array.from({ length: 51 }, (_, i) => ({ name: `S ${i}`, email: `seat${i}.${stamp}@x.test` }))
    const full = await call('POST', `/tenants/${small.id}/student-imports`, {
      token: owner.token,
      body: { rows },
    })
    expect([full.status, full.body.error.code]).toEqual([409, 'seats_full'])
    const [{ n }] =
      await api.sql`select count(*)::int as n from public.invitations where tenant_id = ${small.id}`
    expect(n).toBe(0)
    const fits = await call('POST', `/tenants/${small.id}/student-imports`, {
      token: owner.token,
      body: { rows: rows.slice(0, 50) },
    })
    expect(fits.body.invited).toBe(50)
  })

  it('imports 5,000 students in one request', async () => {
    const rows = Array.from({ length: 4995 }, (_, i) => ({
      name: `Student ${i}`,
      email: `bulk${i}.${stamp}@import.kipindi.test`,
      grade: String(1 + (i % 8)),
      class: `Bulk ${stamp} ${i % 40}`,
    }))
    const started = performance.now()
    const res = await call('POST', path(), { token: admin.token, body: { rows } })
    const ms = performance.now() - started
    console.log(`5,000-row import: ${Math.round(ms)} ms (${Math.round(rows.length / (ms / 1000))} rows/s)`)
    expect(res.body).toEqual({
      invited: 4995,
      accounts_created: 0,
      already_invited: 0,
      placed: 4995,
      classes_created: 40,
      rejected: 0,
    })
    const rerun = await call('POST', path(), { token: admin.token, body: { rows } })
    expect(rerun.body).toMatchObject({ invited: 0, already_invited: 4995, placed: 0, classes_created: 0 })
  })
})
