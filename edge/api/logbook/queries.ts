import type postgres from 'postgres'
import type { Attachment } from '../../contract/files.ts'
import type {
  Competency,
  Logbook,
  LogbookComment,
  LogbookEntry,
  LogbookSessionNote,
  LogbookStudentList,
} from '../../contract/logbook.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'

// Reads of the learning logbook, under RLS (supabase/migrations/20261214020000_logbook.sql decides
// who reads and writes what: a parent's reads hold only shared entries). The access answer says what
// the page may offer; the database still refuses what it would not.

export const entryNotFound = () =>
  notFound('logbook_entry_not_found', 'That logbook entry is not there any more.')

/** What the caller is to one student's logbook of a course. */
export interface LogbookAccess {
  course: { id: string; title: string; tenant_id: string }
  student: { id: string; name: string }
  me: string
  /** The student themself, enrolled: writes entries. */
  canWrite: boolean
  /** A teacher of the course: reads every entry, comments, sees the tutor's notes. */
  teaches: boolean
  /** Owners and admins: may delete anyone's comment. */
  moderates: boolean
}

interface AccessRow {
  title: string
  tenant_id: string
  me: string
  student_id: string
  student_name: string | null
  member: boolean
  enrolled: boolean
  teaches: boolean
  guardian: boolean
  moderates: boolean
}

/** The student whose logbook it is: `student`, else the caller. */
const studentOf = (tx: Tx, student?: string) => tx`coalesce(${student ?? null}::uuid, (select auth.uid()))`

/** logbookAccess's read, unsent (for withUserRead); `logbookAccessOf` answers. */
export function logbookAccessQuery(tx: Tx, courseId: string, student?: string) {
  return tx<AccessRow[]>`
    with me as (select (select auth.uid()) as id)
    select c.title, c.tenant_id, me.id as me, s.id as student_id, p.display_name as student_name,
      private.is_member(c.tenant_id) as member, private.is_enrolled(c.id) as enrolled,
      private.can_see_course_work(c.id) as teaches, private.is_guardian(c.tenant_id, s.id) as guardian,
      private.has_role(c.tenant_id, private.admin_roles()) as moderates
    from public.courses c cross join me
    cross join lateral (select ${studentOf(tx, student)} as id) s
    left join public.profiles p on p.id = s.id
    where c.id = ${courseId}`
}

/**
 * The caller's access to `student`'s logbook of the course (their own when left out): 404 for a
 * course they cannot see, 403 `logbook_forbidden` for someone who is not the student, a teacher of
 * the course or the student's parent.
 */
export function logbookAccessOf([row]: readonly AccessRow[], courseId: string): LogbookAccess {
  if (!row) throw notFound('course_not_found', 'No such course, or you are not in its school.')
  const own = row.student_id === row.me
  if (!(own && row.member) && !row.teaches && !row.guardian) {
    throw forbidden(
      'logbook_forbidden',
      'Only the student, their teachers and (for shared entries) their parents see this logbook.',
    )
  }
  return {
    course: { id: courseId, title: row.title, tenant_id: row.tenant_id },
    student: { id: row.student_id, name: row.student_name ?? '' },
    me: row.me,
    canWrite: own && row.enrolled,
    teaches: row.teaches,
    moderates: row.moderates,
  }
}

/** The caller's access to `student`'s logbook of the course (see logbookAccessOf). */
export async function logbookAccess(tx: Tx, courseId: string, student?: string): Promise<LogbookAccess> {
  return logbookAccessOf(await logbookAccessQuery(tx, courseId, student), courseId)
}

interface EntryRow {
  id: string
  course_id: string
  user_id: string
  title: string
  body: string
  lesson_id: string | null
  lesson_title: string | null
  competencies: Competency[]
  files: Attachment[]
  shared_with_guardians: boolean
  created_at: Date
  updated_at: Date
}

