import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { el, h, p, rawDoc, t, tiptapDoc, txt } from '../../../test/support/lesson-docs.ts'
import { setupApi } from '../core/testing.ts'
import { fragmentToJson, renderLessonDoc } from './lesson-render.ts'
import {
  type CourseSchool,
  courseSchool,
  editDraft,
  publishingTools,
  storedDraft,
  writeDraft,
} from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { setup, publish, counts } = publishingTools(sql, call, () => s)
const draftJson = async (lesson: string) =>
  fragmentToJson((await storedDraft(sql, lesson)).getXmlFragment('content'))

describe('publish → read → edit → publish → restore', () => {
  it('freezes the draft as numbered versions that enrolled students read, and restores one live', async () => {
    const { course, lesson } = await setup('What is a half?')
    await writeDraft(
      sql,
      s.teacher,
      lesson,
      tiptapDoc(
        h(1, 'Halves'),
        p('A ', t('half', { type: 'bold' }), ' is one of ', t('two', { type: 'italic' }), ' equal parts.'),
      ),
    )
    const v1Html =
      '<h1 id="halves">Halves</h1><p>A <strong>half</strong> is one of <em>two</em> equal parts.</p>'

    const first = await publish(lesson, { note: '  First cut ' })
    expect(first.status).toBe(201)
    expect(first.body).toEqual({
      lesson_id: lesson,
      version: 1,
      title: 'What is a half?',
      note: 'First cut',
      published_by: s.teacher.id,
      published_by_name: 'Teacher',
      published_at: expect.any(String),
    })
    const seen = await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({
      lesson_id: lesson,
      course_id: course,
      version: 1,
      html: v1Html,
      plain_text: 'Halves\n\nA half is one of two equal parts.',
    })
    const [audit] =
      await sql`select details from public.audit_log where action = 'lesson.published' and target_id = ${lesson}`
    expect(audit?.details).toEqual({ version: 1, note: 'First cut' })

    // More editing: the student still reads version 1 until the next publish.
    await editDraft(sql, s.teacher, lesson, (doc) => {
      const extra = new Y.XmlElement('paragraph')
      extra.insert(0, [new Y.XmlText('Two halves make a whole.')])
      doc.getXmlFragment('content').push([extra])
    })
    expect((await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })).body.version).toBe(
      1,
    )
    const second = await publish(lesson) // no body at all
    expect(second.status).toBe(201)
    expect(second.body).toMatchObject({ version: 2, note: '' })
    const latest = await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })
    expect(latest.body.html).toBe(`${v1Html}<p>Two halves make a whole.</p>`)
    const outline = await call('GET', `/courses/${course}`, { token: s.student.token })
    expect(outline.body.lessons[0].published_version).toBe(2)

    // Restore version 1: one update, origin 'api', announced on the channel realtime listens to.
    const before = await counts(lesson)
    const heard: { lesson_id: string; origin: string }[] = []
    const listener = await sql.listen('lesson_doc_updates', (payload) => heard.push(JSON.parse(payload)))
    const restored = await call('POST', `/lessons/${lesson}/versions/1/restore`, { token: s.teacher.token })
    expect(restored.status).toBe(200)
    expect(restored.body).toEqual({ lesson_id: lesson, restored_version: 1 })
    await expect
      .poll(() => heard.filter((n) => n.lesson_id === lesson))
      .toEqual([expect.objectContaining({ lesson_id: lesson, origin: 'api' })])
    await listener.unlisten()
    expect(await counts(lesson)).toEqual({ versions: before.versions, updates: before.updates + 1 })
    const [last] =
      await sql`select origin from public.lesson_doc_updates where lesson_id = ${lesson} order by id desc limit 1`
    expect(last?.origin).toBe('api')

    // The draft is version 1's content again; the history (versions, earlier updates) is kept.
    const draft = await storedDraft(sql, lesson)
    expect(renderLessonDoc(draft).html).toBe(v1Html)
    const [v1] =
      await sql`select state from public.lesson_versions where lesson_id = ${lesson} and version = 1`
    const v1Doc = new Y.Doc()
    Y.applyUpdate(v1Doc, v1?.state)
    expect(await draftJson(lesson)).toEqual(fragmentToJson(v1Doc.getXmlFragment('content')))
    const versions = await call('GET', `/lessons/${lesson}/versions`, { token: s.colleague.token })
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1])
    // Students still read version 2 until someone publishes the restored draft.
    expect((await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })).body.version).toBe(
      2,
    )
    const third = await publish(lesson, { note: 'Back to basics' })
    expect(third.body.version).toBe(3)
    expect((await call('GET', `/lessons/${lesson}/versions/3`, { token: s.student.token })).body.html).toBe(
      v1Html,
    )
  })

  it('merges a restore with an edit made at the same time by someone who had not seen it', async () => {
    const { lesson } = await setup()
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('old')))
    expect((await publish(lesson)).status).toBe(201)
    await editDraft(sql, s.teacher, lesson, (doc) => {
      const para = doc.getXmlFragment('content').get(0) as Y.XmlElement
      ;(para.get(0) as Y.XmlText).insert(3, ' and changed')
    })
    // A second editor's client holds the draft as it is now, and types after the restore lands.
    const client = await storedDraft(sql, lesson)
    expect(
      (await call('POST', `/lessons/${lesson}/versions/1/restore`, { token: s.teacher.token })).status,
    ).toBe(200)
    const sv = Y.encodeStateVector(client)
    const added = new Y.XmlElement('paragraph')
    added.insert(0, [new Y.XmlText('typed meanwhile')])
    client.getXmlFragment('content').push([added])
    await sql`insert into public.lesson_doc_updates (lesson_id, update, origin)
              values (${lesson}, ${Y.encodeStateAsUpdate(client, sv)}, 'other')`
    expect(renderLessonDoc(await storedDraft(sql, lesson)).html).toBe('<p>old</p><p>typed meanwhile</p>')
  })

  it('numbers two publishes at the same moment 1 and 2', async () => {
    const { lesson } = await setup()
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('Race')))
    await sql`insert into public.course_authors (course_id, user_id, role)
              select course_id, ${s.admin.id}, 'editor' from public.lessons where id = ${lesson}`
    const results = await Promise.all([
      publish(lesson, { note: 'a' }),
      publish(lesson, { note: 'b' }, s.admin),
    ])
    expect(results.map((r) => r.status)).toEqual([201, 201])
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2])
    const rows =
      await sql`select version from public.lesson_versions where lesson_id = ${lesson} order by version`
    expect(rows.map((r) => r.version)).toEqual([1, 2])
  })

  it('publishes hostile drafts as inert HTML', async () => {
    const { lesson } = await setup()
    const hostile = rawDoc(
      el('paragraph', {}, [
        txt(['<script>alert(1)</script>'], ['click', { link: { href: 'javascript:alert(2)' } }]),
      ]),
      el('image', { src: 'https://x.example/a.png" onerror="alert(3)' }),
    )
    await writeDraft(sql, s.teacher, lesson, hostile)
    expect((await publish(lesson)).status).toBe(201)
    const { body } = await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })
    expect(body.html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;click</p><img src="https://x.example/a.png%22%20onerror=%22alert(3)" alt="">',
    )
  })
})

