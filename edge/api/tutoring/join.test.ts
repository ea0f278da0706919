import { TokenVerifier } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { FAKE_API_KEY, FAKE_API_SECRET } from '../../../test/support/livekit-fake.ts'
import { JoinResponse, WaitingList } from '../../contract/tutoring.ts'
import { setupApi } from '../core/testing.ts'
import { book, countRows, inMinutes, insertSession, newSession, tutoringSchool } from './testing.ts'

type Api = Awaited<ReturnType<typeof setupApi>>
let mesh: Api
let video: Api
let s: Awaited<ReturnType<typeof tutoringSchool>>
const ICE = [
  { urls: ['stun:stun.example.org:3478', 'turn:turn.example.org:3478'], username: 'u', credential: 'c' },
]
beforeAll(async () => {
  mesh = await setupApi({ ICE_SERVERS: JSON.stringify(ICE) })
  video = await setupApi({
    LIVEKIT_URL: 'wss://video.example.org',
    LIVEKIT_API_KEY: FAKE_API_KEY,
    LIVEKIT_API_SECRET: FAKE_API_SECRET,
  })
  s = await tutoringSchool(mesh.sql)
})
afterAll(async () => {
  await mesh.close()
  await video.close()
})

const joinAs = (api: Api, who: TestUser, id: string) =>
  api.call('POST', `/sessions/${id}/join`, { token: who.token })

describe('POST /sessions/:id/join without LiveKit (peer-to-peer)', () => {
  it('lets the tutor, a booked student and staff in, with the mesh setup and their roles', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id, { capacity: 3 })
    await book(mesh.sql, id, s.student)
    for (const [who, role] of [
      [s.teacher, 'moderator'],
      [s.student, 'participant'],
      [s.staff, 'observer'],
      [s.admin, 'observer'],
    ] as const) {
      const res = await joinAs(mesh, who, id)
      expect(res.status, role).toBe(200)
      expect(JoinResponse.parse(res.body)).toEqual({
        transport: 'p2p',
        room: `session:${id}`,
        ice_servers: ICE,
        identity: who.id,
        role,
        max_peers: 4,
      })
    }
  })

  it('says LiveKit is needed for a session that could hold more than 4 people', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id, { capacity: 4 })
    const res = await joinAs(mesh, s.teacher, id)
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({
      code: 'livekit_required',
      message: 'Live video for more than 4 people needs LiveKit, which this server does not have.',
    })
  })

  it('refuses people without a seat with 403 and a reason; other schools get 404', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id)
    for (const who of [s.classmate, s.parent, s.colleague]) {
      const res = await joinAs(mesh, who, id)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('not_booked')
      expect(res.body.error.message).toMatch(/students who booked a seat/)
    }
    const stranger = await joinAs(mesh, s.stranger, id)
    expect(stranger.status).toBe(404)
  })

  it('refuses outside the window: too early (saying when it opens), ended, cancelled', async () => {
    const early = await newSession(mesh.call, s.teacher, s.tenant.id, { starts_at: inMinutes(60) })
    await book(mesh.sql, early, s.student)
    const res = await joinAs(mesh, s.student, early)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('too_early')
    expect(res.body.error.message).toMatch(
      /^The room opens at .+ \(Africa\/Nairobi\), 10 minutes before the start\.$/,
    )
    const [row] = await mesh.sql`select starts_at from public.tutoring_sessions where id = ${early}`
    expect(new Date(res.body.error.details.opens_at).getTime()).toBe(
      new Date(row?.starts_at).getTime() - 600_000,
    )
    expect((await joinAs(mesh, s.teacher, early)).body.error.code).toBe('too_early')

    const over = await insertSession(mesh.sql, s.tenant.id, s.teacher, { startsIn: -30, duration: 60 })
    await book(mesh.sql, over, s.student)
    await mesh.sql`update public.tutoring_sessions set starts_at = now() - interval '2 hours' where id = ${over}`
    const ended = await joinAs(mesh, s.student, over)
    expect(ended.status).toBe(403)
    expect(ended.body.error).toMatchObject({ code: 'session_ended', message: 'This session has ended.' })

    const endedEarly = await newSession(mesh.call, s.teacher, s.tenant.id)
    expect((await mesh.call('POST', `/sessions/${endedEarly}/end`, { token: s.teacher.token })).status).toBe(
      204,
    )
    expect((await joinAs(mesh, s.teacher, endedEarly)).body.error.code).toBe('session_ended')

    const cancelled = await newSession(mesh.call, s.teacher, s.tenant.id)
    await mesh.call('DELETE', `/sessions/${cancelled}`, { token: s.teacher.token })
    const res2 = await joinAs(mesh, s.teacher, cancelled)
    expect(res2.status).toBe(403)
    expect(res2.body.error).toMatchObject({
      code: 'session_cancelled',
      message: 'This session was cancelled.',
    })
  })

  it('keeps a removed student out, saying the tutor removed them', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id)
    await book(mesh.sql, id, s.student)
    const removed = await mesh.call('POST', `/sessions/${id}/participants/${s.student.id}/remove`, {
      token: s.teacher.token,
      body: { reason: 'Please rejoin next week.' },
    })
    expect(removed.status).toBe(204)
    const res = await joinAs(mesh, s.student, id)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('removed')
    expect(res.body.error.message).toBe(
      'You were removed from this session by the tutor. Reason: Please rejoin next week.',
    )
  })

  it('holds students in the waiting room until the tutor lets them in', async () => {
    const id = await newSession(mesh.call, s.teacher, s.tenant.id, { waiting_room: true })
    await book(mesh.sql, id, s.student, s.classmate)
    const first = await joinAs(mesh, s.student, id)
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ status: 'waiting' })
    expect((await joinAs(mesh, s.student, id)).status).toBe(202)
    expect((await joinAs(mesh, s.classmate, id)).status).toBe(202)
    expect(await countRows(mesh.sql, 'session_admissions', id)).toBe(2)
    // The tutor is never held.
    expect((await joinAs(mesh, s.teacher, id)).status).toBe(200)

    const waiting = await mesh.call('GET', `/sessions/${id}/admissions`, { token: s.teacher.token })
    expect(waiting.status).toBe(200)
    expect(WaitingList.parse(waiting.body).map((w) => w.name)).toEqual(['Student', 'Classmate'])
    expect((await mesh.call('GET', `/sessions/${id}/admissions`, { token: s.student.token })).status).toBe(
      403,
    )

    const decide = (user_id: string, admit: boolean, who = s.teacher) =>
      mesh.call('POST', `/sessions/${id}/admissions`, { token: who.token, body: { user_id, admit } })
    expect((await decide(s.classmate.id, true, s.student)).status).toBe(403)
    expect((await decide(s.student.id, true)).status).toBe(204)
    expect((await decide(s.classmate.id, false)).status).toBe(204)
    expect((await decide(s.parent.id, true)).status).toBe(404)

    expect((await joinAs(mesh, s.student, id)).body.role).toBe('participant')
    const denied = await joinAs(mesh, s.classmate, id)
    expect(denied.status).toBe(403)
    expect(denied.body.error.code).toBe('admission_denied')
    const left = await mesh.call('GET', `/sessions/${id}/admissions`, { token: s.teacher.token })
    expect(left.body).toEqual([])
  })
})

