import type { HomeCourse, HomeTicket, StudentHome } from '../../contract/home.ts'
import * as R from '../../contract/routes/home.ts'
import { type Sql, type Tx, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { lessonOrder } from '../courses/queries.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { readTutoringSessions } from '../tutoring/queries.ts'
import './schemas.ts'

const get = apiRoute(R.getStudentHome, {
  tags: ['home'],
  summary: 'Your home in a school as a student: your courses, next sessions and recent tickets (members)',
  description:
    'Courses you are enrolled in with how many published lessons you marked done and the next one; ' +
    'sessions you booked that are still ahead (at most 5); your own tickets, latest activity first ' +
    '(at most 5, closed ones for 14 days), each saying whether a reply came since you last read it.',
  responses: { 200: 'Your home.' },
  errors: [400, 401, 403, 404],
})

/** How many sessions and tickets the home shows. */
const SHOWN = 5
/** How long a closed ticket stays on the home. */
const CLOSED_DAYS = 14

/**
 * The caller's enrolled courses in the school with their published lessons counted, the done ones
 * and the first not done in course order; the most recently read first, then by title.
 */
function readHomeCourses(tx: Tx, tenantId: string) {
  return tx<HomeCourse[]>`
    with mine as (
      select c.id, c.title, c.level, c.learning_area, c.cover_image_url
      from public.enrolments e join public.courses c on c.id = e.course_id
      where e.user_id = (select auth.uid()) and c.tenant_id = ${tenantId}
    ), published as (
      select l.id, l.course_id, l.title, p.completed_at,
        row_number() over (partition by l.course_id order by ${lessonOrder(tx)}) as n
      from mine join public.lessons l on l.course_id = mine.id
      left join public.course_modules m on m.id = l.module_id
      left join public.lesson_progress p on p.lesson_id = l.id and p.user_id = (select auth.uid())
      where exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)
    )
    select c.id, c.title, c.level, c.learning_area, c.cover_image_url,
      (select count(*)::int from published x where x.course_id = c.id) as lesson_count,
      (select count(x.completed_at)::int from published x where x.course_id = c.id) as done_count,
      (select json_build_object('id', x.id, 'title', x.title) from published x
        where x.course_id = c.id and x.completed_at is null order by x.n limit 1) as next_lesson,
      r.last_read_at
    from mine c
    left join lateral (select max(p.last_read_at) as last_read_at from public.lesson_progress p
      where p.course_id = c.id and p.user_id = (select auth.uid())) r on true
    order by r.last_read_at desc nulls last, lower(c.title), c.id`
}

/**
 * The caller's own tickets in the school, latest activity first; closed ones only for CLOSED_DAYS.
 * A reply is unread when the latest public message (not an internal note, not a system line) is
 * someone else's and past the caller's read marker.
 */
function readHomeTickets(tx: Tx, tenantId: string) {
  return tx<HomeTicket[]>`
    select t.id, t.number, t.subject, t.status, t.last_message_at,
      coalesce((
        select m.author_id is distinct from t.requester_id and m.id > coalesce(r.last_read_id, 0)
        from public.ticket_messages m
        where m.ticket_id = t.id and not m.internal and not m.system
        order by m.id desc limit 1), false) as unread_reply
    from public.tickets t
    left join public.ticket_reads r on r.ticket_id = t.id and r.user_id = t.requester_id
    where t.tenant_id = ${tenantId} and t.requester_id = (select auth.uid())
      and (t.status <> 'closed' or t.closed_at > now() - make_interval(days => ${CLOSED_DAYS}))
    order by t.updated_at desc, t.id
    limit ${SHOWN}`
}

/** The three sections in one round trip; 404 when RLS hides the school, 403 for a super-admin outside it. */
async function readStudentHome(sql: Sql, claims: Claims, tenantId: string): Promise<StudentHome> {
  const [roleRows, courses, sessions, tickets] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    readHomeCourses(tx, tenantId),
    readTutoringSessions(tx, { tenantId, from: new Date(), booked: true, open: true, limit: SHOWN }),
    readHomeTickets(tx, tenantId),
  ])
  if (tenantRoleIn(roleRows) === null)
    throw forbidden('forbidden', 'Only members of this school have a home in it.')
  return { courses: [...courses], sessions: [...sessions], tickets: [...tickets] }
}

/** GET /tenants/:id/home/student. */
export function studentHomeRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const home = await readStudentHome(sql, c.var.claims, id)
    return c.json(home, 200)
  })
}
