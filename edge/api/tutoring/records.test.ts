import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { AttendanceList, SessionMessage, SessionMessageList } from '../../contract/tutoring.ts'
import { setupApi } from '../core/testing.ts'
import { secondsIn } from './records.ts'
import { book, countRows, insertSession, newSession, tutoringSchool } from './testing.ts'

let api: Awaited<ReturnType<typeof setupApi>>
let s: Awaited<ReturnType<typeof tutoringSchool>>
beforeAll(async () => {
  api = await setupApi()
  s = await tutoringSchool(api.sql)
})
afterAll(() => api.close())

const say = (who: TestUser, id: string, body: unknown) =>
  api.call('POST', `/sessions/${id}/messages`, { token: who.token, body: { body } })

describe('session chat', () => {
  it('carries files of the session’s folder that their author uploaded; storage decides who reads them', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    await book(api.sql, id, s.student)
    const name = `${s.tenant.id}/${id}/ab12cd34-working.png`
    await api.sql`
      insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
      values ('session-files', ${name}, ${s.student.id}, ${s.student.id}, 'v1', '{"size": 321, "mimetype": "image/png"}')`
    const line = await api.call('POST', `/sessions/${id}/messages`, {
      token: s.student.token,
      body: { body: '', attachments: [{ path: `session-files/${name}`, name: 'My working.png' }] },
    })
    expect(line.status).toBe(201)
    expect(SessionMessage.parse(line.body).attachments).toEqual([
      { path: `session-files/${name}`, name: 'My working.png', size: 321, type: 'image/png' },
    ])
    // The teacher's own upload cannot be posted as the student's, nor another session's file.
    const other = await newSession(api.call, s.teacher, s.tenant.id)
    for (const path of [
      `session-files/${s.tenant.id}/${other}/x.png`,
      `session-files/${s.tenant.id}/${id}/gone.png`,
    ]) {
      const refused = await api.call('POST', `/sessions/${id}/messages`, {
        token: s.student.token,
        body: { body: 'see', attachments: [{ path, name: 'x' }] },
      })
      expect(refused.status, path).toBe(422)
    }
    // Who reads the chat reads the file (RLS on storage.objects); a classmate does not.
    const visible = async (who: TestUser) =>
      (
        await api.sql.begin(async (tx) => {
          await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(who.claims)}, true)`
          return tx`select 1 from storage.objects where bucket_id = 'session-files' and name = ${name}`
        })
      ).length
    expect([await visible(s.teacher), await visible(s.student), await visible(s.classmate)]).toEqual([
      1, 1, 0,
    ])
  })

  it('keeps lines from people in the room and shows them to the session’s record readers', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    await book(api.sql, id, s.student)
    const first = await say(s.student, id, '  Hello, is this 1/2 or 2/4?  ')
    expect(first.status).toBe(201)
    expect(SessionMessage.parse(first.body)).toMatchObject({
      session_id: id,
      author_id: s.student.id,
      author_name: 'Student',
      body: 'Hello, is this 1/2 or 2/4?',
    })
    expect((await say(s.teacher, id, 'Both!')).status).toBe(201)
    expect((await say(s.staff, id, 'Observing.')).status).toBe(201)

    const all = await api.call('GET', `/sessions/${id}/messages`, { token: s.teacher.token })
    expect(SessionMessageList.parse(all.body).map((m) => m.body)).toEqual([
      'Hello, is this 1/2 or 2/4?',
      'Both!',
      'Observing.',
    ])
    const after = await api.call('GET', `/sessions/${id}/messages?after=${first.body.id}&limit=1`, {
      token: s.student.token,
    })
    expect(after.body.map((m: { body: string }) => m.body)).toEqual(['Both!'])
    for (const who of [s.classmate, s.parent]) {
      expect((await api.call('GET', `/sessions/${id}/messages`, { token: who.token })).status).toBe(403)
    }
    expect((await api.call('GET', `/sessions/${id}/messages`, { token: s.stranger.token })).status).toBe(404)
  })

  it('refuses people not in the room, a closed room and empty lines, writing nothing', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    await book(api.sql, id, s.student)
    expect((await say(s.classmate, id, 'Let me in')).status).toBe(403)
    expect((await say(s.stranger, id, 'Hi')).status).toBe(404)
    const empty = await say(s.student, id, '   ')
    expect(empty.status).toBe(400)
    expect(empty.body.error.details.issues[0].path).toBe('body')
    expect((await say(s.student, id, 'x'.repeat(2001))).status).toBe(400)
    await api.call('POST', `/sessions/${id}/end`, { token: s.teacher.token })
    const closed = await say(s.student, id, 'Still there?')
    expect(closed.status).toBe(403)
    expect(closed.body.error.message).toMatch(/read-only/)
    expect(await countRows(api.sql, 'session_messages', id)).toBe(0)
    // Kept with the record after the session.
    expect((await api.call('GET', `/sessions/${id}/messages`, { token: s.student.token })).status).toBe(200)
  })

  it('limits how fast one person writes (429 with Retry-After)', async () => {
    // The colleague has not written yet in this process's window.
    const id = await newSession(api.call, s.colleague, s.tenant.id)
    const results = []
    for (let i = 0; i < 12; i++) results.push(await say(s.colleague, id, `line ${i}`))
    expect(results.slice(0, 10).every((r) => r.status === 201)).toBe(true)
    const limited = results[10]
    expect(limited?.status).toBe(429)
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await countRows(api.sql, 'session_messages', id)).toBe(10)
  })
})

describe('GET /sessions/:id/attendance', () => {
  it('lists the tutor, everyone who came and booked students who did not, with time in the room', async () => {
    const id = await insertSession(api.sql, s.tenant.id, s.teacher, { startsIn: -50, duration: 60 })
    await book(api.sql, id, s.student, s.classmate)
    const [{ starts_at: start }] =
      await api.sql`select starts_at from public.tutoring_sessions where id = ${id}`
    const at = (min: number) => new Date(new Date(start).getTime() + min * 60_000)
    const stay = (
      key: string,
      who: TestUser,
      from: number,
      to: number | null,
      transport = 'livekit',
    ) => api.sql`
      insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      values (${id}, ${key}, ${who.id}, ${transport}, ${at(from)}, ${to === null ? null : at(to)})`
    await stay('PA_t', s.teacher, 0, 40)
    await stay('PA_s1', s.student, 2, 20)
    await stay('PA_s2', s.student, 15, 30) // a second tab overlapping the first: counted once
    await stay('p2p:x', s.staff, 5, 6, 'p2p')

    const res = await api.call('GET', `/sessions/${id}/attendance`, { token: s.teacher.token })
    expect(res.status).toBe(200)
    const rows = AttendanceList.parse(res.body)
    expect(rows.map((r) => [r.name, r.role, r.booked, r.stays.length, r.total_seconds])).toEqual([
      ['Teacher', 'moderator', false, 1, 40 * 60],
      ['Classmate', 'participant', true, 0, 0],
      ['Student', 'participant', true, 2, 28 * 60],
      ['Staff', 'observer', false, 1, 60],
    ])
    const student = rows.find((r) => r.user_id === s.student.id)
    expect(new Date(student?.first_joined_at ?? '').getTime()).toBe(at(2).getTime())
    expect(new Date(student?.last_left_at ?? '').getTime()).toBe(at(30).getTime())
    const classmate = rows.find((r) => r.user_id === s.classmate.id)
    expect(classmate).toMatchObject({ stays: [], first_joined_at: null, last_left_at: null })

    expect((await api.call('GET', `/sessions/${id}/attendance`, { token: s.staff.token })).status).toBe(200)
    expect((await api.call('GET', `/sessions/${id}/attendance`, { token: s.admin.token })).status).toBe(200)
    for (const who of [s.student, s.parent, s.colleague]) {
      const res = await api.call('GET', `/sessions/${id}/attendance`, { token: who.token })
      expect(res.status).toBe(403)
    }
    expect((await api.call('GET', `/sessions/${id}/attendance`, { token: s.stranger.token })).status).toBe(
      404,
    )
  })

  it('counts a stay still open until now, or until the session ended', () => {
    const t = (m: number) => new Date(Date.UTC(2030, 0, 1, 10, m))
    expect(secondsIn([{ joined_at: t(0), left_at: null }], t(15))).toBe(900)
    expect(secondsIn([{ joined_at: t(20), left_at: null }], t(15))).toBe(0)
    expect(secondsIn([{ joined_at: null, left_at: t(5) }], t(15))).toBe(0)
    expect(
      secondsIn(
        [
          { joined_at: t(0), left_at: t(10) },
          { joined_at: t(5), left_at: t(12) },
          { joined_at: t(30), left_at: t(31) },
        ],
        t(59),
      ),
    ).toBe(13 * 60)
  })
})
