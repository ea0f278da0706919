import type {
  EditingNow,
  TeacherCourse,
  TeacherDraft,
  TeacherHome,
  WaitingRoom,
} from '../../contract/home.ts'
import * as R from '../../contract/routes/home.ts'
import type { TenantRole } from '../../contract/tenancy.ts'
import { type Sql, type Tx, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { readTutoringSessions } from '../tutoring/queries.ts'
import './schemas.ts'

const get = apiRoute(R.getTeacherHome, {
  tags: ['home'],
  summary:
    'Your home in a school as a teacher: your courses, drafts to publish, sessions you teach, people waiting (instructors and co-authors)',
  description:
    'Courses you co-author with their lessons, published lessons and students counted; lessons of ' +
    'those courses never published or changed since their latest version (at most 5, latest change ' +
    'first); sessions you teach that are still ahead (at most 5); your rooms with people in their ' +
    'waiting room now.',
  responses: { 200: 'Your home.' },
  errors: [400, 401, 403, 404],
})

/** How many drafts and sessions the home shows. */
const SHOWN = 5

/**
 * CTE `mine`: the school's courses the caller co-authors while they still teach there, as
 * private.author_role counts a co-author (a course_authors row alone outlives a change of role).
 */
const coAuthored = (tx: Tx, tenantId: string) => tx`
  mine as (
    select c.id, c.title, c.level, c.learning_area, a.role as author_role
    from public.course_authors a join public.courses c on c.id = a.course_id
    where a.user_id = (select auth.uid()) and c.tenant_id = ${tenantId}
      and (select private.has_role(${tenantId}::uuid, private.teaching_roles()))
  )`

/** The caller's co-authored courses with all lessons, published lessons and enrolments counted; by title. */
function readTeacherCourses(tx: Tx, tenantId: string) {
  return tx<TeacherCourse[]>`
    with ${coAuthored(tx, tenantId)}
    select c.id, c.title, c.level, c.learning_area, c.author_role,
      (select count(*)::int from public.lessons l where l.course_id = c.id) as lesson_count,
      (select count(*)::int from public.lessons l where l.course_id = c.id
        and exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)) as published_count,
      (select count(*)::int from public.enrolments e where e.course_id = c.id) as student_count
    from mine c
    order by lower(c.title), c.id`
}

/**
 * Lessons of the caller's co-authored courses whose draft students do not see: never published,
 * or changed after the latest version. The draft's last change is its newest log row
 * (lesson_doc_updates) or its compacted snapshot (lesson_docs.updated_at; compaction follows a
 * write); a lesson never written in has only its own updated_at. Latest change first.
 */
function readTeacherDrafts(tx: Tx, tenantId: string) {
  return tx<TeacherDraft[]>`
    with ${coAuthored(tx, tenantId)}, drafts as (
      select l.id as lesson_id, l.title as lesson_title, c.id as course_id, c.title as course_title,
        v.version as published_version, v.published_at,
        coalesce(greatest(
          (select u.created_at from public.lesson_doc_updates u where u.lesson_id = l.id order by u.id desc limit 1),
          (select d.updated_at from public.lesson_docs d where d.lesson_id = l.id)), l.updated_at) as changed_at
      from mine c join public.lessons l on l.course_id = c.id
      left join lateral (select v.version, v.published_at from public.lesson_versions v
        where v.lesson_id = l.id order by v.version desc limit 1) v on true
    )
    select lesson_id, lesson_title, course_id, course_title, published_version, changed_at
    from drafts
    where published_version is null or changed_at > published_at
    order by changed_at desc, lesson_id
    limit ${SHOWN}`
}

/** The caller's sessions in the school whose waiting room holds someone now (room not over), by start. */
function readWaitingRooms(tx: Tx, tenantId: string) {
  return tx<WaitingRoom[]>`
    select s.id as session_id, s.title, count(*)::int as waiting
    from public.tutoring_sessions s
    join public.session_admissions a on a.session_id = s.id and a.status = 'waiting'
    where s.tenant_id = ${tenantId} and s.instructor_id = (select auth.uid())
      and s.waiting_room and s.status in ('scheduled', 'live')
      and s.starts_at + make_interval(mins => s.duration_minutes) > now()
    group by s.id
    order by s.starts_at, s.id`
}

/**
 * Lessons of the caller's co-authored courses that someone else has open for editing now: a presence
 * row (realtime/yjs/presence.ts) seen in the last three minutes (rows of a server that died go stale).
 */
function readEditingNow(tx: Tx, tenantId: string) {
  return tx<EditingNow[]>`
    with ${coAuthored(tx, tenantId)}
    select l.id as lesson_id, l.title as lesson_title, c.id as course_id, c.title as course_title,
      jsonb_agg(distinct jsonb_build_object('user_id', p.user_id, 'name', pr.display_name)) as people
    from mine c join public.lessons l on l.course_id = c.id
    join public.lesson_presence p on p.lesson_id = l.id
    join public.profiles pr on pr.id = p.user_id
    where p.user_id <> (select auth.uid()) and p.seen_at > now() - interval '3 minutes'
    group by l.id, l.title, c.id, c.title
    order by lower(c.title), lower(l.title), l.id
    limit ${SHOWN}`
}

/** The school's instructors, and its owners and admins who co-author one of its courses. */
const teaches = (role: TenantRole | null, courses: readonly TeacherCourse[]) =>
  role === 'instructor' || courses.length > 0

/** The four sections in one round trip; 404 when RLS hides the school, 403 for anyone who does not teach there. */
async function readTeacherHome(sql: Sql, claims: Claims, tenantId: string): Promise<TeacherHome> {
  const [roleRows, courses, drafts, sessions, waiting, editing] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    readTeacherCourses(tx, tenantId),
    readTeacherDrafts(tx, tenantId),
    readTutoringSessions(tx, { tenantId, from: new Date(), teaching: true, open: true, limit: SHOWN }),
    readWaitingRooms(tx, tenantId),
    readEditingNow(tx, tenantId),
  ])
  if (!teaches(tenantRoleIn(roleRows), courses)) {
    throw forbidden(
      'forbidden',
      "Only the school's instructors and its courses' co-authors have a teacher home.",
    )
  }
  return {
    courses: [...courses],
    drafts: [...drafts],
    sessions: [...sessions],
    waiting: [...waiting],
    editing_now: [...editing],
  }
}

/** GET /tenants/:id/home/teacher. */
export function teacherHomeRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const home = await readTeacherHome(sql, c.var.claims, id)
    return c.json(home, 200)
  })
}
