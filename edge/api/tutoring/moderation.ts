import type { z } from 'zod'
import * as R from '../../contract/routes/tutoring.ts'
import type { WaitingPerson } from '../../contract/tutoring.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { ApiError, conflict, notFound, unprocessable } from '../../lib/errors.ts'
import { apiRoute, type ErrorStatus } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireManage, tutoringState, tutoringStateIn, tutoringStateQuery } from './access.ts'
import { liveKitDown } from './schemas.ts'

type Waiting = z.infer<typeof WaitingPerson>

const tags = ['tutoring']

const waiting = apiRoute(R.listWaiting, {
  tags,
  summary: 'Who waits to enter the room (its tutor and the school’s admins)',
  responses: { 200: 'Longest waiting first.' },
  errors: [400, 401, 403, 404],
})

const admit = apiRoute(R.decideAdmission, {
  tags,
  summary: 'Let a waiting student in, or turn them away (its tutor and the school’s admins)',
  responses: { 204: 'Decided; the student is told.' },
  errors: [400, 401, 403, 404],
})

const moderationErrors: ErrorStatus[] = [400, 401, 403, 404, 422]

const mute = apiRoute(R.muteParticipant, {
  tags,
  summary: 'Mute a person in the room: audio (default), video or all (its tutor and the school’s admins)',
  responses: { 204: 'Muted.' },
  errors: moderationErrors,
  more: liveKitDown,
})

const remove = apiRoute(R.removeParticipant, {
  tags,
  summary:
    'Remove a person from the room for the rest of the session; their seat is freed (its tutor and the school’s admins)',
  responses: { 204: 'Removed and disconnected.' },
  errors: moderationErrors,
  more: liveKitDown,
})

const end = apiRoute(R.endSession, {
  tags,
  summary: 'End the session for everyone (its tutor and the school’s admins)',
  responses: { 204: 'Ended.' },
  errors: [...moderationErrors, 409],
  more: liveKitDown,
})

const notInRoom = () => new ApiError(404, 'not_in_room', 'That person is not in the room now.')

/** The tutor's moderation: the waiting room, mute, remove, end. */
export function roomModerationRoutes({ sql, auth, video }: ApiDeps) {
  return newRouter()
    .openapi({ ...waiting, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [state, people] = await withUserRead(sql, c.var.claims, (tx) => [
        tutoringStateQuery(tx, id),
        tx<Waiting[]>`
          select a.user_id, p.display_name as name,
            a.requested_at
          from public.session_admissions a left join public.profiles p on p.id = a.user_id
          where a.session_id = ${id} and a.status = 'waiting'
          order by a.requested_at, a.user_id`,
      ])
      requireManage(tutoringStateIn(state), 'see who waits')
      return c.json([...people], 200)
    })
    .openapi({ ...admit, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { user_id, admit } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await tutoringState(tx, id), 'let people in')
        const changed = await tx`
          update public.session_admissions set status = ${admit ? 'admitted' : 'denied'}
          where session_id = ${id} and user_id = ${user_id} returning user_id`
        if (changed.length === 0)
          throw notFound('not_waiting', 'That person has not asked to enter this session.')
      })
      return c.body(null, 204)
    })
    .openapi({ ...mute, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { kind = 'audio' } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await tutoringState(tx, id), 'mute people')
        // The mesh hears it from the database (on commit); LiveKit mutes the tracks on its server.
        await tx`select public.session_mute(${id}, ${userId}, ${kind})`
        if (video.moderation && !(await video.moderation.muteParticipant(id, userId, kind))) throw notInRoom()
      })
      return c.body(null, 204)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { reason = '' } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        requireManage(s, 'remove people')
        if (userId === s.instructor_id)
          throw unprocessable('cannot_remove_tutor', 'The tutor cannot be removed from their own session.')
        await tx`
          insert into public.session_removals (session_id, user_id, reason) values (${id}, ${userId}, ${reason})
          on conflict (session_id, user_id) do nothing`
        // Their seat goes back to the session (booked_count drops, another student may book it).
        await tx`delete from public.session_bookings where session_id = ${id} and user_id = ${userId}`
        // Disconnected now and refused at the next join and booking (the removal is checked there).
        await video.moderation?.removeParticipant(id, userId)
      })
      return c.body(null, 204)
    })
    .openapi({ ...end, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        requireManage(s, 'end it')
        if (s.status === 'cancelled') throw conflict('session_cancelled', 'This session was cancelled.')
        await tx`update public.tutoring_sessions set status = 'ended'
                 where id = ${id} and status in ('scheduled', 'live')`
        await video.moderation?.endRoom(id)
      })
      return c.body(null, 204)
    })
}