describe('POST /sessions/:id/join with LiveKit', () => {
  const verifier = new TokenVerifier(FAKE_API_KEY, FAKE_API_SECRET)

  it('gives each role a token for that room only, with identity, name and role, for at most 10 minutes', async () => {
    const id = await newSession(video.call, s.teacher, s.tenant.id, { capacity: 30 })
    await book(video.sql, id, s.student)
    for (const [who, role, name] of [
      [s.teacher, 'moderator', 'Teacher'],
      [s.student, 'participant', 'Student'],
      [s.staff, 'observer', 'Staff'],
    ] as const) {
      const res = await joinAs(video, who, id)
      expect(res.status, role).toBe(200)
      const answer = JoinResponse.parse(res.body)
      if (answer.transport !== 'livekit') throw new Error('expected livekit')
      expect(answer).toMatchObject({ url: 'wss://video.example.org', identity: who.id, role })
      const claims = await verifier.verify(answer.token)
      expect(claims).toMatchObject({ sub: who.id, name, metadata: JSON.stringify({ role }) })
      expect(claims.video?.room).toBe(`session-${id}`)
      expect(claims.video?.roomJoin).toBe(true)
      expect(claims.video?.roomAdmin).toBeUndefined()
      expect(claims.video?.roomCreate).toBeUndefined()
      expect(claims.video?.roomList).toBeUndefined()
      expect(claims.video?.canPublish).toBe(role !== 'observer')
      expect(claims.video?.hidden).toBe(role === 'observer' ? true : undefined)
      expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeLessThanOrEqual(600)
      expect(Math.abs(new Date(answer.expires_at).getTime() / 1000 - (claims.exp ?? 0))).toBeLessThanOrEqual(
        1,
      )
    }
  })

  it('refuses the same people as without LiveKit', async () => {
    const id = await newSession(video.call, s.teacher, s.tenant.id, { starts_at: inMinutes(45) })
    await book(video.sql, id, s.student)
    expect((await joinAs(video, s.classmate, id)).body.error.code).toBe('not_booked')
    expect((await joinAs(video, s.student, id)).body.error.code).toBe('too_early')
    expect((await joinAs(video, s.stranger, id)).status).toBe(404)
  })
})
