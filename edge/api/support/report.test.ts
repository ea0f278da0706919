import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { CsatReport, NotificationList } from '../../contract/support.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket, postMessage, type SupportSchool, supportSchool } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

/** A ticket of `requester` in `category`, handled by `agent`, resolved and rated `score`. */
async function rated(requester: TestUser, agent: TestUser, category: string, score: number) {
  const t = await openTicket(call, requester, s.tenant.id, { category })
  await call('POST', `/tickets/${t.id}/assign`, { token: agent.token, body: { assignee_id: agent.id } })
  await call('PATCH', `/tickets/${t.id}`, { token: agent.token, body: { status: 'resolved' } })
  const res = await call('POST', `/tickets/${t.id}/csat`, { token: requester.token, body: { score } })
  if (res.status !== 201) throw new Error(`rate: ${res.status} ${res.text}`)
  return t
}

describe('GET /api/tenants/:tenantId/support/report', () => {
  it('gives CSAT overall, per agent and per category, with the latest ratings', async () => {
    await rated(s.student, s.staff, 'technical', 5)
    await rated(s.classmate, s.staff, 'technical', 4)
    await rated(s.parent, s.staff2, 'billing', 2)
    const last = await rated(s.parent, s.staff2, 'technical', 3)
    // An old rating, outside the default 30 days.
    const old = await rated(s.student, s.staff, 'account', 1)
    await sql`update public.ticket_ratings set created_at = now() - interval '60 days' where ticket_id = ${old.id}`

    const res = await call('GET', `/tenants/${s.tenant.id}/support/report`, { token: s.staff.token })
    expect(res.status).toBe(200)
    CsatReport.parse(res.body)
    expect(res.body.overall).toEqual({ count: 4, average: 3.5, satisfied_percent: 50 })
    expect(res.body.by_agent).toEqual(
      [
        { agent_id: s.staff.id, name: 'Staff', count: 2, average: 4.5, satisfied_percent: 100 },
        { agent_id: s.staff2.id, name: 'Staff2', count: 2, average: 2.5, satisfied_percent: 0 },
      ].sort((a, b) => (a.agent_id < b.agent_id ? -1 : 1)),
    )
    // In the enum's order: technical, billing, academic, account.
    expect(res.body.by_category).toEqual([
      { category: 'technical', count: 3, average: 4, satisfied_percent: 66.7 },
      { category: 'billing', count: 1, average: 2, satisfied_percent: 0 },
    ])
    expect(res.body.recent).toHaveLength(4)
    expect(res.body.recent[0]).toMatchObject({
      ticket_id: last.id,
      ticket_number: last.number,
      requester_name: 'Parent',
      score: 3,
      agent_id: s.staff2.id,
    })
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(31 * 24 * 3600 * 1000)

    const all = await call('GET', `/tenants/${s.tenant.id}/support/report?from=2020-01-01`, {
      token: s.admin.token,
    })
    expect(all.body.overall.count).toBe(5)
    const empty = await call('GET', `/tenants/${s.tenant.id}/support/report?from=2020-01-01&to=2020-01-31`, {
      token: s.admin.token,
    })
    expect(empty.body).toMatchObject({
      overall: { count: 0, average: null, satisfied_percent: null },
      sla: {
        overall: {
          tickets: 0,
          first_response_minutes: null,
          resolution_hours: null,
          met: 0,
          breached: 0,
          met_percent: null,
        },
        by_agent: [],
        by_category: [],
      },
      by_agent: [],
      by_category: [],
      recent: [],
    })
    // The period is in the school's time zone (Nairobi, UTC+3): 2020-01-01 starts at 21:00 UTC the day before.
    expect(Date.parse(empty.body.from)).toBe(Date.parse('2019-12-31T21:00:00Z'))
  })

  it('gives SLA of the tickets opened in the period, overall, per agent and per category, as SQL counts them', async () => {
    const late = await openTicket(call, s.student, s.tenant.id, { category: 'academic' })
    await sql`update public.ticket_sla_targets set breached_at = now() where ticket_id = ${late.id}`
    const res = await call('GET', `/tenants/${s.tenant.id}/support/report`, { token: s.staff.token })
    expect(res.status).toBe(200)
    const [expected] = await sql<{ tickets: number; first: number | null; resolution: number | null }[]>`
      select count(*)::int as tickets,
        round((percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 60))::numeric, 1)::float8 as first,
        round((percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at) / 3600))::numeric, 1)::float8 as resolution
      from public.tickets
      where tenant_id = ${s.tenant.id} and merged_into is null and created_at >= ${res.body.from} and created_at < ${res.body.to}`
    const [clocks] = await sql<{ met: number; breached: number }[]>`
      select count(*) filter (where c.met_at <= c.due_at and c.breached_at is null)::int as met,
        count(*) filter (where c.breached_at is not null)::int as breached
      from public.ticket_sla_targets c join public.tickets t on t.id = c.ticket_id
      where t.tenant_id = ${s.tenant.id} and t.merged_into is null and t.created_at >= ${res.body.from} and t.created_at < ${res.body.to}`
    const sla = res.body.sla
    expect(sla.overall).toMatchObject({
      tickets: expected?.tickets,
      first_response_minutes: expected?.first ?? null,
      resolution_hours: expected?.resolution ?? null,
      met: clocks?.met,
      breached: clocks?.breached,
    })
    expect(sla.overall.breached).toBeGreaterThan(0)
    const share = (clocks?.met ?? 0) / ((clocks?.met ?? 0) + (clocks?.breached ?? 0))
    expect(sla.overall.met_percent).toBeCloseTo(100 * share, 1)
    const sum = (rows: { tickets: number }[]) => rows.reduce((n, r) => n + r.tickets, 0)
    expect(sum(sla.by_agent)).toBe(sla.overall.tickets)
    expect(sum(sla.by_category)).toBe(sla.overall.tickets)
    expect(sla.by_category.find((c: { category: string }) => c.category === 'academic')).toMatchObject({
      tickets: 1,
      breached: expect.any(Number),
    })
    expect(sla.by_agent.find((a: { agent_id: string | null }) => a.agent_id === null)).toMatchObject({
      name: 'Unassigned',
    })
  })

  it('is for support staff only, and checks the dates', async () => {
    const path = `/tenants/${s.tenant.id}/support/report`
    expect((await call('GET', path, { token: s.student.token })).status).toBe(403)
    expect((await call('GET', path, { token: s.instructor.token })).status).toBe(403)
    expect((await call('GET', path, { token: s.stranger.token })).status).toBe(404)
    const reversed = await call('GET', `${path}?from=2026-02-01&to=2026-01-01`, { token: s.staff.token })
    expect(reversed.status).toBe(400)
    expect(reversed.body.error.details.issues[0].path).toBe('from')
    const bad = await call('GET', `${path}?from=yesterday`, { token: s.staff.token })
    expect(bad.status).toBe(400)
  })
})

