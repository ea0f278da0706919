import type { EditorQuestion, QuestionBody } from '../../../../../edge/contract/assessments.ts'
import { QUIZ_LIMITS, type QuestionKind } from '../../../../../edge/contract/assessments-values.ts'
import { checked, type FieldErrors, type Validated } from '../../../lib/forms.ts'
import { parseDecimal } from '../attempt/answers.ts'

// The question form without the page: what its inputs hold for each kind, from a saved question
// (its answer key names options by id) to the QuestionBody the API takes (options named by index),
// the checks the API makes at each field, and the API's field paths mapped to the inputs shown.

export interface OptionDraft {
  /** Kept when editing, so a student's saved choice still names the same option. */
  id?: string
  text: string
}

/** What the question form's inputs hold; numbers as typed. */
export interface QuestionDraft {
  kind: QuestionKind
  prompt: string
  points: string
  feedback: string
  /** single and multiple. */
  options: OptionDraft[]
  /** Indexes of the correct options (single: one). */
  correct: number[]
  /** true_false. */
  truth: boolean | null
  /** short: the answers accepted. */
  accepted: string[]
  /** numeric: the answer and how far from it still counts. */
  number: string
  tolerance: string
}

const isChoice = (kind: QuestionKind) => kind === 'single' || kind === 'multiple'

/** A blank question of `kind`: two empty options, one accepted answer to fill, 1 point. */
export const newDraft = (kind: QuestionKind = 'single'): QuestionDraft => ({
  kind,
  prompt: '',
  points: '1',
  feedback: '',
  options: [{ text: '' }, { text: '' }],
  correct: [],
  truth: null,
  accepted: [''],
  number: '',
  tolerance: '',
})

/** The inputs for a saved question. */
export function draftOf(q: EditorQuestion): QuestionDraft {
  const ids = q.key.correct_option_ids ?? []
  return {
    ...newDraft(q.kind),
    prompt: q.prompt,
    points: String(q.points),
    feedback: q.feedback,
    options: q.options.length > 0 ? q.options.map((o) => ({ id: o.id, text: o.text })) : newDraft().options,
    correct: q.options.flatMap((o, i) => (ids.includes(o.id) ? [i] : [])),
    truth: q.key.correct_bool ?? null,
    accepted: q.key.accepted?.length ? [...q.key.accepted] : [''],
    number: q.key.correct_number === undefined ? '' : String(q.key.correct_number),
    tolerance: q.key.tolerance ? String(q.key.tolerance) : '',
  }
}

/** The same question as another kind: what both kinds share is kept (single keeps one correct option). */
export function withKind(d: QuestionDraft, kind: QuestionKind): QuestionDraft {
  return { ...d, kind, correct: kind === 'single' ? d.correct.slice(0, 1) : d.correct }
}

/** Marks option `i` correct (single: the only one) or not. */
export function markCorrect(d: QuestionDraft, i: number, on: boolean): number[] {
  if (d.kind === 'single') return on ? [i] : d.correct.filter((c) => c !== i)
  const without = d.correct.filter((c) => c !== i)
  return on ? [...without, i].sort((a, b) => a - b) : without
}

/** The draft without option `i`; the correct marks follow their options. */
export function removeOption(d: QuestionDraft, i: number): QuestionDraft {
  return {
    ...d,
    options: d.options.filter((_, j) => j !== i),
    correct: d.correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)),
  }
}

/** Words for each way a value can be wrong (the form passes its catalogue's). */
export interface QuestionWords {
  prompt: string
  tooLong: (max: number) => string
  points: string
  pointsMax: (max: number) => string
  pointsDecimals: string
  twoOptions: string
  tooManyOptions: (max: number) => string
  option: string
  pickCorrect: string
  pickSome: string
  pickTruth: string
  accepted: string
  tooManyAccepted: (max: number) => string
  number: string
  tolerance: string
}

