import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { signJwt } from '../../edge/lib/jwt.ts'
import { createTenant, createUser, testDb, testKeys } from '../../test/support/fixtures.ts'
import { CloseCode } from '../core/close-codes.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { recheckAccess } from './access.ts'
import {
  addParagraph,
  createLesson,
  type LessonCast,
  openProvider,
  paragraphs,
  rawClient,
  sleep,
  step1Frame,
  updateFrame,
  waitFor,
  yjsUrl,
} from './testing.ts'

describe('Yjs rooms: who may open a lesson, and what they may do', () => {
  const sql = testDb(2)
  let t: TestServer
  let cast: LessonCast
  const url = (lessonId: string, token?: string) =>
    `${yjsUrl(t.server.port)}/lesson:${lessonId}${token === undefined ? '' : `?token=${token}`}`

  beforeAll(async () => {
    t = await startTestServer({ yjs: { accessCheckMs: 250 } })
    cast = await createLesson(sql)
  })
  afterAll(async () => {
    await t.close()
    await sql.end()
  })

  it('closes with 4401 without a token, with a forged or expired one, or for a signed-out session', async () => {
    expect((await rawClient(url(cast.lessonId)).closed).code).toBe(CloseCode.UNAUTHORIZED)
    expect((await rawClient(url(cast.lessonId, 'not.a.jwt')).closed).code).toBe(CloseCode.UNAUTHORIZED)
    const { signing } = await testKeys()
    const now = Math.floor(Date.now() / 1000)
    const expired = await signJwt({ ...cast.owner.claims, iat: now - 7200, exp: now - 3600 }, signing)
    expect((await rawClient(url(cast.lessonId, expired)).closed).code).toBe(CloseCode.UNAUTHORIZED)

    const gone = await createUser(sql)
    await sql`delete from auth.sessions where id = ${gone.claims.session_id}`
    expect((await rawClient(url(cast.lessonId, gone.token)).closed).code).toBe(CloseCode.UNAUTHORIZED)
  })

  it('closes an open socket with 4401 within the re-check once its session is signed out', async () => {
    const lesson = await createLesson(sql)
    const editor = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    await editor.synced()
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      editor.provider.once('closed', (e: { code: number; reason: string }) => resolve(e)),
    )
    await sql`delete from auth.sessions where id = ${lesson.editor.claims.session_id}`
    expect(await closed).toMatchObject({ code: CloseCode.UNAUTHORIZED, reason: 'session has ended' })
    editor.destroy()
  })

  it('closes with 4404 for a document that is not a lesson or a lesson that does not exist', async () => {
    const bad = rawClient(`${yjsUrl(t.server.port)}/my-room?token=${cast.owner.token}`)
    expect(await bad.closed).toMatchObject({ code: CloseCode.UNKNOWN_DOCUMENT })
    const missing = rawClient(url(crypto.randomUUID(), cast.owner.token))
    expect(await missing.closed).toEqual({ code: CloseCode.UNKNOWN_DOCUMENT, reason: 'no such lesson' })
  })

  it('closes with 4403 for a student of the school and for an instructor of another school', async () => {
    expect((await rawClient(url(cast.lessonId, cast.student.token)).closed).code).toBe(CloseCode.FORBIDDEN)
    const stranger = await createUser(sql)
    await createTenant(sql, stranger)
    const p = openProvider(t.server.port, cast.lessonId, stranger.token)
    const closed = new Promise<{ code: number }>((resolve) => p.provider.once('closed', resolve))
    // The stock provider treats 44xx as final and stops reconnecting.
    expect((await closed).code).toBe(CloseCode.FORBIDDEN)
    expect(p.provider.shouldConnect).toBe(false)
    p.destroy()
  })

  it('lets a viewer read live but drops their updates, even from a tampered client', async () => {
    const lesson = await createLesson(sql)
    const editor = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    const viewer = openProvider(t.server.port, lesson.lessonId, lesson.viewer.token)
    await Promise.all([editor.synced(), viewer.synced()])
    addParagraph(editor.doc, 'written by the editor')
    await waitFor(() => paragraphs(viewer.doc).length === 1, 'the viewer to see the edit')

    // The viewer's own client applies its edit locally, but the server drops it.
    addParagraph(viewer.doc, 'written by the viewer')
    // A raw client with the viewer's token sends a crafted update directly.
    const raw = rawClient(url(lesson.lessonId, lesson.viewer.token))
    await raw.opened
    const evil = new Y.Doc()
    addParagraph(evil, 'crafted by a tampered client')
    raw.send(step1Frame())
    raw.send(updateFrame(Y.encodeStateAsUpdate(evil)))
    await waitFor(
      () => t.server.yjs!.roomOf(lesson.lessonId)!.dropped >= 2,
      'the server to drop both updates',
    )
    await t.server.yjs!.persistence.flush()

    await sleep(100)
    expect(paragraphs(editor.doc)).toEqual(['written by the editor'])
    expect(paragraphs(t.server.yjs!.docOf(lesson.lessonId)!)).toEqual(['written by the editor'])
    expect(paragraphs(raw.doc)).toEqual(['written by the editor'])
    const stored =
      await sql`select count(*)::int as n from lesson_doc_updates where lesson_id = ${lesson.lessonId}`
    expect(stored[0].n).toBe(1)
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    raw.ws.close()
    editor.destroy()
    viewer.destroy()
  })

  it('disconnects a co-author within seconds of their access being revoked (4403)', async () => {
    const lesson = await createLesson(sql)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    await p.synced()
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      p.provider.once('closed', resolve),
    )
    const revokedAt = Date.now()
    await sql`delete from course_authors where course_id = ${lesson.courseId} and user_id = ${lesson.editor.id}`
    expect(await closed).toEqual({ code: CloseCode.FORBIDDEN, reason: 'access to this lesson was revoked' })
    expect(Date.now() - revokedAt).toBeLessThan(3000)
    p.destroy()
  })

  it('makes an editor read-only once they are demoted to viewer, and closes 4404 when the lesson is deleted', async () => {
    const lesson = await createLesson(sql)
    const other = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    await Promise.all([p.synced(), other.synced()])
    addParagraph(p.doc, 'before')
    await waitFor(() => paragraphs(other.doc).length === 1, 'the first edit')
    await sql`update course_authors set role = 'viewer' where course_id = ${lesson.courseId} and user_id = ${lesson.editor.id}`
    const editorRights = () => {
      const room = t.server.yjs!.roomOf(lesson.lessonId)!
      const conn = [...room.peers.keys()].find((c) => c.claims.sub === lesson.editor.id)
      return conn && room.rightsOf(conn)
    }
    await waitFor(() => editorRights() === 'view', 'the demotion to apply')
    addParagraph(p.doc, 'after')
    await sleep(200)
    expect(paragraphs(other.doc)).toEqual(['before'])

    const closed = new Promise<{ code: number }>((resolve) => other.provider.once('closed', resolve))
    await sql`delete from lessons where id = ${lesson.lessonId}`
    expect((await closed).code).toBe(CloseCode.UNKNOWN_DOCUMENT)
    p.destroy()
    other.destroy()
  })

  it('re-checks many users in one batch, each with their own rights', async () => {
    const other = await createLesson(sql)
    const missing = crypto.randomUUID()
    const answers = await recheckAccess(sql, [
      { claims: cast.editor.claims, lessons: [cast.lessonId, other.lessonId] },
      { claims: cast.viewer.claims, lessons: [cast.lessonId] },
      { claims: cast.student.claims, lessons: [cast.lessonId] },
      { claims: other.owner.claims, lessons: [other.lessonId, cast.lessonId, missing] },
    ])
    expect(Object.fromEntries([...answers].map(([sub, m]) => [sub, Object.fromEntries(m)]))).toEqual({
      [cast.editor.id]: { [cast.lessonId]: 'edit', [other.lessonId]: 'none' },
      [cast.viewer.id]: { [cast.lessonId]: 'view' },
      [cast.student.id]: { [cast.lessonId]: 'none' },
      [other.owner.id]: { [other.lessonId]: 'edit', [cast.lessonId]: 'none', [missing]: 'missing' },
    })
    // Many users in turn on the same lesson, in one statement: each row answers for its own user.
    const users = await Promise.all(Array.from({ length: 30 }, () => createUser(sql)))
    const cast2 = await createLesson(sql)
    for (const [i, u] of users.entries()) {
      if (i % 3 === 2) continue
      await sql`insert into memberships (tenant_id, user_id, role) values (${cast2.tenantId}, ${u.id}, 'instructor')`
      if (i % 3 === 0)
        await sql`insert into course_authors (course_id, user_id, role) values (${cast2.courseId}, ${u.id}, 'editor')`
    }
    const turn = await recheckAccess(
      sql,
      users.map((u) => ({ claims: u.claims, lessons: [cast2.lessonId] })),
    )
    expect(users.map((u) => turn.get(u.id)?.get(cast2.lessonId))).toEqual(
      users.map((_, i) => ['edit', 'none', 'none'][i % 3]),
    )
  })

  it('closes with 4401 when the token expires', async () => {
    const lesson = await createLesson(sql)
    const { signing } = await testKeys()
    const shortLived = await signJwt(
      { ...lesson.editor.claims, exp: Math.floor(Date.now() / 1000) + 2 },
      signing,
    )
    const p = openProvider(t.server.port, lesson.lessonId, shortLived)
    await p.synced()
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      p.provider.once('closed', resolve),
    )
    expect(await closed).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'token expired' })
    p.destroy()
  })
})