describe('POST /api/lessons/:id/publish: refusals', () => {
  it('refuses an empty draft (422), non-editors (403), strangers (404), bad bodies (400), writing nothing', async () => {
    const { lesson } = await setup()
    const empty = await publish(lesson)
    expect(empty.status).toBe(422)
    expect(empty.body.error.message).toBe('The lesson is empty. Write something before publishing it.')
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('Something')))
    const before = await counts(lesson)
    for (const who of [s.colleague, s.staff, s.admin, s.owner, s.student]) {
      const res = await publish(lesson, {}, who)
      expect(res.status).toBe(403)
    }
    expect((await publish(lesson, {}, s.classmate)).status).toBe(403)
    expect((await publish(lesson, {}, s.stranger)).status).toBe(404)
    expect((await call('POST', `/lessons/${lesson}/publish`)).status).toBe(401)
    expect((await publish(lesson, { note: 'x'.repeat(501) })).status).toBe(400)
    expect((await publish(lesson, { note: 'ok', version: 7 })).status).toBe(400)
    expect((await publish(lesson, { note: 5 })).status).toBe(400)
    const raw = await call('POST', `/lessons/${lesson}/publish`, { token: s.teacher.token, raw: '{"note":' })
    expect(raw.status).toBe(400)
    expect(
      (await call('POST', `/lessons/${crypto.randomUUID()}/publish`, { token: s.teacher.token })).status,
    ).toBe(404)
    expect(await counts(lesson)).toEqual(before)
  })
})
