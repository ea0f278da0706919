import * as L from '../../contract/logbook.ts'
import * as R from '../../contract/routes/logbook.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute, named, pathParams, pdfAnswer } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { renderLogbookPdf } from './pdf.ts'
import {
  entriesOf,
  entryQueries,
  logbookAccess,
  logbookAccessOf,
  logbookAccessQuery,
  logbookOf,
  logbookQueries,
  readEntry,
  sessionNotesOf,
  sessionNotesQuery,
  studentsOf,
  studentsQuery,
} from './queries.ts'

// The learning logbook (issue 20): a student's journal per course. Students write entries (text,
// files, a lesson, CBC competencies) and share them with their parents or not; the course's teachers
// read every entry, comment, and see the tutor's session notes beside it; parents read what is shared.

named(L.LogbookComment, 'LogbookComment')
named(L.LogbookEntry, 'LogbookEntry')
named(L.LogbookSessionNote, 'LogbookSessionNote')
named(L.Logbook, 'Logbook')
named(L.LogbookStudentList, 'LogbookStudentList')
named(L.NewLogbookEntryBody, 'NewLogbookEntry')
named(L.UpdateLogbookEntryBody, 'UpdateLogbookEntry')
named(L.NewLogbookCommentBody, 'NewLogbookComment')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.LogbookCourseParams, { courseId: uuid('The course id.') })
pathParams(R.LogbookEntryParams, { entryId: uuid('The logbook entry id.') })
pathParams(R.LogbookCommentParams, { commentId: uuid('The comment id.') })

const tags = ['logbook']
const WHO =
  'The student reads their own; the course’s teachers (co-authors, and the school’s owners, admins, staff ' +
  'and instructors) read every student’s; parents read the entries their child shared with them. Anyone ' +
  'else: 403 `logbook_forbidden`.'

