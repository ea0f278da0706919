import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// The support desk report (issue 20). Tenant A keeps Nairobi time (UTC+3); the period is November 2026.
// Tickets opened in it (written with triggers off, so their times and clocks are exactly these):
// - #1 technical, the staff member's: answered after 30 min, resolved after 2 h, both clocks met;
// - #2 billing, the staff member's: answered after 90 min, resolved after 10 h, first answer breached;
// - #3 technical, nobody's: unanswered, first answer breached;
// - #4 merged into #1 (left out), #5 opened in October (left out, but rated in November), tenant B's.
// Ratings given in November: #1 5 (staff, technical), #2 3 (staff, billing), #5 2 (the admin, account);
// one of tenant B's. The figures are checked against plain queries; instructors, students, parents
// and another school's admin are refused.
const sql = testDb(4)
let w: World
let parent: TestUser
const FROM = '2026-11-01'
const TO = '2026-11-30'
const tickets = {} as Record<1 | 2 | 3 | 4 | 5, string>

type Row = {
  key: string | null
  label: string | null
  detail: string | null
  number: number | null
  category: string | null
  tickets: number
  first_response_minutes: number | null
  resolution_hours: number | null
  met: number
  breached: number
  ratings: number
  average_score: number | null
  satisfied: number
}

beforeAll(async () => {
  w = await createWorld(sql)
  const A = w.a.id
  const { student, peer, staff, admin, adminB } = w.users
  parent = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${A}, ${parent.id}, 'parent')`
  await sql`update public.tenants set time_zone = 'Africa/Nairobi' where id = ${A}`
  await sql`update public.profiles set display_name = 'Faith' where id = ${staff.id}`
  await sql`update public.profiles set display_name = 'Brian' where id = ${admin.id}`
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    const open = async (
      n: number,
      tenant: string,
      requester: string,
      category: string,
      agent: string | null,
      at: string,
      answerMin: number | null,
      resolveH: number | null,
      merged: string | null = null,
    ) => {
      const [t] = await tx`
        insert into public.tickets (tenant_id, number, requester_id, subject, category, assignee_id, created_at,
          first_response_at, resolved_at, merged_into, status)
        values (${tenant}, ${n}, ${requester}, ${`Ticket ${n}`}, ${category}, ${agent}, ${at}::timestamptz,
          ${at}::timestamptz + make_interval(mins => ${answerMin}), ${at}::timestamptz + make_interval(hours => ${resolveH}),
          ${merged}, ${resolveH === null ? 'open' : 'resolved'})
        returning id`
      return t?.id as string
    }
    tickets[1] = await open(1, A, student.id, 'technical', staff.id, '2026-11-02T08:00:00Z', 30, 2)
    tickets[2] = await open(2, A, peer.id, 'billing', staff.id, '2026-11-05T08:00:00Z', 90, 10)
    tickets[3] = await open(3, A, student.id, 'technical', null, '2026-11-10T08:00:00Z', null, null)
    tickets[4] = await open(4, A, peer.id, 'technical', staff.id, '2026-11-03T08:00:00Z', 5, 1, tickets[1])
    tickets[5] = await open(5, A, peer.id, 'account', admin.id, '2026-10-20T08:00:00Z', 10, 1)
    const other = await open(1, w.b.id, adminB.id, 'technical', adminB.id, '2026-11-04T08:00:00Z', 1, 1)
    const clock = (
      ticket: string,
      target: string,
      due: string,
      met: string | null,
      breached: string | null,
    ) => tx`
      insert into public.ticket_sla_targets (ticket_id, target, started_at, warn_at, due_at, met_at, breached_at)
      values (${ticket}, ${target}, ${due}::timestamptz - interval '4 hours', ${due}::timestamptz - interval '1 hour',
        ${due}::timestamptz, ${met}::timestamptz, ${breached}::timestamptz)`
    await clock(tickets[1], 'first_response', '2026-11-02T09:00:00Z', '2026-11-02T08:30:00Z', null)
    await clock(tickets[1], 'resolution', '2026-11-02T16:00:00Z', '2026-11-02T10:00:00Z', null)
    await clock(
      tickets[2],
      'first_response',
      '2026-11-05T09:00:00Z',
      '2026-11-05T09:30:00Z',
      '2026-11-05T09:00:00Z',
    )
    await clock(tickets[3], 'first_response', '2026-11-10T09:00:00Z', null, '2026-11-10T09:00:00Z')
    await clock(tickets[4], 'first_response', '2026-11-03T09:00:00Z', null, '2026-11-03T09:00:00Z')
    const rate = (
      ticket: string,
      tenant: string,
      requester: string,
      agent: string,
      category: string,
      score: number,
      at: string,
    ) => tx`
      insert into public.ticket_ratings (ticket_id, tenant_id, requester_id, agent_id, category, score, created_at)
      values (${ticket}, ${tenant}, ${requester}, ${agent}, ${category}, ${score}, ${at})`
    await rate(tickets[1], A, student.id, staff.id, 'technical', 5, '2026-11-03T08:00:00Z')
    await rate(tickets[2], A, peer.id, staff.id, 'billing', 3, '2026-11-12T08:00:00Z')
    await rate(tickets[5], A, peer.id, admin.id, 'account', 2, '2026-11-01T08:00:00Z')
    await rate(other, w.b.id, adminB.id, adminB.id, 'technical', 1, '2026-11-05T08:00:00Z')
  })
})
afterAll(() => sql.end())

const report = (who: TestUser, group: string) =>
  withUser(
    sql,
    who.claims,
    (tx) =>
      tx<
        Row[]
      >`select key, label, detail, number, category, tickets, first_response_minutes, resolution_hours, met,
        breached, ratings, average_score, satisfied
      from public.support_report(${w.a.id}, ${FROM}::date, ${TO}::date, ${group}) order by ordinal`,
  )

const figures = (r: Row) => [
  r.tickets,
  r.first_response_minutes,
  r.resolution_hours,
  r.met,
  r.breached,
  r.ratings,
  r.average_score,
  r.satisfied,
]

describe('support report', () => {
  it('gives each agent the SLA of the tickets they hold and the ratings they were given', async () => {
    const rows = await report(w.users.staff, 'agent')
    expect(rows.map((r) => [r.label, ...figures(r)])).toEqual([
      ['Brian', 0, null, null, 0, 0, 1, 2, 0],
      ['Faith', 2, 60, 6, 2, 1, 2, 4, 1],
      [null, 1, null, null, 0, 1, 0, null, 0],
    ])
    expect(rows[1]?.key).toBe(w.users.staff.id)
  })

  it('sums by category, and ticket by ticket, equal to a plain query of the tickets', async () => {
    const byCategory = await report(w.users.admin, 'category')
    expect(byCategory.map((r) => [r.category, ...figures(r)])).toEqual([
      ['technical', 2, 30, 2, 2, 1, 1, 5, 1],
      ['billing', 1, 90, 10, 0, 1, 1, 3, 0],
      ['account', 0, null, null, 0, 0, 1, 2, 0],
    ])
    const byTicket = await report(w.users.owner, 'ticket')
    expect(byTicket.map((r) => [r.number, r.label, r.detail, r.category, ...figures(r)])).toEqual([
      [1, 'Ticket 1', 'Faith', 'technical', 1, 30, 2, 2, 0, 1, 5, 1],
      [2, 'Ticket 2', 'Faith', 'billing', 1, 90, 10, 0, 1, 1, 3, 0],
      [3, 'Ticket 3', null, 'technical', 1, null, null, 0, 1, 0, null, 0],
    ])
    const [plain] = await sql<{ n: number; answer: number; breached: number }[]>`
      select count(*)::int as n,
        (percentile_cont(0.5) within group (order by extract(epoch from t.first_response_at - t.created_at) / 60))::float8 as answer,
        (select count(*)::int from public.ticket_sla_targets s join public.tickets x on x.id = s.ticket_id
         where x.tenant_id = ${w.a.id} and x.merged_into is null and s.breached_at is not null
           and (x.created_at at time zone 'Africa/Nairobi')::date between ${FROM}::date and ${TO}::date) as breached
      from public.tickets t
      where t.tenant_id = ${w.a.id} and t.merged_into is null
        and (t.created_at at time zone 'Africa/Nairobi')::date between ${FROM}::date and ${TO}::date`
    const [total] = await report(w.users.owner, 'total')
    expect([total?.tickets, total?.first_response_minutes, total?.breached]).toEqual([
      plain?.n,
      plain?.answer,
      plain?.breached,
    ])
    expect(total).toMatchObject({
      resolution_hours: 6,
      met: 2,
      ratings: 3,
      average_score: 3.33,
      satisfied: 1,
    })
  })

  it('is for owners, admins and staff; another school’s admin sees nothing of it', async () => {
    const run = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) => tx`select * from public.support_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'agent')`,
      )
    const refused = "Only the school's owners, admins and staff read its support report."
    const { instructor, student, adminB, outsider } = w.users
    for (const who of [instructor, student, parent, adminB, outsider]) expect(await run(who)).toBe(refused)
    for (const who of [w.users.owner, w.users.admin, w.users.staff]) expect(await run(who)).toBe(3)
  })

  it('refuses a bad grouping, and exports for support staff only', async () => {
    const bad = await withUser(
      sql,
      w.users.admin.claims,
      (tx) => tx`select * from public.support_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'course')`,
    ).catch((e: { hint?: string }) => e.hint)
    expect(bad).toBe('report_grouping')
    const ask = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) =>
          tx`select id from public.request_report_export(${w.a.id}, 'support', 'xlsx',
          ${sql.json({ group: 'ticket', from: FROM, to: TO })}, 'sw')`,
      )
    expect(await ask(w.users.staff)).toBe(1)
    expect(await ask(w.users.instructor)).toBe(
      "Only the school's owners, admins and staff read its support report.",
    )
  })
})