describe('notifications', () => {
  it('lists mine newest first with the unread count, and marks some or all read', async () => {
    const t = await openTicket(call, s.classmate, s.tenant.id)
    for (const body of ['One', 'Two', 'Three']) await postMessage(call, s.staff, t.id, { body })
    const list = await call('GET', '/notifications', { token: s.classmate.token })
    expect(list.status).toBe(200)
    NotificationList.parse(list.body)
    expect(list.body.unread).toBe(3)
    expect(list.body.items.map((n: { body: string }) => n.body)).toEqual(['Three', 'Two', 'One'])
    expect(list.body.items[0]).toMatchObject({
      user_id: s.classmate.id,
      tenant_id: s.tenant.id,
      kind: 'ticket_message',
      title: `Reply on #${t.number}: Cannot open the lesson`,
      link: `/t/${s.tenant.slug}/support/${t.id}`,
      ticket_id: t.id,
      read_at: null,
    })
    const [newest, middle] = list.body.items
    const others = await call('POST', '/notifications/read', {
      token: s.student.token,
      body: { ids: [newest.id] },
    })
    expect(others.status).toBe(204)
    expect((await call('GET', '/notifications', { token: s.classmate.token })).body.unread).toBe(3)

    expect(
      (
        await call('POST', '/notifications/read', {
          token: s.classmate.token,
          body: { ids: [newest.id, middle.id] },
        })
      ).status,
    ).toBe(204)
    const unread = await call('GET', '/notifications?unread=true&limit=5', { token: s.classmate.token })
    expect(unread.body.unread).toBe(1)
    expect(unread.body.items.map((n: { body: string }) => n.body)).toEqual(['One'])
    const limited = await call('GET', '/notifications?limit=1', { token: s.classmate.token })
    expect(limited.body.items).toHaveLength(1)
    expect(limited.body.items[0].read_at).not.toBeNull()

    expect(
      (await call('POST', '/notifications/read', { token: s.classmate.token, body: { all: true } })).status,
    ).toBe(204)
    expect((await call('GET', '/notifications', { token: s.classmate.token })).body.unread).toBe(0)
  })

  it('checks input and needs a sign-in', async () => {
    expect((await call('GET', '/notifications')).status).toBe(401)
    for (const body of [{}, { ids: [] }, { all: false }, { ids: [1], all: true }, { ids: ['x'] }]) {
      const res = await call('POST', '/notifications/read', { token: s.student.token, body })
      expect(res.status).toBe(400)
    }
    expect((await call('GET', '/notifications?limit=1000', { token: s.student.token })).status).toBe(400)
  })
})
