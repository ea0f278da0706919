import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

// The platform dashboard's route (issue 20). Its figures are checked against an independent
// computation in test/integration/platform-weekly.test.ts; here: the answer's shape, the current
// week last, what this file adds showing up, and who may ask. Other files share the database, so
// counts are compared as "at least".
const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let superadmin: TestUser
let owner: TestUser
let student: TestUser

beforeAll(async () => {
  superadmin = await createUser(sql, { platformRole: 'superadmin' })
  ;[owner, student] = await Promise.all([createUser(sql), createUser(sql)])
  const school = await createTenant(sql, owner, [[student, 'student']])
  await sql`insert into public.tickets (tenant_id, number, requester_id, subject, category)
    values (${school.id}, 1, ${student.id}, 'The video does not start', 'technical')`
})

const as = (user: TestUser) => ({ token: user.token })

/** This week's Monday in Nairobi (UTC+3 all year), as the API writes it. */
function mondayInNairobi(now = new Date()) {
  const local = new Date(now.getTime() + 3 * 3_600_000)
  local.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7))
  return local.toISOString().slice(0, 10)
}

describe('GET /api/admin/platform/weekly', () => {
  it('gives superadmins the last 12 weeks, the current one last, and the platform now', async () => {
    const res = await call('GET', '/admin/platform/weekly', as(superadmin))
    expect(res.status).toBe(200)
    expect(res.body.time_zone).toBe('Africa/Nairobi')
    expect(res.body.weeks).toHaveLength(12)
    const last = res.body.weeks.at(-1)
    expect(last.week).toBe(mondayInNairobi())
    expect(Date.parse(res.body.weeks[0].week)).toBe(Date.parse(last.week) - 11 * 7 * 86_400_000)
    // This file's school was created and opened a ticket this week.
    expect(last.schools_new).toBeGreaterThanOrEqual(1)
    expect(last.tickets_opened).toBeGreaterThanOrEqual(1)
    expect(last.schools_active).toBeGreaterThanOrEqual(1)
    const { totals } = res.body
    expect(totals.schools_by_status.active).toBeGreaterThanOrEqual(1)
    expect(Object.keys(totals.schools_by_status).sort()).toEqual(['active', 'deleted', 'suspended'])
    expect(totals.members_by_role.owner).toBeGreaterThanOrEqual(1)
    expect(totals.members_by_role.student).toBeGreaterThanOrEqual(1)
    expect(totals.people).toBeGreaterThanOrEqual(2)
  })

  it('takes 1 to 52 weeks: 422 weeks_range outside, 400 for what is not a whole number', async () => {
    const one = await call('GET', '/admin/platform/weekly?weeks=1', as(superadmin))
    expect(one.status).toBe(200)
    expect(one.body.weeks).toHaveLength(1)
    expect((await call('GET', '/admin/platform/weekly?weeks=52', as(superadmin))).body.weeks).toHaveLength(52)
    for (const weeks of [0, 53]) {
      const res = await call('GET', `/admin/platform/weekly?weeks=${weeks}`, as(superadmin))
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('weeks_range')
    }
    const bad = await call('GET', '/admin/platform/weekly?weeks=twelve', as(superadmin))
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('weeks')
  })

  it('refuses school owners and students (403) and the signed out (401)', async () => {
    for (const who of [owner, student]) {
      const res = await call('GET', '/admin/platform/weekly', as(who))
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('superadmins_only')
    }
    expect((await call('GET', '/admin/platform/weekly')).status).toBe(401)
  })
})