const get = apiRoute(R.getLogbook, {
  tags,
  summary: 'A student’s logbook of a course: entries newest first (20 a page), with their comments',
  description:
    `${WHO} \`student\` picks whose (your own when left out). Teachers also get the tutor’s notes of the ` +
    'course’s sessions the student booked or came to; the writer gets the course’s lessons to tag.',
  responses: { 200: 'The page of the logbook.' },
  errors: [400, 401, 403, 404],
})
const students = apiRoute(R.listLogbookStudents, {
  tags,
  summary: 'The course’s students and the size of their logbooks (the course’s teachers)',
  responses: { 200: 'The students, the most recently active first.' },
  errors: [400, 401, 403, 404],
})
const pdfRoute = apiRoute(R.logbookPdf, {
  tags,
  summary: 'A student’s logbook of a course as a PDF (whoever reads it; a parent gets the shared entries)',
  description: `${WHO} Every entry the caller reads, with comments; for teachers, the tutor’s notes.`,
  responses: { 200: 'The PDF.' },
  errors: [400, 401, 403, 404],
})
const pdf = {
  ...pdfRoute,
  responses: { ...pdfRoute.responses, 200: pdfAnswer('The logbook, application/pdf.') },
}
const create = apiRoute(R.createLogbookEntry, {
  tags,
  summary: 'Write an entry in your logbook of a course (students enrolled in it)',
  description:
    'Files are your uploads in `logbook-files/<school>/<course>/<you>/` (422 `invalid_value` or ' +
    '`object_not_found` otherwise); a lesson must be one of the course (422 `lesson_not_in_course`).',
  responses: { 201: 'The entry.' },
  errors: [400, 401, 403, 404, 422],
})
const update = apiRoute(R.updateLogbookEntry, {
  tags,
  summary: 'Change your entry, or share it with your parents or stop sharing it',
  responses: { 200: 'The entry.' },
  errors: [400, 401, 403, 404, 422],
})
const remove = apiRoute(R.deleteLogbookEntry, {
  tags,
  summary: 'Delete your entry (owners and admins: anyone’s of their school)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})
const comment = apiRoute(R.createLogbookComment, {
  tags,
  summary: 'Comment on an entry (the course’s teachers and the entry’s student)',
  responses: { 201: 'The entry, with the comment.' },
  errors: [400, 401, 403, 404],
})
const removeComment = apiRoute(R.deleteLogbookComment, {
  tags,
  summary: 'Delete your comment (owners and admins: anyone’s)',
  responses: { 200: 'The entry, without the comment.' },
  errors: [400, 401, 403, 404],
})

const notYours = () => forbidden('logbook_not_yours', 'Only the student who wrote an entry can change it.')

/** The entry after a write: when nothing was written, 403 if the caller reads it, else 404. */
async function changed(tx: Tx, entryId: string, count: number) {
  const { entry } = await readEntry(tx, entryId)
  if (count === 0) throw notYours()
  return entry
}

/** GET/POST /courses/:id/logbook, GET …/students, GET …/pdf; PATCH, DELETE /logbook-entries/:id; comments. */
export function logbookRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const { student, before } = c.req.valid('query')
      const rows = await withUserRead(sql, c.var.claims, (tx) =>
        logbookQueries(tx, courseId, student, before),
      )
      return c.json(logbookOf(rows, courseId, before), 200)
    })
    .openapi({ ...students, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const [access, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        logbookAccessQuery(tx, courseId),
        studentsQuery(tx, courseId),
      ])
      return c.json(studentsOf(rows, logbookAccessOf(access, courseId)), 200)
    })
    .openapi({ ...pdf, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const { student, locale } = c.req.valid('query')
      const [accessRows, [school], entryRows, comments, notes] = await withUserRead(
        sql,
        c.var.claims,
        (tx) => [
          logbookAccessQuery(tx, courseId, student),
          tx<{ name: string; time_zone: string }[]>`
          select t.name, t.time_zone from public.tenants t
          where t.id = (select c.tenant_id from public.courses c where c.id = ${courseId})`,
          ...entryQueries(tx, courseId, student, { limit: 1000 }),
          sessionNotesQuery(tx, courseId, student),
        ],
      )
      const access = logbookAccessOf(accessRows, courseId)
      const facts = {
        school_name: school?.name ?? '',
        time_zone: school?.time_zone ?? 'Africa/Nairobi',
        course_title: access.course.title,
        student_name: access.student.name,
        entries: entriesOf([entryRows, comments], access),
        session_notes: sessionNotesOf(notes, access),
      }
      const bytes = await renderLogbookPdf({ ...facts, locale, made_at: new Date() })
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="logbook.pdf"',
        'cache-control': 'private, no-store',
      })
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const body = c.req.valid('json')
      const entry = await withUser(sql, c.var.claims, async (tx) => {
        const access = await logbookAccess(tx, courseId)
        if (!access.canWrite) {
          throw forbidden(
            'logbook_not_enrolled',
            'Only students enrolled in this course write in its logbook.',
          )
        }
        const [row] = await tx<{ id: string }[]>`
          insert into public.logbook_entries (course_id, title, body, lesson_id, competencies, files, shared_with_guardians)
          values (${courseId}, ${body.title}, ${body.body}, ${body.lesson_id ?? null}, ${body.competencies}::text[],
                  ${tx.json(body.files)}, ${body.shared_with_guardians})
          returning id`
        return (await readEntry(tx, row?.id ?? '')).entry
      })
      return c.json(entry, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { entryId } = c.req.valid('param')
      const body = c.req.valid('json')
      const entry = await withUser(sql, c.var.claims, async (tx) => {
        const { files, competencies, ...plain } = body
        const set = {
          ...plain,
          ...(competencies ? { competencies } : {}),
          ...(files ? { files: tx.json(files) } : {}),
        }
        const result = await tx`
          update public.logbook_entries set ${tx(set as Record<string, string>)} where id = ${entryId}`
        return changed(tx, entryId, result.count)
      })
      return c.json(entry, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { entryId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const result = await tx`delete from public.logbook_entries where id = ${entryId}`
        if (result.count === 0) await changed(tx, entryId, 0)
      })
      return c.body(null, 204)
    })
    .openapi({ ...comment, middleware: auth }, async (c) => {
      const { entryId } = c.req.valid('param')
      const { body } = c.req.valid('json')
      const entry = await withUser(sql, c.var.claims, async (tx) => {
        const { access } = await readEntry(tx, entryId)
        if (!access.teaches && access.student.id !== access.me) {
          throw forbidden(
            'logbook_forbidden',
            'Only the course’s teachers and the student comment on an entry.',
          )
        }
        await tx`insert into public.logbook_comments (entry_id, body) values (${entryId}, ${body})`
        return (await readEntry(tx, entryId)).entry
      })
      return c.json(entry, 201)
    })
    .openapi({ ...removeComment, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const entry = await withUser(sql, c.var.claims, async (tx) => {
        const [row] = await tx<{ entry_id: string }[]>`
          select entry_id from public.logbook_comments where id = ${commentId}`
        if (!row) throw notFound('logbook_comment_not_found', 'That comment is not there any more.')
        const result = await tx`delete from public.logbook_comments where id = ${commentId}`
        if (result.count === 0)
          throw forbidden('logbook_not_yours', 'Only its author can delete this comment.')
        return (await readEntry(tx, row.entry_id)).entry
      })
      return c.json(entry, 200)
    })
}
