import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import { CAST, createWorld, denied, type Role, violates, type World, walkCast } from '../support/rls.ts'

// The support desk's tables walked by the whole cast. School A: the student opened t1 (a public
// message, a staff reply and an internal note; read markers of the student and the staff), t3
// (resolved and rated) and t4 (resolved, not rated); the peer opened t2. School B: adminB opened
// tB. A has a canned reply by its staff, an urgent SLA policy, a calendar, a holiday and the staff
// as an agent; B has a canned reply and adminB as an agent. n1 and n2 notify the student and the staff.
const sql = testDb(10)
let w: World
const ids = {} as Record<'t1' | 't2' | 't3' | 't4' | 'tB' | 'cA' | 'cB', string> &
  Record<'m1' | 'n1' | 'n2', number>

async function ticket(tenant: string, requester: string, subject: string) {
  const [row] = await sql`
    insert into public.tickets (tenant_id, requester_id, subject, category)
    values (${tenant}, ${requester}, ${subject}, 'technical') returning id`
  return row?.id as string
}

async function message(ticketId: string, author: string, body: string, internal = false) {
  const [row] = await sql`
    insert into public.ticket_messages (ticket_id, author_id, body, internal)
    values (${ticketId}, ${author}, ${body}, ${internal}) returning id`
  return Number(row?.id)
}

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, staff, adminB } = w.users
  const [a, b] = [w.a.id, w.b.id]
  ids.t1 = await ticket(a, student.id, 'T1')
  ids.t2 = await ticket(a, peer.id, 'T2')
  ids.t3 = await ticket(a, student.id, 'T3')
  ids.t4 = await ticket(a, student.id, 'T4')
  ids.tB = await ticket(b, adminB.id, 'TB')
  ids.m1 = await message(ids.t1, student.id, 'Help')
  await message(ids.t1, staff.id, 'On it')
  await message(ids.t1, staff.id, 'Internal', true)
  await sql`update public.tickets set status = 'resolved' where id in ${sql([ids.t3, ids.t4])}`
  await sql`insert into public.ticket_ratings (ticket_id, score) values (${ids.t3}, 5)`
  await sql`insert into public.ticket_reads (ticket_id, user_id, last_read_id)
            values (${ids.t1}, ${student.id}, ${ids.m1}), (${ids.t1}, ${staff.id}, ${ids.m1})`
  const [cA] = await sql`insert into public.canned_replies (tenant_id, title, body, created_by)
                         values (${a}, 'Hi', 'Hello', ${staff.id}) returning id`
  const [cB] = await sql`insert into public.canned_replies (tenant_id, title, body, created_by)
                         values (${b}, 'Hi', 'Hello', ${adminB.id}) returning id`
  ids.cA = cA?.id
  ids.cB = cB?.id
  await sql`insert into public.sla_policies (tenant_id, priority, first_response_minutes, next_response_minutes, resolution_minutes)
            values (${a}, 'urgent', 10, 20, 30)`
  await sql`insert into public.support_calendars (tenant_id) values (${a})`
  await sql`insert into public.support_holidays (tenant_id, day, name) values (${a}, '2026-12-25', 'Christmas Day')`
  await sql`insert into public.support_agents (tenant_id, user_id) values (${a}, ${staff.id}), (${b}, ${adminB.id})`
  const notes = await sql`
    insert into public.notifications (user_id, tenant_id, kind, title)
    values (${student.id}, ${a}, 'ticket_message', 'N1'), (${staff.id}, ${a}, 'ticket_assigned', 'N2') returning id`
  ids.n1 = Number(notes[0]?.id)
  ids.n2 = Number(notes[1]?.id)
})
afterAll(() => sql.end())

type Outcome = number | string

/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (roles: Role[], value: Outcome, rest: Outcome, anon: Outcome) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : roles.includes(r) ? value : rest])) as Record<
    Role,
    Outcome
  >
const all = (value: Outcome, anon: Outcome) => only([], value, value, anon)

