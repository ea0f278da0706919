import { z } from 'zod'
import { Attachment, MAX_ATTACHMENTS } from './files.ts'

// Tutoring sessions and their video rooms: scheduling, booking, joining (LiveKit or a browser
// mesh), moderation, chat, attendance — the bodies and answers of the api function's session
// endpoints and the room's live events, shared with realtime/ and web/.

const Id = z.uuid()
const Timestamp = z.string()

// Its fixed values (times, limits) live in tutoring-values.ts, which has no zod; re-exported here.
export {
  CANCEL_CUTOFF_MINUTES,
  JOIN_EARLY_MINUTES,
  P2P_MAX_PEERS,
  roomName,
  SESSION_LIMITS,
  sessionTopic,
  TOKEN_TTL_SECONDS,
} from './tutoring-values.ts'

import { SESSION_LIMITS, SESSION_PAGE } from './tutoring-values.ts'

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled'])
export type SessionStatus = z.infer<typeof SessionStatus>

/** A person's part in a room: the tutor moderates, booked students take part, staff observe unseen. */
export const RoomRole = z.enum(['moderator', 'participant', 'observer'])
export type RoomRole = z.infer<typeof RoomRole>

/** What `public.session_room_access` answers; the first three may be in the room now. */
export const RoomAccess = z.enum([
  'moderator',
  'participant',
  'observer',
  'waiting',
  'removed',
  'closed',
  'none',
  'missing',
])
export type RoomAccess = z.infer<typeof RoomAccess>

const Title = z
  .string()
  .trim()
  .min(1, 'Enter a title.')
  .max(SESSION_LIMITS.title, `Use at most ${SESSION_LIMITS.title} characters.`)
const Description = z
  .string()
  .trim()
  .max(SESSION_LIMITS.description, `Use at most ${SESSION_LIMITS.description} characters.`)
/** A moment with its UTC offset, e.g. `2026-11-23T16:00:00+03:00`. */
const StartsAt = z.iso.datetime({ offset: true, error: 'Use a date and time with its offset (ISO 8601).' })
const Duration = z
  .number()
  .int('Whole minutes.')
  .min(SESSION_LIMITS.minDuration, `At least ${SESSION_LIMITS.minDuration} minutes.`)
  .max(SESSION_LIMITS.maxDuration, `At most ${SESSION_LIMITS.maxDuration} minutes.`)
const Capacity = z
  .number()
  .int('A whole number of seats.')
  .min(1, 'At least one seat.')
  .max(SESSION_LIMITS.maxCapacity, `At most ${SESSION_LIMITS.maxCapacity} seats.`)

/** `POST /tenants/:tenantId/sessions`. `repeat_weeks` > 1 schedules the same slot weekly (a series). */
export const CreateSessionBody = z.strictObject({
  title: Title,
  description: Description.optional(),
  course_id: Id.nullable().optional(),
  starts_at: StartsAt,
  duration_minutes: Duration,
  capacity: Capacity,
  waiting_room: z.boolean().optional(),
  repeat_weeks: z.number().int().min(1).max(SESSION_LIMITS.maxRepeatWeeks).optional(),
  /** Admins may schedule for an instructor of the school; default: the caller. */
  instructor_id: Id.optional(),
})
export type CreateSessionBody = z.infer<typeof CreateSessionBody>

/** `PATCH /sessions/:id` (the tutor and admins). `notes` is the tutor's logbook. */
export const UpdateSessionBody = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    course_id: Id.nullable().optional(),
    starts_at: StartsAt.optional(),
    duration_minutes: Duration.optional(),
    capacity: Capacity.optional(),
    waiting_room: z.boolean().optional(),
    notes: z.string().max(SESSION_LIMITS.notes, `Use at most ${SESSION_LIMITS.notes} characters.`).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>

/** The tutor's removal of someone from a session, with the reason they gave ('' when none). */
export const SessionRemoval = z.object({ reason: z.string() })
export type SessionRemoval = z.infer<typeof SessionRemoval>

