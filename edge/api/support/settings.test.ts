import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CannedReplyList, SlaSettings, SupportAgentList, TICKET_PRIORITIES } from '../../contract/support.ts'
import { setupApi } from '../core/testing.ts'
import { DEFAULT_SLA } from './sla-settings.ts'
import { type SupportSchool, supportSchool } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

describe('canned replies', () => {
  it('lets support staff list and add them, and authors and admins change and delete them', async () => {
    const base = `/tenants/${s.tenant.id}/canned-replies`
    const made = await call('POST', base, {
      token: s.staff.token,
      body: { title: ' Greeting ', body: 'Hello {{requester_name}}!' },
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ tenant_id: s.tenant.id, title: 'Greeting', created_by: s.staff.id })
    await call('POST', base, { token: s.admin.token, body: { title: 'Apology', body: 'Sorry about that.' } })
    const list = await call('GET', base, { token: s.staff2.token })
    expect(list.status).toBe(200)
    CannedReplyList.parse(list.body)
    expect(list.body.map((r: { title: string }) => r.title)).toEqual(['Apology', 'Greeting'])

    const other = await call('PATCH', `/canned-replies/${made.body.id}`, {
      token: s.staff2.token,
      body: { title: 'Hi' },
    })
    expect(other.status).toBe(403)
    const own = await call('PATCH', `/canned-replies/${made.body.id}`, {
      token: s.staff.token,
      body: { title: 'Hi' },
    })
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ title: 'Hi', body: 'Hello {{requester_name}}!' })
    const admin = await call('PATCH', `/canned-replies/${made.body.id}`, {
      token: s.admin.token,
      body: { body: 'Hey' },
    })
    expect(admin.body.body).toBe('Hey')
    expect((await call('DELETE', `/canned-replies/${made.body.id}`, { token: s.staff2.token })).status).toBe(
      403,
    )
    expect((await call('DELETE', `/canned-replies/${made.body.id}`, { token: s.staff.token })).status).toBe(
      204,
    )
    expect((await call('DELETE', `/canned-replies/${made.body.id}`, { token: s.staff.token })).status).toBe(
      404,
    )
  })

  it('is closed to students (403) and other schools (404), and checks input (400)', async () => {
    const base = `/tenants/${s.tenant.id}/canned-replies`
    expect((await call('GET', base, { token: s.student.token })).status).toBe(403)
    expect((await call('GET', base, { token: s.instructor.token })).status).toBe(403)
    expect((await call('GET', base, { token: s.stranger.token })).status).toBe(404)
    const student = await call('POST', base, { token: s.student.token, body: { title: 'X', body: 'Y' } })
    expect(student.status).toBe(403)
    const [reply] = await sql`select id from public.canned_replies where tenant_id = ${s.tenant.id} limit 1`
    const stranger = await call('PATCH', `/canned-replies/${reply?.id}`, {
      token: s.stranger.token,
      body: { title: 'X' },
    })
    expect(stranger.status).toBe(404)
    for (const [body, field] of [
      [{ title: '', body: 'Y' }, 'title'],
      [{ title: 'X', body: 'y'.repeat(4001) }, 'body'],
      [{ title: 'X', body: 'Y', tenant_id: s.other.id }, 'tenant_id'],
    ] as const) {
      const res = await call('POST', base, { token: s.staff.token, body })
      expect(res.status).toBe(400)
      expect(res.body.error.details.issues[0].path).toBe(field)
    }
    const [{ n }] =
      await sql`select count(*)::int as n from public.canned_replies where tenant_id = ${s.tenant.id}`
    expect(n).toBe(1)
  })
})

