import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import {
  FAKE_API_KEY,
  FAKE_API_SECRET,
  type LiveKitFake,
  startLiveKitFake,
} from '../../../test/support/livekit-fake.ts'
import { SessionDetail, SessionList } from '../../contract/tutoring.ts'
import { setupApi } from '../core/testing.ts'
import { book, countRows, newSession, tutoringSchool } from './testing.ts'

type Api = Awaited<ReturnType<typeof setupApi>>
let fake: LiveKitFake
let video: Api
let mesh: Api
let s: Awaited<ReturnType<typeof tutoringSchool>>
const liveEvents: { topic: string; event: string; data: Record<string, unknown> }[] = []
let unlisten: () => Promise<void>

beforeAll(async () => {
  fake = await startLiveKitFake()
  video = await setupApi({
    LIVEKIT_URL: fake.url,
    LIVEKIT_API_KEY: FAKE_API_KEY,
    LIVEKIT_API_SECRET: FAKE_API_SECRET,
  })
  mesh = await setupApi()
  s = await tutoringSchool(video.sql)
  const listener = await video.sql.listen('live', (payload) => liveEvents.push(JSON.parse(payload)))
  unlisten = listener.unlisten
})
afterAll(async () => {
  await unlisten()
  await video.close()
  await mesh.close()
  await fake.close()
})

const room = (id: string) => `session-${id}`
const post = (api: Api, who: TestUser, path: string, body: object = {}) =>
  api.call('POST', path, { token: who.token, body })

/** A session that is open now with the student booked and in the LiveKit room (mic and camera on). */
async function openSession() {
  const id = await newSession(video.call, s.teacher, s.tenant.id)
  await book(video.sql, id, s.student)
  fake.join(room(id), s.student.id, [
    { sid: 'TR_mic', type: 'AUDIO', source: 'MICROPHONE' },
    { sid: 'TR_cam', type: 'VIDEO', source: 'CAMERA' },
  ])
  fake.clear()
  return id
}

/** Waits for NOTIFY deliveries of this session's topic. */
async function eventsOf(id: string) {
  await new Promise((r) => setTimeout(r, 150))
  return liveEvents.filter((e) => e.topic === `session:${id}`)
}

const adminOf = (id: string) => ({ roomAdmin: true, room: room(id) })

describe('moderation through LiveKit RoomService', () => {
  it('mutes: finds the tracks, mutes the microphone as room admin, and tells the mesh too', async () => {
    const id = await openSession()
    const res = await post(video, s.teacher, `/sessions/${id}/participants/${s.student.id}/mute`, {
      kind: 'audio',
    })
    expect(res.status).toBe(204)
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/twirp/livekit.RoomService/GetParticipant',
      '/twirp/livekit.RoomService/MutePublishedTrack',
    ])
    for (const r of fake.requests) {
      expect(r.authorization).toMatch(/^Bearer /)
      expect(r.claims?.video).toEqual(adminOf(id))
    }
    expect(fake.requests[0]?.body).toEqual({ room: room(id), identity: s.student.id })
    expect(fake.requests[1]?.body).toEqual({
      room: room(id),
      identity: s.student.id,
      trackSid: 'TR_mic',
      muted: true,
    })
    expect((await eventsOf(id)).map((e) => [e.event, e.data])).toEqual([
      ['mute', { user_id: s.student.id, kind: 'audio' }],
    ])
  })

  it('removes: disconnects through RemoveParticipant, records it, and the student cannot rejoin', async () => {
    const id = await openSession()
    const res = await post(video, s.teacher, `/sessions/${id}/participants/${s.student.id}/remove`, {
      reason: 'Disruptive',
    })
    expect(res.status).toBe(204)
    expect(fake.requests).toHaveLength(1)
    const [req] = fake.requests
    expect(req?.path).toBe('/twirp/livekit.RoomService/RemoveParticipant')
    expect(req?.claims?.video).toEqual(adminOf(id))
    expect(req?.body).toMatchObject({ room: room(id), identity: s.student.id })
    expect(fake.participants(room(id))).toEqual([])
    expect(await countRows(video.sql, 'session_removals', id)).toBe(1)
    expect((await eventsOf(id)).map((e) => e.event)).toContain('removed')
    const again = await post(video, s.student, `/sessions/${id}/join`)
    expect(again.status).toBe(403)
    expect(again.body.error.message).toMatch(/^You were removed from this session by the tutor/)
  })

  it('ends: marks the session ended and deletes the LiveKit room', async () => {
    const id = await openSession()
    const res = await post(video, s.teacher, `/sessions/${id}/end`)
    expect(res.status).toBe(204)
    expect(fake.requests.map((r) => [r.path, r.body])).toEqual([
      ['/twirp/livekit.RoomService/DeleteRoom', { room: room(id) }],
    ])
    expect(fake.requests[0]?.claims?.video).toEqual({ roomCreate: true })
    const [row] = await video.sql`select status, ended_at from public.tutoring_sessions where id = ${id}`
    expect(row?.status).toBe('ended')
    expect(row?.ended_at).not.toBeNull()
    expect((await eventsOf(id)).map((e) => e.event)).toContain('ended')
  })

  it('lets only the tutor and admins moderate; LiveKit is never asked for the others', async () => {
    const id = await openSession()
    for (const who of [s.student, s.staff, s.colleague, s.parent]) {
      for (const path of [
        `/sessions/${id}/participants/${s.student.id}/mute`,
        `/sessions/${id}/participants/${s.student.id}/remove`,
        `/sessions/${id}/end`,
      ]) {
        const res = await post(video, who, path)
        expect(res.status, `${path} as ${who.email}`).toBe(403)
      }
    }
    expect((await post(video, s.stranger, `/sessions/${id}/end`)).status).toBe(404)
    expect(fake.requests).toEqual([])
    expect(await countRows(video.sql, 'session_removals', id)).toBe(0)
    const admin = await post(video, s.admin, `/sessions/${id}/participants/${s.student.id}/mute`, {
      kind: 'video',
    })
    expect(admin.status).toBe(204)
    expect(fake.requests.at(-1)?.body.trackSid).toBe('TR_cam')
  })

  it('answers bad moderation input clearly and writes nothing', async () => {
    const id = await openSession()
    const self = await post(video, s.teacher, `/sessions/${id}/participants/${s.teacher.id}/remove`)
    expect(self.status).toBe(422)
    const kind = await post(video, s.teacher, `/sessions/${id}/participants/${s.student.id}/mute`, {
      kind: 'screen',
    })
    expect(kind.status).toBe(400)
    const absent = await post(video, s.teacher, `/sessions/${id}/participants/${s.classmate.id}/mute`)
    expect(absent.status).toBe(404)
    expect(absent.body.error.code).toBe('not_in_room')
    expect(await countRows(video.sql, 'session_removals', id)).toBe(0)
    expect(await eventsOf(id)).toEqual([])
  })

  it('turns a LiveKit failure into 502 livekit_unavailable, with nothing recorded', async () => {
    const id = await openSession()
    fake.setMode('unavailable')
    try {
      const removed = await post(video, s.teacher, `/sessions/${id}/participants/${s.student.id}/remove`)
      expect(removed.status).toBe(502)
      expect(removed.body.error.code).toBe('livekit_unavailable')
      expect(removed.body.error.message).toMatch(/LiveKit.*could not be reached/)
      expect(await countRows(video.sql, 'session_removals', id)).toBe(0)
      const ended = await post(video, s.teacher, `/sessions/${id}/end`)
      expect(ended.status).toBe(502)
      const [row] = await video.sql`select status from public.tutoring_sessions where id = ${id}`
      expect(row?.status).toBe('scheduled')
      expect(await eventsOf(id)).toEqual([])
    } finally {
      fake.setMode('ok')
    }
  })
})

