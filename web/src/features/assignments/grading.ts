import { ASSIGNMENT_LIMITS, type BtecGrade } from '../../../../edge/contract/assessments-values.ts'
import type { Grade, GradeBody, Rubric } from '../../../../edge/contract/assignments.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'
import { btecGrade } from './btec.ts'

// The grading form without the page: the marks as the teacher sets them, the grade they give (the
// same arithmetic as the database's private.grade_before_write, so the preview is what saving
// stores), the body of PUT /submissions/{id}/grade, and where the server's refusal belongs.

/** One criterion's mark: a level (points rubrics) or achieved / not yet (BTEC), and feedback. */
export interface Mark {
  level_id: string | null
  achieved: boolean | null
  feedback: string
}

/** What the grading inputs hold. `points` is typed text (assignments without a rubric). */
export interface GradeDraft {
  marks: Record<string, Mark>
  points: string
  feedback: string
}

type RubricLike = Pick<Rubric, 'kind' | 'criteria'>

/** The inputs for a submission: its grade so far, or nothing marked. */
export function gradeDraft(rubric: RubricLike | null, grade: Grade | null): GradeDraft {
  const marks: Record<string, Mark> = {}
  for (const c of rubric?.criteria ?? []) {
    const g = grade?.criteria.find((x) => x.criterion_id === c.id)
    marks[c.id] = {
      level_id: g?.level_id ?? null,
      achieved: g?.achieved ?? null,
      feedback: g?.feedback ?? '',
    }
  }
  return {
    marks,
    points: !rubric && grade?.raw_points != null ? String(grade.raw_points) : '',
    feedback: grade?.feedback ?? '',
  }
}

/** Typed points ("12", "12.5", "12,5") as a number with at most two decimals; undefined otherwise. */
export function parsePoints(text: string): number | undefined {
  const t = text.trim().replace(',', '.')
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(t)) return undefined
  return Number(t)
}

const cents = (points: number) => Math.round(points * 100)

/** Points less the late penalty, rounded to two decimals as Postgres rounds them. */
export function afterPenalty(raw: number, late: boolean, penaltyPercent: number): number {
  if (!late || penaltyPercent <= 0) return raw
  return Math.round((cents(raw) * (100 - penaltyPercent)) / 100) / 100
}

/** The highest score of a points rubric: each criterion's best level. */
export function rubricMax(rubric: RubricLike): number {
  let total = 0
  for (const c of rubric.criteria) total += Math.max(0, ...(c.levels ?? []).map((l) => cents(l.points)))
  return total / 100
}

/** What the marks give so far; `marked` of `total` criteria are marked. */
export type Preview =
  | {
      kind: 'points'
      /** Before the penalty; null while nothing is given. */
      raw: number | null
      points: number | null
      max: number
      marked: number
      total: number
    }
  | { kind: 'btec'; grade: BtecGrade; marked: number; total: number }

/** The grade the marks give, as the server will compute it (complete once every criterion is marked). */
export function gradePreview(
  rubric: RubricLike | null,
  maxPoints: number,
  draft: GradeDraft,
  late: boolean,
  penaltyPercent: number,
): Preview {
  if (!rubric) {
    const raw = parsePoints(draft.points) ?? null
    return {
      kind: 'points',
      raw,
      points: raw === null ? null : afterPenalty(raw, late, penaltyPercent),
      max: maxPoints,
      marked: raw === null ? 0 : 1,
      total: 1,
    }
  }
  const total = rubric.criteria.length
  if (rubric.kind === 'btec') {
    const codes = rubric.criteria.map((c) => c.code ?? '')
    const achieved = rubric.criteria
      .filter((c) => draft.marks[c.id]?.achieved === true)
      .map((c) => c.code ?? '')
    const marked = rubric.criteria.filter((c) => typeof draft.marks[c.id]?.achieved === 'boolean').length
    return { kind: 'btec', grade: btecGrade(codes, achieved), marked, total }
  }
  let sum = 0
  let marked = 0
  for (const c of rubric.criteria) {
    const level = c.levels?.find((l) => l.id === draft.marks[c.id]?.level_id)
    if (!level) continue
    marked += 1
    sum += cents(level.points)
  }
  const raw = marked === 0 ? null : sum / 100
  return {
    kind: 'points',
    raw,
    points: raw === null ? null : afterPenalty(raw, late, penaltyPercent),
    max: rubricMax(rubric),
    marked,
    total,
  }
}