interface CommentRow {
  id: string
  entry_id: string
  author_id: string | null
  author_name: string | null
  body: string
  created_at: Date
  edited_at: Date | null
}

const entryColumns = (tx: Tx) => tx`
  e.id, e.course_id, e.user_id, e.title, e.body, e.lesson_id, l.title as lesson_title, e.competencies,
  e.files, e.shared_with_guardians, e.created_at, e.updated_at`

/** The comments the caller reads on the entries `ids` (a subquery), oldest first; unsent. */
const commentRows = (tx: Tx, ids: postgres.Fragment) => tx<CommentRow[]>`
  select c.id, c.entry_id, c.author_id, p.display_name as author_name, c.body, c.created_at, c.edited_at
  from public.logbook_comments c left join public.profiles p on p.id = c.author_id
  where c.entry_id in (${ids})
  order by c.created_at, c.id`

/** Comment rows by entry, with what the caller may do to each. */
function commentsByEntry(rows: readonly CommentRow[], access: LogbookAccess) {
  const byEntry = new Map<string, LogbookComment[]>()
  for (const r of rows) {
    const list = byEntry.get(r.entry_id) ?? []
    list.push({
      id: r.id,
      author_id: r.author_id,
      author_name: r.author_name ?? '',
      body: r.body,
      created_at: r.created_at.toISOString(),
      edited_at: r.edited_at?.toISOString() ?? null,
      can_delete: (r.author_id !== null && r.author_id === access.me) || access.moderates,
    })
    byEntry.set(r.entry_id, list)
  }
  return byEntry
}

function entryOf(r: EntryRow, comments: LogbookComment[]): LogbookEntry {
  return {
    id: r.id,
    course_id: r.course_id,
    user_id: r.user_id,
    title: r.title,
    body: r.body,
    lesson: r.lesson_id && r.lesson_title !== null ? { id: r.lesson_id, title: r.lesson_title } : null,
    competencies: r.competencies,
    files: r.files,
    shared_with_guardians: r.shared_with_guardians,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    comments,
  }
}

/** Entries of the student's logbook the caller reads, newest first, `limit` at most, before `before`; unsent. */
const entryRows = (tx: Tx, courseId: string, student: string | undefined, opts: EntryPage) => tx<EntryRow[]>`
  select ${entryColumns(tx)}
  from public.logbook_entries e left join public.lessons l on l.id = e.lesson_id
  where e.course_id = ${courseId} and e.user_id = ${studentOf(tx, student)}
    and (${opts.before ?? null}::timestamptz is null or e.created_at < ${opts.before ?? null}::timestamptz)
  order by e.created_at desc, e.id
  limit ${opts.limit}`

interface EntryPage {
  before?: string
  limit: number
}

/** A page of a student's entries with their comments, unsent (for withUserRead); `entriesOf` answers. */
export function entryQueries(tx: Tx, courseId: string, student: string | undefined, opts: EntryPage) {
  return [
    entryRows(tx, courseId, student, opts),
    commentRows(tx, tx`select x.id from (${entryRows(tx, courseId, student, opts)}) x`),
  ] as const
}

/** The entries of entryQueries with their comments. */
export function entriesOf(
  [rows, comments]: Answers<ReturnType<typeof entryQueries>>,
  access: LogbookAccess,
): LogbookEntry[] {
  const byEntry = commentsByEntry(comments, access)
  return rows.map((r) => entryOf(r, byEntry.get(r.id) ?? []))
}

/** One entry the caller reads, with its comments; 404 when there is none they may read. */
export async function readEntry(
  tx: Tx,
  entryId: string,
): Promise<{ entry: LogbookEntry; access: LogbookAccess }> {
  const [row] = await tx<EntryRow[]>`
    select ${entryColumns(tx)}
    from public.logbook_entries e left join public.lessons l on l.id = e.lesson_id
    where e.id = ${entryId}`
  if (!row) throw entryNotFound()
  const access = await logbookAccess(tx, row.course_id, row.user_id)
  const comments = commentsByEntry(await commentRows(tx, tx`select ${row.id}::uuid`), access)
  return { entry: entryOf(row, comments.get(row.id) ?? []), access }
}

