import { ASSIGNMENT_LIMITS, type RubricKind } from '../../../../edge/contract/assessments-values.ts'
import type { Rubric, RubricBody } from '../../../../edge/contract/assignments.ts'
import { COURSE_LIMITS } from '../../../../edge/contract/courses-values.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'
import { bandOf } from './btec.ts'
import { parsePoints } from './grading.ts'

// The rubric editor without the page: the inputs of a rubric (criteria × levels with points, or BTEC
// criteria P1…, M1…, D1… with a description), new criteria and codes, the checks the API makes, and
// the body of POST /tenants/{id}/rubrics and PUT /rubrics/{id}. Ids of existing criteria and levels
// are kept, so grades given against them still point at them.

export interface LevelDraft {
  id?: string
  title: string
  /** As typed. */
  points: string
}

/** A criterion: `title`, `description` and `levels` (points rubrics) or `code` and `description` (BTEC). */
export interface CriterionDraft {
  id?: string
  title: string
  description: string
  code: string
  levels: LevelDraft[]
}

export interface RubricDraft {
  kind: RubricKind
  title: string
  criteria: CriterionDraft[]
}

/** The editor's inputs for a saved rubric. */
export function rubricDraft(r: Pick<Rubric, 'kind' | 'title' | 'criteria'>): RubricDraft {
  return {
    kind: r.kind,
    title: r.title,
    criteria: r.criteria.map((c) => ({
      id: c.id,
      title: c.title ?? '',
      description: c.description ?? '',
      code: c.code ?? '',
      levels: (c.levels ?? []).map((l) => ({ id: l.id, title: l.title, points: String(l.points) })),
    })),
  }
}

/** Levels a new points criterion starts with: the given names, scored 1, 2, 3… */
const startLevels = (names: readonly string[]): LevelDraft[] =>
  names.map((title, i) => ({ title, points: String(i + 1) }))

/**
 * A new rubric: a points rubric with one criterion and the given levels (the page passes CBC's four,
 * below → exceeding expectations), or a BTEC rubric with P1, M1 and D1 to describe.
 */
export function newRubricDraft(kind: RubricKind, levelNames: readonly string[]): RubricDraft {
  const blank = { title: '', description: '', code: '', levels: [] }
  return {
    kind,
    title: '',
    criteria:
      kind === 'points'
        ? [{ ...blank, levels: startLevels(levelNames) }]
        : ['P1', 'M1', 'D1'].map((code) => ({ ...blank, code })),
  }
}

/** The next free code of a band: P3 after P1 and P2. */
export function nextCode(criteria: readonly Pick<CriterionDraft, 'code'>[], band: 'P' | 'M' | 'D'): string {
  const used = criteria
    .map((c) => c.code.trim().toUpperCase())
    .filter((code) => bandOf(code) === band)
    .map((code) => Number(code.slice(1)) || 0)
  return `${band}${Math.max(0, ...used) + 1}`
}

/** A criterion to add: the previous criterion's levels (names and points, new ids), or the next code. */
export function newCriterion(
  d: RubricDraft,
  band: 'P' | 'M' | 'D' = 'P',
  levelNames: readonly string[] = [],
) {
  const last = d.criteria.at(-1)
  const levels = last?.levels.length
    ? last.levels.map((l) => ({ title: l.title, points: l.points }))
    : startLevels(levelNames)
  return d.kind === 'points'
    ? { title: '', description: '', code: '', levels }
    : { title: '', description: '', code: nextCode(d.criteria, band), levels: [] }
}

/** The highest score the typed levels give (each criterion's best level); undefined while one is unreadable. */
export function draftMax(d: RubricDraft): number | undefined {
  let cents = 0
  for (const c of d.criteria) {
    const points = c.levels.map((l) => parsePoints(l.points))
    if (points.some((p) => p === undefined)) return undefined
    cents += Math.round(Math.max(0, ...(points as number[])) * 100)
  }
  return cents / 100
}

