import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

describe('POST /api/tickets/:id/assign', () => {
  it('assigns to an agent and notifies them, unassigns with null', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const res = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.staff.token,
      body: { assignee_id: s.staff2.id },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ assignee_id: s.staff2.id, assignee_name: 'Staff2' })
    const [note] = await sql`
      select kind, title from public.notifications where user_id = ${s.staff2.id} and ticket_id = ${t.id}`
    expect(note).toEqual({ kind: 'ticket_assigned', title: `Ticket #${t.number} assigned to you` })
    const none = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.staff.token,
      body: { assignee_id: null },
    })
    expect(none.body.assignee_id).toBeNull()
  })

  it('refuses a non-staff assignee (422 on assignee_id) and requesters (403), writing nothing', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const before = await stored(t.id)
    for (const assignee of [s.instructor, s.classmate, s.stranger]) {
      const res = await call('POST', `/tickets/${t.id}/assign`, {
        token: s.staff.token,
        body: { assignee_id: assignee.id },
      })
      expect(res.status).toBe(422)
      expect(res.body.error).toEqual({
        code: 'assignee_not_staff',
        message: 'Tickets are assigned to support staff of this school only.',
        details: { field: 'assignee_id' },
      })
    }
    const requester = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.student.token,
      body: { assignee_id: s.staff.id },
    })
    expect(requester.status).toBe(403)
    const stranger = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.stranger.token,
      body: { assignee_id: s.stranger.id },
    })
    expect(stranger.status).toBe(404)
    const both = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.staff.token,
      body: { assignee_id: s.staff.id, auto: true },
    })
    expect(both.status).toBe(400)
    expect(await stored(t.id)).toEqual(before)
  })

  it('assigns by round-robin, or answers 409 no_agent_available and changes nothing', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const before = await stored(t.id)
    const nobody = await call('POST', `/tickets/${t.id}/assign`, {
      token: s.staff.token,
      body: { auto: true },
    })
    expect(nobody.status).toBe(409)
    expect(nobody.body.error.code).toBe('no_agent_available')
    expect(await stored(t.id)).toEqual(before)
    await sql`
      insert into public.support_agents (tenant_id, user_id, last_seen_at) values (${s.tenant.id}, ${s.staff2.id}, now())
      on conflict (tenant_id, user_id) do update set last_seen_at = now()`
    try {
      const auto = await call('POST', `/tickets/${t.id}/assign`, {
        token: s.staff.token,
        body: { auto: true },
      })
      expect(auto.status).toBe(200)
      expect(auto.body.assignee_id).toBe(s.staff2.id)
    } finally {
      await sql`update public.support_agents set last_seen_at = null where tenant_id = ${s.tenant.id}`
    }
  })
})

describe('POST /api/tickets/:id/merge', () => {
  it('closes a duplicate into another ticket of the same requester', async () => {
    const first = await openTicket(call, s.parent, s.tenant.id)
    const dup = await openTicket(call, s.parent, s.tenant.id)
    const res = await call('POST', `/tickets/${dup.id}/merge`, {
      token: s.staff.token,
      body: { into: first.id },
    })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(first.id)
    expect(await stored(dup.id)).toMatchObject({ status: 'closed', merged_into: first.id })
    const lines = await sql`select body from public.ticket_messages where ticket_id = ${first.id} and system`
    expect(lines.map((l) => l.body)).toContainEqual(expect.stringContaining(`Ticket #${dup.number}`))
  })

  it("refuses another requester's ticket (422), requesters (403) and closed tickets (409)", async () => {
    const a = await openTicket(call, s.parent, s.tenant.id)
    const b = await openTicket(call, s.student, s.tenant.id)
    const mismatch = await call('POST', `/tickets/${a.id}/merge`, {
      token: s.staff.token,
      body: { into: b.id },
    })
    expect(mismatch.status).toBe(422)
    expect(mismatch.body.error).toMatchObject({ code: 'merge_mismatch', details: { field: 'into' } })
    const requester = await call('POST', `/tickets/${b.id}/merge`, {
      token: s.student.token,
      body: { into: a.id },
    })
    expect(requester.status).toBe(403)
    const c = await openTicket(call, s.parent, s.tenant.id)
    await call('PATCH', `/tickets/${c.id}`, { token: s.parent.token, body: { status: 'closed' } })
    const closed = await call('POST', `/tickets/${a.id}/merge`, {
      token: s.staff.token,
      body: { into: c.id },
    })
    expect(closed.status).toBe(409)
    expect(await stored(a.id)).toMatchObject({ status: 'open', merged_into: null })
  })
})

