import { z } from '@hono/zod-openapi'
import { Uuid } from '../contract/tenancy.ts'
import * as T from '../contract/tutoring.ts'
import { jsonResponse } from './router.ts'
import { ErrorSchema } from './schemas.ts'

// The tutoring contract's schemas, named for the OpenAPI document (components/schemas/<Name>).

type OpenApiMethod = (this: z.ZodType, ...args: unknown[]) => z.ZodType
const openapi = (z.ZodType.prototype as unknown as { openapi: OpenApiMethod }).openapi

/** `schema.openapi(...args)` for a contract schema built before @hono/zod-openapi extended zod. */
function named<S extends z.ZodType>(schema: S, ...args: unknown[]): S {
  return openapi.call(schema, ...args) as S
}

export const SessionSchema = named(T.Session, 'Session')
export const SessionListSchema = named(T.SessionList, 'SessionList')
export const SessionDetailSchema = named(T.SessionDetail, 'SessionDetail')
export const CreateSessionSchema = named(T.CreateSessionBody, 'CreateSession')
export const UpdateSessionSchema = named(T.UpdateSessionBody, 'UpdateSession')
export const SessionListQuerySchema = T.SessionListQuery
export const BookingSchema = named(T.Booking, 'Booking')
export const CreateBookingSchema = named(T.CreateBookingBody, 'CreateBooking')
export const JoinSchema = named(T.JoinResponse, 'JoinResponse')
export const WaitingSchema = named(T.WaitingResponse, 'Waiting')
export const AttendanceListSchema = named(T.AttendanceList, 'AttendanceList')
export const MuteSchema = named(T.MuteBody, 'Mute')
export const RemoveSchema = named(T.RemoveBody, 'Remove')
export const AdmitSchema = named(T.AdmitBody, 'Admit')
export const WaitingListSchema = named(T.WaitingList, 'WaitingList')
export const SessionMessageSchema = named(T.SessionMessage, 'SessionMessage')
export const SessionMessageListSchema = named(T.SessionMessageList, 'SessionMessageList')
export const PostSessionMessageSchema = named(T.PostSessionMessageBody, 'PostSessionMessage')
export const SessionMessageQuerySchema = T.SessionMessageQuery.extend({
  // The generator reads the coerced numbers as nullable; they are plain integers.
  after: named(T.SessionMessageQuery.shape.after, { type: 'integer' }),
  limit: named(T.SessionMessageQuery.shape.limit, { type: 'integer' }),
})

const uuidParam = (name: string, description: string) =>
  named(Uuid, {
    param: { name, in: 'path' },
    description,
    example: '30000000-0000-4000-a000-000000000001',
  })

/** Path parameters; a value that is not a UUID is a 400 naming the parameter. */
export const SessionParams = z.object({ id: uuidParam('id', 'The session id.') })
export const SessionUserParams = SessionParams.extend({
  userId: uuidParam('userId', "The person's user id."),
})

/** Statuses only the session endpoints answer with. */
export const sessionResponses = {
  unprocessable: {
    422: jsonResponse(ErrorSchema, 'Well formed, but not allowed by the rules; the message says why.'),
  },
  liveKitDown: {
    502: jsonResponse(ErrorSchema, 'The video server (LiveKit) did not answer (`livekit_unavailable`).'),
  },
}
