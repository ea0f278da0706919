import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestUser, testDb, testEnv } from '../../test/support/fixtures.ts'
import {
  FAKE_API_KEY,
  FAKE_API_SECRET,
  type FakeWebhookEvent,
  signWebhook,
  webhookBody,
} from '../../test/support/livekit-fake.ts'
import { book, insertSession, tutoringSchool } from '../api/tutoring/testing.ts'
import { createLiveKitWebhookApp } from './app.ts'

const sql = testDb()
let hook: ReturnType<typeof createLiveKitWebhookApp>
let off: ReturnType<typeof createLiveKitWebhookApp>
let s: Awaited<ReturnType<typeof tutoringSchool>>
beforeAll(async () => {
  hook = createLiveKitWebhookApp(
    await testEnv({
      LIVEKIT_URL: 'wss://video.example.org',
      LIVEKIT_API_KEY: FAKE_API_KEY,
      LIVEKIT_API_SECRET: FAKE_API_SECRET,
    }),
  )
  off = createLiveKitWebhookApp(await testEnv())
  s = await tutoringSchool(sql)
})
afterAll(async () => {
  await hook.close()
  await off.close()
  await sql.end()
})

async function deliver(body: string, authorization?: string, app = hook.app) {
  const headers: Record<string, string> = { 'content-type': 'application/webhook+json' }
  if (authorization !== undefined) headers.authorization = authorization
  const res = await app.request('/livekit-webhook', { method: 'POST', headers, body })
  return { status: res.status, body: await res.json() }
}
const send = async (e: FakeWebhookEvent) => {
  const body = webhookBody(e)
  return deliver(body, await signWebhook(body))
}

/** Everything the webhook may write for a session: its stays, events and status. */
async function written(sessionId: string) {
  const stays = await sql`
    select stay_key, user_id, transport, joined_at, left_at from public.session_attendance
    where session_id = ${sessionId} order by stay_key`
  const [events] =
    await sql`select count(*)::int as n from private.livekit_events where room = ${`session-${sessionId}`}`
  const [session] =
    await sql`select status, started_at, ended_at from public.tutoring_sessions where id = ${sessionId}`
  return { stays: [...stays], events: events?.n, session: { ...session } }
}

async function openSession() {
  const id = await insertSession(sql, s.tenant.id, s.teacher, { startsIn: -30, duration: 60 })
  await book(sql, id, s.student)
  const [row] =
    await sql`select extract(epoch from starts_at)::int as t from public.tutoring_sessions where id = ${id}`
  return { id, room: `session-${id}`, t0: row?.t as number }
}

const joined = (
  room: string,
  id: string,
  who: TestUser,
  sid: string,
  at: number,
  joinedAt = at,
): FakeWebhookEvent => ({
  id,
  event: 'participant_joined',
  room,
  createdAt: at,
  participant: { sid, identity: who.id, joinedAt },
})
const left = (
  room: string,
  id: string,
  who: TestUser,
  sid: string,
  at: number,
  joinedAt: number,
): FakeWebhookEvent => ({
  id,
  event: 'participant_left',
  room,
  createdAt: at,
  participant: { sid, identity: who.id, joinedAt },
})

describe('POST /livekit-webhook', () => {
  it('records a signed participant_joined: a stay, the event, and the session goes live', async () => {
    const { id, room, t0 } = await openSession()
    const res = await send(joined(room, `EV_${id}_1`, s.student, 'PA_one', t0 + 60))
    expect(res).toEqual({ status: 200, body: { ok: true, applied: true, ignored: false } })
    const w = await written(id)
    expect(w.stays).toEqual([
      {
        stay_key: 'PA_one',
        user_id: s.student.id,
        transport: 'livekit',
        joined_at: new Date((t0 + 60) * 1000),
        left_at: null,
      },
    ])
    expect(w.events).toBe(1)
    expect(w.session.status).toBe('live')
  })

  it('changes nothing on a replay', async () => {
    const { id, room, t0 } = await openSession()
    const event = joined(room, `EV_${id}_r`, s.student, 'PA_r', t0 + 10)
    const body = webhookBody(event)
    const auth = await signWebhook(body)
    expect((await deliver(body, auth)).body.applied).toBe(true)
    const before = await written(id)
    const again = await deliver(body, auth)
    expect(again).toEqual({ status: 200, body: { ok: true, applied: false, ignored: false } })
    expect(await written(id)).toEqual(before)
  })

  it('refuses a tampered body, another key or no signature with 401, writing nothing', async () => {
    const { id, room, t0 } = await openSession()
    const body = webhookBody(joined(room, `EV_${id}_t`, s.student, 'PA_t', t0 + 10))
    const auth = await signWebhook(body)
    const before = await written(id)
    const tampered = body.replace(s.student.id, s.classmate.id)
    for (const [b, a] of [
      [tampered, auth],
      [body, await signWebhook(body, FAKE_API_KEY, 'someone-elses-secret-someone-elses')],
      [body, await signWebhook(body, 'APIother', FAKE_API_SECRET)],
      [body, undefined],
      [body, 'Bearer not-a-jwt'],
    ] as const) {
      const res = await deliver(b, a)
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('invalid_signature')
    }
    expect(await written(id)).toEqual(before)
  })

  it('answers a signed body that is not an event with 400 and a huge one with 413', async () => {
    const notJson = '{"event": "participant_joined",'
    const bad = await deliver(notJson, await signWebhook(notJson))
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_event')
    const noId = JSON.stringify({ event: 'room_started', room: { name: 'session-x' } })
    expect((await deliver(noId, await signWebhook(noId))).status).toBe(400)
    const huge = JSON.stringify({ event: 'room_started', id: 'EV_huge', padding: 'x'.repeat(70_000) })
    const big = await deliver(huge, await signWebhook(huge))
    expect(big.status).toBe(413)
    const [row] = await sql`select count(*)::int as n from private.livekit_events where id = 'EV_huge'`
    expect(row?.n).toBe(0)
  })

  it('acknowledges events it does not handle, and rooms or people that are not ours, without effect', async () => {
    const { id, room, t0 } = await openSession()
    const track = await send({ id: `EV_${id}_track`, event: 'track_published', room, createdAt: t0 })
    expect(track.body).toEqual({ ok: true, applied: false, ignored: true })
    const other = await send({
      id: `EV_${id}_other`,
      event: 'room_started',
      room: 'someone-elses-room',
      createdAt: t0,
    })
    expect(other.body.applied).toBe(true)
    const odd = await send({
      id: `EV_${id}_odd`,
      event: 'participant_joined',
      room,
      createdAt: t0,
      participant: { sid: 'PA_odd', identity: '------------------------------------', joinedAt: t0 },
    })
    expect(odd.status).toBe(200)
    expect((await written(id)).stays).toEqual([])
  })

  it('answers 503 when LiveKit is not configured, writing nothing', async () => {
    const { id, room, t0 } = await openSession()
    const body = webhookBody(joined(room, `EV_${id}_off`, s.student, 'PA_off', t0))
    const res = await deliver(body, await signWebhook(body), off.app)
    expect(res.status).toBe(503)
    expect(res.body.error).toMatchObject({ code: 'livekit_not_configured' })
    expect(res.body.error.message).toMatch(/LIVEKIT_URL/)
    expect((await written(id)).events).toBe(0)
    expect((await hook.app.request('/elsewhere', { method: 'POST' })).status).toBe(404)
  })
})

