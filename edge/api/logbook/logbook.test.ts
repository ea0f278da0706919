import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drawnText } from '../../../test/pdf-reader.ts'
import { Logbook, LogbookEntry } from '../../contract/logbook.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse, newLesson } from '../courses/testing.ts'

// The learning logbook through the API: a student writes entries (lesson, competencies, a photo) and
// shares one with their parent; the teacher lists the course's students, reads, comments and sees the
// tutor's session notes; the parent reads the shared entry only; a classmate and another school are
// refused; the PDF holds what its reader may read; bad bodies are refused with field paths.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string
let lesson: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Integrated Science' })
  lesson = await newLesson(api.call, s.teacher, course, { title: 'The cell' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  await api.sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by)
    values (${s.tenant.id}, ${s.parent.id}, ${s.student.id}, null)`
})
afterAll(() => api?.close())

type Who = { token: string }
const book = (who: Who, query = '') =>
  api.call('GET', `/courses/${course}/logbook${query}`, { token: who.token })
const write = (who: Who, body: object) =>
  api.call('POST', `/courses/${course}/logbook`, { token: who.token, body })

const pdfOf = (who: Who, query: string) =>
  api.app.request(`/api/courses/${course}/logbook/pdf${query}`, {
    headers: { authorization: `Bearer ${who.token}` },
  })

async function uploaded(name: string, type: string) {
  const object = `${s.tenant.id}/${course}/${s.student.id}/ab12cd34-${name}`
  await api.sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
    values ('logbook-files', ${object}, ${s.student.id}, ${s.student.id}, 'v1', ${api.sql.json({ size: 4096, mimetype: type })})`
  return `logbook-files/${object}`
}

