import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import {
  addParagraph,
  createLesson,
  type LessonCast,
  openProvider,
  paragraphs,
  sameState,
  waitFor,
} from './testing.ts'

describe('Yjs rooms with stock y-websocket clients', () => {
  const sql = testDb(2)
  let t: TestServer
  let cast: LessonCast
  beforeAll(async () => {
    t = await startTestServer()
    cast = await createLesson(sql)
  })
  afterAll(async () => {
    await t.close()
    await sql.end()
  })

  it('syncs edits and presence between two editors, live', async () => {
    const a = openProvider(t.server.port, cast.lessonId, cast.owner.token)
    const b = openProvider(t.server.port, cast.lessonId, cast.editor.token)
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalStateField('user', { name: 'Owner', color: '#f00' })
    b.provider.awareness.setLocalStateField('user', { name: 'Editor', color: '#0f0' })

    addParagraph(a.doc, 'Hello from the owner')
    addParagraph(b.doc, 'Hello from the editor')
    await waitFor(
      () => paragraphs(a.doc).length === 2 && paragraphs(b.doc).length === 2,
      'both edits on both',
    )
    expect(paragraphs(a.doc).sort()).toEqual(['Hello from the editor', 'Hello from the owner'])
    expect(sameState(a.doc, b.doc)).toBe(true)

    const names = (p: typeof a) =>
      [...p.provider.awareness.getStates().values()].map((s) => s.user?.name).filter(Boolean)
    await waitFor(() => names(a).length === 2 && names(b).length === 2, 'both cursors on both')
    expect(names(a).sort()).toEqual(['Editor', 'Owner'])

    // A viewer joining late receives the whole draft and everyone's presence.
    const v = openProvider(t.server.port, cast.lessonId, cast.viewer.token)
    await v.synced()
    expect(paragraphs(v.doc).sort()).toEqual(['Hello from the editor', 'Hello from the owner'])
    await waitFor(() => names(v).length === 2, 'presence for the viewer')

    // Leaving removes the cursor for the others.
    b.destroy()
    await waitFor(() => names(a).length === 1, 'the editor’s cursor to go')
    a.destroy()
    v.destroy()
  })

  it('persists the edits: the draft is loaded from Postgres after the room is unloaded', async () => {
    const lesson = await createLesson(sql)
    const a = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await a.synced()
    for (let i = 0; i < 20; i++) addParagraph(a.doc, `line ${i}`)
    await waitFor(async () => {
      const [{ n }] =
        await sql`select count(*)::int as n from lesson_doc_updates where lesson_id = ${lesson.lessonId}`
      return n > 0
    }, 'updates in the log')
    a.destroy()
    await waitFor(
      () => t.server.yjs!.rooms === 0 || !t.server.yjs!.roomOf(lesson.lessonId),
      'the room to unload',
    )

    const b = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    await b.synced()
    expect(paragraphs(b.doc)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`))
    const [row] = await sql`
      select origin from lesson_doc_updates where lesson_id = ${lesson.lessonId} limit 1`
    expect(row.origin).toBe(t.server.yjs!.instanceId)
    b.destroy()
  })
})
