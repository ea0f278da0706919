import type { AnswerBody, AnswerKey, QuestionBody, QuestionOption } from '../../contract/assessments.ts'
import type { FieldIssue } from '../../lib/errors.ts'

// A question's body as editors send it ↔ what is stored: the options students see, and the key
// and feedback they never see before release. Also whether a student's answer fits its question.
// Pure: no I/O.

export interface StoredQuestion {
  options: QuestionOption[]
  key: AnswerKey
  feedback: string
}

/** Option ids: the editor's when given (edits keep them), else the next free `o1`, `o2`… */
function withIds(options: { id?: string; text: string }[]): QuestionOption[] {
  const taken = new Set(options.flatMap((o) => (o.id ? [o.id] : [])))
  let n = 0
  const next = () => {
    do n += 1
    while (taken.has(`o${n}`))
    taken.add(`o${n}`)
    return `o${n}`
  }
  const seen = new Set<string>()
  return options.map((o) => {
    // A repeated id (a copied option) gets a new one.
    const id = o.id && !seen.has(o.id) ? o.id : next()
    seen.add(id)
    return { id, text: o.text }
  })
}

/** Splits a question body into what students see and the key; `issues` when an index is out of range. */
export function storeQuestion(body: QuestionBody): { stored: StoredQuestion; issues: FieldIssue[] } {
  const feedback = body.feedback ?? ''
  const issues: FieldIssue[] = []
  switch (body.kind) {
    case 'single':
    case 'multiple': {
      const options = withIds(body.options)
      const picks = body.kind === 'single' ? [body.correct] : [...new Set(body.correct)]
      for (const [i, p] of picks.entries()) {
        if (p >= options.length) {
          issues.push({
            path: body.kind === 'single' ? 'correct' : `correct.${i}`,
            message: 'Pick one of the options.',
            code: 'custom',
          })
        }
      }
      const ids = picks.flatMap((p) => (options[p] ? [options[p].id] : []))
      return { stored: { options, key: { correct_option_ids: ids }, feedback }, issues }
    }
    case 'true_false':
      return { stored: { options: [], key: { correct_bool: body.correct }, feedback }, issues }
    case 'short':
      return { stored: { options: [], key: { accepted: body.accepted }, feedback }, issues }
    case 'numeric':
      return {
        stored: {
          options: [],
          key: { correct_number: body.correct, tolerance: body.tolerance ?? 0 },
          feedback,
        },
        issues,
      }
  }
}

const kindField: Record<string, keyof AnswerBody> = {
  single: 'choice_ids',
  multiple: 'choice_ids',
  true_false: 'bool',
  short: 'text',
  numeric: 'number',
}

/**
 * Whether an answer fits its question: the one field of its kind and nothing else (or nothing at
 * all: a cleared answer); choices among its options (one for single choice). Issues name the field.
 */
export function answerIssues(kind: string, options: QuestionOption[], answer: AnswerBody): FieldIssue[] {
  const field = kindField[kind]
  const issue = (path: string, message: string): FieldIssue => ({ path, message, code: 'wrong_answer_kind' })
  if (!field) return [issue('(body)', 'This question cannot be answered.')]
  const sent = (Object.keys(answer) as (keyof AnswerBody)[]).filter((k) => answer[k] !== undefined)
  // `{}` clears the answer (a true/false or number taken back): saved as no answer.
  if (sent.length === 0) return []
  const others = sent.filter((k) => k !== field)
  if (others.length > 0 || !sent.includes(field)) {
    return [issue(field, `Answer this ${kind.replace('_', '/')} question with \`${field}\` only.`)]
  }
  if (field !== 'choice_ids') return []
  const ids = answer.choice_ids ?? []
  const known = new Set(options.map((o) => o.id))
  const issues = ids.flatMap((id, i) =>
    known.has(id) ? [] : [issue(`choice_ids.${i}`, 'Not an option of this question.')],
  )
  if (new Set(ids).size !== ids.length) issues.push(issue('choice_ids', 'Each option at most once.'))
  if (kind === 'single' && ids.length > 1) issues.push(issue('choice_ids', 'Pick one option.'))
  return issues
}