describe('POST /api/tickets/:id/seen', () => {
  it('moves the read marker forward only, and refuses messages of another ticket', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const reply = await call('POST', `/tickets/${t.id}/messages`, {
      token: s.staff.token,
      body: { body: 'On it.' },
    })
    const [first] = (await call('GET', `/tickets/${t.id}/messages`, { token: s.student.token })).body
    expect(
      (
        await call('POST', `/tickets/${t.id}/seen`, {
          token: s.student.token,
          body: { last_read_id: reply.body.id },
        })
      ).status,
    ).toBe(204)
    expect(
      (
        await call('POST', `/tickets/${t.id}/seen`, {
          token: s.student.token,
          body: { last_read_id: first.id },
        })
      ).status,
    ).toBe(204)
    const detail = await call('GET', `/tickets/${t.id}`, { token: s.staff.token })
    expect(detail.body.reads).toEqual([
      expect.objectContaining({ user_id: s.student.id, last_read_id: reply.body.id }),
    ])
    const other = await openTicket(call, s.student, s.tenant.id)
    const foreign = await call('POST', `/tickets/${other.id}/seen`, {
      token: s.student.token,
      body: { last_read_id: first.id },
    })
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.details).toEqual({ field: 'last_read_id' })
    const stranger = await call('POST', `/tickets/${t.id}/seen`, {
      token: s.classmate.token,
      body: { last_read_id: first.id },
    })
    expect(stranger.status).toBe(404)
  })
})

describe('reading a ticket marks its notifications read', () => {
  it('up to the message read: a later reply stays new in the bell', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const say = (body: string) =>
      call('POST', `/tickets/${t.id}/messages`, { token: s.staff.token, body: { body } })
    const first = await say('Looking into it.')
    const later = await say('Found it.')
    const unread = () => sql<{ n: number }[]>`
      select count(*)::int as n from public.notifications
      where user_id = ${s.student.id} and ticket_id = ${t.id} and read_at is null`
    expect((await unread())[0].n).toBe(2)
    const seen = (id: number) =>
      call('POST', `/tickets/${t.id}/seen`, { token: s.student.token, body: { last_read_id: id } })
    expect((await seen(first.body.id)).status).toBe(204)
    expect((await unread())[0].n).toBe(1)
    expect((await seen(later.body.id)).status).toBe(204)
    expect((await unread())[0].n).toBe(0)
  })
})

describe('POST /api/tickets/:id/csat', () => {
  it('takes one rating of a resolved ticket from its requester', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    await call('POST', `/tickets/${t.id}/assign`, { token: s.staff.token, body: { assignee_id: s.staff.id } })
    const early = await call('POST', `/tickets/${t.id}/csat`, { token: s.student.token, body: { score: 5 } })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('not_resolved')
    await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: { status: 'resolved' } })
    const staff = await call('POST', `/tickets/${t.id}/csat`, { token: s.staff.token, body: { score: 5 } })
    expect(staff.status).toBe(403)
    const other = await call('POST', `/tickets/${t.id}/csat`, {
      token: s.classmate.token,
      body: { score: 1 },
    })
    expect(other.status).toBe(404)
    const bad = await call('POST', `/tickets/${t.id}/csat`, { token: s.student.token, body: { score: 6 } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('score')
    const res = await call('POST', `/tickets/${t.id}/csat`, {
      token: s.student.token,
      body: { score: 4, comment: ' Quick and kind. ' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      ticket_id: t.id,
      score: 4,
      comment: 'Quick and kind.',
      agent_id: s.staff.id,
      category: 'technical',
    })
    const again = await call('POST', `/tickets/${t.id}/csat`, { token: s.student.token, body: { score: 1 } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('already_rated')
    const detail = await call('GET', `/tickets/${t.id}`, { token: s.student.token })
    expect(detail.body.rating).toMatchObject({ score: 4 })
  })
})
