import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../test/support/lesson-docs.ts'
import { renderLessonDoc } from '../api/courses/lesson-render.ts'
import { LESSON_FRAGMENT } from '../contract/courses.ts'
import { withUser } from '../lib/db.ts'
import { appendLessonUpdate, loadLessonDoc, readLessonDoc, replaceContent } from './store.ts'

const sql = testDb()
afterAll(() => sql.end())

let editor: TestUser
let viewer: TestUser
let student: TestUser
let courseId: string
beforeAll(async () => {
  ;[editor, viewer, student] = await Promise.all([createUser(sql), createUser(sql), createUser(sql)])
  const tenant = await createTenant(sql, editor, [
    [viewer, 'instructor'],
    [student, 'student'],
  ])
  const [course] = await sql`
    insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, 'Docs', ${editor.id}) returning id`
  courseId = course?.id
  await sql`insert into public.course_authors (course_id, user_id, role) values (${courseId}, ${viewer.id}, 'viewer')`
  await sql`insert into public.enrolments (course_id, user_id) values (${courseId}, ${student.id})`
})

async function newLesson() {
  const [row] =
    await sql`insert into public.lessons (course_id, title) values (${courseId}, 'L') returning id`
  return row?.id as string
}

/** A paragraph appended to the doc, as the update that adds it. */
function addParagraph(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  const para = new Y.XmlElement('paragraph')
  para.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment(LESSON_FRAGMENT).push([para])
  return Y.encodeStateAsUpdate(doc, before)
}

describe('lesson-doc', () => {
  it('loads an empty draft for a lesson never edited', async () => {
    const lesson = await newLesson()
    const stored = await readLessonDoc(sql, lesson)
    expect(stored).toEqual({ snapshot: null, compactedThrough: 0, updates: [], lastId: 0 })
    expect((await loadLessonDoc(sql, lesson)).doc.getXmlFragment(LESSON_FRAGMENT).length).toBe(0)
  })

  it('loads the snapshot plus every row still in the log, in id order', async () => {
    const lesson = await newLesson()
    const writer = new Y.Doc()
    const ids: number[] = []
    for (const text of ['one', 'two', 'three'])
      ids.push(await appendLessonUpdate(sql, lesson, addParagraph(writer, text)))
    expect(ids[1]).toBeGreaterThan(ids[0] as number)
    // A compaction merged rows 1 and 3 and deleted them; row 2 committed too late for it, so it
    // stays in the log below compacted_through and must still be applied.
    const snapshotDoc = new Y.Doc()
    for (const [update] of await sql`
      select update from public.lesson_doc_updates where id in ${sql([ids[0] as number, ids[2] as number])} order by id`.values()) {
      Y.applyUpdate(snapshotDoc, update)
    }
    await sql`insert into public.lesson_docs (lesson_id, state, compacted_through)
              values (${lesson}, ${Y.encodeStateAsUpdate(snapshotDoc)}, ${ids[2] as number})`
    await sql`delete from public.lesson_doc_updates where id in ${sql([ids[0] as number, ids[2] as number])}`
    const stored = await readLessonDoc(sql, lesson)
    expect(stored.compactedThrough).toBe(ids[2])
    expect(stored.updates.map((u) => u.id)).toEqual([ids[1]])
    expect(stored.lastId).toBe(ids[2])
    const { doc, lastId } = await loadLessonDoc(sql, lesson)
    expect(lastId).toBe(ids[2])
    expect(renderLessonDoc(doc).text).toBe('one\n\ntwo\n\nthree')
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(writer))
  })

  it('runs under RLS: editors append, viewers read but cannot append, students see nothing', async () => {
    const lesson = await newLesson()
    const id = await withUser(sql, editor.claims, (tx) =>
      appendLessonUpdate(tx, lesson, Y.encodeStateAsUpdate(tiptapDoc(p('draft'))), 'instance-a'),
    )
    const [row] = await sql`select origin from public.lesson_doc_updates where id = ${id}`
    expect(row?.origin).toBe('instance-a')
    const asViewer = await withUser(sql, viewer.claims, (tx) => loadLessonDoc(tx, lesson))
    expect(renderLessonDoc(asViewer.doc).html).toBe('<p>draft</p>')
    const refused = await withUser(sql, viewer.claims, (tx) =>
      appendLessonUpdate(tx, lesson, Y.encodeStateAsUpdate(tiptapDoc(p('sneaky')))),
    ).catch((e: Error) => e.message)
    expect(refused).toBe('new row violates row-level security policy for table "lesson_doc_updates"')
    const asStudent = await withUser(sql, student.claims, (tx) => readLessonDoc(tx, lesson))
    expect(asStudent.updates).toEqual([])
  })

  it('skips an update that does not decode instead of failing the whole lesson', async () => {
    const lesson = await newLesson()
    const writer = new Y.Doc()
    await appendLessonUpdate(sql, lesson, addParagraph(writer, 'before'))
    const bad = await withUser(sql, editor.claims, (tx) =>
      appendLessonUpdate(tx, lesson, new Uint8Array([0, 7, 255])),
    )
    await appendLessonUpdate(sql, lesson, addParagraph(writer, 'after'))
    const { doc, skipped } = await loadLessonDoc(sql, lesson)
    expect(skipped).toEqual([bad])
    expect(renderLessonDoc(doc).text).toBe('before\n\nafter')
  })

  it('replaceContent swaps the body in one update that other copies can apply', async () => {
    const current = tiptapDoc(p('now'), p('and more'))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current))
    const update = replaceContent(current, tiptapDoc(p('then')))
    expect(renderLessonDoc(current).html).toBe('<p>then</p>')
    Y.applyUpdate(copy, update)
    expect(renderLessonDoc(copy).html).toBe('<p>then</p>')
    expect(replaceContent(current, new Y.Doc()).length).toBeGreaterThan(0)
    expect(renderLessonDoc(current).html).toBe('')
  })
})
