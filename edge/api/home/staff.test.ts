import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket, type SupportSchool, supportSchool } from '../support/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

const home = (who: TestUser, tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/home/staff`, { token: who.token })

/** Opens a ticket as `who` in `school`; assigned to `assignee` when given; its id. */
async function ticket(school: SupportSchool, who: TestUser, subject: string, assignee?: TestUser) {
  const { id } = await openTicket(call, who, school.tenant.id, { subject })
  if (assignee) {
    const res = await call('POST', `/tickets/${id}/assign`, {
      token: school.staff.token,
      body: { assignee_id: assignee.id },
    })
    if (res.status !== 200) throw new Error(`assign: ${res.status} ${res.text}`)
  }
  return id as string
}

/** Changes a ticket's status as the school's staff. */
async function setStatus(school: SupportSchool, id: string, status: string) {
  const res = await call('PATCH', `/tickets/${id}`, { token: school.staff.token, body: { status } })
  if (res.status !== 200) throw new Error(`status: ${res.status} ${res.text}`)
}

/**
 * Sets a ticket's running SLA clocks as the SLA job would leave them (as the superuser): due in
 * `dueIn` minutes, the first response clock warned or breached, or every clock met; then the
 * ticket's summary (sla_state, sla_due_at) from them, as private.refresh_sla keeps it.
 */
async function clocks(id: string, opts: { dueIn?: number; state?: 'warning' | 'breached' | 'met' }) {
  await sql.begin(async (tx) => {
    const running = tx`ticket_id = ${id} and met_at is null and breached_at is null`
    if (opts.dueIn !== undefined) {
      await tx`update public.ticket_sla_targets set due_at = now() + make_interval(mins => ${opts.dueIn}),
        warn_at = now() + make_interval(mins => ${opts.dueIn}) where ${running}`
    }
    if (opts.state === 'warning' || opts.state === 'breached') {
      await tx`update public.ticket_sla_targets set warned_at = now(),
        breached_at = ${opts.state === 'breached' ? tx`now()` : tx`null`}
        where ${running} and target = 'first_response'`
    }
    if (opts.state === 'met') await tx`update public.ticket_sla_targets set met_at = now() where ${running}`
    await tx`select private.refresh_sla(${id})`
  })
}

/** The school's queue as the support routes list it for `who`, with a query. */
const queue = async (school: SupportSchool, query: string, who = school.staff) =>
  (await call('GET', `/tenants/${school.tenant.id}/tickets?${query}&limit=200`, { token: who.token })).body

describe('GET /api/tenants/:id/home/staff: the queue', () => {
  it("counts the school's tickets neither resolved nor closed, as the queue's filters find them", async () => {
    const x = await supportSchool(sql)
    await ticket(x, x.student, 'Open, nobody on it')
    await clocks(await ticket(x, x.student, 'Breached', x.staff), { state: 'breached' })
    await clocks(await ticket(x, x.parent, 'Warning', x.staff2), { state: 'warning' })
    await setStatus(x, await ticket(x, x.classmate, 'Pending', x.staff), 'pending')
    await setStatus(x, await ticket(x, x.classmate, 'Pending, nobody on it'), 'pending')
    // Resolved and closed ones are not counted, whatever their clocks said.
    const resolved = await ticket(x, x.student, 'Resolved')
    await setStatus(x, resolved, 'resolved')
    const closed = await ticket(x, x.student, 'Closed')
    await setStatus(x, closed, 'closed')
    await sql`update public.tickets set sla_state = 'breached' where id in ${sql([resolved, closed])}`
    const elsewhere = await supportSchool(sql)
    await clocks(await ticket(elsewhere, elsewhere.student, 'Another school'), { state: 'breached' })

    const res = await home(x.staff, x.tenant.id)
    expect(res.status).toBe(200)
    const { mine, ...counts } = res.body
    expect(counts).toEqual({ open: 3, pending: 2, unassigned: 2, breached: 1, warning: 1 })
    expect(mine.map((t: { subject: string }) => t.subject).sort()).toEqual(['Breached', 'Pending'])
    expect(await queue(x, 'status=open')).toHaveLength(counts.open)
    expect(await queue(x, 'status=pending')).toHaveLength(counts.pending)
    expect(await queue(x, 'status=open,pending&assignee=none')).toHaveLength(counts.unassigned)
    expect(await queue(x, 'status=open,pending&sla=breached')).toHaveLength(counts.breached)
    expect(await queue(x, 'status=open,pending&sla=warning')).toHaveLength(counts.warning)
    // Owners and admins work the desk too: the same figures.
    for (const who of [x.owner, x.admin]) {
      const other = await home(who, x.tenant.id)
      expect(other.status, who.email).toBe(200)
      const { mine: _, ...theirs } = other.body
      expect(theirs).toEqual(counts)
    }
  })
})

describe('GET /api/tenants/:id/home/staff: mine', () => {
  it('lists the tickets assigned to me, not resolved or closed, the soonest SLA due first, at most 5', async () => {
    const x = await supportSchool(sql)
    const mineDue = async (subject: string, dueIn: number | null, assignee: TestUser = x.staff) => {
      const id = await ticket(x, x.student, subject, assignee)
      await clocks(id, dueIn === null ? { state: 'met' } : { dueIn })
      return id
    }
    const in50 = await mineDue('Due in 50', 50)
    const in10 = await mineDue('Due in 10', 10)
    const none = await mineDue('Nothing due', null)
    const in30 = await mineDue('Due in 30', 30)
    const in20 = await ticket(x, x.student, 'Pending, due in 20', x.staff)
    await setStatus(x, in20, 'pending')
    await clocks(in20, { dueIn: 20 })
    const in40 = await mineDue('Due in 40', 40)
    await setStatus(x, await mineDue('Resolved', 1), 'resolved')
    await mineDue('Not mine', 5, x.staff2)
    await clocks(await ticket(x, x.student, 'Nobody on it'), { dueIn: 1 })

    const ids = async () => (await home(x.staff, x.tenant.id)).body.mine.map((t: { id: string }) => t.id)
    expect(await ids()).toEqual([in10, in20, in30, in40, in50])
    await setStatus(x, in10, 'resolved')
    expect(await ids()).toEqual([in20, in30, in40, in50, none])
    // The very Ticket objects of the support routes.
    const { mine } = (await home(x.staff, x.tenant.id)).body
    expect(mine).toEqual(await queue(x, 'assignee=me&status=open,pending&sort=sla'))
    expect(mine[1]).toMatchObject({ subject: 'Due in 30', assignee_id: x.staff.id, assignee_name: 'Staff' })
    expect((await home(x.staff2, x.tenant.id)).body.mine.map((t: { subject: string }) => t.subject)).toEqual([
      'Not mine',
    ])
  })
})

describe('GET /api/tenants/:id/home/staff: who', () => {
  it('answers the support desk only: 403 for others, 404 outside the school, 400 and 401', async () => {
    for (const who of [s.owner, s.admin, s.staff]) expect((await home(who)).status, who.email).toBe(200)
    for (const who of [s.instructor, s.student, s.parent]) {
      const res = await home(who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error.code).toBe('support_staff_only')
    }
    const stranger = await home(s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('school_not_found')
    expect((await home(s.staff, crypto.randomUUID())).status).toBe(404)
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    expect((await home(superadmin)).status).toBe(403)
    const bad = await home(s.staff, 'not-a-uuid')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
    expect((await call('GET', `/tenants/${s.tenant.id}/home/staff`)).status).toBe(401)
  })
})