const PAGE = 20

/** The tutor's notes of the course's sessions about the student (empty for all but teachers); unsent. */
export const sessionNotesQuery = (tx: Tx, courseId: string, student?: string) => tx<
  (Omit<LogbookSessionNote, 'starts_at'> & { starts_at: Date })[]
>`
  select session_id, title, starts_at, tutor_name, notes
  from public.logbook_session_notes(${courseId}, ${studentOf(tx, student)})`

/** The notes of sessionNotesQuery: teachers only, empty for others. */
export function sessionNotesOf(
  rows: Awaited<ReturnType<typeof sessionNotesQuery>>,
  access: LogbookAccess,
): LogbookSessionNote[] {
  if (!access.teaches) return []
  return rows.map((n) => ({ ...n, starts_at: n.starts_at.toISOString() }))
}

/** The reads of one page of a student's logbook, unsent (for withUserRead); `logbookOf` answers. */
export function logbookQueries(tx: Tx, courseId: string, student?: string, before?: string) {
  return [
    logbookAccessQuery(tx, courseId, student),
    ...entryQueries(tx, courseId, student, { before, limit: PAGE + 1 }),
    tx<{ id: string; title: string }[]>`
      select id, title from public.lessons where course_id = ${courseId} order by position, created_at`,
    sessionNotesQuery(tx, courseId, student),
  ] as const
}

/** One page of a student's logbook, with the tutor's notes (for teachers, first page) and the course's lessons (for its writer). */
export function logbookOf(
  [accessRows, entryRows, comments, lessons, notes]: Answers<ReturnType<typeof logbookQueries>>,
  courseId: string,
  before?: string,
): Logbook {
  const access = logbookAccessOf(accessRows, courseId)
  const entries = entriesOf([entryRows, comments], access)
  const page = entries.slice(0, PAGE)
  return {
    course: { id: access.course.id, title: access.course.title },
    student: access.student,
    entries: page,
    next_before: entries.length > PAGE ? (page.at(-1)?.created_at ?? null) : null,
    session_notes: before ? [] : sessionNotesOf(notes, access),
    lessons: access.canWrite ? [...lessons] : [],
    mine: access.student.id === access.me,
    can_write: access.canWrite,
    can_comment: access.teaches || access.student.id === access.me,
  }
}

/** The course's students (enrolled, or with entries) and the size of their logbooks; unsent. */
export function studentsQuery(tx: Tx, courseId: string) {
  return tx<
    { id: string; name: string | null; entries: number; last_entry_at: Date | null; comments: number }[]
  >`
    with people as (
      select user_id from public.enrolments where course_id = ${courseId}
      union select user_id from public.logbook_entries where course_id = ${courseId}
    )
    select x.user_id as id, p.display_name as name, count(e.id)::int as entries, max(e.created_at) as last_entry_at,
      coalesce(sum((select count(*) from public.logbook_comments c where c.entry_id = e.id)), 0)::int as comments
    from people x
    left join public.profiles p on p.id = x.user_id
    left join public.logbook_entries e on e.course_id = ${courseId} and e.user_id = x.user_id
    group by x.user_id, p.display_name
    order by max(e.created_at) desc nulls last, p.display_name, x.user_id`
}

/** The students of studentsQuery, for the course's teachers (403 for anyone else). */
export function studentsOf(
  rows: Awaited<ReturnType<typeof studentsQuery>>,
  access: LogbookAccess,
): LogbookStudentList {
  if (!access.teaches) {
    throw forbidden('logbook_forbidden', 'Only the course’s teachers see its students’ logbooks.')
  }
  return {
    students: rows.map((r) => ({
      ...r,
      name: r.name ?? '',
      last_entry_at: r.last_entry_at?.toISOString() ?? null,
    })),
  }
}
