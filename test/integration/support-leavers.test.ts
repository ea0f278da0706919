import { afterAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'

// Agents who leave the support desk (issue 9): removal or demotion gives their open tickets back to
// the queue (round-robin to an online agent), and no notification about a ticket reaches someone
// who can no longer see it — neither new ones nor those already in their bell.
const sql = testDb(4)
afterAll(() => sql.end())

async function desk() {
  const [owner, leaver, colleague, student] = await Promise.all(
    ['Owner', 'Leaver', 'Colleague', 'Student'].map((name) => createUser(sql, { name })),
  )
  const tenant = await createTenant(sql, owner, [
    [leaver, 'staff'],
    [colleague, 'staff'],
    [student, 'student'],
  ])
  // Only the leaver is online, so new tickets go to them.
  await sql`
    insert into public.support_agents (tenant_id, user_id, last_seen_at)
    values (${tenant.id}, ${leaver.id}, now()), (${tenant.id}, ${colleague.id}, null)`
  const tickets: string[] = []
  for (const subject of ['Quiz', 'Login', 'Video'])
    tickets.push(
      await withUser(sql, student.claims, async (tx) => {
        const [t] = await tx`
          insert into public.tickets (tenant_id, subject, category) values (${tenant.id}, ${subject}, 'technical')
          returning id, assignee_id`
        expect(t.assignee_id).toBe(leaver.id)
        return t.id as string
      }),
    )
  await sql`update public.tickets set status = 'resolved' where id = ${tickets[2]}`
  return { owner, leaver, colleague, student, tenant, tickets }
}

const assignees = (ids: string[]) =>
  sql<
    { id: string; assignee_id: string | null }[]
  >`select id, assignee_id from public.tickets where id = any (${ids}::uuid[]) order by id`

const bell = (user: TestUser) =>
  withUser(
    sql,
    user.claims,
    (tx) => tx<{ kind: string; ticket_id: string }[]>`select kind, ticket_id from public.notifications`,
  )

describe('agents who leave the support desk', () => {
  it('removal gives their open tickets to the next online agent; resolved tickets keep their history', async () => {
    const d = await desk()
    await sql`update public.support_agents set last_seen_at = now() where user_id = ${d.colleague.id}`
    await withUser(
      sql,
      d.owner.claims,
      (tx) =>
        tx`delete from public.memberships where tenant_id = ${d.tenant.id} and user_id = ${d.leaver.id}`,
    )
    const rows = await assignees(d.tickets)
    const byId = new Map(rows.map((r) => [r.id, r.assignee_id]))
    expect(byId.get(d.tickets[0])).toBe(d.colleague.id)
    expect(byId.get(d.tickets[1])).toBe(d.colleague.id)
    expect(byId.get(d.tickets[2])).toBe(d.leaver.id)
    expect((await bell(d.colleague)).filter((n) => n.kind === 'ticket_assigned')).toHaveLength(2)
  })

  it('demotion out of the support roles puts their open tickets back in the queue when nobody is online', async () => {
    const d = await desk()
    await withUser(
      sql,
      d.owner.claims,
      (tx) =>
        tx`update public.memberships set role = 'instructor' where tenant_id = ${d.tenant.id} and user_id = ${d.leaver.id}`,
    )
    const byId = new Map((await assignees(d.tickets)).map((r) => [r.id, r.assignee_id]))
    expect(byId.get(d.tickets[0])).toBeNull()
    expect(byId.get(d.tickets[1])).toBeNull()
    // A role change that stays on the desk (staff → admin) keeps the tickets.
    const again = await desk()
    await withUser(
      sql,
      again.owner.claims,
      (tx) =>
        tx`update public.memberships set role = 'admin' where tenant_id = ${again.tenant.id} and user_id = ${again.leaver.id}`,
    )
    expect((await assignees(again.tickets)).filter((r) => r.assignee_id === again.leaver.id)).toHaveLength(3)
  })

  it('no notification about a ticket reaches a former agent, and their old ones leave the bell', async () => {
    const d = await desk()
    expect((await bell(d.leaver)).length).toBeGreaterThan(0)
    await withUser(
      sql,
      d.owner.claims,
      (tx) =>
        tx`update public.memberships set role = 'student' where tenant_id = ${d.tenant.id} and user_id = ${d.leaver.id}`,
    )
    // The student writes on a ticket still pointing at them in history; the old assignee hears nothing.
    await withUser(
      sql,
      d.student.claims,
      (tx) =>
        tx`insert into public.ticket_messages (ticket_id, body) values (${d.tickets[2]}, 'Still broken, my number is 0700 111 222')`,
    )
    const [{ n }] =
      await sql`select count(*)::int as n from public.notifications where user_id = ${d.leaver.id} and body like '%0700 111 222%'`
    expect(n).toBe(0)
    // What was already in the bell about those tickets is no longer readable by them; what is left
    // tells them of their new role.
    expect(await bell(d.leaver)).toEqual([{ kind: 'role_changed', ticket_id: null }])
  })

  it('a requester removed from the school gets no more notifications about their ticket', async () => {
    const d = await desk()
    await withUser(
      sql,
      d.owner.claims,
      (tx) =>
        tx`delete from public.memberships where tenant_id = ${d.tenant.id} and user_id = ${d.student.id}`,
    )
    await withUser(
      sql,
      d.colleague.claims,
      (tx) =>
        tx`insert into public.ticket_messages (ticket_id, body) values (${d.tickets[0]}, 'We reset your account.')`,
    )
    const [{ n }] =
      await sql`select count(*)::int as n from public.notifications where user_id = ${d.student.id}`
    expect(n).toBe(0)
  })
})
