import * as R from '../../contract/routes/tutoring.ts'
import { CANCEL_CUTOFF_MINUTES } from '../../contract/tutoring.ts'
import { withUser } from '../../lib/db.ts'
import { ApiError, forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { onTutoringRule, removalOf, removedError, schoolTime, tutoringState } from './access.ts'
import { readBookings } from './queries.ts'
import './schemas.ts'

const tags = ['tutoring']

const book = apiRoute(R.bookSeat, {
  tags,
  summary: 'Book a seat for yourself (students), or for a student of the school (the tutor and admins)',
  description:
    'A full session is a 409 `session_full`; a second booking a 409 `already_booked`; a student the ' +
    'tutor removed from the session a 403 `removed`.',
  responses: { 201: 'Booked.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const unbook = apiRoute(R.giveBackSeat, {
  tags,
  summary: `Give back your seat, up to ${CANCEL_CUTOFF_MINUTES} minutes before the start`,
  responses: { 204: 'Cancelled.' },
  errors: [400, 401, 404, 409],
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
      throw new ApiError(409, self ? 'already_booked' : 'student_already_booked', message, {
        field: 'user_id',
      })
    }
    throw error
  }

/** POST /sessions/:id/bookings, DELETE /sessions/:id/bookings/me. */
export function bookingRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...book, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const me = c.var.claims.sub
      const userId = c.req.valid('json').user_id ?? me
      const booking = await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        if (userId !== me && !s.can_manage) {
          throw forbidden(
            'booking_for_others_forbidden',
            "Only the session's tutor and the school's admins book seats for others.",
          )
        }
        const removal = await removalOf(tx, id, userId)
        if (removal && userId === me) throw removedError(removal.reason)
        if (removal) {
          throw forbidden('removed', 'The tutor removed that student from this session.', {
            field: 'user_id',
          })
        }
        await tx`insert into public.session_bookings (session_id, user_id) values (${id}, ${userId})`
        const [row] = await readBookings(tx, id, userId)
        return row
      })
        .catch(alreadyBooked(userId === me))
        .catch(onTutoringRule)
      return c.json(booking, 201)
    })
    .openapi({ ...unbook, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        const until = new Date(s.starts_at.getTime() - CANCEL_CUTOFF_MINUTES * 60_000)
        const [mine] = await readBookings(tx, id, c.var.claims.sub)
        if (!mine) throw notFound('no_seat', 'You have no seat in this session.')
        if (Date.now() >= until.getTime()) {
          throw new ApiError(
            409,
            'cancel_cutoff',
            `Seats can be given back until ${schoolTime(until, s.time_zone)}, ` +
              `${CANCEL_CUTOFF_MINUTES} minutes before the start. Ask the tutor if you cannot come.`,
            { cancel_until: until.toISOString(), minutes: CANCEL_CUTOFF_MINUTES },
          )
        }
        await tx`delete from public.session_bookings where session_id = ${id} and user_id = ${c.var.claims.sub}`
      })
      return c.body(null, 204)
    })
}