describe('the learning logbook', () => {
  let shared: string
  let own: string

  it('a student writes entries tagged with a lesson, competencies and a photo, and shares one', async () => {
    const photo = await uploaded('onion.jpg', 'image/jpeg')
    const made = await write(s.student, {
      title: 'Onion cells under the microscope',
      body: 'I saw the cell wall.\nThe nucleus was dark.',
      lesson_id: lesson,
      competencies: ['critical_thinking', 'digital_literacy', 'critical_thinking'],
      files: [{ path: photo, name: 'Onion.jpg' }],
      shared_with_guardians: true,
    })
    expect(made.status).toBe(201)
    const entry = LogbookEntry.parse(made.body)
    shared = entry.id
    expect(entry).toMatchObject({
      lesson: { id: lesson, title: 'The cell' },
      competencies: ['critical_thinking', 'digital_literacy'],
      files: [{ path: photo, name: 'Onion.jpg', size: 4096, type: 'image/jpeg' }],
      shared_with_guardians: true,
      comments: [],
    })
    const second = await write(s.student, { title: 'What I found hard' })
    expect(second.status).toBe(201)
    own = second.body.id
    const mine = Logbook.parse((await book(s.student)).body)
    expect(mine.entries.map((e) => e.id)).toEqual([own, shared])
    expect(mine).toMatchObject({ can_write: true, can_comment: true, session_notes: [] })
    expect(mine.lessons).toEqual([{ id: lesson, title: 'The cell' }])
  })

  it('the teacher lists the students, reads, comments, and sees the tutor’s notes; the student replies', async () => {
    const list = await api.call('GET', `/courses/${course}/logbook/students`, { token: s.teacher.token })
    expect(list.status).toBe(200)
    expect(list.body.students[0]).toMatchObject({
      id: s.student.id,
      name: 'Student',
      entries: 2,
      comments: 0,
    })
    expect(list.body.students.map((x: { id: string }) => x.id)).toContain(s.classmate.id)
    const [session] = await api.sql`insert into public.tutoring_sessions
      (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity, notes)
      values (${s.tenant.id}, ${s.teacher.id}, ${course}, 'Microscopes', now() - interval '2 days', 60, 5,
              'Focused the microscope without help.') returning id`
    // A past session takes no bookings: written as the records of one would be.
    await api.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`insert into public.session_bookings (session_id, user_id) values (${session?.id}, ${s.student.id})`
    })
    const read = Logbook.parse((await book(s.teacher, `?student=${s.student.id}`)).body)
    expect(read).toMatchObject({ can_write: false, can_comment: true, lessons: [] })
    expect(read.entries).toHaveLength(2)
    expect(read.session_notes).toEqual([
      expect.objectContaining({
        title: 'Microscopes',
        tutor_name: 'Teacher',
        notes: 'Focused the microscope without help.',
      }),
    ])
    const commented = await api.call('POST', `/logbook-entries/${shared}/comments`, {
      token: s.teacher.token,
      body: { body: '  Well observed: label the cell wall next time.  ' },
    })
    expect(commented.status).toBe(201)
    expect(commented.body.comments).toEqual([
      expect.objectContaining({
        author_name: 'Teacher',
        body: 'Well observed: label the cell wall next time.',
      }),
    ])
    const replied = await api.call('POST', `/logbook-entries/${shared}/comments`, {
      token: s.student.token,
      body: { body: 'Thank you!' },
    })
    expect(replied.body.comments.map((c: { body: string }) => c.body)).toEqual([
      'Well observed: label the cell wall next time.',
      'Thank you!',
    ])
    const notices = await api.sql<{ user_id: string; title: string; link: string }[]>`
      select user_id, title, link from public.notifications
      where kind = 'logbook_comment' and tenant_id = ${s.tenant.id} order by id`
    expect(notices).toEqual([
      {
        user_id: s.student.id,
        title: 'Teacher commented on “Onion cells under the microscope”',
        link: `/t/${s.tenant.slug}/courses/${course}/logbook`,
      },
      {
        user_id: s.teacher.id,
        title: 'Student replied on “Onion cells under the microscope”',
        link: `/t/${s.tenant.slug}/courses/${course}/logbook?student=${s.student.id}`,
      },
    ])
    // The teacher never edits the student's words.
    const edit = await api.call('PATCH', `/logbook-entries/${shared}`, {
      token: s.teacher.token,
      body: { title: 'x' },
    })
    expect(edit.status).toBe(403)
    expect(edit.body.error.code).toBe('logbook_not_yours')
  })

  it('the parent reads only the shared entry and its comments; others are refused', async () => {
    const parent = Logbook.parse((await book(s.parent, `?student=${s.student.id}`)).body)
    expect(parent.entries.map((e) => e.id)).toEqual([shared])
    expect(parent.entries[0]?.comments).toHaveLength(2)
    expect(parent).toMatchObject({ can_write: false, can_comment: false, session_notes: [] })
    const comment = await api.call('POST', `/logbook-entries/${shared}/comments`, {
      token: s.parent.token,
      body: { body: 'Proud of you' },
    })
    expect(comment.status).toBe(403)
    const classmate = await book(s.classmate, `?student=${s.student.id}`)
    expect(classmate.status).toBe(403)
    expect(classmate.body.error.code).toBe('logbook_forbidden')
    expect((await book(s.stranger, `?student=${s.student.id}`)).status).toBe(404)
    expect(
      (await api.call('GET', `/courses/${course}/logbook/students`, { token: s.student.token })).status,
    ).toBe(403)
    const notEnrolled = await write(s.parent, { title: 'Mine' })
    expect(notEnrolled.status).toBe(403)
    expect(notEnrolled.body.error.code).toBe('logbook_not_enrolled')
  })

  it('the student stops sharing, changes and deletes their entries', async () => {
    const unshare = await api.call('PATCH', `/logbook-entries/${shared}`, {
      token: s.student.token,
      body: { shared_with_guardians: false, competencies: ['communication'] },
    })
    expect(unshare.status).toBe(200)
    expect(unshare.body).toMatchObject({ shared_with_guardians: false, competencies: ['communication'] })
    expect((await book(s.parent, `?student=${s.student.id}`)).body.entries).toEqual([])
    expect((await api.call('DELETE', `/logbook-entries/${own}`, { token: s.classmate.token })).status).toBe(
      404,
    )
    expect((await api.call('DELETE', `/logbook-entries/${own}`, { token: s.student.token })).status).toBe(204)
    expect((await api.call('DELETE', `/logbook-entries/${own}`, { token: s.student.token })).status).toBe(404)
  })

  it('makes a PDF of what its reader reads: entries, comments and, for teachers, the tutor’s notes', async () => {
    const res = await pdfOf(s.teacher, `?student=${s.student.id}&locale=sw`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const text = await drawnText(new Uint8Array(await res.arrayBuffer()))
    expect(text).toContain('Shajara ya kujifunza: Student')
    expect(text).toContain('Onion cells under the microscope')
    expect(text).toContain('Mawasiliano na ushirikiano')
    expect(text).toContain('Well observed')
    expect(text).toContain('Focused the microscope without help.')
    const parent = await pdfOf(s.parent, `?student=${s.student.id}`)
    expect(await drawnText(new Uint8Array(await parent.arrayBuffer()))).toContain('No entries yet.')
  })

  it('refuses bad bodies with their field paths and writes nothing', async () => {
    const before = await api.sql`select count(*)::int as n from public.logbook_entries`
    const bad = await write(s.student, {
      title: ' ',
      competencies: ['flying'],
      files: [{ path: 'avatars/x.png', name: 'x' }],
      extra: 1,
    })
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['title', 'competencies.0', 'files.0.path']))
    const otherLesson = await newLesson(
      api.call,
      s.teacher,
      await newCourse(api.call, s.teacher, s.tenant.id),
    )
    const wrongLesson = await write(s.student, { title: 'x', lesson_id: otherLesson })
    expect(wrongLesson.status).toBe(422)
    expect(wrongLesson.body.error.code).toBe('lesson_not_in_course')
    const emptyPatch = await api.call('PATCH', `/logbook-entries/${shared}`, {
      token: s.student.token,
      body: {},
    })
    expect(emptyPatch.status).toBe(400)
    const after = await api.sql`select count(*)::int as n from public.logbook_entries`
    expect(after[0]?.n).toBe(before[0]?.n)
  })
})
