import * as R from '../../contract/routes/tutoring.ts'
import * as T from '../../contract/tutoring.ts'
import { ErrorSchema, integerFields, jsonResponse, named, pathParams } from '../core/openapi.ts'
import '../tenancy/schemas.ts'

// The tutoring contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(T.Session, 'Session')
named(T.SessionList, 'SessionList')
named(T.SessionDetail, 'SessionDetail')
named(T.CreateSessionBody, 'CreateSession')
named(T.UpdateSessionBody, 'UpdateSession')
named(T.Booking, 'Booking')
named(T.CreateBookingBody, 'CreateBooking')
named(T.JoinResponse, 'JoinResponse')
named(T.WaitingResponse, 'Waiting')
named(T.AttendanceList, 'AttendanceList')
named(T.MuteBody, 'Mute')
named(T.RemoveBody, 'Remove')
named(T.AdmitBody, 'Admit')
named(T.WaitingList, 'WaitingList')
named(T.SessionMessage, 'SessionMessage')
named(T.SessionMessageList, 'SessionMessageList')
named(T.PostSessionMessageBody, 'PostSessionMessage')
integerFields(T.SessionMessageQuery, 'after', 'limit')

const uuid = (description: string) => ({ description, example: '30000000-0000-4000-a000-000000000001' })

pathParams(R.SessionParams, { id: uuid('The session id.') })
pathParams(R.SessionUserParams, { id: uuid('The session id.'), userId: uuid("The person's user id.") })

/** 502: LiveKit did not answer a moderation call. */
export const liveKitDown = {
  502: jsonResponse(ErrorSchema, 'The video server (LiveKit) did not answer (`livekit_unavailable`).'),
}