describe('moderation without LiveKit (mesh)', () => {
  it('mutes and removes through the live channel only', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id)
    await book(mesh.sql, id, s.student)
    fake.clear()
    expect(
      (await post(mesh, s.teacher, `/sessions/${id}/participants/${s.student.id}/mute`, {})).status,
    ).toBe(204)
    expect(
      (await post(mesh, s.teacher, `/sessions/${id}/participants/${s.student.id}/remove`, {})).status,
    ).toBe(204)
    expect((await post(mesh, s.teacher, `/sessions/${id}/end`)).status).toBe(204)
    expect((await eventsOf(id)).map((e) => e.event)).toEqual(['mute', 'removed', 'ended'])
    expect(fake.requests).toEqual([])
  })

  it('frees a removed student’s seat for another, and keeps them from booking it again', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id, { capacity: 1 })
    await book(mesh.sql, id, s.student)
    const seats = async (who: TestUser) =>
      (await mesh.call('GET', `/sessions/${id}`, { token: who.token })).body as {
        booked_count: number
        booked_by_me: boolean
        my_role: string | null
      }
    expect((await seats(s.classmate)).booked_count).toBe(1)
    const removed = await post(mesh, s.teacher, `/sessions/${id}/participants/${s.student.id}/remove`, {
      reason: 'Wrong group',
    })
    expect(removed.status).toBe(204)
    expect(await seats(s.student)).toMatchObject({ booked_count: 0, booked_by_me: false, my_role: null })

    const again = await post(mesh, s.student, `/sessions/${id}/bookings`)
    expect(again.status).toBe(403)
    expect(again.body.error).toMatchObject({
      code: 'removed',
      message: 'You were removed from this session by the tutor. Reason: Wrong group',
      details: { reason: 'Wrong group' },
    })
    const byTutor = await post(mesh, s.teacher, `/sessions/${id}/bookings`, { user_id: s.student.id })
    expect(byTutor.status).toBe(403)
    expect(byTutor.body.error.code).toBe('removed')
    const join = await post(mesh, s.student, `/sessions/${id}/join`)
    expect(join.body.error).toMatchObject({ code: 'removed', details: { reason: 'Wrong group' } })

    expect((await post(mesh, s.classmate, `/sessions/${id}/bookings`)).status).toBe(201)
    expect((await seats(s.classmate)).booked_count).toBe(1)
  })

  it('tells a removed student on the schedule and the session page, and nobody else', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id)
    await book(mesh.sql, id, s.student, s.classmate)
    const listed = async (who: TestUser) => {
      const res = await mesh.call('GET', `/tenants/${s.tenant.id}/sessions`, { token: who.token })
      return SessionList.parse(res.body).find((x) => x.id === id)
    }
    expect((await listed(s.student))?.my_removal).toBeNull()
    await post(mesh, s.teacher, `/sessions/${id}/participants/${s.student.id}/remove`, {
      reason: 'Wrong group',
    })

    expect(await listed(s.student)).toMatchObject({
      my_removal: { reason: 'Wrong group' },
      booked_by_me: false,
      my_role: null,
    })
    const detail = await mesh.call('GET', `/sessions/${id}`, { token: s.student.token })
    expect(SessionDetail.parse(detail.body).my_removal).toEqual({ reason: 'Wrong group' })
    // The tutor reads every removal under RLS, yet the field is about the caller: none for them.
    for (const other of [s.classmate, s.teacher, s.staff])
      expect((await listed(other))?.my_removal).toBeNull()
    // Once the removal is lifted (RLS lets the tutor delete it), the student is told nothing more.
    await mesh.sql`delete from public.session_removals where session_id = ${id}`
    expect((await listed(s.student))?.my_removal).toBeNull()
  })
})
