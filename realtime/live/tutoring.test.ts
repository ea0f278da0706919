import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sql } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { eventually, type LiveEventMessage, type Recorder, recorder } from './testing.ts'

const topicOf = (session: string) => `session:${session}`
const isEvent =
  (event: string, match: (data: Record<string, unknown>) => boolean = () => true) =>
  (m: { type: string }) =>
    m.type === 'event' &&
    (m as LiveEventMessage).event === event &&
    match(((m as LiveEventMessage).data ?? {}) as Record<string, unknown>)

/** A session of the school, open now (or starting in `startsInMinutes`). */
async function createSession(
  sql: Sql,
  tenantId: string,
  instructor: TestUser,
  booked: TestUser[],
  opts: { startsInMinutes?: number; waitingRoom?: boolean } = {},
): Promise<string> {
  const [s] = await sql`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity, waiting_room)
    values (${tenantId}, ${instructor.id}, 'Algebra help', now() + make_interval(mins => ${opts.startsInMinutes ?? 0}),
            60, 4, ${opts.waitingRoom ?? false})
    returning id`
  for (const student of booked)
    await sql`insert into public.session_bookings (session_id, user_id, booked_by) values (${s.id}, ${student.id}, ${student.id})`
  return s.id as string
}

describe('live session rooms (session:<id>)', () => {
  const sql = testDb(2)
  let t: TestServer
  let tenant: { id: string }
  let tutor: TestUser
  let amina: TestUser
  let baraka: TestUser
  let unbooked: TestUser
  let staff: TestUser
  let session: string
  const clients: Recorder[] = []
  const open = (user: TestUser) => {
    const c = recorder(t.url(undefined, user.token))
    clients.push(c)
    return c
  }
  const attendance = (user: TestUser, id = session) => sql`
    select joined_at, left_at from public.session_attendance
    where session_id = ${id} and user_id = ${user.id} and transport = 'p2p' order by joined_at`

  beforeAll(async () => {
    t = await startTestServer()
    const owner = await createUser(sql, { name: 'Owner' })
    ;[tutor, amina, baraka, unbooked, staff] = await Promise.all(
      ['Tutor Tom', 'Amina', 'Baraka', 'Chausiku', 'Staff Sam'].map((name) => createUser(sql, { name })),
    )
    tenant = await createTenant(sql, owner, [
      [tutor, 'instructor'],
      [amina, 'student'],
      [baraka, 'student'],
      [unbooked, 'student'],
      [staff, 'staff'],
    ])
    session = await createSession(sql, tenant.id, tutor, [amina, baraka])
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('refuses people who may not be in the room, each with its reason', async () => {
    const c = open(unbooked)
    const later = await createSession(sql, tenant.id, tutor, [unbooked], { startsInMinutes: 120 })
    const waiting = await createSession(sql, tenant.id, tutor, [unbooked], { waitingRoom: true })
    const outsider = open(await createUser(sql))
    const cases: [Recorder, string, RegExp][] = [
      [c, topicOf(session), /tutor, booked students/],
      [c, topicOf(later), /not open/],
      [c, topicOf(waiting), /waiting room/],
      [c, topicOf('00000000-0000-4000-a000-00000000beef'), /No such session/],
      [outsider, topicOf(session), /No such session/],
    ]
    for (const [client, topic, message] of cases) {
      const answer = await client.subscribe(topic)
      expect(answer, topic).toMatchObject({ type: 'error', code: 'forbidden' })
      expect((answer as { message: string }).message).toMatch(message)
    }
  })

  it('sends a roster to who joins and presence to the others; observers stay hidden from students', async () => {
    const host = open(tutor)
    expect(await host.subscribe(topicOf(session))).toMatchObject({ type: 'subscribed' })
    const roster = await host.waitFor<LiveEventMessage>(isEvent('roster'), 'the tutor’s roster')
    expect(roster.data).toEqual([{ user_id: tutor.id, role: 'moderator' }])

    const a = open(amina)
    await a.subscribe(topicOf(session))
    const aRoster = await a.waitFor<LiveEventMessage>(isEvent('roster'), 'Amina’s roster')
    expect(aRoster.data).toEqual(
      expect.arrayContaining([
        { user_id: tutor.id, role: 'moderator' },
        { user_id: amina.id, role: 'participant' },
      ]),
    )
    await host.waitFor(
      isEvent('presence', (d) => d.user_id === amina.id && d.present === true),
      'Amina here',
    )
    const [stay] = await attendance(amina)
    expect(stay.joined_at).toBeInstanceOf(Date)
    expect(stay.left_at).toBeNull()

    const observer = open(staff)
    await observer.subscribe(topicOf(session))
    const oRoster = await observer.waitFor<LiveEventMessage>(isEvent('roster'), 'the observer’s roster')
    expect((oRoster.data as unknown[]).length).toBe(3)
    await host.waitFor(
      isEvent('presence', (d) => d.user_id === staff.id && d.role === 'observer'),
      'observer',
    )

    const b = open(baraka)
    await b.subscribe(topicOf(session))
    const bRoster = await b.waitFor<LiveEventMessage>(isEvent('roster'), 'Baraka’s roster')
    expect((bRoster.data as { user_id: string }[]).map((e) => e.user_id).sort()).toEqual(
      [tutor.id, amina.id, baraka.id].sort(),
    )
    await a.waitFor(
      isEvent('presence', (d) => d.user_id === baraka.id),
      'Baraka here, seen by Amina',
    )
    expect(a.events('presence').some((e) => (e.data as { user_id: string }).user_id === staff.id)).toBe(false)

    // Leaving: presence false for the others, the stay closed.
    observer.close()
    b.close()
    await a.waitFor(
      isEvent('presence', (d) => d.user_id === baraka.id && d.present === false),
      'Baraka left',
    )
    await eventually(
      async () => (await attendance(baraka))[0]?.left_at instanceof Date,
      'Baraka’s stay closed',
    )
    await host.waitFor(
      isEvent('presence', (d) => d.user_id === staff.id && d.present === false),
      'observer left',
    )
    expect(a.events('presence').some((e) => (e.data as { user_id: string }).user_id === staff.id)).toBe(false)
  })

  it('relays signals to one participant, hands and media to all, and refuses oversize signals', async () => {
    const host = open(tutor)
    const a = open(amina)
    const b = open(baraka)
    for (const c of [host, a, b]) await c.subscribe(topicOf(session))
    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }
    a.send({ type: 'publish', topic: topicOf(session), event: 'signal', to: tutor.id, data: offer })
    const got = await host.waitFor<LiveEventMessage>(isEvent('signal'), 'the offer')
    expect(got).toMatchObject({ from: amina.id, data: offer })
    a.send({ type: 'publish', topic: topicOf(session), event: 'hand', data: { raised: true } })
    a.send({
      type: 'publish',
      topic: topicOf(session),
      event: 'media',
      data: { audio: false, video: true, screen: false },
    })
    for (const c of [host, b]) {
      await c.waitFor(
        isEvent('hand', (d) => d.raised === true),
        'the raised hand',
      )
      await c.waitFor(
        isEvent('media', (d) => d.audio === false),
        'the media state',
      )
    }
    expect(b.events('signal')).toEqual([])
    expect(a.events('hand')).toEqual([])

    // 61 KB of SDP fits in a frame (64 KiB) but not in a signal (60 KB).
    a.send({
      type: 'publish',
      topic: topicOf(session),
      event: 'signal',
      to: tutor.id,
      data: { sdp: 'x'.repeat(61 * 1024) },
      id: 'big',
    })
    expect(await a.waitFor((m) => 'id' in m && m.id === 'big', 'the refusal')).toMatchObject({
      type: 'error',
      code: 'bad_event',
    })
    a.send({ type: 'publish', topic: topicOf(session), event: 'signal', data: offer, id: 'noto' })
    expect(await a.waitFor((m) => 'id' in m && m.id === 'noto', 'the refusal')).toMatchObject({
      code: 'bad_event',
    })
    expect(await a.ping()).toMatchObject({ type: 'pong' })
  })

  it('delivers chat, mute and waiting-room events from the database to their audience', async () => {
    const waitingSession = await createSession(sql, tenant.id, tutor, [amina, unbooked], {
      waitingRoom: true,
    })
    await sql`insert into public.session_admissions (session_id, user_id, status) values (${waitingSession}, ${amina.id}, 'admitted')`
    const host = open(tutor)
    const a = open(amina)
    const observer = open(staff)
    for (const c of [host, a, observer])
      expect(await c.subscribe(topicOf(waitingSession))).toMatchObject({ type: 'subscribed' })
    await sql`insert into public.session_messages (session_id, author_id, body) values (${waitingSession}, ${amina.id}, 'Hello class')`
    for (const c of [host, a, observer])
      await c.waitFor(
        isEvent('chat', (d) => d.body === 'Hello class'),
        'chat',
      )
    await sql`insert into public.session_admissions (session_id, user_id) values (${waitingSession}, ${unbooked.id})`
    await host.waitFor(
      isEvent('waiting', (d) => d.user_id === unbooked.id),
      'the waiting student, to the tutor',
    )
    await sql`select private.session_notify(${waitingSession}, 'mute', 'all', ${sql.json({ user_id: amina.id, kind: 'audio' })})`
    await a.waitFor(
      isEvent('mute', (d) => d.user_id === amina.id),
      'the mute',
    )
    expect(a.events('waiting')).toEqual([])
    expect(observer.events('waiting')).toEqual([])
  })

  it('ends a removed participant’s subscription on the server, and everyone’s when the session ends', async () => {
    const room = await createSession(sql, tenant.id, tutor, [amina, baraka])
    const host = open(tutor)
    const a = open(amina)
    const b = open(baraka)
    for (const c of [host, a, b])
      expect(await c.subscribe(topicOf(room))).toMatchObject({ type: 'subscribed' })

    await sql`insert into public.session_removals (session_id, user_id, reason, removed_by) values (${room}, ${baraka.id}, 'Disruptive', ${tutor.id})`
    const removed = await b.waitFor<LiveEventMessage>(isEvent('removed'), 'the removal, told to Baraka')
    expect(removed.data).toEqual({ user_id: baraka.id, reason: 'Disruptive' })
    await b.waitFor((m) => m.type === 'unsubscribed' && m.topic === topicOf(room), 'Baraka unsubscribed')
    await a.waitFor(
      isEvent('presence', (d) => d.user_id === baraka.id && d.present === false),
      'Baraka gone',
    )
    // Nothing more reaches Baraka, and he cannot come back.
    b.send({ type: 'publish', topic: topicOf(room), event: 'hand', data: { raised: true }, id: 'h' })
    expect(await b.waitFor((m) => 'id' in m && m.id === 'h', 'refusal')).toMatchObject({
      code: 'not_subscribed',
    })
    const again = await b.subscribe(topicOf(room))
    expect(again).toMatchObject({ type: 'error', code: 'forbidden' })
    expect((again as { message: string }).message).toMatch(/removed you/)
    await sql`insert into public.session_messages (session_id, author_id, body) values (${room}, ${tutor.id}, 'Carry on')`
    await a.waitFor(
      isEvent('chat', (d) => d.body === 'Carry on'),
      'chat after the removal',
    )
    expect(b.events('chat')).toEqual([])

    await sql`update public.tutoring_sessions set status = 'ended' where id = ${room}`
    for (const c of [host, a]) {
      await c.waitFor(isEvent('ended'), 'the end')
      await c.waitFor(
        (m) => m.type === 'unsubscribed' && m.topic === topicOf(room),
        'unsubscribed at the end',
      )
    }
    expect(await a.subscribe(topicOf(room))).toMatchObject({ type: 'error', code: 'forbidden' })
    await eventually(
      async () => (await attendance(amina, room)).every((r) => r.left_at instanceof Date),
      'stays closed',
    )
  })
})
