import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TicketDetail, TicketList } from '../../contract/support.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket, type SupportSchool, supportSchool } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

/** What a ticket has in the database (as the superuser). */
async function stored(ticketId: string) {
  const [row] = await sql`
    select t.status, t.priority, t.assignee_id, t.merged_into,
      (select count(*)::int from public.ticket_messages m where m.ticket_id = t.id) as messages,
      (select count(*)::int from public.audit_log a where a.target_id = t.id::text) as audit
    from public.tickets t where t.id = ${ticketId}`
  return row
}

const ticketsOf = async (tenantId: string) =>
  (await sql`select count(*)::int as n from public.tickets where tenant_id = ${tenantId}`)[0]?.n as number

describe('POST /api/tenants/:tenantId/tickets', () => {
  it('opens a ticket with its first message, context and running SLA clocks', async () => {
    const res = await call('POST', `/tenants/${s.tenant.id}/tickets`, {
      token: s.student.token,
      body: {
        subject: '  Video will not play ',
        category: 'technical',
        body: 'The lesson video stays black.',
        context: { page: '/t/x/courses/1', label: 'Fractions' },
        priority: 'urgent',
      },
    })
    expect(res.status).toBe(201)
    TicketDetail.parse(res.body) // the contract's shape, as the web app reads it
    expect(res.body).toMatchObject({
      tenant_id: s.tenant.id,
      subject: 'Video will not play',
      category: 'technical',
      priority: 'normal', // requesters do not choose the priority
      status: 'open',
      requester_id: s.student.id,
      requester_name: 'Student',
      assignee_id: null,
      context: { page: '/t/x/courses/1', label: 'Fractions' },
      sla_state: 'ok',
      my_access: 'requester',
      reads: [],
      rating: null,
      sla_clocks: [], // staff business
    })
    expect(res.body.number).toBeGreaterThan(1000)
    expect(Date.parse(res.body.sla_due_at)).toBeGreaterThan(Date.now())
    expect(res.body.last_message_at).not.toBeNull()
    const [message] =
      await sql`select author_id, body, internal from public.ticket_messages where ticket_id = ${res.body.id}`
    expect(message).toEqual({
      author_id: s.student.id,
      body: 'The lesson video stays black.',
      internal: false,
    })
  })

  it('numbers tickets per school and honours the priority staff choose', async () => {
    const a = await openTicket(call, s.staff, s.tenant.id, { priority: 'high' })
    const b = await openTicket(call, s.parent, s.tenant.id)
    expect(a.priority).toBe('high')
    expect(a.my_access).toBe('staff')
    expect(a.sla_clocks.map((c: { target: string }) => c.target).sort()).toEqual([
      'first_response',
      'resolution',
    ])
    expect(b.number).toBe(a.number + 1)
  })

  it('refuses another school (404), bad input (400) and unknown fields (400), writing nothing', async () => {
    const before = await ticketsOf(s.tenant.id)
    const stranger = await call('POST', `/tenants/${s.tenant.id}/tickets`, {
      token: s.stranger.token,
      body: { subject: 'Hi', category: 'billing', body: 'Hello' },
    })
    expect(stranger.status).toBe(404)
    const cases: [object, string][] = [
      [{ subject: ' ', category: 'billing', body: 'Hello' }, 'subject'],
      [{ subject: 'Hi', category: 'billing', body: '   ' }, 'body'],
      [{ subject: 'Hi', category: 'billing', body: 'x'.repeat(4001) }, 'body'],
      [{ subject: 'Hi', category: 'gossip', body: 'Hello' }, 'category'],
      [{ subject: 'Hi', category: 'billing', body: 'Hello', status: 'closed' }, 'status'],
      [
        { subject: 'Hi', category: 'billing', body: 'Hello', context: { page: 'https://evil.example' } },
        'context.page',
      ],
    ]
    for (const [body, field] of cases) {
      const res = await call('POST', `/tenants/${s.tenant.id}/tickets`, { token: s.student.token, body })
      expect(res.status).toBe(400)
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field)
    }
    const anon = await call('POST', `/tenants/${s.tenant.id}/tickets`, {
      body: { subject: 'Hi', category: 'billing', body: 'Hello' },
    })
    expect(anon.status).toBe(401)
    expect(await ticketsOf(s.tenant.id)).toBe(before)
  })
})

