import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import type { AuditEntry } from '../../contract/audit.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

interface School {
  t: { id: string; slug: string; name: string }
  owner: TestUser
  admin: TestUser
  instructor: TestUser
  student: TestUser
  parent: TestUser
}

/** A school whose admin is named like a spreadsheet formula, and whose admin changed a role from a known address. */
async function school(): Promise<School> {
  const owner = await createUser(sql, { name: 'Olive Owner' })
  const admin = await createUser(sql, { name: '=HYPERLINK("http://evil.test","Click")' })
  const instructor = await createUser(sql, { name: 'Ian Instructor' })
  const student = await createUser(sql, { name: 'Sara Student' })
  const parent = await createUser(sql, { name: 'Pat Parent' })
  const t = await createTenant(sql, owner, [
    [admin, 'admin'],
    [instructor, 'instructor'],
    [student, 'student'],
    [parent, 'parent'],
  ])
  const res = await call('PATCH', `/tenants/${t.id}/members/${student.id}`, {
    token: admin.token,
    body: { role: 'staff' },
    headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
  })
  expect(res.status).toBe(200)
  return { t, owner, admin, instructor, student, parent }
}

let s: School
let other: School
let superadmin: TestUser
beforeAll(async () => {
  ;[s, other, superadmin] = await Promise.all([
    school(),
    school(),
    createUser(sql, { platformRole: 'superadmin' }),
  ])
})

const page = (who: TestUser, query = '', tenant = s.t.id) =>
  call('GET', `/tenants/${tenant}/audit${query}`, { token: who.token })

describe('GET /api/tenants/:id/audit', () => {
  it('shows admins their school’s entries newest first, with actor names, IP and before → after', async () => {
    const res = await page(s.admin)
    expect(res.status).toBe(200)
    const entries: AuditEntry[] = res.body.entries
    expect(entries.map((e) => e.action).sort()).toEqual([
      ...Array(5).fill('member.added'),
      'member.role_changed',
      'tenant.created',
    ])
    expect(entries[0].action).toBe('member.role_changed') // the newest
    expect(entries.map((e) => e.id)).toEqual(entries.map((e) => e.id).sort((a, b) => b - a))
    expect(entries[0]).toMatchObject({
      actor_id: s.admin.id,
      actor_name: '=HYPERLINK("http://evil.test","Click")',
      target_type: 'user',
      target_id: s.student.id,
      ip: '203.0.113.7',
      details: { from: 'student', to: 'staff' },
    })
    expect(Date.parse(entries[0].created_at)).not.toBeNaN()
    expect(res.body.next_before).toBeNull()
    // Never another school's entries.
    expect(entries.every((e) => e.target_id !== other.student.id)).toBe(true)
  })

  it('is for owners, admins and superadmins only', async () => {
    for (const who of [s.owner, s.admin, superadmin]) expect((await page(who)).status, who.email).toBe(200)
    for (const who of [s.instructor, s.parent]) {
      const res = await page(who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error.code).toBe('admins_only')
    }
    // The student is staff now; staff are not admins either.
    expect((await page(s.student)).status).toBe(403)
    expect((await page(other.admin)).status).toBe(404)
    expect((await call('GET', `/tenants/${s.t.id}/audit`)).status).toBe(401)
  })

  it('filters by action or family, actor, target type and days on the school clock', async () => {
    const actions = async (query: string) =>
      (await page(s.owner, query)).body.entries.map((e: AuditEntry) => e.action)
    expect(await actions('?action=member.role_changed')).toEqual(['member.role_changed'])
    expect(await actions('?action=member')).toHaveLength(6)
    expect(await actions('?action=member.add')).toEqual([]) // a family is a whole word
    expect(await actions(`?actor=${s.admin.id}`)).toEqual(['member.role_changed'])
    expect(await actions('?target_type=tenant')).toEqual(['tenant.created'])
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(new Date())
    expect(await actions(`?from=${today}&to=${today}`)).toHaveLength(7)
    expect(await actions('?to=2020-01-01')).toEqual([])

    // A day is the school's: 22:30 UTC on 10 January is already the 11th in Nairobi.
    const t = await createTenant(sql, s.owner, [])
    await sql`insert into public.audit_log (tenant_id, actor_id, action, target_type, created_at)
              values (${t.id}, ${s.owner.id}, 'course.created', 'course', '2026-01-10T22:30:00Z')`
    const on = async (day: string) =>
      (await page(s.owner, `?from=${day}&to=${day}`, t.id)).body.entries.map((e: AuditEntry) => e.action)
    expect(await on('2026-01-11')).toEqual(['course.created'])
    expect(await on('2026-01-10')).toEqual([])
  })

  it('pages by next_before without gaps or repeats', async () => {
    const all = (await page(s.owner)).body.entries.map((e: AuditEntry) => e.id)
    const seen: number[] = []
    let before: number | null = null
    do {
      const res = await page(s.owner, `?limit=3${before ? `&before=${before}` : ''}`)
      seen.push(...res.body.entries.map((e: AuditEntry) => e.id))
      before = res.body.next_before
    } while (before !== null)
    expect(seen).toEqual(all)
  })

  it('answers 400 with field paths for filters it cannot use', async () => {
    const res = await page(
      s.owner,
      `?action=${encodeURIComponent("x'; drop")}&from=2026-13-40&limit=500&actor=me`,
    )
    expect(res.status).toBe(400)
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['action', 'actor', 'from', 'limit'])
  })
})

describe('GET /api/tenants/:id/audit/export', () => {
  it('is a CSV of the filtered entries whose formula-like cells are inert', async () => {
    const res = await call('GET', `/tenants/${s.t.id}/audit/export?action=member.role_changed`, {
      token: s.owner.token,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const lines = res.text.split('\r\n')
    expect(lines[0]).toBe(
      'time,actor,actor_id,action,target_type,target_id,ip,details,impersonator,impersonator_id',
    )
    expect(lines).toHaveLength(3) // header, one entry, the final CRLF
    expect(lines[1]).toContain(
      `,"'=HYPERLINK(""http://evil.test"",""Click"")",${s.admin.id},member.role_changed,`,
    )
    expect(lines[1]).toContain(`,203.0.113.7,"{""to"":""staff"",""from"":""student""}"`)
    expect(lines[2]).toBe('')
  })

  it('is refused to those who cannot read the log', async () => {
    expect((await call('GET', `/tenants/${s.t.id}/audit/export`, { token: s.instructor.token })).status).toBe(
      403,
    )
    expect((await call('GET', `/tenants/${s.t.id}/audit/export`, { token: other.owner.token })).status).toBe(
      404,
    )
    expect((await call('GET', `/tenants/${s.t.id}/audit/export`, { token: superadmin.token })).status).toBe(
      200,
    )
  })
})
