// Tutoring's fixed values (times, limits, topic and room names), apart from the schemas in
// tutoring.ts so that pages listing sessions can read them without loading zod.

/** The room opens this long before the start. */
export const JOIN_EARLY_MINUTES = 10
/** Students cancel a booking up to this long before the start. */
export const CANCEL_CUTOFF_MINUTES = 60
/** Most people in a mesh (P2P) room; more need LiveKit. */
export const P2P_MAX_PEERS = 4
/** Lifetime of a LiveKit access token (at most 10 minutes). */
export const TOKEN_TTL_SECONDS = 600

export const SESSION_LIMITS = {
  title: 200,
  description: 2000,
  notes: 20000,
  chat: 2000,
  reason: 300,
  minDuration: 5,
  maxDuration: 480,
  maxCapacity: 100,
  maxRepeatWeeks: 12,
} as const

/** Sessions in one page of a school's schedule: when the caller names no `limit`, and at most. */
export const SESSION_PAGE = { default: 50, max: 200 } as const

/** `<starts_at>,<id>` of a page's last session: the `after` that asks for the next page. */
export const sessionCursor = (last: { starts_at: string; id: string }) => `${last.starts_at},${last.id}`

/** A session's live topic (its events: tutoring.ts). */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`
/** The LiveKit room of a session. */
export const roomName = (sessionId: string) => `session-${sessionId}`
