import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer } from '../testing.ts'
import { addParagraph, createLesson, openProvider, paragraphs, waitFor } from './testing.ts'

const sql = testDb(2)
afterAll(() => sql.end())

/** The stored draft (snapshot + log), as a fresh load would see it. */
async function storedDoc(lessonId: string) {
  const doc = new Y.Doc()
  const [snap] = await sql`select state from lesson_docs where lesson_id = ${lessonId}`
  if (snap) Y.applyUpdate(doc, snap.state)
  for (const r of await sql`select update from lesson_doc_updates where lesson_id = ${lessonId} order by id`)
    Y.applyUpdate(doc, r.update)
  return doc
}

const logRows = async (lessonId: string) =>
  (await sql`select count(*)::int as n from lesson_doc_updates where lesson_id = ${lessonId}`)[0].n as number

describe('Yjs persistence in the server', () => {
  it('batches a burst of edits into few inserts, written without waiting for a disconnect', async () => {
    const t = await startTestServer()
    const lesson = await createLesson(sql)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await p.synced()
    for (let i = 0; i < 100; i++) addParagraph(p.doc, `burst ${i}`)
    await waitFor(async () => paragraphs(await storedDoc(lesson.lessonId)).length === 100, 'the burst stored')
    // One row per update (see persistence.ts), few statements: rows of one insert share now().
    const [{ inserts }] = await sql`
      select count(distinct created_at)::int as inserts from lesson_doc_updates where lesson_id = ${lesson.lessonId}`
    expect(inserts).toBeLessThan(10)
    p.destroy()
    await t.close()
  })

  it('flushes on last disconnect and on close, and unloads empty rooms', async () => {
    // Batches wait 10 s here: only the disconnect or the shutdown can have written them.
    const t = await startTestServer({ yjs: { flushMs: 10_000 } })
    const a = await createLesson(sql)
    const b = await createLesson(sql)
    const pa = openProvider(t.server.port, a.lessonId, a.owner.token)
    const pb = openProvider(t.server.port, b.lessonId, b.owner.token)
    await Promise.all([pa.synced(), pb.synced()])
    addParagraph(pa.doc, 'kept on disconnect')
    await waitFor(() => paragraphs(t.server.yjs!.docOf(a.lessonId)!).length === 1, 'the server to have a')
    expect(await logRows(a.lessonId)).toBe(0)

    pa.destroy()
    await waitFor(() => !t.server.yjs!.roomOf(a.lessonId), 'room a to unload')
    expect(paragraphs(await storedDoc(a.lessonId))).toEqual(['kept on disconnect'])

    addParagraph(pb.doc, 'kept on shutdown')
    await waitFor(() => paragraphs(t.server.yjs!.docOf(b.lessonId)!).length === 1, 'the server to have b')
    expect(await logRows(b.lessonId)).toBe(0)
    await t.close()
    expect(paragraphs(await storedDoc(b.lessonId))).toEqual(['kept on shutdown'])
    pb.destroy()
  })

  it('delivers updates written elsewhere (the API, another instance) to connected clients', async () => {
    const t = await startTestServer()
    const lesson = await createLesson(sql)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await p.synced()
    addParagraph(p.doc, 'typed')
    // What an API restore does: append an update to the log (origin 'api').
    const restored = new Y.Doc()
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(p.doc))
    addParagraph(restored, 'restored by the API')
    const update = Y.encodeStateAsUpdate(restored, Y.encodeStateVector(p.doc))
    await sql`insert into lesson_doc_updates (lesson_id, update, origin) values (${lesson.lessonId}, ${update}, 'api')`
    await waitFor(() => paragraphs(p.doc).includes('restored by the API'), 'the restore to reach the client')
    expect(paragraphs(t.server.yjs!.docOf(lesson.lessonId)!)).toEqual(['typed', 'restored by the API'])

    // A notification for a row compacted away before it was read: the room re-reads the lesson.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(restored))
    addParagraph(other, 'compacted before it was read')
    const late = Y.encodeStateAsUpdate(other, Y.encodeStateVector(restored))
    await sql.begin(async (tx) => {
      const [{ id }] = await tx`
        insert into lesson_doc_updates (lesson_id, update, origin) values (${lesson.lessonId}, ${late}, 'other') returning id`
      await tx`
        insert into lesson_docs (lesson_id, state, compacted_through)
        values (${lesson.lessonId}, ${Y.encodeStateAsUpdate(other)}, ${id})`
      await tx`delete from lesson_doc_updates where lesson_id = ${lesson.lessonId}`
    })
    await waitFor(() => paragraphs(p.doc).includes('compacted before it was read'), 'the catch-up')
    p.destroy()
    await t.close()
  })
})
