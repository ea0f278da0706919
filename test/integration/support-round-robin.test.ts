import { afterAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'

// Round-robin assignment of new tickets (private.pick_agent in the ticket insert trigger): each
// test builds its own school, with agents whose presence and caps it sets as the superuser, and
// opens tickets as a student exactly as the API does (withUser, RLS on).
const sql = testDb(12)
afterAll(() => sql.end())

interface AgentSetup {
  /** Seconds since the agent was last seen watching the queue; null: never. */
  seenAgo?: number | null
  available?: boolean
  maxOpen?: number
  role?: 'staff' | 'admin' | 'student'
}

/** A school with a student and the given agents (support_agents rows); returns them by name. */
async function school<N extends string>(agents: Record<N, AgentSetup>) {
  const owner = await createUser(sql)
  const student = await createUser(sql)
  const names = Object.keys(agents) as N[]
  const users = await Promise.all(names.map(() => createUser(sql)))
  const byName = Object.fromEntries(names.map((n, i) => [n, users[i]])) as Record<N, TestUser>
  const tenant = await createTenant(sql, owner, [
    [student, 'student'],
    ...names.map((n) => [byName[n], agents[n].role ?? 'staff'] as [TestUser, 'staff' | 'admin' | 'student']),
  ])
  for (const n of names) {
    const a = agents[n]
    const seenAgo = a.seenAgo === undefined ? 0 : a.seenAgo
    await sql`
      insert into public.support_agents (tenant_id, user_id, available, max_open, last_seen_at)
      values (${tenant.id}, ${byName[n].id}, ${a.available ?? true}, ${a.maxOpen ?? 50},
              ${seenAgo === null ? null : sql`now() - make_interval(secs => ${seenAgo})`})`
  }
  return { tenant, student, agents: byName }
}

/** Opens a ticket as the student (one transaction, RLS on); returns its assignee. */
async function open(tenantId: string, student: TestUser): Promise<string | null> {
  return withUser(sql, student.claims, async (tx) => {
    const [t] = await tx`
      insert into public.tickets (tenant_id, subject, category) values (${tenantId}, 'Help', 'technical')
      returning assignee_id`
    return (t?.assignee_id as string | null) ?? null
  })
}

/** Open tickets per assignee of a school (as the superuser). */
async function loads(tenantId: string) {
  const rows = await sql<{ assignee_id: string | null; n: number }[]>`
    select assignee_id, count(*)::int as n from public.tickets
    where tenant_id = ${tenantId} and status in ('open', 'pending') group by assignee_id`
  return new Map(rows.map((r) => [r.assignee_id, r.n]))
}

describe('round-robin assignment', () => {
  it('shares tickets evenly among online agents: 3 agents, 30 tickets, 10 each', async () => {
    const s = await school({ amina: {}, baraka: {}, chebet: { role: 'admin' } })
    const order: (string | null)[] = []
    for (let i = 0; i < 30; i++) order.push(await open(s.tenant.id, s.student))
    const load = await loads(s.tenant.id)
    for (const agent of Object.values(s.agents)) expect(load.get(agent.id)).toBe(10)
    expect(load.get(null)).toBeUndefined()
    // Strict rotation: every window of three tickets goes to three different agents.
    for (let i = 0; i + 3 <= order.length; i += 3) expect(new Set(order.slice(i, i + 3)).size).toBe(3)
  })

  it('skips agents who are offline, unavailable, at their cap or no longer support staff', async () => {
    const s = await school({
      on: {},
      stale: { seenAgo: 120 }, // seen two minutes ago: gone
      never: { seenAgo: null },
      away: { available: false },
      full: { maxOpen: 1 },
      none: { maxOpen: 0 },
      demoted: { role: 'student' },
    })
    // `full` already has its one open ticket.
    const [busy] = await sql`
      insert into public.tickets (tenant_id, requester_id, subject, category, assignee_id)
      values (${s.tenant.id}, ${s.student.id}, 'Busy', 'account', ${s.agents.full.id}) returning id`
    const assigned = []
    for (let i = 0; i < 6; i++) assigned.push(await open(s.tenant.id, s.student))
    expect(assigned).toEqual(Array(6).fill(s.agents.on.id))
    // Once `full` resolves its ticket it takes new ones again.
    await sql`update public.tickets set status = 'resolved' where id = ${busy?.id}`
    expect(await open(s.tenant.id, s.student)).toBe(s.agents.full.id)
  })

  it('leaves a ticket unassigned when nobody can take it', async () => {
    const s = await school({ stale: { seenAgo: 91 }, away: { available: false } })
    expect(await open(s.tenant.id, s.student)).toBeNull()
  })

  it('never goes over a cap nor loses a ticket when 20 open at once (caps sum to 10)', async () => {
    const s = await school({ a: { maxOpen: 3 }, b: { maxOpen: 3 }, c: { maxOpen: 4 } })
    const results = await Promise.all(Array.from({ length: 20 }, () => open(s.tenant.id, s.student)))
    expect(results.filter((r) => r !== null)).toHaveLength(10)
    const load = await loads(s.tenant.id)
    expect(load.get(s.agents.a.id)).toBe(3)
    expect(load.get(s.agents.b.id)).toBe(3)
    expect(load.get(s.agents.c.id)).toBe(4)
    expect(load.get(null)).toBe(10)
    const [{ n, numbers }] = await sql`
      select count(*)::int as n, count(distinct number)::int as numbers from public.tickets where tenant_id = ${s.tenant.id}`
    expect({ n, numbers }).toEqual({ n: 20, numbers: 20 })
  })
})