describe('SLA settings', () => {
  const base = () => `/tenants/${s.tenant.id}/sla`

  it('fills in the built-in targets, calendar and time zone when the school has set nothing', async () => {
    const res = await call('GET', base(), { token: s.staff.token })
    expect(res.status).toBe(200)
    expect(res.body.policies.map((p: { priority: string }) => p.priority)).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
    ])
    expect(res.body.policies[0]).toEqual({
      priority: 'urgent',
      first_response_minutes: 30,
      next_response_minutes: 60,
      resolution_minutes: 240,
      warn_percent: 80,
      is_default: true,
    })
    expect(res.body.calendar).toEqual({
      time_zone: 'Africa/Nairobi',
      work_days: [1, 2, 3, 4, 5],
      day_start: '08:00',
      day_end: '17:00',
      is_default: true,
    })
    expect(res.body.holidays).toEqual([])
  })

  it('keeps the built-in targets equal to the migration’s private.default_sla', async () => {
    for (const p of TICKET_PRIORITIES) {
      const [row] = await sql`
        select private.default_sla(${p}, 'first_response') as first_response_minutes,
          private.default_sla(${p}, 'next_response') as next_response_minutes,
          private.default_sla(${p}, 'resolution') as resolution_minutes`
      expect({ ...row, warn_percent: 80 }).toEqual(DEFAULT_SLA[p])
    }
  })

  it('lets admins set policies, the calendar and holidays; staff read only (403)', async () => {
    const policy = { first_response_minutes: 15, next_response_minutes: 45, resolution_minutes: 200 }
    const staff = await call('PUT', `${base()}/policies/urgent`, { token: s.staff.token, body: policy })
    expect(staff.status).toBe(403)
    const set = await call('PUT', `${base()}/policies/urgent`, { token: s.admin.token, body: policy })
    expect(set.status).toBe(200)
    expect(set.body).toEqual({ priority: 'urgent', ...policy, warn_percent: 80, is_default: false })
    const warn = await call('PUT', `${base()}/policies/urgent`, {
      token: s.owner.token,
      body: { ...policy, warn_percent: 50 },
    })
    expect(warn.body.warn_percent).toBe(50)
    const again = await call('PUT', `${base()}/policies/urgent`, { token: s.owner.token, body: policy })
    expect(again.body.warn_percent).toBe(50) // kept when not sent

    const calendar = { work_days: [6, 1, 2], day_start: '09:00', day_end: '13:30' }
    expect((await call('PUT', `${base()}/calendar`, { token: s.staff.token, body: calendar })).status).toBe(
      403,
    )
    const cal = await call('PUT', `${base()}/calendar`, { token: s.admin.token, body: calendar })
    expect(cal.status).toBe(200)
    expect(cal.body).toEqual({
      time_zone: 'Africa/Nairobi',
      work_days: [1, 2, 6],
      day_start: '09:00',
      day_end: '13:30',
      is_default: false,
    })

    const holiday = { day: '2026-12-12', name: 'Jamhuri Day' }
    expect((await call('POST', `${base()}/holidays`, { token: s.staff.token, body: holiday })).status).toBe(
      403,
    )
    const added = await call('POST', `${base()}/holidays`, { token: s.admin.token, body: holiday })
    expect(added.status).toBe(201)
    expect(added.body).toEqual(holiday)
    const twice = await call('POST', `${base()}/holidays`, { token: s.admin.token, body: holiday })
    expect(twice.status).toBe(409)
    expect(twice.body.error.details).toEqual({ field: 'day' })

    const read = await call('GET', base(), { token: s.staff2.token })
    SlaSettings.parse(read.body)
    expect(read.body.policies[0]).toMatchObject({
      priority: 'urgent',
      first_response_minutes: 15,
      is_default: false,
    })
    expect(read.body.policies[1]).toMatchObject({ priority: 'high', is_default: true })
    expect(read.body.calendar.work_days).toEqual([1, 2, 6])
    expect(read.body.holidays).toEqual([holiday])

    expect((await call('DELETE', `${base()}/holidays/2026-12-12`, { token: s.staff.token })).status).toBe(403)
    expect((await call('DELETE', `${base()}/holidays/2026-12-12`, { token: s.admin.token })).status).toBe(204)
    expect((await call('DELETE', `${base()}/holidays/2026-12-12`, { token: s.admin.token })).status).toBe(404)
  })

  it('is closed to students (403) and other schools (404), and checks input (400)', async () => {
    expect((await call('GET', base(), { token: s.student.token })).status).toBe(403)
    expect((await call('GET', base(), { token: s.stranger.token })).status).toBe(404)
    const cases: [string, string, object, string][] = [
      [
        'PUT',
        '/policies/critical',
        { first_response_minutes: 1, next_response_minutes: 1, resolution_minutes: 1 },
        'priority',
      ],
      [
        'PUT',
        '/policies/low',
        { first_response_minutes: 0, next_response_minutes: 1, resolution_minutes: 1 },
        'first_response_minutes',
      ],
      ['PUT', '/policies/low', { first_response_minutes: 1, next_response_minutes: 1 }, 'resolution_minutes'],
      ['PUT', '/calendar', { work_days: [], day_start: '08:00', day_end: '17:00' }, 'work_days'],
      ['PUT', '/calendar', { work_days: [1, 8], day_start: '08:00', day_end: '17:00' }, 'work_days.1'],
      ['PUT', '/calendar', { work_days: [1], day_start: '17:00', day_end: '08:00' }, 'day_end'],
      ['PUT', '/calendar', { work_days: [1], day_start: '8am', day_end: '17:00' }, 'day_start'],
      ['POST', '/holidays', { day: '2026-13-01', name: 'X' }, 'day'],
      ['POST', '/holidays', { day: '2026-12-01', name: ' ' }, 'name'],
    ]
    for (const [method, path, body, field] of cases) {
      const res = await call(method, `${base()}${path}`, { token: s.owner.token, body })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error.details.issues[0].path).toBe(field)
    }
    expect((await call('DELETE', `${base()}/holidays/christmas`, { token: s.owner.token })).status).toBe(400)
  })
})