/** The body to send, or a message per field (the API's paths: `options.1.text`, `correct`…). */
export function checkQuestion(d: QuestionDraft, w: QuestionWords): Validated<QuestionBody> {
  const errors: FieldErrors = {}
  const prompt = d.prompt.trim()
  const feedback = d.feedback.trim()
  if (!prompt) errors.prompt = w.prompt
  else if (prompt.length > QUIZ_LIMITS.prompt) errors.prompt = w.tooLong(QUIZ_LIMITS.prompt)
  if (feedback.length > QUIZ_LIMITS.feedback) errors.feedback = w.tooLong(QUIZ_LIMITS.feedback)
  const points = parseDecimal(d.points)
  if (typeof points !== 'number' || points <= 0) errors.points = w.points
  else if (points > QUIZ_LIMITS.maxPoints) errors.points = w.pointsMax(QUIZ_LIMITS.maxPoints)
  else if (Math.abs(points * 100 - Math.round(points * 100)) > 1e-6) errors.points = w.pointsDecimals
  const base = { prompt, points: points ?? 0, feedback }

  let body: QuestionBody | undefined
  if (isChoice(d.kind)) {
    const options = d.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: o.text.trim() }))
    if (options.length < 2) errors.options = w.twoOptions
    else if (options.length > QUIZ_LIMITS.options) errors.options = w.tooManyOptions(QUIZ_LIMITS.options)
    options.forEach((o, i) => {
      if (!o.text) errors[`options.${i}.text`] = w.option
      else if (o.text.length > QUIZ_LIMITS.option) errors[`options.${i}.text`] = w.tooLong(QUIZ_LIMITS.option)
    })
    const correct = d.correct.filter((i) => i < options.length)
    if (correct.length === 0) errors.correct = d.kind === 'single' ? w.pickCorrect : w.pickSome
    body =
      d.kind === 'single'
        ? { kind: 'single', ...base, options, correct: correct[0] ?? 0 }
        : { kind: 'multiple', ...base, options, correct }
  } else if (d.kind === 'true_false') {
    if (d.truth === null) errors.correct = w.pickTruth
    body = { kind: 'true_false', ...base, correct: d.truth ?? true }
  } else if (d.kind === 'short') {
    const accepted = d.accepted.map((a) => a.trim()).filter(Boolean)
    if (accepted.length === 0) errors.accepted = w.accepted
    else if (accepted.length > QUIZ_LIMITS.acceptedAnswers)
      errors.accepted = w.tooManyAccepted(QUIZ_LIMITS.acceptedAnswers)
    else if (accepted.some((a) => a.length > QUIZ_LIMITS.answerText))
      errors.accepted = w.tooLong(QUIZ_LIMITS.answerText)
    body = { kind: 'short', ...base, accepted }
  } else {
    const number = parseDecimal(d.number)
    const tolerance = parseDecimal(d.tolerance)
    if (typeof number !== 'number') errors.correct = w.number
    if (tolerance === undefined || (tolerance !== null && tolerance < 0)) errors.tolerance = w.tolerance
    body = {
      kind: 'numeric',
      ...base,
      correct: number ?? 0,
      ...(typeof tolerance === 'number' && tolerance > 0 ? { tolerance } : {}),
    }
  }
  return checked(errors, body)
}

/** Every field the question form shows an error at. */
export const QUESTION_FIELDS: readonly string[] = [
  'prompt',
  'points',
  'feedback',
  'options',
  'correct',
  'accepted',
  'tolerance',
  ...Array.from({ length: QUIZ_LIMITS.options }, (_, i) => `options.${i}.text`),
]

/**
 * The input that shows a server's field error: an option's whole entry is its text, an accepted
 * answer or a correct index is the list's, anything else where it is.
 */
export function questionField(path: string): string {
  const option = /^options\.(\d+)(\.\w+)?$/.exec(path)
  if (option) return `options.${option[1]}.text`
  if (/^(correct|accepted)\.\d+$/.test(path)) return path.split('.')[0]
  return path
}

/** The server's field errors at the inputs that show them (the first message per input). */
export function questionErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [path, message] of Object.entries(errors)) out[questionField(path)] ??= message
  return out
}

/** The answer key in a few words, for the question list ("Nairobi", "True", "12 ± 0.5"). */
export function keySummary(q: EditorQuestion, words: { yes: string; no: string }): string {
  const ids = q.key.correct_option_ids ?? []
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.options
        .filter((o) => ids.includes(o.id))
        .map((o) => o.text)
        .join(', ')
    case 'true_false':
      return q.key.correct_bool === undefined ? '' : q.key.correct_bool ? words.yes : words.no
    case 'short':
      return (q.key.accepted ?? []).join(' / ')
    case 'numeric':
      return q.key.correct_number === undefined
        ? ''
        : `${q.key.correct_number}${q.key.tolerance ? ` ± ${q.key.tolerance}` : ''}`
  }
}
