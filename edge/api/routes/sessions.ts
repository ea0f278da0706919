import { createRoute } from '@hono/zod-openapi'
import { CANCEL_CUTOFF_MINUTES } from '../../contract/tutoring.ts'
import { withUser } from '../../lib/db.ts'
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts'
import type { VideoSetup } from '../../lib/livekit.ts'
import { isAdmin, tenantRole } from '../access.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import { TenantParams } from '../schemas.ts'
import {
  onSessionRule,
  readBookings,
  readSessionDetail,
  readSessions,
  requireFuture,
  requireManage,
  schoolTime,
  sessionState,
} from '../session-queries.ts'
import {
  BookingSchema,
  CreateBookingSchema,
  CreateSessionSchema,
  SessionDetailSchema,
  SessionListQuerySchema,
  SessionListSchema,
  SessionParams,
  sessionResponses,
  UpdateSessionSchema,
} from '../session-schemas.ts'

const tags = ['tutoring']
const DAY = 24 * 3600_000

const create = createRoute({
  method: 'post',
  path: '/tenants/{id}/sessions',
  tags,
  summary:
    'Schedule a tutoring session, or a weekly series with `repeat_weeks` (instructors; admins for any)',
  description:
    'Answers the sessions created, by start (one, or `repeat_weeks` with one `series_id`). A series ' +
    "keeps the same wall-clock time in the school's time zone.",
  security: bearer,
  request: { params: TenantParams, body: jsonBody(CreateSessionSchema) },
  responses: {
    201: jsonResponse(SessionListSchema, 'The sessions created.'),
    ...errorResponses(400, 401, 403, 404),
    ...sessionResponses.unprocessable,
  },
})

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/sessions',
  tags,
  summary: "A school's sessions between two moments (default: from now, 60 days), by start (members)",
  security: bearer,
  request: { params: TenantParams, query: SessionListQuerySchema },
  responses: { 200: jsonResponse(SessionListSchema, 'By start.'), ...errorResponses(400, 401, 404) },
})

const get = createRoute({
  method: 'get',
  path: '/sessions/{id}',
  tags,
  summary: 'One session with its bookings (students see their own) and notes (tutor and staff)',
  security: bearer,
  request: { params: SessionParams },
  responses: { 200: jsonResponse(SessionDetailSchema, 'The session.'), ...errorResponses(400, 401, 404) },
})

const update = createRoute({
  method: 'patch',
  path: '/sessions/{id}',
  tags,
  summary: "Change a session or write its notes, the logbook (its tutor and the school's admins)",
  security: bearer,
  request: { params: SessionParams, body: jsonBody(UpdateSessionSchema) },
  responses: {
    200: jsonResponse(SessionDetailSchema, 'The session.'),
    ...errorResponses(400, 401, 403, 404),
    ...sessionResponses.unprocessable,
  },
})

const cancel = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags,
  summary: "Cancel a session; it stays in the record as cancelled (its tutor and the school's admins)",
  security: bearer,
  request: { params: SessionParams },
  responses: {
    204: { description: 'Cancelled.' },
    ...errorResponses(400, 401, 403, 404, 409),
    ...sessionResponses.liveKitDown,
  },
})

const book = createRoute({
  method: 'post',
  path: '/sessions/{id}/bookings',
  tags,
  summary: 'Book a seat for yourself (students), or for a student of the school (the tutor and admins)',
  description: 'A full session is a 409 `session_full`; a second booking a 409 `already_booked`.',
  security: bearer,
  request: { params: SessionParams, body: jsonBody(CreateBookingSchema) },
  responses: {
    201: jsonResponse(BookingSchema, 'Booked.'),
    ...errorResponses(400, 401, 403, 404, 409),
    ...sessionResponses.unprocessable,
  },
})

const unbook = createRoute({
  method: 'delete',
  path: '/sessions/{id}/bookings/me',
  tags,
  summary: `Give back your seat, up to ${CANCEL_CUTOFF_MINUTES} minutes before the start`,
  security: bearer,
  request: { params: SessionParams },
  responses: { 204: { description: 'Cancelled.' }, ...errorResponses(400, 401, 404, 409) },
})

/** A second booking of the same person: 409 `already_booked`. */
const alreadyBooked =
  (self: boolean) =>
  (error: unknown): never => {
    const e = error as { code?: string; constraint_name?: string }
    if (e?.code === '23505' && e.constraint_name === 'session_bookings_pkey') {
      const message = self
        ? 'You already have a seat in this session.'
        : 'That student already has a seat in this session.'
      throw new ApiError(409, 'already_booked', message, { field: 'user_id' })
    }
    throw error
  }