/** A session as the schedule lists it. `status` is `ended` once its time is over. */
export const Session = z.object({
  id: Id,
  tenant_id: Id,
  instructor_id: Id,
  instructor_name: z.string().nullable(),
  course_id: Id.nullable(),
  course_title: z.string().nullable(),
  series_id: Id.nullable(),
  title: z.string(),
  description: z.string(),
  starts_at: Timestamp,
  ends_at: Timestamp,
  duration_minutes: z.number().int(),
  capacity: z.number().int(),
  booked_count: z.number().int(),
  waiting_room: z.boolean(),
  status: SessionStatus,
  /** The school's time zone, for showing the time as the school sees it. */
  time_zone: z.string(),
  /** Whether the caller holds a seat. */
  booked_by_me: z.boolean(),
  /** The caller's part in the room, or null when they may not join. */
  my_role: RoomRole.nullable(),
  /** Set when the tutor removed the caller (their seat was given back; no booking, no joining). */
  my_removal: SessionRemoval.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Session = z.infer<typeof Session>
export const SessionList = z.array(Session)

/** `<starts_at>,<id>` of the last session of a page: the next page starts after it. */
const SessionCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}),[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    "Pass `after` as the last session's `starts_at` and `id`, separated by a comma.",
  )

/**
 * `GET /tenants/:tenantId/sessions?from=&to=&order=&limit=&after=` (ISO moments; default: from now
 * on, 60 days; soonest first, 50 a page). A page as full as `limit` may have a next one: ask again
 * with `after` = its last session's `starts_at,id`.
 */
export const SessionListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** `me`: sessions I teach or booked. */
  mine: z.enum(['true', 'false']).optional(),
  /** `asc` (soonest first, the default) or `desc` (newest first: the past). */
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(SESSION_PAGE.max).optional(),
  after: SessionCursor.optional(),
})

export const Booking = z.object({
  session_id: Id,
  user_id: Id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  created_at: Timestamp,
})
export type Booking = z.infer<typeof Booking>

/** `GET /sessions/:id`: the session, its bookings (students see only their own) and the tutor's notes. */
export const SessionDetail = Session.extend({
  bookings: z.array(Booking),
  /** The logbook; null for people who may not read it (students). */
  notes: z.string().nullable(),
  can_manage: z.boolean(),
  /** Until when a booking may be cancelled. */
  cancel_until: Timestamp,
  /** From when the room may be entered. */
  joinable_from: Timestamp,
})
export type SessionDetail = z.infer<typeof SessionDetail>

/** `POST /sessions/:id/bookings`: book myself, or (tutor/admin) a student of the school. */
export const CreateBookingBody = z.strictObject({ user_id: Id.optional() })

/** An ICE server for the mesh transport (from the `ICE_SERVERS` setting). */
export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
})
export type IceServer = z.infer<typeof IceServer>

/** `POST /sessions/:id/join`: how to enter the room, or 202 `{ status: 'waiting' }` in a waiting room. */
export const JoinResponse = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('livekit'),
    url: z.string(),
    token: z.string(),
    identity: Id,
    role: RoomRole,
    expires_at: Timestamp,
  }),
  z.object({
    transport: z.literal('p2p'),
    /** The live topic that signals the mesh: `session:<id>`. */
    room: z.string(),
    ice_servers: z.array(IceServer),
    identity: Id,
    role: RoomRole,
    max_peers: z.number().int(),
  }),
])
export type JoinResponse = z.infer<typeof JoinResponse>
export const WaitingResponse = z.object({ status: z.literal('waiting') })

/** One stay of a person in the room. */
export const AttendanceStay = z.object({
  joined_at: Timestamp.nullable(),
  left_at: Timestamp.nullable(),
  transport: z.enum(['livekit', 'p2p']),
})

