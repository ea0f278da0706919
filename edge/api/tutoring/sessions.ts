import { inRoleGroup, TEACHING_ROLES } from '../../contract/roles.ts'
import * as R from '../../contract/routes/tutoring.ts'
import { SESSION_PAGE } from '../../contract/tutoring-values.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { badRequest, conflict, forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { isAdmin, tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { onTutoringRule, requireFuture, requireManage, tutoringState } from './access.ts'
import {
  readTutoringSession,
  readTutoringSessions,
  type SessionCursor,
  tutoringSessionIn,
  tutoringSessionQueries,
} from './queries.ts'
import { liveKitDown } from './schemas.ts'

const tags = ['tutoring']
const DAY = 24 * 3600_000

const create = apiRoute(R.createSessions, {
  tags,
  summary:
    'Schedule a tutoring session, or a weekly series with `repeat_weeks` (instructors; admins for any)',
  description:
    'Answers the sessions created, by start (one, or `repeat_weeks` with one `series_id`). A series ' +
    "keeps the same wall-clock time in the school's time zone.",
  responses: { 201: 'The sessions created.' },
  errors: [400, 401, 403, 404, 422],
})

/** `<starts_at>,<id>` (SessionListQuery's `after`, already checked) as a keyset. */
function cursorOf(after: string): SessionCursor {
  const comma = after.lastIndexOf(',')
  return { startsAt: new Date(after.slice(0, comma)), id: after.slice(comma + 1) }
}

const list = apiRoute(R.listSessions, {
  tags,
  summary:
    "A school's sessions between two moments (default: from now, 60 days), by start, a page at a time (members)",
  description:
    'Soonest first (`order=asc`, the default) or newest first (`order=desc`), `limit` a page (50 by default, ' +
    "at most 200). A full page may have a next one: ask again with `after` = its last session's `starts_at,id`.",
  responses: { 200: 'By start.' },
  errors: [400, 401, 404],
})

const get = apiRoute(R.getSession, {
  tags,
  summary: 'One session with its bookings (students see their own) and notes (tutor and staff)',
  responses: { 200: 'The session.' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateSession, {
  tags,
  summary: "Change a session or write its notes, the logbook (its tutor and the school's admins)",
  description:
    'A cancelled or ended session keeps its time: moving it is a 409 (`session_cancelled`, `session_ended`).',
  responses: { 200: 'The session.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const cancel = apiRoute(R.cancelSession, {
  tags,
  summary: "Cancel a session; it stays in the record as cancelled (its tutor and the school's admins)",
  responses: { 204: 'Cancelled.' },
  errors: [400, 401, 403, 404, 409],
  more: liveKitDown,
})

/** POST/GET /tenants/:id/sessions, GET/PATCH/DELETE /sessions/:id. */
export function tutoringSessionRoutes({ sql, auth, video }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const me = c.var.claims.sub
      const startsAt = new Date(body.starts_at)
      requireFuture(startsAt, body.duration_minutes)
      const sessions = await withUser(sql, c.var.claims, async (tx) => {
        const role = await tenantRole(tx, tenantId)
        if (!inRoleGroup(TEACHING_ROLES, role)) {
          throw forbidden(
            'session_schedule_forbidden',
            "Only the school's instructors and admins schedule sessions.",
          )
        }
        const instructor = body.instructor_id ?? me
        if (instructor !== me && !isAdmin(role)) {
          throw forbidden(
            'session_for_other_forbidden',
            'Only admins schedule sessions for another instructor.',
          )
        }
        const weeks = body.repeat_weeks ?? 1
        const series = weeks > 1 ? crypto.randomUUID() : null
        // Weekly in the school's wall-clock time, so a series keeps its hour across DST changes.
        const rows = await tx<{ id: string }[]>`
          insert into public.tutoring_sessions (tenant_id, instructor_id, course_id, series_id, title, description,
            starts_at, duration_minutes, capacity, waiting_room)
          select ${tenantId}, ${instructor}, ${body.course_id ?? null}, ${series}, ${body.title},
            ${body.description ?? ''},
            ((${startsAt}::timestamptz at time zone t.time_zone) + make_interval(weeks => w)) at time zone t.time_zone,
            ${body.duration_minutes}, ${body.capacity}, ${body.waiting_room ?? false}
          from public.tenants t, generate_series(0, ${weeks - 1}::int) as w
          where t.id = ${tenantId}
          order by w
          returning id`
        return readTutoringSessions(tx, { ids: rows.map((r) => r.id) })
      }).catch(onTutoringRule)
      return c.json([...sessions], 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const q = c.req.valid('query')
      const from = q.from ? new Date(q.from) : new Date()
      const to = q.to ? new Date(q.to) : new Date(from.getTime() + 60 * DAY)
      if (to <= from) {
        throw badRequest('period_reversed', '`to` must be after `from`.', {
          issues: [{ path: 'to', message: 'Before `from`.', code: 'period_reversed' }],
        })
      }
      if (to.getTime() - from.getTime() > 400 * DAY) {
        throw badRequest('range_too_long', 'Ask for at most 400 days at once.', {
          max_days: 400,
          issues: [{ path: 'to', message: 'Too far.', code: 'range_too_long', params: { max_days: 400 } }],
        })
      }
      const [role, sessions] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        readTutoringSessions(tx, {
          tenantId,
          from,
          to,
          mine: q.mine === 'true',
          descending: q.order === 'desc',
          limit: q.limit ?? SESSION_PAGE.default,
          after: q.after ? cursorOf(q.after) : undefined,
        }),
      ])
      tenantRoleIn(role)
      return c.json([...sessions], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const answers = await withUserRead(sql, c.var.claims, (tx) => tutoringSessionQueries(tx, id))
      return c.json(tutoringSessionIn(answers), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        requireManage(s, 'change it')
        if (body.starts_at !== undefined || body.duration_minutes !== undefined) {
          // The record of a cancelled or ended session keeps its time (its notes stay writable).
          if (s.status === 'cancelled') throw conflict('session_cancelled', 'This session was cancelled.')
          if (s.status === 'ended' || s.ends_at.getTime() <= Date.now()) {
            throw conflict('session_ended', 'This session has ended.')
          }
          const minutes = body.duration_minutes ?? (s.ends_at.getTime() - s.starts_at.getTime()) / 60_000
          requireFuture(body.starts_at ? new Date(body.starts_at) : s.starts_at, minutes)
        }
        // Only the fields sent (keys checked by the strict schema): `col = coalesce(new, col)` would
        // read every column, and `notes` is not granted for reading (private.session_notes reads it).
        const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
        await tx`update public.tutoring_sessions set ${tx(changes)} where id = ${id}`
        return readTutoringSession(tx, id)
      }).catch(onTutoringRule)
      return c.json(detail, 200)
    })
    .openapi({ ...cancel, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        requireManage(s, 'cancel it')
        if (s.status === 'cancelled') return
        if (s.status === 'ended' || s.ends_at.getTime() <= Date.now()) {
          throw conflict('session_over', 'This session is over; it can no longer be cancelled.')
        }
        await tx`update public.tutoring_sessions set status = 'cancelled' where id = ${id}`
        // Anyone already in a LiveKit room leaves with it; the mesh hears it from the database.
        if (s.status === 'live') await video.moderation?.endRoom(id)
      })
      return c.body(null, 204)
    })
}
