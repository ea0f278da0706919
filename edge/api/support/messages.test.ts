import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/support/fixtures.ts'
import { TicketMessageList } from '../../contract/support.ts'
import { setupApi } from '../core/testing.ts'
import { MESSAGE_LIMIT } from './messages.ts'
import { openTicket, postMessage, type SupportSchool, supportSchool } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

const messageCount = async (ticketId: string) =>
  (await sql`select count(*)::int as n from public.ticket_messages where ticket_id = ${ticketId}`)[0]
    ?.n as number

describe('POST /api/tickets/:id/messages', () => {
  it('stores a reply and a staff note, and the first staff reply meets the first-response clock', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const reply = await postMessage(call, s.staff, t.id, { body: '  Try reloading. ' })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({
      ticket_id: t.id,
      author_id: s.staff.id,
      author_name: 'Staff',
      author_is_staff: true,
      body: 'Try reloading.',
      internal: false,
      system: false,
    })
    expect(typeof reply.body.id).toBe('number')
    const note = await postMessage(call, s.staff, t.id, { body: 'Probably the CDN.', internal: true })
    expect(note.status).toBe(201)
    expect(note.body.internal).toBe(true)
    const detail = await call('GET', `/tickets/${t.id}`, { token: s.staff.token })
    expect(detail.body.first_response_at).not.toBeNull()
    const first = detail.body.sla_clocks.find((c: { target: string }) => c.target === 'first_response')
    expect(first.met_at).not.toBeNull()
    const [notice] = await sql`
      select kind from public.notifications where user_id = ${s.student.id} and ticket_id = ${t.id}`
    expect(notice).toEqual({ kind: 'ticket_message' })
  })

  it('refuses empty, whitespace-only and over-long messages (400 on body), writing nothing', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    for (const body of ['', '   \n\t ', 'x'.repeat(4001)]) {
      const res = await postMessage(call, s.student, t.id, { body })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.issues[0].path).toBe('body')
    }
    const unknown = await postMessage(call, s.student, t.id, { body: 'Hi', system: true })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.issues[0].path).toBe('system')
    const exact = await postMessage(call, s.student, t.id, { body: 'x'.repeat(4000) })
    expect(exact.status).toBe(201)
    expect(await messageCount(t.id)).toBe(2)
  })

  it('refuses an internal note by the requester (403), closed tickets (409), outsiders (404)', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const note = await postMessage(call, s.student, t.id, { body: 'Secret', internal: true })
    expect(note.status).toBe(403)
    for (const who of [s.classmate, s.stranger, s.instructor]) {
      const res = await postMessage(call, who, t.id, { body: 'Me too' })
      expect(res.status).toBe(404)
    }
    await call('PATCH', `/tickets/${t.id}`, { token: s.student.token, body: { status: 'closed' } })
    const closed = await postMessage(call, s.staff, t.id, { body: 'Anything else?' })
    expect(closed.status).toBe(409)
    expect(closed.body.error).toMatchObject({
      code: 'ticket_closed',
      message: 'This ticket is closed; open a new one.',
    })
    const lines = await sql`select body from public.ticket_messages where ticket_id = ${t.id} and not system`
    expect(lines).toHaveLength(1)
  })

  it('takes a pending ticket back to open when the requester answers', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    await postMessage(call, s.staff, t.id, { body: 'Which browser?' })
    await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: { status: 'pending' } })
    await postMessage(call, s.student, t.id, { body: 'Firefox.' })
    const detail = await call('GET', `/tickets/${t.id}`, { token: s.staff.token })
    expect(detail.body).toMatchObject({ status: 'open' })
    expect(detail.body.sla_clocks.map((c: { target: string }) => c.target)).toContain('next_response')
  })

  it('rate-limits a flood of messages with 429, Retry-After and our error shape', async () => {
    const flooder = await createUser(sql, { name: 'Flooder' })
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${flooder.id}, 'student')`
    const t = await openTicket(call, flooder, s.tenant.id)
    const results = await Promise.all(
      Array.from({ length: MESSAGE_LIMIT.limit + 5 }, (_, i) =>
        postMessage(call, flooder, t.id, { body: `spam ${i}` }),
      ),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((x) => x === 201)).toHaveLength(MESSAGE_LIMIT.limit)
    const limited = results.filter((r) => r.status === 429)
    expect(limited).toHaveLength(5)
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited[0]?.body.error).toMatchObject({ code: 'rate_limited' })
    expect(await messageCount(t.id)).toBe(1 + MESSAGE_LIMIT.limit)
    // Other people keep talking.
    expect((await postMessage(call, s.staff, t.id, { body: 'Please slow down.' })).status).toBe(201)
  })
})

describe('GET /api/tickets/:id/messages', () => {
  it('lists oldest first after an id; requesters never get internal notes', async () => {
    const t = await openTicket(call, s.parent, s.tenant.id)
    const reply = await postMessage(call, s.staff, t.id, { body: 'Hello!' })
    await postMessage(call, s.staff, t.id, { body: 'Parent of Kevin.', internal: true })
    await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: { priority: 'high' } })
    const staff = await call('GET', `/tickets/${t.id}/messages`, { token: s.staff.token })
    expect(staff.status).toBe(200)
    TicketMessageList.parse(staff.body)
    expect(staff.body.map((m: { body: string }) => m.body)).toEqual([
      'It shows a blank page.',
      'Hello!',
      'Parent of Kevin.',
      'Priority changed from normal to high by Staff',
    ])
    const ids = staff.body.map((m: { id: number }) => m.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const parent = await call('GET', `/tickets/${t.id}/messages`, { token: s.parent.token })
    expect(parent.body.map((m: { body: string }) => m.body)).toEqual(['It shows a blank page.', 'Hello!'])
    expect(parent.body[0]).toMatchObject({ author_is_staff: false, author_name: 'Parent' })
    const after = await call('GET', `/tickets/${t.id}/messages?after=${reply.body.id}&limit=1`, {
      token: s.staff.token,
    })
    expect(after.body.map((m: { body: string }) => m.body)).toEqual(['Parent of Kevin.'])
    const stranger = await call('GET', `/tickets/${t.id}/messages`, { token: s.stranger.token })
    expect(stranger.status).toBe(404)
    const bad = await call('GET', `/tickets/${t.id}/messages?after=-1`, { token: s.staff.token })
    expect(bad.status).toBe(400)
  })
})

describe('attachments on messages', () => {
  /** A row in storage.objects as the local store (or hosted Storage) writes it after an upload. */
  async function uploaded(ownerId: string, name: string, size = 1234, type = 'image/png') {
    await sql`
      insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
      values ('ticket-attachments', ${name}, ${ownerId}, ${ownerId}, gen_random_uuid()::text,
              ${sql.json({ size, mimetype: type })})`
    return `ticket-attachments/${name}`
  }

  it('carries the author’s uploads of this ticket, with size and type from storage; a file-only message is fine', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const path = await uploaded(s.student.id, `${s.tenant.id}/${t.id}/screen.png`, 5000)
    const res = await postMessage(call, s.student, t.id, {
      body: '',
      attachments: [{ path, name: 'Screenshot 1.png' }],
    })
    expect(res.status).toBe(201)
    expect(res.body.attachments).toEqual([{ path, name: 'Screenshot 1.png', size: 5000, type: 'image/png' }])
    const list = await call('GET', `/tickets/${t.id}/messages`, { token: s.staff.token })
    expect(TicketMessageList.parse(list.body).at(-1)?.attachments?.[0].path).toBe(path)
  })

  it('refuses files of another ticket, of someone else, or that do not exist (nothing written)', async () => {
    const t = await openTicket(call, s.student, s.tenant.id)
    const other = await openTicket(call, s.student, s.tenant.id)
    const elsewhere = await uploaded(s.student.id, `${s.tenant.id}/${other.id}/x.png`)
    const staffs = await uploaded(s.staff.id, `${s.tenant.id}/${t.id}/staff.png`)
    const before = await messageCount(t.id)
    for (const path of [elsewhere, staffs, `ticket-attachments/${s.tenant.id}/${t.id}/missing.png`]) {
      const res = await postMessage(call, s.student, t.id, {
        body: 'see file',
        attachments: [{ path, name: 'x' }],
      })
      expect(res.status, path).toBe(422)
    }
    const bad = await postMessage(call, s.student, t.id, {
      body: 'x',
      attachments: [{ path: 'avatars/../../etc/passwd', name: 'x' }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('attachments.0.path')
    const none = await postMessage(call, s.student, t.id, { body: ' ', attachments: [] })
    expect(none.status).toBe(400)
    expect(await messageCount(t.id)).toBe(before)
  })
})
