import type { UpdateSessionBody } from '../../../../edge/contract/tutoring.ts'

// What an edit of a session changes: only those fields are sent (PATCH /sessions/:id), and a new
// start or length is what the booked students are told about.

/** The fields of a session the edit form shows, as the API names them. */
export interface EditableSession {
  title: string
  description: string
  course_id: string | null
  starts_at: string
  duration_minutes: number
  capacity: number
  waiting_room: boolean
}

type Changes = Omit<UpdateSessionBody, 'notes'>

const KEYS = [
  'title',
  'description',
  'course_id',
  'starts_at',
  'duration_minutes',
  'capacity',
  'waiting_room',
] as const

/** Two moments are the same when they name the same instant, whatever their offsets. */
function sameValue(key: (typeof KEYS)[number], before: unknown, after: unknown): boolean {
  if (key === 'starts_at') return Date.parse(String(before)) === Date.parse(String(after))
  if (key === 'title' || key === 'description') return String(before).trim() === String(after ?? '').trim()
  return (before ?? null) === (after ?? null)
}

/** The fields of `next` that differ from `session` (a start compared as an instant). */
export function changedFields(session: EditableSession, next: EditableSession): Changes {
  const out: Record<string, unknown> = {}
  for (const key of KEYS) {
    if (!sameValue(key, session[key], next[key])) out[key] = next[key]
  }
  return out as Changes
}

/** Whether the changes move the session in time (its start or its length). */
export const reschedules = (changes: Changes): boolean =>
  changes.starts_at !== undefined || changes.duration_minutes !== undefined
