// Test helpers for the course routes' tests (not part of the function itself).
import * as Y from 'yjs'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { stateOf } from '../../../test/support/lesson-docs.ts'
import { appendLessonUpdate, loadLessonDoc } from '../../lesson-draft/store.ts'
import { type Sql, withUser } from '../../lib/db.ts'
import type { CallOptions, CallResult } from '../core/testing.ts'

type Call = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>

/**
 * A school with one person per role: `teacher` (instructor, creates the courses), `colleague`
 * (another instructor), `staff`, `student`, `classmate` (a second student) and `parent`; and
 * `stranger`, who belongs to another school.
 */
export async function courseSchool(sql: Sql) {
  const names = [
    'owner',
    'admin',
    'teacher',
    'colleague',
    'staff',
    'student',
    'classmate',
    'parent',
    'stranger',
  ]
  const users = await Promise.all(
    names.map((n) => createUser(sql, { name: `${n[0]?.toUpperCase()}${n.slice(1)}` })),
  )
  const [owner, admin, teacher, colleague, staff, student, classmate, parent, stranger] = users as TestUser[]
  const tenant = await createTenant(sql, owner as TestUser, [
    [admin as TestUser, 'admin'],
    [teacher as TestUser, 'instructor'],
    [colleague as TestUser, 'instructor'],
    [staff as TestUser, 'staff'],
    [student as TestUser, 'student'],
    [classmate as TestUser, 'student'],
    [parent as TestUser, 'parent'],
  ])
  await createTenant(sql, stranger as TestUser)
  return {
    tenant,
    owner: owner as TestUser,
    admin: admin as TestUser,
    teacher: teacher as TestUser,
    colleague: colleague as TestUser,
    staff: staff as TestUser,
    student: student as TestUser,
    classmate: classmate as TestUser,
    parent: parent as TestUser,
    stranger: stranger as TestUser,
  }
}
export type CourseSchool = Awaited<ReturnType<typeof courseSchool>>

/** Creates a course through the API as `who`; returns its id (throws unless 201). */
export async function newCourse(call: Call, who: TestUser, tenantId: string, body: object = {}) {
  const res = await call('POST', `/tenants/${tenantId}/courses`, {
    token: who.token,
    body: { title: 'Fractions', ...body },
  })
  if (res.status !== 201) throw new Error(`create course: ${res.status} ${res.text}`)
  return res.body.id as string
}

/**
 * Publishing helpers for a school's tests: `setup` makes a course by the teacher with the colleague
 * as viewer and the student enrolled, and one lesson; `publish` publishes as `who`; `counts` reads a
 * lesson's published versions and draft log rows.
 */
export function publishingTools(sql: Sql, call: Call, school: () => CourseSchool) {
  async function setup(title = 'Halves') {
    const s = school()
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${s.colleague.id}, 'viewer')`
    await enrol(sql, course, s.student)
    const lesson = await newLesson(call, s.teacher, course, { title })
    return { course, lesson }
  }
  const publish = (lesson: string, body?: object, who = school().teacher) =>
    call('POST', `/lessons/${lesson}/publish`, { token: who.token, body })
  async function counts(lesson: string) {
    const [row] = await sql`
      select (select count(*)::int from public.lesson_versions where lesson_id = ${lesson}) as versions,
             (select count(*)::int from public.lesson_doc_updates where lesson_id = ${lesson}) as updates`
    return row
  }
  return { setup, publish, counts }
}

/**
 * Outline helpers acting as `teacher()`: add a module, read the outline as [module title, [lesson
 * titles]] with the unassigned lessons, and snapshot the module and lesson rows of a course.
 */
export function outlineTools(sql: Sql, call: Call, teacher: () => TestUser) {
  async function newModule(courseId: string, title: string) {
    const res = await call('POST', `/courses/${courseId}/modules`, {
      token: teacher().token,
      body: { title },
    })
    if (res.status !== 201) throw new Error(`create module: ${res.status} ${res.text}`)
    return res.body.id as string
  }
  async function outline(courseId: string) {
    const { body } = await call('GET', `/courses/${courseId}`, { token: teacher().token })
    const titles = (moduleId: string | null) =>
      body.lessons
        .filter((l: { module_id: string | null }) => l.module_id === moduleId)
        .map((l: { title: string }) => l.title)
    return {
      modules: body.modules.map((m: { id: string; title: string }) => [m.title, titles(m.id)]),
      unassigned: titles(null),
      body,
    }
  }
  const snapshot = (courseId: string) =>
    sql`
      select 'm' as kind, id, title, position, null::uuid as module_id from public.course_modules where course_id = ${courseId}
      union all
      select 'l', id, title, position, module_id from public.lessons where course_id = ${courseId}
      order by kind, id`
  return { newModule, outline, snapshot }
}

/** Creates a lesson through the API as `who`; returns its id (throws unless 201). */
export async function newLesson(call: Call, who: TestUser, courseId: string, body: object = {}) {
  const res = await call('POST', `/courses/${courseId}/lessons`, {
    token: who.token,
    body: { title: 'Halves', ...body },
  })
  if (res.status !== 201) throw new Error(`create lesson: ${res.status} ${res.text}`)
  return res.body.id as string
}

/** Enrols a student as the superuser (setup only). */
export async function enrol(sql: Sql, courseId: string, student: TestUser) {
  await sql`insert into public.enrolments (course_id, user_id) values (${courseId}, ${student.id})`
}

/**
 * Writes `doc` into the lesson's draft as an editor's client would through the realtime server:
 * the update that takes the stored draft to `doc`'s state, appended under RLS with edge/lesson-draft/store.ts.
 */
export async function writeDraft(sql: Sql, editor: TestUser, lessonId: string, doc: Y.Doc, origin = 'test') {
  return withUser(sql, editor.claims, (tx) => appendLessonUpdate(tx, lessonId, stateOf(doc), origin))
}

/** The lesson draft as stored (read as the superuser). */
export async function storedDraft(sql: Sql, lessonId: string) {
  return (await loadLessonDoc(sql, lessonId)).doc
}

/** Changes the stored draft with `change` as an editor's client would, and appends just that change. */
export async function editDraft(sql: Sql, editor: TestUser, lessonId: string, change: (doc: Y.Doc) => void) {
  const doc = await storedDraft(sql, lessonId)
  const before = Y.encodeStateVector(doc)
  change(doc)
  const update = Y.encodeStateAsUpdate(doc, before)
  return withUser(sql, editor.claims, (tx) => appendLessonUpdate(tx, lessonId, update, 'test'))
}
