import type { AnswerBody, SavedAnswer, StudentQuestion } from '../../../../../edge/contract/assessments.ts'
import type { QuestionKind } from '../../../../../edge/contract/assessments-values.ts'

// A student's answer as the page holds it (what the inputs show) and as the API takes it
// (AnswerBody: the one field of the question's kind), both ways, and which questions are answered.

/** What the inputs of one question show. `text` is a short answer, or a number as typed. */
export interface Draft {
  choices: string[]
  bool: boolean | null
  text: string
}

export const emptyDraft = (): Draft => ({ choices: [], bool: null, text: '' })

/** The inputs' values for a saved response. */
export function draftFrom(kind: QuestionKind, response: AnswerBody | undefined): Draft {
  const draft = emptyDraft()
  if (!response) return draft
  if (kind === 'single' || kind === 'multiple') draft.choices = [...(response.choice_ids ?? [])]
  else if (kind === 'true_false') draft.bool = response.bool ?? null
  else if (kind === 'short') draft.text = response.text ?? ''
  else if (typeof response.number === 'number') draft.text = String(response.number)
  return draft
}

/** Every question's inputs, from the answers the server has saved. */
export function draftsFrom(
  questions: readonly Pick<StudentQuestion, 'id' | 'kind'>[],
  answers: readonly SavedAnswer[],
): Record<string, Draft> {
  const saved = new Map(answers.map((a) => [a.question_id, a.response]))
  return Object.fromEntries(questions.map((q) => [q.id, draftFrom(q.kind, saved.get(q.id))]))
}

/**
 * A number as people type it: "12", "-3.5", "3,5" (a decimal comma, as some phones' keypads
 * offer), "1,200" and " 1 200 " (thousands grouped). Null for nothing typed, undefined for
 * something that is not a number.
 */
export function parseDecimal(text: string): number | null | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '')
  if (compact === '') return null
  const normal = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(compact)
    ? compact.replaceAll(',', '')
    : /^[-+]?\d*,\d+$/.test(compact)
      ? compact.replace(',', '.')
      : compact
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal)) return undefined
  const n = Number(normal)
  return Number.isFinite(n) ? n : undefined
}

/** The body to save for the inputs' values; `invalid` when a number cannot be read. */
export function bodyFor(kind: QuestionKind, draft: Draft): AnswerBody | 'invalid' {
  switch (kind) {
    case 'single':
      return { choice_ids: draft.choices.slice(0, 1) }
    case 'multiple':
      return { choice_ids: [...draft.choices] }
    case 'true_false':
      return draft.bool === null ? {} : { bool: draft.bool }
    case 'short':
      return { text: draft.text }
    case 'numeric': {
      const n = parseDecimal(draft.text)
      if (n === undefined) return 'invalid'
      return n === null ? {} : { number: n }
    }
  }
}

/** True when the inputs hold an answer (a typed number must be one). */
export function isAnswered(kind: QuestionKind, draft: Draft | undefined): boolean {
  if (!draft) return false
  if (kind === 'single' || kind === 'multiple') return draft.choices.length > 0
  if (kind === 'true_false') return draft.bool !== null
  if (kind === 'short') return draft.text.trim() !== ''
  return typeof parseDecimal(draft.text) === 'number'
}

/** How many questions have no answer yet (said before the student submits). */
export function unansweredCount(
  questions: readonly Pick<StudentQuestion, 'id' | 'kind'>[],
  drafts: Readonly<Record<string, Draft>>,
): number {
  return questions.filter((q) => !isAnswered(q.kind, drafts[q.id])).length
}

/** A multiple-choice draft with `id` ticked or not. */
export function toggleChoice(choices: readonly string[], id: string, on: boolean): string[] {
  const without = choices.filter((c) => c !== id)
  return on ? [...without, id] : without
}

/** A response in words, as the result shows it ("Nairobi", "Mombasa, Kisumu", "True", "12"). */
export function responseText(
  question: Pick<StudentQuestion, 'kind' | 'options'>,
  response: AnswerBody | undefined,
  words: { yes: string; no: string },
): string {
  if (!response) return ''
  if (question.kind === 'single' || question.kind === 'multiple') {
    const texts = new Map(question.options.map((o) => [o.id, o.text]))
    return (response.choice_ids ?? [])
      .map((id) => texts.get(id) ?? '')
      .filter(Boolean)
      .join(', ')
  }
  if (question.kind === 'true_false')
    return response.bool === undefined ? '' : response.bool ? words.yes : words.no
  if (question.kind === 'short') return response.text ?? ''
  return response.number === undefined ? '' : String(response.number)
}
