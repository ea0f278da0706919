import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TicketMessage } from '../../contract/support.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket, postMessage, type SupportSchool, supportSchool } from './testing.ts'

// A message sent again with the same client id (the browser's queue of pending writes retrying
// after a lost answer, a reload or a second tab) is stored once and answered as stored.

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

const rowsWith = async (clientId: string) =>
  sql<{ ticket_id: string; author_id: string; body: string }[]>`
    select ticket_id, author_id, body from public.ticket_messages where client_id = ${clientId} order by id`

/** The `message` live events of a ticket heard on the `live` channel while `fn` runs (and just after). */
async function liveMessagesDuring(ticketId: string, fn: () => Promise<void>): Promise<unknown[]> {
  const heard: { topic: string; event: string; data: unknown }[] = []
  const listener = await sql.listen('live', (payload) => heard.push(JSON.parse(payload)))
  try {
    await fn()
    const ours = () => heard.filter((e) => e.topic === `ticket:${ticketId}` && e.event === 'message')
    await expect.poll(() => ours().length).toBeGreaterThan(0)
    // Anything sent twice would arrive right behind the first.
    await new Promise((resolve) => setTimeout(resolve, 300))
    return ours().map((e) => e.data)
  } finally {
    await listener.unlisten()
  }
}

describe('POST /api/tickets/:id/messages with a client_id', () => {
  it('stores the message once: 201 the first time, 200 with the same message after', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const clientId = crypto.randomUUID()
    const first = await postMessage(call, s.student, t.id, { body: ' Still blank. ', client_id: clientId })
    expect(first.status).toBe(201)
    expect(TicketMessage.parse(first.body)).toMatchObject({ body: 'Still blank.', client_id: clientId })
    const again = await postMessage(call, s.student, t.id, { body: 'Still blank.', client_id: clientId })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await rowsWith(clientId)).toEqual([
      { ticket_id: t.id, author_id: s.student.id, body: 'Still blank.' },
    ])
  })

  it('stores one row, sends one live event and one notification when the same send races', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const clientId = crypto.randomUUID()
    let results: Awaited<ReturnType<typeof postMessage>>[] = []
    const events = await liveMessagesDuring(t.id, async () => {
      results = await Promise.all(
        Array.from({ length: 4 }, () =>
          postMessage(call, s.staff, t.id, { body: 'On it.', client_id: clientId }),
        ),
      )
    })
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    expect(await rowsWith(clientId)).toHaveLength(1)
    expect(events).toEqual([
      expect.objectContaining({ id: results[0]?.body.id, body: 'On it.', client_id: clientId }),
    ])
    const notices = await sql`
      select 1 from public.notifications where user_id = ${s.student.id} and ticket_id = ${t.id} and kind = 'ticket_message'`
    expect(notices).toHaveLength(1)
  })

  it("keeps each person's client ids apart: the same id from someone else is their own new message", async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const clientId = crypto.randomUUID()
    const mine = await postMessage(call, s.student, t.id, { body: 'Mine', client_id: clientId })
    const staff = await postMessage(call, s.staff, t.id, { body: 'Theirs', client_id: clientId })
    expect([mine.status, staff.status]).toEqual([201, 201])
    expect(staff.body).toMatchObject({ author_id: s.staff.id, body: 'Theirs' })
    expect(staff.body.id).not.toBe(mine.body.id)
    // Someone else's ticket with my id: no access is no access (404), and nothing of mine leaks.
    const other = await openTicket(call, s.classmate, s.tenant.id)
    const outsider = await postMessage(call, s.classmate, t.id, { body: 'Mine', client_id: clientId })
    expect(outsider.status).toBe(404)
    const own = await postMessage(call, s.classmate, other.id, { body: 'Mine', client_id: clientId })
    expect(own.status).toBe(201)
    expect(own.body).toMatchObject({ ticket_id: other.id, author_id: s.classmate.id })
    expect((await rowsWith(clientId)).map((r) => r.author_id).sort()).toEqual(
      [s.student.id, s.staff.id, s.classmate.id].sort(),
    )
  })

  it('refuses a client_id that is not a UUID (400 naming client_id) and one reused for another message (409)', async () => {
    const t = await openTicket(call, s.parent, s.tenant.id)
    for (const client_id of ['abc', 42, '']) {
      const res = await postMessage(call, s.parent, t.id, { body: 'Hi', client_id })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.issues[0].path).toBe('client_id')
    }
    const clientId = crypto.randomUUID()
    expect((await postMessage(call, s.parent, t.id, { body: 'First', client_id: clientId })).status).toBe(201)
    const reused = await postMessage(call, s.parent, t.id, { body: 'Second', client_id: clientId })
    expect(reused.status).toBe(409)
    expect(reused.body.error).toMatchObject({ code: 'client_id_reused', details: { field: 'client_id' } })
    expect(await rowsWith(clientId)).toHaveLength(1)
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.ticket_messages where ticket_id = ${t.id} and not system`
    expect(n).toBe(2)
  })

  it('answers a repeated send with the stored message even after the ticket was closed', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const clientId = crypto.randomUUID()
    const first = await postMessage(call, s.student, t.id, { body: 'Thanks, fixed.', client_id: clientId })
    expect(first.status).toBe(201)
    await call('PATCH', `/tickets/${t.id}`, { token: s.student.token, body: { status: 'closed' } })
    const again = await postMessage(call, s.student, t.id, { body: 'Thanks, fixed.', client_id: clientId })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    const fresh = await postMessage(call, s.student, t.id, {
      body: 'One more thing',
      client_id: crypto.randomUUID(),
    })
    expect(fresh.status).toBe(409)
    expect(fresh.body.error.code).toBe('ticket_closed')
  })
})
