import { type ApiDeps, newRouter } from '../core/router.ts'
import { bookingRoutes } from './bookings.ts'
import { roomJoinRoutes } from './join.ts'
import { roomModerationRoutes } from './moderation.ts'
import { roomRecordRoutes } from './records.ts'
import { tutoringSessionRoutes } from './sessions.ts'

/** Tutoring: scheduled sessions, bookings, the video room (join, waiting room, moderation), its record. */
export function tutoringRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', tutoringSessionRoutes(deps))
    .route('/', bookingRoutes(deps))
    .route('/', roomJoinRoutes(deps))
    .route('/', roomModerationRoutes(deps))
    .route('/', roomRecordRoutes(deps))
}