const SUPPORT: Role[] = ['staff', 'admin', 'owner']
const ADMINS: Role[] = ['admin', 'owner']
const STAFF_ONLY = 'Only support staff change a ticket; you can close your own.'
const NOT_STAFF = 'Tickets are assigned to support staff of this school only.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('tickets', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.tickets where id in ${tx([ids.t1, ids.t2, ids.tB])}`,
    expect: { anon: denied('tickets'), outsider: 0, student: 1, instructor: 0, staff: 2, admin: 2, owner: 2, adminB: 1, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'open a ticket in A',
    run: (tx, w) => tx`insert into public.tickets (tenant_id, subject, category) values (${w.a.id}, 'New', 'billing')`,
    expect: { ...only(['student', 'instructor', ...SUPPORT], 1, violates('tickets'), denied('tickets')) },
  },
  {
    op: 'insert',
    name: "open a ticket in the peer's name",
    run: (tx, w) => tx`insert into public.tickets (tenant_id, requester_id, subject, category) values (${w.a.id}, ${w.users.peer.id}, 'New', 'billing')`,
    expect: all(violates('tickets'), denied('tickets')),
  },
  {
    op: 'insert',
    name: 'open an urgent ticket assigned to the staff (only staff keep both)',
    run: async (tx, w) => {
      const rows = await tx`insert into public.tickets (tenant_id, subject, category, priority, assignee_id)
        values (${w.a.id}, 'New', 'billing', 'urgent', ${w.users.staff.id}) returning priority, assignee_id`
      return { count: rows.filter((r) => r.priority === 'urgent' && r.assignee_id).length }
    },
    expect: { ...only(SUPPORT, 1, violates('tickets'), denied('tickets')), student: 0, instructor: 0 },
  },
  {
    op: 'update',
    name: "raise t1's priority",
    run: (tx) => tx`update public.tickets set priority = 'urgent' where id = ${ids.t1}`,
    expect: { ...only(SUPPORT, 1, 0, denied('tickets')), student: STAFF_ONLY },
  },
  {
    op: 'update',
    name: 'assign t1 to the staff',
    run: (tx, w) => tx`update public.tickets set assignee_id = ${w.users.staff.id} where id = ${ids.t1}`,
    expect: { ...only(SUPPORT, 1, 0, denied('tickets')), student: STAFF_ONLY },
  },
  {
    op: 'update',
    name: 'assign t1 to the instructor (not support staff)',
    run: (tx, w) => tx`update public.tickets set assignee_id = ${w.users.instructor.id} where id = ${ids.t1}`,
    expect: { ...only(SUPPORT, NOT_STAFF, 0, denied('tickets')), student: STAFF_ONLY },
  },
  {
    op: 'update',
    name: 'close t1',
    run: (tx) => tx`update public.tickets set status = 'closed' where id = ${ids.t1}`,
    expect: only([...SUPPORT, 'student'], 1, 0, denied('tickets')),
  },
  {
    op: 'update',
    name: 'move t1 to school B',
    run: (tx, w) => tx`update public.tickets set tenant_id = ${w.b.id} where id = ${ids.t1}`,
    expect: only([...SUPPORT, 'student'], 'A ticket cannot move to another school or requester.', 0, denied('tickets')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.tickets where id = ${ids.t1}`,
    expect: all(denied('tickets'), denied('tickets')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ticket_messages', () => w, [
  {
    op: 'select',
    name: "t1's conversation (a public message, a reply and an internal note)",
    run: (tx) => tx`select 1 from public.ticket_messages where ticket_id = ${ids.t1}`,
    expect: { ...only(SUPPORT, 3, 0, denied('ticket_messages')), student: 2 },
  },
  {
    op: 'select',
    name: "tB's conversation",
    run: (tx) => tx`select 1 from public.ticket_messages where ticket_id = ${ids.tB}`,
    expect: all(0, denied('ticket_messages')),
  },
  {
    op: 'insert',
    name: 'reply on t1',
    run: (tx) => tx`insert into public.ticket_messages (ticket_id, body) values (${ids.t1}, 'Hi')`,
    expect: only([...SUPPORT, 'student'], 1, violates('ticket_messages'), denied('ticket_messages')),
  },
  {
    op: 'insert',
    name: 'write an internal note on t1',
    run: (tx) => tx`insert into public.ticket_messages (ticket_id, body, internal) values (${ids.t1}, 'Psst', true)`,
    expect: { ...only(SUPPORT, 1, violates('ticket_messages'), denied('ticket_messages')), student: 'Only support staff write internal notes.' },
  },
  {
    op: 'insert',
    name: 'write a system line',
    run: (tx) => tx`insert into public.ticket_messages (ticket_id, author_id, body, system) values (${ids.t1}, null, 'Resolved', true)`,
    expect: all('System lines are written by the platform.', denied('ticket_messages')),
  },
  {
    op: 'insert',
    name: "reply in the student's name",
    run: (tx, w) => tx`insert into public.ticket_messages (ticket_id, author_id, body) values (${ids.t1}, ${w.users.student.id}, 'Hi')`,
    expect: { ...all(violates('ticket_messages'), denied('ticket_messages')), student: 1 },
  },
  {
    op: 'update',
    run: (tx) => tx`update public.ticket_messages set body = 'Edited' where ticket_id = ${ids.t1}`,
    expect: all(denied('ticket_messages'), denied('ticket_messages')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ticket_messages where ticket_id = ${ids.t1}`,
    expect: all(denied('ticket_messages'), denied('ticket_messages')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ticket_reads', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.ticket_reads where ticket_id = ${ids.t1}`,
    expect: only([...SUPPORT, 'student'], 2, 0, denied('ticket_reads')),
  },
  {
    op: 'insert',
    name: "mark t2 read (the peer's ticket)",
    run: (tx) => tx`insert into public.ticket_reads (ticket_id, last_read_id) values (${ids.t2}, 1)`,
    expect: only(SUPPORT, 1, violates('ticket_reads'), denied('ticket_reads')),
  },
  {
    op: 'insert',
    name: "mark t2 read in the peer's name",
    run: (tx, w) => tx`insert into public.ticket_reads (ticket_id, user_id, last_read_id) values (${ids.t2}, ${w.users.peer.id}, 1)`,
    expect: all(violates('ticket_reads'), denied('ticket_reads')),
  },
  {
    op: 'update',
    name: 'move my marker on t1',
    run: (tx) => tx`update public.ticket_reads set last_read_id = last_read_id + 1 where ticket_id = ${ids.t1}`,
    expect: only(['staff', 'student'], 1, 0, denied('ticket_reads')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ticket_reads where ticket_id = ${ids.t1}`,
    expect: all(0, denied('ticket_reads')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('canned_replies', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.canned_replies where id in ${tx([ids.cA, ids.cB])}`,
    expect: { ...only(SUPPORT, 1, 0, denied('canned_replies')), adminB: 1 },
  },
  {
    op: 'insert',
    name: 'save a reply in A',
    run: (tx, w) => tx`insert into public.canned_replies (tenant_id, title, body) values (${w.a.id}, 'T', 'B')`,
    expect: only(SUPPORT, 1, violates('canned_replies'), denied('canned_replies')),
  },
  {
    op: 'update',
    name: "change the staff's reply",
    run: (tx) => tx`update public.canned_replies set title = 'T2' where id = ${ids.cA}`,
    expect: only(SUPPORT, 1, 0, denied('canned_replies')),
  },
  {
    op: 'delete',
    name: "delete the staff's reply",
    run: (tx) => tx`delete from public.canned_replies where id = ${ids.cA}`,
    expect: only(SUPPORT, 1, 0, denied('canned_replies')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('sla_policies', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select 1 from public.sla_policies where tenant_id = ${w.a.id}`,
    expect: only(SUPPORT, 1, 0, denied('sla_policies')),
  },
  {
    op: 'insert',
    name: 'set the low priority in A',
    run: (tx, w) => tx`insert into public.sla_policies (tenant_id, priority, first_response_minutes, next_response_minutes, resolution_minutes)
                       values (${w.a.id}, 'low', 1, 2, 3)`,
    expect: only(ADMINS, 1, violates('sla_policies'), denied('sla_policies')),
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.sla_policies set first_response_minutes = 5 where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('sla_policies')),
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.sla_policies where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('sla_policies')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('support_calendars', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.support_calendars where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only(SUPPORT, 1, 0, denied('support_calendars')),
  },
  {
    op: 'insert',
    name: "set B's calendar",
    run: (tx, w) => tx`insert into public.support_calendars (tenant_id) values (${w.b.id})`,
    expect: { ...all(violates('support_calendars'), denied('support_calendars')), adminB: 1 },
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.support_calendars set work_days = '{1,2,3}' where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('support_calendars')),
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.support_calendars where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('support_calendars')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('support_holidays', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select 1 from public.support_holidays where tenant_id = ${w.a.id}`,
    expect: only(SUPPORT, 1, 0, denied('support_holidays')),
  },
  {
    op: 'insert',
    run: (tx, w) => tx`insert into public.support_holidays (tenant_id, day, name) values (${w.a.id}, '2026-12-26', 'Boxing Day')`,
    expect: only(ADMINS, 1, violates('support_holidays'), denied('support_holidays')),
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.support_holidays set name = 'Xmas' where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('support_holidays')),
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.support_holidays where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('support_holidays')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('support_agents', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.support_agents where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: { ...only(SUPPORT, 1, 0, denied('support_agents')), adminB: 1 },
  },
  {
    op: 'insert',
    name: 'join A’s desk yourself',
    run: (tx, w) => tx`insert into public.support_agents (tenant_id, user_id) values (${w.a.id}, (select auth.uid()))`,
    expect: { ...only(ADMINS, 1, violates('support_agents'), denied('support_agents')), staff: 'duplicate key value violates unique constraint "support_agents_pkey"' },
  },
  {
    op: 'update',
    name: "change the staff's availability",
    run: (tx, w) => tx`update public.support_agents set available = false where tenant_id = ${w.a.id} and user_id = ${w.users.staff.id}`,
    expect: only(SUPPORT, 1, 0, denied('support_agents')),
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.support_agents where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 1, 0, denied('support_agents')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ticket_sla_targets', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.ticket_sla_targets where ticket_id in ${tx([ids.t1, ids.tB])}`,
    expect: { ...only(SUPPORT, 2, 0, denied('ticket_sla_targets')), adminB: 2 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.ticket_sla_targets (ticket_id, target, cycle, started_at, warn_at, due_at)
                    values (${ids.t1}, 'next_response', 9, now(), now(), now())`,
    expect: all(denied('ticket_sla_targets'), denied('ticket_sla_targets')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.ticket_sla_targets set breached_at = now() where ticket_id = ${ids.t1}`,
    expect: all(denied('ticket_sla_targets'), denied('ticket_sla_targets')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ticket_sla_targets where ticket_id = ${ids.t1}`,
    expect: all(denied('ticket_sla_targets'), denied('ticket_sla_targets')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ticket_ratings', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.ticket_ratings where ticket_id = ${ids.t3}`,
    expect: only([...SUPPORT, 'student'], 1, 0, denied('ticket_ratings')),
  },
  {
    op: 'insert',
    name: 'rate t4 (resolved)',
    run: (tx) => tx`insert into public.ticket_ratings (ticket_id, score) values (${ids.t4}, 4)`,
    expect: { ...all(violates('ticket_ratings'), denied('ticket_ratings')), student: 1 },
  },
  {
    op: 'insert',
    name: 'rate t1 (open)',
    run: (tx) => tx`insert into public.ticket_ratings (ticket_id, score) values (${ids.t1}, 4)`,
    expect: { ...all(violates('ticket_ratings'), denied('ticket_ratings')), student: 'Rate a ticket once it is resolved.' },
  },
  {
    op: 'update',
    run: (tx) => tx`update public.ticket_ratings set score = 1 where ticket_id = ${ids.t3}`,
    expect: all(denied('ticket_ratings'), denied('ticket_ratings')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ticket_ratings where ticket_id = ${ids.t3}`,
    expect: all(denied('ticket_ratings'), denied('ticket_ratings')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('notifications', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.notifications where id in ${tx([ids.n1, ids.n2])}`,
    expect: only(['student', 'staff'], 1, 0, denied('notifications')),
  },
  {
    op: 'insert',
    name: 'notify yourself',
    run: (tx) => tx`insert into public.notifications (user_id, kind, title) values ((select auth.uid()), 'sla_breach', 'Fake')`,
    expect: all(violates('notifications'), denied('notifications')),
  },
  {
    op: 'update',
    name: 'mark n1 read',
    run: (tx) => tx`update public.notifications set read_at = now() where id = ${ids.n1}`,
    expect: only(['student'], 1, 0, denied('notifications')),
  },
  {
    op: 'update',
    name: "rewrite n1's title",
    run: (tx) => tx`update public.notifications set title = 'Changed' where id = ${ids.n1}`,
    expect: only(['student'], 'Only the read mark of a notification changes.', 0, denied('notifications')),
  },
  {
    op: 'delete',
    name: 'dismiss n1',
    run: (tx) => tx`delete from public.notifications where id = ${ids.n1}`,
    expect: only(['student'], 1, 0, denied('notifications')),
  },
])