describe('attendance from events in any order', () => {
  /** One session's events: two stays of the student (a reconnect), the tutor's, the room's life. */
  function story(room: string, tag: string, t0: number): FakeWebhookEvent[] {
    const ev = (n: number) => `EV_${tag}_${n}`
    return [
      { id: ev(1), event: 'room_started', room, createdAt: t0 + 1 },
      joined(room, ev(2), s.teacher, 'PA_tutor', t0 + 2),
      joined(room, ev(3), s.student, 'PA_s1', t0 + 120),
      left(room, ev(4), s.student, 'PA_s1', t0 + 900, t0 + 120),
      joined(room, ev(5), s.student, 'PA_s2', t0 + 960),
      left(room, ev(6), s.student, 'PA_s2', t0 + 1800, t0 + 960),
      left(room, ev(7), s.teacher, 'PA_tutor', t0 + 1900, t0 + 2),
      // The room empties before the scheduled end: a pause, not the end of the session.
      { id: ev(8), event: 'room_finished', room, createdAt: t0 + 1920 },
    ]
  }

  /** Deterministic shuffles, with some events delivered twice. */
  function shuffled<T>(items: T[], seed: number): T[] {
    const out = [...items, items[seed % items.length] as T, items[(seed * 3) % items.length] as T]
    let x = seed
    for (let i = out.length - 1; i > 0; i--) {
      x = (x * 1103515245 + 12345) % 2 ** 31
      const j = x % (i + 1)
      ;[out[i], out[j]] = [out[j] as T, out[i] as T]
    }
    return out
  }

  it('gives the same stays for the natural order and for shuffled orders with duplicates', async () => {
    const runs: { id: string; t0: number }[] = []
    for (const seed of [0, 7, 42, 1234]) {
      const { id, room, t0 } = await openSession()
      const events = story(room, id, t0)
      for (const e of seed === 0 ? events : shuffled(events, seed)) {
        const res = await send(e)
        expect(res.status).toBe(200)
      }
      runs.push({ id, t0 })
    }
    const relative = async ({ id, t0 }: { id: string; t0: number }) =>
      (await written(id)).stays.map((r) => [
        r.stay_key,
        r.user_id,
        r.joined_at ? r.joined_at.getTime() / 1000 - t0 : null,
        r.left_at ? r.left_at.getTime() / 1000 - t0 : null,
      ])
    const expected = [
      ['PA_s1', s.student.id, 120, 900],
      ['PA_s2', s.student.id, 960, 1800],
      ['PA_tutor', s.teacher.id, 2, 1900],
    ]
    for (const run of runs) {
      expect(await relative(run)).toEqual(expected)
      const w = await written(run.id)
      expect(w.events).toBe(8)
      // room_finished came before the scheduled end: the session stays open for a rejoin.
      expect(w.session.status).toBe('live')
    }
  })

  it('ends the session when the room finishes after its scheduled end', async () => {
    const { id, room, t0 } = await openSession()
    await send({ id: `EV_${id}_start`, event: 'room_started', room, createdAt: t0 })
    await send({ id: `EV_${id}_fin`, event: 'room_finished', room, createdAt: t0 + 3660 })
    const w = await written(id)
    expect(w.session.status).toBe('ended')
    expect(w.session.ended_at).toEqual(new Date((t0 + 3660) * 1000))
  })
})

describe('createLiveKitWebhookApp', () => {
  it('refuses to start with half a LiveKit setting, naming what is missing', async () => {
    const env = await testEnv({ LIVEKIT_URL: 'wss://video.example.org' })
    expect(() => createLiveKitWebhookApp(env)).toThrow(/missing: LIVEKIT_API_KEY, LIVEKIT_API_SECRET/)
  })
})