/** POST/GET /tenants/:id/sessions, GET/PATCH/DELETE /sessions/:id, bookings. */
export function sessionRoutes({ sql, auth }: ApiDeps, video: VideoSetup) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const me = c.var.claims.sub
      const startsAt = new Date(body.starts_at)
      requireFuture(startsAt, body.duration_minutes)
      const sessions = await withUser(sql, c.var.claims, async (tx) => {
        const role = await tenantRole(tx, tenantId)
        if (!role || !['owner', 'admin', 'instructor'].includes(role)) {
          throw forbidden("Only the school's instructors and admins schedule sessions.")
        }
        const instructor = body.instructor_id ?? me
        if (instructor !== me && !isAdmin(role)) {
          throw forbidden('Only admins schedule sessions for another instructor.')
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
        return readSessions(tx, { ids: rows.map((r) => r.id) })
      }).catch(onSessionRule)
      return c.json([...sessions], 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const q = c.req.valid('query')
      const from = q.from ? new Date(q.from) : new Date()
      const to = q.to ? new Date(q.to) : new Date(from.getTime() + 60 * DAY)
      if (to <= from) {
        throw badRequest('`to` must be after `from`.', {
          issues: [{ path: 'to', message: 'Before `from`.' }],
        })
      }
      if (to.getTime() - from.getTime() > 400 * DAY) {
        throw badRequest('Ask for at most 400 days at once.', {
          issues: [{ path: 'to', message: 'Too far.' }],
        })
      }
      const sessions = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        return readSessions(tx, { tenantId, from, to, mine: q.mine === 'true' })
      })
      return c.json([...sessions], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const detail = await withUser(sql, c.var.claims, (tx) => readSessionDetail(tx, id))
      return c.json(detail, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        requireManage(s, 'change it')
        if (body.starts_at !== undefined || body.duration_minutes !== undefined) {
          const minutes = body.duration_minutes ?? (s.ends_at.getTime() - s.starts_at.getTime()) / 60_000
          requireFuture(body.starts_at ? new Date(body.starts_at) : s.starts_at, minutes)
        }
        // Only the fields sent (keys checked by the strict schema): `col = coalesce(new, col)` would
        // read every column, and `notes` is not granted for reading (private.session_notes reads it).
        const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
        await tx`update public.tutoring_sessions set ${tx(changes)} where id = ${id}`
        return readSessionDetail(tx, id)
      }).catch(onSessionRule)
      return c.json(detail, 200)
    })
    .openapi({ ...cancel, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        requireManage(s, 'cancel it')
        if (s.status === 'cancelled') return
        if (s.status === 'ended' || s.ends_at.getTime() <= Date.now()) {
          throw conflict('This session is over; it can no longer be cancelled.')
        }
        await tx`update public.tutoring_sessions set status = 'cancelled' where id = ${id}`
        // Anyone already in a LiveKit room leaves with it; the mesh hears it from the database.
        if (s.status === 'live') await video.moderation?.endRoom(id)
      })
      return c.body(null, 204)
    })
    .openapi({ ...book, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const me = c.var.claims.sub
      const userId = c.req.valid('json').user_id ?? me
      const booking = await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        if (userId !== me && !s.can_manage) {
          throw forbidden("Only the session's tutor and the school's admins book seats for others.")
        }
        await tx`insert into public.session_bookings (session_id, user_id) values (${id}, ${userId})`
        const [row] = await readBookings(tx, id, userId)
        return row
      })
        .catch(alreadyBooked(userId === me))
        .catch(onSessionRule)
      return c.json(booking, 201)
    })
    .openapi({ ...unbook, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        const until = new Date(s.starts_at.getTime() - CANCEL_CUTOFF_MINUTES * 60_000)
        const [mine] = await readBookings(tx, id, c.var.claims.sub)
        if (!mine) throw notFound('You have no seat in this session.')
        if (Date.now() >= until.getTime()) {
          throw new ApiError(
            409,
            'cancel_cutoff',
            `Seats can be given back until ${schoolTime(until, s.time_zone)}, ` +
              `${CANCEL_CUTOFF_MINUTES} minutes before the start. Ask the tutor if you cannot come.`,
            { cancel_until: until.toISOString() },
          )
        }
        await tx`delete from public.session_bookings where session_id = ${id} and user_id = ${c.var.claims.sub}`
      })
      return c.body(null, 204)
    })
}