/** Words for each way a value can be wrong (the page passes its catalogue's). */
export interface RubricWords {
  title: string
  tooLong: (max: number) => string
  criterionTitle: string
  description: string
  code: string
  codeTaken: string
  needPass: string
  levelTitle: string
  points: (max: number) => string
}

const CODE = /^[PMD][1-9][0-9]?$/
const KEY = /^[A-Za-z0-9_-]{1,40}$/
const keep = (id: string | undefined) => (id && KEY.test(id) ? { id } : {})

/** The body to send, or a message per field (paths as the API names them: `criteria.0.levels.1.points`). */
export function checkRubric(d: RubricDraft, w: RubricWords): Validated<RubricBody> {
  const errors: FieldErrors = {}
  const title = d.title.trim()
  if (!title) errors.title = w.title
  else if (title.length > COURSE_LIMITS.title) errors.title = w.tooLong(COURSE_LIMITS.title)
  const max = ASSIGNMENT_LIMITS.criterionText
  const long = (text: string) => text.length > max

  if (d.kind === 'btec') {
    const seen = new Set<string>()
    const criteria = d.criteria.map((c, i) => {
      const code = c.code.trim().toUpperCase()
      const description = c.description.trim()
      if (!CODE.test(code)) errors[`criteria.${i}.code`] = w.code
      else if (seen.has(code)) errors[`criteria.${i}.code`] = w.codeTaken
      seen.add(code)
      if (!description) errors[`criteria.${i}.description`] = w.description
      else if (long(description)) errors[`criteria.${i}.description`] = w.tooLong(max)
      return { ...keep(c.id), code, description }
    })
    if (!criteria.some((c) => c.code.startsWith('P'))) errors.criteria = w.needPass
    return checked(errors, { kind: 'btec', title, criteria })
  }

  const criteria = d.criteria.map((c, i) => {
    const name = c.title.trim()
    const description = c.description.trim()
    if (!name) errors[`criteria.${i}.title`] = w.criterionTitle
    else if (long(name)) errors[`criteria.${i}.title`] = w.tooLong(max)
    if (long(description)) errors[`criteria.${i}.description`] = w.tooLong(max)
    const levels = c.levels.map((l, j) => {
      const level = l.title.trim()
      const points = parsePoints(l.points)
      if (!level) errors[`criteria.${i}.levels.${j}.title`] = w.levelTitle
      else if (level.length > 200) errors[`criteria.${i}.levels.${j}.title`] = w.tooLong(200)
      if (points === undefined || points > ASSIGNMENT_LIMITS.maxPoints)
        errors[`criteria.${i}.levels.${j}.points`] = w.points(ASSIGNMENT_LIMITS.maxPoints)
      return { ...keep(l.id), title: level, points: points ?? 0 }
    })
    return { ...keep(c.id), title: name, ...(description ? { description } : {}), levels }
  })
  return checked(errors, { kind: 'points', title, criteria })
}

/** Every field the editor shows for `d` (where a refusal from the server can be put). */
export function rubricFields(d: RubricDraft): string[] {
  return [
    'title',
    'criteria',
    ...d.criteria.flatMap((c, i) => [
      `criteria.${i}`,
      `criteria.${i}.title`,
      `criteria.${i}.description`,
      `criteria.${i}.code`,
      `criteria.${i}.levels`,
      ...c.levels.flatMap((_, j) => [`criteria.${i}.levels.${j}.title`, `criteria.${i}.levels.${j}.points`]),
    ]),
  ]
}

const BAND_RANK = { P: 0, M: 1, D: 2 } as const

/** Where a new criterion of `band` goes: after the last one of its band or a lower one (P before M before D). */
export function insertIndex(
  criteria: readonly Pick<CriterionDraft, 'code'>[],
  band: 'P' | 'M' | 'D',
): number {
  let at = 0
  criteria.forEach((c, i) => {
    const own = bandOf(c.code.trim().toUpperCase())
    if (own && BAND_RANK[own] <= BAND_RANK[band]) at = i + 1
  })
  return at
}
