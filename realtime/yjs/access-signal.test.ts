// Lesson rooms follow access changes signalled by the database (issue 9), and a socket may speak
// only for the awareness client ids it introduced.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../../test/support/fixtures.ts'
import { CloseCode } from '../core/close-codes.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import {
  addParagraph,
  createLesson,
  openProvider,
  paragraphs,
  rawClient,
  sleep,
  step1Frame,
  updateFrame,
  waitFor,
  yjsUrl,
} from './testing.ts'

/** An awareness frame (message 1) setting one client id's state at a clock. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

describe('Yjs rooms and access changes', () => {
  const sql = testDb(2)
  let t: TestServer
  const url = (lessonId: string, token: string) =>
    `${yjsUrl(t.server.port)}/lesson:${lessonId}?token=${token}`

  beforeAll(async () => {
    // The periodic re-check is a minute away: only the database's signal acts within the test.
    t = await startTestServer({ yjs: { accessCheckMs: 60_000 } })
  })
  afterAll(async () => {
    await t.close()
    await sql.end()
  })

  it('a removed co-author is closed at once, and nothing they send afterwards is applied or stored', async () => {
    const lesson = await createLesson(sql)
    const owner = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await owner.synced()
    const editor = rawClient(url(lesson.lessonId, lesson.editor.token))
    await editor.served
    editor.send(step1Frame())

    const removedAt = Date.now()
    await sql`delete from public.course_authors where course_id = ${lesson.courseId} and user_id = ${lesson.editor.id}`
    await sleep(30)
    const late = new Y.Doc()
    addParagraph(late, 'written after removal')
    editor.send(updateFrame(Y.encodeStateAsUpdate(late)))

    expect(await editor.closed).toEqual({
      code: CloseCode.FORBIDDEN,
      reason: 'access to this lesson was revoked',
    })
    expect(Date.now() - removedAt).toBeLessThan(2000)
    await t.server.yjs!.persistence.flush()
    await sleep(100)
    expect(paragraphs(owner.doc)).toEqual([])
    const [{ n }] =
      await sql`select count(*)::int as n from public.lesson_doc_updates where lesson_id = ${lesson.lessonId}`
    expect(n).toBe(0)
    owner.destroy()
  })

  it('a co-author demoted to viewer stops writing at once', async () => {
    const lesson = await createLesson(sql)
    const owner = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    const editor = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    await Promise.all([owner.synced(), editor.synced()])
    await sql`update public.course_authors set role = 'viewer' where course_id = ${lesson.courseId} and user_id = ${lesson.editor.id}`
    await sleep(100)
    addParagraph(editor.doc, 'after the demotion')
    await sleep(200)
    expect(paragraphs(owner.doc)).toEqual([])
    owner.destroy()
    editor.destroy()
  })

  it('a viewer cannot set or remove the presence of another client id', async () => {
    const lesson = await createLesson(sql)
    const editor = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    const owner = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await Promise.all([editor.synced(), owner.synced()])
    editor.provider.awareness.setLocalStateField('user', { name: 'Editor', color: '#0a0' })
    const editorId = editor.doc.clientID
    const nameOfEditor = () =>
      (owner.provider.awareness.getStates().get(editorId) as { user?: { name?: string } } | undefined)?.user
        ?.name
    await waitFor(() => nameOfEditor() === 'Editor', 'the editor’s presence at the owner')

    const viewer = rawClient(url(lesson.lessonId, lesson.viewer.token))
    await viewer.served
    viewer.send(awarenessFrame(editorId, 10_000, { user: { name: 'Spoofed', color: '#f00' } }))
    viewer.send(awarenessFrame(editorId, 10_001, null))
    // The viewer's own presence under a new id is fine and arrives.
    viewer.send(awarenessFrame(424242, 1, { user: { name: 'Viewer' } }))
    await waitFor(() => owner.provider.awareness.getStates().has(424242), 'the viewer’s own presence')
    expect(nameOfEditor()).toBe('Editor')
    expect(t.server.yjs!.roomOf(lesson.lessonId)!.spoofed).toBeGreaterThanOrEqual(2)

    // Leaving removes the viewer's presence only.
    viewer.ws.close()
    await waitFor(() => !owner.provider.awareness.getStates().has(424242), 'the viewer’s presence removed')
    expect(nameOfEditor()).toBe('Editor')
    editor.destroy()
    owner.destroy()
  })
})