/** Words for each way the marks can be incomplete (the page passes its catalogue's). */
export interface GradeWords {
  chooseLevel: string
  markAchieved: string
  points: (max: number) => string
  tooLong: (max: number) => string
}

/** The body to send, or a message per field: `criteria.<i>`, `criteria.<i>.feedback`, `points`, `feedback`. */
export function checkGrade(
  rubric: RubricLike | null,
  maxPoints: number,
  draft: GradeDraft,
  w: GradeWords,
): Validated<GradeBody> {
  const errors: FieldErrors = {}
  const feedback = draft.feedback.trim()
  if (feedback.length > ASSIGNMENT_LIMITS.feedback) errors.feedback = w.tooLong(ASSIGNMENT_LIMITS.feedback)
  if (!rubric) {
    const points = parsePoints(draft.points)
    if (points === undefined || points > maxPoints) errors.points = w.points(maxPoints)
    return checked(errors, { points: points ?? 0, feedback })
  }
  const criteria: NonNullable<GradeBody['criteria']> = []
  rubric.criteria.forEach((c, i) => {
    const mark = draft.marks[c.id]
    const text = (mark?.feedback ?? '').trim()
    if (text.length > ASSIGNMENT_LIMITS.feedback)
      errors[`criteria.${i}.feedback`] = w.tooLong(ASSIGNMENT_LIMITS.feedback)
    if (rubric.kind === 'btec') {
      if (typeof mark?.achieved !== 'boolean') errors[`criteria.${i}`] = w.markAchieved
      criteria.push({ criterion_id: c.id, achieved: mark?.achieved === true, feedback: text })
    } else {
      if (!c.levels?.some((l) => l.id === mark?.level_id)) errors[`criteria.${i}`] = w.chooseLevel
      criteria.push({ criterion_id: c.id, level_id: mark?.level_id ?? null, feedback: text })
    }
  })
  return checked(errors, { criteria, feedback })
}

/** Every field the grading form shows (where a refusal from the server can be put). */
export function gradeFields(rubric: RubricLike | null): string[] {
  if (!rubric) return ['points', 'feedback']
  return ['feedback', ...rubric.criteria.flatMap((_, i) => [`criteria.${i}`, `criteria.${i}.feedback`])]
}

/**
 * The field a `grade_invalid` refusal is about: the database names the criterion
 * (`details.criterion_id`) or the points (`details.path`); undefined when it names neither.
 */
export function refusedField(rubric: RubricLike | null, details: unknown): string | undefined {
  if (!details || typeof details !== 'object') return undefined
  const d = details as { criterion_id?: unknown; path?: unknown; field?: unknown }
  if (typeof d.criterion_id === 'string' && rubric) {
    const i = rubric.criteria.findIndex((c) => c.id === d.criterion_id)
    return i >= 0 ? `criteria.${i}` : undefined
  }
  const path = typeof d.path === 'string' ? d.path : typeof d.field === 'string' ? d.field : undefined
  return path === 'points' ? 'points' : undefined
}

/** The next submission to grade after `currentId` in the list's order (wrapping round), if any. */
export function nextUngraded(
  rows: readonly { id: string; graded: boolean }[],
  currentId: string,
): string | undefined {
  const at = rows.findIndex((r) => r.id === currentId)
  const ordered = at < 0 ? rows : [...rows.slice(at + 1), ...rows.slice(0, at)]
  return ordered.find((r) => !r.graded && r.id !== currentId)?.id
}

/** A criterion marked from outside the form (an accepted AI suggestion): a level, or achieved / not yet. */
export type MarkChange = { level_id: string } | { achieved: boolean }
export type MarkCriterion = (criterionId: string, change: MarkChange) => void

/** The mark a suggestion proposes, when the rubric still has that criterion and level. */
export function suggestedMark(
  rubric: RubricLike | null,
  s: { criterion_id: string; level_id: string | null; achieved: boolean | null },
): MarkChange | undefined {
  const c = rubric?.criteria.find((x) => x.id === s.criterion_id)
  if (!c || !rubric) return undefined
  if (rubric.kind === 'btec') return typeof s.achieved === 'boolean' ? { achieved: s.achieved } : undefined
  return c.levels?.some((l) => l.id === s.level_id) && s.level_id ? { level_id: s.level_id } : undefined
}
