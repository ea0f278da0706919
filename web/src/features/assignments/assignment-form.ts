import { ASSIGNMENT_LIMITS, type LatePolicy } from '../../../../edge/contract/assessments-values.ts'
import type { AssignmentMode } from '../../../../edge/contract/assignment-groups.ts'
import type { Assignment, AssignmentSettingsBody } from '../../../../edge/contract/assignments.ts'
import { COURSE_LIMITS } from '../../../../edge/contract/courses-values.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'
import { parsePosition, placeChanges } from '../courses/outline/outline-place.ts'
import { fromLocalInput, localInput } from '../tutoring/tutoring-time.ts'
import { parsePoints } from './grading.ts'

// The assignment settings form without the page: its inputs from an assignment (the due time on the
// school's clock), the checks the API makes, and the PATCH body with only what changed.

/** What the settings inputs hold: numbers as typed, the due time as `YYYY-MM-DDTHH:MM` ('' for none). */
export interface SettingsDraft {
  title: string
  instructions: string
  dueAt: string
  latePolicy: LatePolicy
  penalty: string
  allowText: boolean
  allowFiles: boolean
  /** A rubric's id, or '' for points out of `maxPoints`. */
  rubricId: string
  maxPoints: string
  published: boolean
  mode: AssignmentMode
  /** A module of the course, or '' for under the outline; the position as typed. */
  moduleId: string
  position: string
}

export function settingsDraft(a: Assignment, zone: string): SettingsDraft {
  return {
    title: a.title,
    instructions: a.instructions,
    dueAt: localInput(a.due_at, zone),
    latePolicy: a.late_policy,
    penalty: String(a.late_penalty_percent),
    allowText: a.allow_text,
    allowFiles: a.allow_files,
    rubricId: a.rubric?.id ?? '',
    maxPoints: String(a.max_points),
    published: a.published_at !== null,
    mode: a.mode,
    moduleId: a.module_id ?? '',
    position: String(a.position),
  }
}

/** Words for each way a value can be wrong (the form passes its catalogue's). */
export interface SettingsWords {
  title: string
  tooLong: (max: number) => string
  date: string
  penalty: string
  maxPoints: (max: number) => string
  noWay: string
  position: string
}

const sameMoment = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b))

/** The PATCH body with only the changed settings (null: nothing changed), or a message per field. */
export function checkSettings(
  d: SettingsDraft,
  a: Assignment,
  zone: string,
  w: SettingsWords,
): Validated<AssignmentSettingsBody | null> {
  const errors: FieldErrors = {}
  const title = d.title.trim()
  const instructions = d.instructions.trim()
  if (!title) errors.title = w.title
  else if (title.length > COURSE_LIMITS.title) errors.title = w.tooLong(COURSE_LIMITS.title)
  if (instructions.length > ASSIGNMENT_LIMITS.instructions)
    errors.instructions = w.tooLong(ASSIGNMENT_LIMITS.instructions)
  const due = fromLocalInput(d.dueAt, zone)
  if (due === undefined) errors.due_at = w.date
  const penaltyText = d.penalty.trim()
  const penalty = /^\d{1,3}$/.test(penaltyText) ? Number(penaltyText) : undefined
  if (d.latePolicy === 'accept' && (penalty === undefined || penalty > 100))
    errors.late_penalty_percent = w.penalty
  if (!d.allowText && !d.allowFiles) errors.allow_text = w.noWay
  const max = parsePoints(d.maxPoints)
  if (!d.rubricId && (max === undefined || max < 1 || max > ASSIGNMENT_LIMITS.maxPoints))
    errors.max_points = w.maxPoints(ASSIGNMENT_LIMITS.maxPoints)

  const position = parsePosition(d.position)
  if (position === undefined) errors.position = w.position

  const body: AssignmentSettingsBody = {}
  if (title !== a.title) body.title = title
  if (instructions !== a.instructions.trim()) body.instructions = instructions
  if (due !== undefined && !sameMoment(due, a.due_at)) body.due_at = due
  if (d.latePolicy !== a.late_policy) body.late_policy = d.latePolicy
  if (d.latePolicy === 'accept' && penalty !== undefined && penalty !== a.late_penalty_percent)
    body.late_penalty_percent = penalty
  if (d.allowText !== a.allow_text) body.allow_text = d.allowText
  if (d.allowFiles !== a.allow_files) body.allow_files = d.allowFiles
  const rubricId = d.rubricId || null
  if (rubricId !== (a.rubric?.id ?? null)) body.rubric_id = rubricId
  if (!rubricId && max !== undefined && max !== a.max_points) body.max_points = max
  if (d.published !== (a.published_at !== null)) body.published = d.published
  if (d.mode !== a.mode) body.mode = d.mode
  Object.assign(body, placeChanges(d.moduleId, position, a))
  return checked(errors, Object.keys(body).length > 0 ? body : null)
}

/** Fields the settings form shows (a server refusal about any of them goes next to it). */
export const SETTINGS_FIELDS = [
  'title',
  'instructions',
  'due_at',
  'late_policy',
  'late_penalty_percent',
  'allow_text',
  'allow_files',
  'rubric_id',
  'max_points',
  'published',
  'mode',
  'module_id',
  'position',
] as const