describe('GET /api/tenants/:tenantId/tickets', () => {
  let mine: { id: string; number: number }
  let theirs: { id: string }
  beforeAll(async () => {
    mine = await openTicket(call, s.classmate, s.tenant.id, { subject: 'Quiz 100% marks missing' })
    theirs = await openTicket(call, s.parent, s.tenant.id, {
      subject: 'Fee statement please',
      category: 'billing',
    })
    await sql`update public.tickets set assignee_id = ${s.staff.id} where id = ${theirs.id}`
  })

  const ids = (res: { body: { id: string }[] }) => res.body.map((t) => t.id)

  it('shows requesters only their own tickets, and staff the whole school', async () => {
    const own = await call('GET', `/tenants/${s.tenant.id}/tickets`, { token: s.classmate.token })
    expect(own.status).toBe(200)
    expect(ids(own)).toEqual([mine.id])
    const staff = await call('GET', `/tenants/${s.tenant.id}/tickets`, { token: s.staff.token })
    TicketList.parse(staff.body)
    expect(ids(staff)).toEqual(expect.arrayContaining([mine.id, theirs.id]))
    const narrowed = await call('GET', `/tenants/${s.tenant.id}/tickets?requester=me`, {
      token: s.staff.token,
    })
    expect(narrowed.body.every((t: { requester_id: string }) => t.requester_id === s.staff.id)).toBe(true)
    const stranger = await call('GET', `/tenants/${s.tenant.id}/tickets`, { token: s.stranger.token })
    expect(stranger.status).toBe(404)
  })

  it('filters by status, category, assignee, SLA state and search, and sorts', async () => {
    const get = async (query: string) => {
      const res = await call('GET', `/tenants/${s.tenant.id}/tickets?${query}`, { token: s.admin.token })
      expect(res.status).toBe(200)
      return ids(res)
    }
    expect(await get('category=billing')).toEqual([theirs.id])
    expect(await get('assignee=none')).toContain(mine.id)
    expect(await get('assignee=none')).not.toContain(theirs.id)
    expect(await get(`assignee=${s.staff.id}`)).toEqual([theirs.id])
    expect(await get('status=open,pending')).toEqual(expect.arrayContaining([mine.id, theirs.id]))
    expect(await get('status=closed')).toEqual([])
    expect(await get('sla=ok')).toContain(mine.id)
    expect(await get('q=100%25%20quiz')).toEqual([mine.id])
    expect(await get(`q=%23${mine.number}`)).toEqual([mine.id])
    expect(await get('q=nothing-like-this')).toEqual([])
    expect(await get('limit=1')).toHaveLength(1)
    const bySla = await call('GET', `/tenants/${s.tenant.id}/tickets?sort=sla`, { token: s.admin.token })
    const dues = bySla.body.map((t: { sla_due_at: string }) => Date.parse(t.sla_due_at))
    expect(dues).toEqual([...dues].sort((a, b) => a - b))
    const mineForStaff = await call('GET', `/tenants/${s.tenant.id}/tickets?assignee=me`, {
      token: s.staff.token,
    })
    expect(ids(mineForStaff)).toEqual([theirs.id])
  })

  it('refuses unknown filters and bad values (400)', async () => {
    for (const [query, field] of [
      ['status=done', 'status'],
      ['assignee=bob', 'assignee'],
      ['limit=0', 'limit'],
      ['owner=me', 'owner'],
    ]) {
      const res = await call('GET', `/tenants/${s.tenant.id}/tickets?${query}`, { token: s.staff.token })
      expect(res.status).toBe(400)
      expect(res.body.error.details.issues[0].path).toBe(field)
    }
  })
})

describe('GET and PATCH /api/tickets/:id', () => {
  it('shows a ticket to its requester and the staff, and is a 404 for anyone else', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    for (const who of [s.student, s.staff, s.owner]) {
      const res = await call('GET', `/tickets/${t.id}`, { token: who.token })
      expect(res.status).toBe(200)
      expect(res.body.id).toBe(t.id)
    }
    const staffView = await call('GET', `/tickets/${t.id}`, { token: s.staff.token })
    TicketDetail.parse(staffView.body)
    expect(staffView.body.sla_clocks).toHaveLength(2)
    for (const who of [s.classmate, s.instructor, s.stranger]) {
      const res = await call('GET', `/tickets/${t.id}`, { token: who.token })
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('ticket_not_found')
    }
    const missing = await call('GET', '/tickets/00000000-0000-4000-a000-0000000000ff', {
      token: s.staff.token,
    })
    expect(missing.status).toBe(404)
    const bad = await call('GET', '/tickets/42', { token: s.staff.token })
    expect(bad.status).toBe(400)
  })

  it('lets staff change priority and status (pending pauses the SLA), requesters only close', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const raised = await call('PATCH', `/tickets/${t.id}`, {
      token: s.staff.token,
      body: { priority: 'high', status: 'pending' },
    })
    expect(raised.status).toBe(200)
    expect(raised.body).toMatchObject({ priority: 'high', status: 'pending', sla_state: 'paused' })
    const student = await call('PATCH', `/tickets/${t.id}`, {
      token: s.student.token,
      body: { priority: 'urgent' },
    })
    expect(student.status).toBe(403)
    expect(student.body.error.message).toBe('Only support staff change a ticket; you can close your own.')
    const classmate = await call('PATCH', `/tickets/${t.id}`, {
      token: s.classmate.token,
      body: { status: 'closed' },
    })
    expect(classmate.status).toBe(404)
    const closed = await call('PATCH', `/tickets/${t.id}`, {
      token: s.student.token,
      body: { status: 'closed' },
    })
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', sla_state: 'met' })
    expect(closed.body.closed_at).not.toBeNull()
    const reopen = await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: { status: 'open' } })
    expect(reopen.status).toBe(409)
    expect(reopen.body.error.code).toBe('ticket_closed')
    const empty = await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: {} })
    expect(empty.status).toBe(400)
    const unknown = await call('PATCH', `/tickets/${t.id}`, {
      token: s.staff.token,
      body: { assignee_id: null },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.issues[0]).toMatchObject({
      path: 'assignee_id',
      message: 'Unknown field.',
    })
    expect(await stored(t.id)).toMatchObject({ status: 'closed', priority: 'high' })
  })
})
