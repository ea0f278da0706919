import type { Quiz, QuizSettingsBody } from '../../../../../edge/contract/assessments.ts'
import { QUIZ_LIMITS, type ReleaseMode } from '../../../../../edge/contract/assessments-values.ts'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { checked, type FieldErrors, type Validated } from '../../../lib/forms.ts'
import { parsePosition, placeChanges } from '../../courses/outline/outline-place.ts'
import { fromLocalInput, localInput } from '../../tutoring/tutoring-time.ts'

// The quiz settings form without the page: its inputs from a quiz (times on the school's clock),
// the checks the API makes, and the PATCH body with only what changed.

/** What the settings inputs hold: numbers as typed ('' for none), times as `YYYY-MM-DDTHH:MM`. */
export interface SettingsDraft {
  title: string
  instructions: string
  timeLimit: string
  maxAttempts: string
  opensAt: string
  closesAt: string
  shuffle: boolean
  release: ReleaseMode
  published: boolean
  /** A module of the course, or '' for under the outline; the position as typed. */
  moduleId: string
  position: string
}

export function settingsDraft(q: Quiz, zone: string): SettingsDraft {
  return {
    title: q.title,
    instructions: q.instructions,
    timeLimit: q.time_limit_minutes === null ? '' : String(q.time_limit_minutes),
    maxAttempts: q.max_attempts === null ? '' : String(q.max_attempts),
    opensAt: localInput(q.opens_at, zone),
    closesAt: localInput(q.closes_at, zone),
    shuffle: q.shuffle,
    release: q.release,
    published: q.published_at !== null,
    moduleId: q.module_id ?? '',
    position: String(q.position),
  }
}

/** Words for each way a value can be wrong (the form passes its catalogue's). */
export interface SettingsWords {
  title: string
  tooLong: (max: number) => string
  timeLimit: (max: number) => string
  attempts: (max: number) => string
  date: string
  closesBeforeOpens: string
  position: string
}

/** A whole number from min to max; null for empty, undefined for anything else. */
function wholeNumber(text: string, min: number, max: number): number | null | undefined {
  const t = text.trim()
  if (t === '') return null
  if (!/^\d+$/.test(t)) return undefined
  const n = Number(t)
  return n >= min && n <= max ? n : undefined
}

const sameMoment = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b))

/** The PATCH body with only the changed settings (null: nothing changed), or a message per field. */
export function checkSettings(
  d: SettingsDraft,
  q: Quiz,
  zone: string,
  w: SettingsWords,
): Validated<QuizSettingsBody | null> {
  const errors: FieldErrors = {}
  const title = d.title.trim()
  const instructions = d.instructions.trim()
  if (!title) errors.title = w.title
  else if (title.length > COURSE_LIMITS.title) errors.title = w.tooLong(COURSE_LIMITS.title)
  if (instructions.length > QUIZ_LIMITS.instructions)
    errors.instructions = w.tooLong(QUIZ_LIMITS.instructions)
  const timeLimit = wholeNumber(d.timeLimit, 1, QUIZ_LIMITS.maxTimeLimitMinutes)
  if (timeLimit === undefined) errors.time_limit_minutes = w.timeLimit(QUIZ_LIMITS.maxTimeLimitMinutes)
  const attempts = wholeNumber(d.maxAttempts, 1, QUIZ_LIMITS.maxAttempts)
  if (attempts === undefined) errors.max_attempts = w.attempts(QUIZ_LIMITS.maxAttempts)
  const opens = fromLocalInput(d.opensAt, zone)
  const closes = fromLocalInput(d.closesAt, zone)
  if (opens === undefined) errors.opens_at = w.date
  if (closes === undefined) errors.closes_at = w.date
  else if (opens && closes && Date.parse(closes) <= Date.parse(opens)) errors.closes_at = w.closesBeforeOpens

  const position = parsePosition(d.position)
  if (position === undefined) errors.position = w.position

  const body: QuizSettingsBody = {}
  if (title !== q.title) body.title = title
  if (instructions !== q.instructions.trim()) body.instructions = instructions
  if (timeLimit !== undefined && timeLimit !== q.time_limit_minutes) body.time_limit_minutes = timeLimit
  if (attempts !== undefined && attempts !== q.max_attempts) body.max_attempts = attempts
  if (opens !== undefined && !sameMoment(opens, q.opens_at)) body.opens_at = opens
  if (closes !== undefined && !sameMoment(closes, q.closes_at)) body.closes_at = closes
  if (d.shuffle !== q.shuffle) body.shuffle = d.shuffle
  if (d.release !== q.release) body.release = d.release
  if (d.published !== (q.published_at !== null)) body.published = d.published
  Object.assign(body, placeChanges(d.moduleId, position, q))
  return checked(errors, Object.keys(body).length > 0 ? body : null)
}