/** `GET /sessions/:id/attendance` (tutor, admins, staff): everyone who joined, and booked students who did not. */
export const AttendanceRow = z.object({
  user_id: Id,
  name: z.string().nullable(),
  role: RoomRole,
  booked: z.boolean(),
  stays: z.array(AttendanceStay),
  first_joined_at: Timestamp.nullable(),
  last_left_at: Timestamp.nullable(),
  /** Time in the room over all stays; a stay still open counts until now or the session's end. */
  total_seconds: z.number().int(),
})
export type AttendanceRow = z.infer<typeof AttendanceRow>
export const AttendanceList = z.array(AttendanceRow)

/** `POST /sessions/:id/participants/:userId/mute`. */
export const MuteBody = z.strictObject({ kind: z.enum(['audio', 'video', 'all']).optional() })
/** `POST /sessions/:id/participants/:userId/remove`: told to the removed person. */
export const RemoveBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(SESSION_LIMITS.reason, `Use at most ${SESSION_LIMITS.reason} characters.`)
    .optional(),
})
/** `POST /sessions/:id/admissions` (tutor): let a waiting student in, or turn them away. */
export const AdmitBody = z.strictObject({ user_id: Id, admit: z.boolean() })
export const WaitingPerson = z.object({ user_id: Id, name: z.string().nullable(), requested_at: Timestamp })
export const WaitingList = z.array(WaitingPerson)

/** A chat line of the room, kept with the session. */
export const SessionMessage = z.object({
  id: z.number().int(),
  session_id: Id,
  author_id: Id.nullable(),
  author_name: z.string().nullable(),
  body: z.string(),
  created_at: Timestamp,
  /** Files of the line: [{path, name, size, type}] in the session's folder of session-files. */
  attachments: z.array(Attachment).optional(),
})
export type SessionMessage = z.infer<typeof SessionMessage>
export const SessionMessageList = z.array(SessionMessage)
export const PostSessionMessageBody = z
  .strictObject({
    /** May be empty when the line carries files. */
    body: z.string().trim().max(SESSION_LIMITS.chat, `Use at most ${SESSION_LIMITS.chat} characters.`),
    attachments: z
      .array(
        z.strictObject({
          path: z
            .string()
            .max(1100)
            .regex(/^session-files\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/[^/]+$/, 'Attach a file of this session.'),
          name: z.string().trim().min(1).max(200),
        }),
      )
      .max(MAX_ATTACHMENTS)
      .optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0, {
    path: ['body'],
    message: 'Write a message.',
  })
export const SessionMessageQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

// Section: the room's live topic

/**
 * `session:<id>` (sessionTopic, in tutoring-values.ts). From the server: `roster` (to a new subscriber: [{user_id, role}]), `presence`
 * ({user_id, role, present}), and from the database `chat` (SessionMessage), `session`, `ended`,
 * `removed` ({user_id, reason}), `mute` ({user_id, kind}), `waiting` and `admission` (tutor only).
 * From clients: `signal` (to one peer), `hand`, `media`.
 */
export const RosterEntry = z.object({ user_id: Id, role: RoomRole })
export const PresenceEvent = RosterEntry.extend({ present: z.boolean() })

/** WebRTC signalling between two browsers of the mesh (relayed as is to `to`). */
export const SignalEvent = z.strictObject({
  description: z
    .strictObject({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(60000).optional(),
    })
    .optional(),
  candidate: z
    .strictObject({
      candidate: z.string().max(2000),
      sdpMid: z.string().max(100).nullable().optional(),
      sdpMLineIndex: z.number().int().nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable()
    .optional(),
})
export type SignalEvent = z.infer<typeof SignalEvent>
export const HandEvent = z.strictObject({ raised: z.boolean() })
export const MediaEvent = z.strictObject({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() })
export const RemovedEvent = z.object({ user_id: Id, reason: z.string() })
export const MuteEvent = z.object({ user_id: Id, kind: z.enum(['audio', 'video', 'all']) })
