// Live access follows membership (issue 9): a removed or demoted person receives nothing more on
// any topic within 2 s, leaves session rosters, and nothing committed after the change reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueTopic, ticketTopic, userTopic } from '../../edge/contract/support.ts'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { createDesk, eventually, openTicket, postMessage, type Recorder, recorder } from './testing.ts'

const forbidden = (topic: string) => (m: { type: string; topic?: string; code?: string }) =>
  m.type === 'error' && m.code === 'forbidden' && m.topic === topic
const unsubscribed = (topic: string) => (m: { type: string; topic?: string }) =>
  m.type === 'unsubscribed' && m.topic === topic

describe('live access after membership changes', () => {
  const sql = testDb(4)
  let t: TestServer
  const clients: Recorder[] = []
  const open = (user: TestUser) => {
    const c = recorder(t.url(undefined, user.token))
    clients.push(c)
    return c
  }
  /** An admin's change through RLS, as the API makes it. */
  const asUser = (user: TestUser, change: string, ...params: unknown[]) =>
    withUser(sql, user.claims, (tx) => tx.unsafe(change, params as never[]))

  beforeAll(async () => {
    // The periodic backstop is off: only the database's signal can end these subscriptions.
    t = await startTestServer({ liveRecheckMs: 0 })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('a staff member removed from the school stops hearing tickets, the queue and internal notes at once', async () => {
    const desk = await createDesk(sql)
    const staff = open(desk.staff)
    const watcher = open(desk.owner)
    for (const topic of [ticketTopic(desk.ticket), queueTopic(desk.tenant.id), userTopic(desk.staff.id)])
      expect(await staff.subscribe(topic)).toMatchObject({ type: 'subscribed' })
    expect(await watcher.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })

    const removedAt = Date.now()
    // The removal and, right after it, an internal note and a student's private message.
    await asUser(
      desk.owner,
      'delete from public.memberships where tenant_id = $1 and user_id = $2',
      desk.tenant.id,
      desk.staff.id,
    )
    await postMessage(sql, desk.owner, desk.ticket, 'Internal: refund approved.', true)
    await postMessage(sql, desk.requester, desk.ticket, 'My phone number is 0712 000 000.')

    await staff.waitFor(forbidden(ticketTopic(desk.ticket)), 'the ticket refused', 2000)
    await staff.waitFor(unsubscribed(queueTopic(desk.tenant.id)), 'the queue ended', 2000)
    expect(Date.now() - removedAt).toBeLessThan(2000)
    // The others still hear everything: the owner got both messages.
    await watcher.waitFor(
      (m) => JSON.stringify(m).includes('0712 000 000'),
      'the message on the owner’s socket',
    )
    await staff.ping()
    const seen = JSON.stringify(staff.got)
    expect(seen).not.toContain('refund approved')
    expect(seen).not.toContain('0712 000 000')
    // Their own notifications stay theirs; nothing about the ticket is added for them (they only
    // hear that their access changed).
    expect(
      staff.got.some(
        (m) => m.type === 'event' && m.topic === userTopic(desk.staff.id) && m.event !== 'access',
      ),
    ).toBe(false)
    // Subscribing again is refused.
    expect(await staff.subscribe(ticketTopic(desk.ticket))).toMatchObject({
      type: 'error',
      code: 'forbidden',
    })
  })

  it('a demoted staff member who opened a ticket keeps it as a requester, without internal notes', async () => {
    const desk = await createDesk(sql)
    const own = await openTicket(sql, desk.staff, desk.tenant.id, 'My own laptop')
    const staff = open(desk.staff)
    expect(await staff.subscribe(ticketTopic(own))).toMatchObject({ type: 'subscribed' })
    await asUser(
      desk.owner,
      "update public.memberships set role = 'student' where tenant_id = $1 and user_id = $2",
      desk.tenant.id,
      desk.staff.id,
    )
    await postMessage(sql, desk.owner, own, 'Internal: check their warranty.', true)
    await postMessage(sql, desk.owner, own, 'We are looking into it.')
    await staff.waitFor((m) => JSON.stringify(m).includes('looking into it'), 'the public reply')
    expect(JSON.stringify(staff.got)).not.toContain('warranty')
    expect(t.server.live?.subscriptionsOf(desk.staff.id)[0]?.access).toBe('requester')
  })

  it('a student removed from the school leaves the session room, its chat and its roster', async () => {
    const owner = await createUser(sql, { name: 'Owner' })
    const [tutor, amina, baraka] = await Promise.all(
      ['Tutor', 'Amina', 'Baraka'].map((name) => createUser(sql, { name })),
    )
    const tenant = await createTenant(sql, owner, [
      [tutor, 'instructor'],
      [amina, 'student'],
      [baraka, 'student'],
    ])
    const [s] = await sql`
      insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
      values (${tenant.id}, ${tutor.id}, 'Fractions', now(), 60, 4) returning id`
    for (const student of [amina, baraka])
      await sql`insert into public.session_bookings (session_id, user_id, booked_by) values (${s.id}, ${student.id}, ${student.id})`
    const topic = `session:${s.id}`
    const tutorSocket = open(tutor)
    const aminaSocket = open(amina)
    expect(await tutorSocket.subscribe(topic)).toMatchObject({ type: 'subscribed' })
    expect(await aminaSocket.subscribe(topic)).toMatchObject({ type: 'subscribed' })

    await asUser(
      owner,
      'delete from public.memberships where tenant_id = $1 and user_id = $2',
      tenant.id,
      amina.id,
    )
    await withUser(
      sql,
      tutor.claims,
      (tx) =>
        tx`insert into public.session_messages (session_id, body) values (${s.id}, 'Page 12, everyone')`,
    )

    await aminaSocket.waitFor(forbidden(topic), 'the room refused', 2000)
    await tutorSocket.waitFor(
      (m) =>
        m.type === 'event' &&
        m.event === 'presence' &&
        JSON.stringify(m.data).includes(`"user_id":"${amina.id}","role":"participant","present":false`),
      'Amina leaving the roster',
      2000,
    )
    await tutorSocket.waitFor((m) => JSON.stringify(m).includes('Page 12'), 'the chat line for the tutor')
    await aminaSocket.ping()
    expect(JSON.stringify(aminaSocket.got)).not.toContain('Page 12')
  })

  it('a cancelled booking ends the student’s subscription to the room', async () => {
    const owner = await createUser(sql, { name: 'Owner' })
    const [tutor, student] = await Promise.all(['Tutor', 'Student'].map((name) => createUser(sql, { name })))
    const tenant = await createTenant(sql, owner, [
      [tutor, 'instructor'],
      [student, 'student'],
    ])
    const [s] = await sql`
      insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
      values (${tenant.id}, ${tutor.id}, 'Essay clinic', now(), 60, 4) returning id`
    await sql`insert into public.session_bookings (session_id, user_id, booked_by) values (${s.id}, ${student.id}, ${student.id})`
    const socket = open(student)
    expect(await socket.subscribe(`session:${s.id}`)).toMatchObject({ type: 'subscribed' })
    await sql`delete from public.session_bookings where session_id = ${s.id} and user_id = ${student.id}`
    await socket.waitFor(
      unsubscribed(`session:${s.id}`),
      'the room ended after the booking was cancelled',
      2000,
    )
  })

  it('the periodic re-check ends a subscription whose change sent no signal', async () => {
    const desk = await createDesk(sql)
    const staff = open(desk.staff)
    expect(await staff.subscribe(queueTopic(desk.tenant.id))).toMatchObject({ type: 'subscribed' })
    // A change made with triggers off (a restore, a manual fix): no signal is sent.
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`delete from public.memberships where tenant_id = ${desk.tenant.id} and user_id = ${desk.staff.id}`
    })
    await staff.ping()
    expect(staff.got.some(unsubscribed(queueTopic(desk.tenant.id)))).toBe(false)
    await t.server.liveAccess?.recheckAll()
    await eventually(
      () => staff.got.some(unsubscribed(queueTopic(desk.tenant.id))),
      'the backstop ending the queue',
    )
  })
})