describe('support agents', () => {
  const base = () => `/tenants/${s.tenant.id}/support/agents`

  it('lists owners, admins and staff with defaults, presence and open tickets', async () => {
    await sql`
      insert into public.support_agents (tenant_id, user_id, available, max_open, last_seen_at)
      values (${s.tenant.id}, ${s.staff2.id}, false, 3, now())`
    await sql`
      insert into public.tickets (tenant_id, requester_id, subject, category, assignee_id)
      values (${s.tenant.id}, ${s.student.id}, 'Help', 'account', ${s.staff2.id})`
    const res = await call('GET', base(), { token: s.staff.token })
    expect(res.status).toBe(200)
    SupportAgentList.parse(res.body)
    expect(res.body.map((a: { name: string }) => a.name)).toEqual(['Admin', 'Owner', 'Staff', 'Staff2'])
    expect(res.body[2]).toEqual({
      user_id: s.staff.id,
      name: 'Staff',
      email: s.staff.email,
      role: 'staff',
      available: true,
      max_open: 10,
      online: false,
      open_tickets: 0,
    })
    expect(res.body[3]).toMatchObject({ available: false, max_open: 3, online: true, open_tickets: 1 })
    expect((await call('GET', base(), { token: s.student.token })).status).toBe(403)
    expect((await call('GET', base(), { token: s.stranger.token })).status).toBe(404)
  })

  it('lets agents set their own availability and admins anything', async () => {
    const self = await call('PATCH', `${base()}/${s.staff.id}`, {
      token: s.staff.token,
      body: { available: false },
    })
    expect(self.status).toBe(200)
    expect(self.body).toMatchObject({ user_id: s.staff.id, available: false, max_open: 10 })
    const cap = await call('PATCH', `${base()}/${s.staff.id}`, {
      token: s.staff.token,
      body: { max_open: 99 },
    })
    expect(cap.status).toBe(403)
    const other = await call('PATCH', `${base()}/${s.staff2.id}`, {
      token: s.staff.token,
      body: { available: true },
    })
    expect(other.status).toBe(403)
    const admin = await call('PATCH', `${base()}/${s.staff.id}`, {
      token: s.admin.token,
      body: { max_open: 4 },
    })
    expect(admin.body).toMatchObject({ available: false, max_open: 4 })
    const student = await call('PATCH', `${base()}/${s.student.id}`, {
      token: s.admin.token,
      body: { max_open: 4 },
    })
    expect(student.status).toBe(404)
    const bad = await call('PATCH', `${base()}/${s.staff.id}`, {
      token: s.admin.token,
      body: { max_open: -1 },
    })
    expect(bad.status).toBe(400)
    const [row] = await sql`
      select available, max_open from public.support_agents where tenant_id = ${s.tenant.id} and user_id = ${s.staff.id}`
    expect(row).toEqual({ available: false, max_open: 4 })
    const none = await sql`select 1 from public.support_agents where user_id = ${s.student.id}`
    expect(none).toHaveLength(0)
  })
})
