import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** The select value meaning "none of these: I type my own". */
export const OTHER = '__other__'

/** A free-text course field shown as a select of known values plus "Other…" with a text box. */
export interface Choice {
  /** '' (not set), one of the options, or OTHER. */
  choice: string
  /** The typed value when `choice` is OTHER. */
  other: string
}

/**
 * A stored value as a select choice: a known option (matched ignoring case and spacing, so
 * "grade 4" selects "Grade 4"), '' when empty, else "Other…" with the text kept.
 */
export function splitChoice(value: string | null | undefined, options: readonly string[]): Choice {
  const v = (value ?? '').trim()
  if (!v) return { choice: '', other: '' }
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ')
  const known = options.find((o) => norm(o) === norm(v))
  return known ? { choice: known, other: '' } : { choice: OTHER, other: v }
}

/** The value to store for a choice: the option, the trimmed typed text, or ''. */
export function joinChoice(c: Choice): string {
  return c.choice === OTHER ? c.other.trim() : c.choice
}

/** Options for a native select: "Not set", the known values, then "Other…". */
export function choiceOptions(options: readonly string[], unsetLabel = t('choice.notSet')) {
  return [
    { value: '', label: unsetLabel },
    ...options.map((o) => ({ value: o, label: o })),
    { value: OTHER, label: t('choice.other') },
  ]
}

/** The short facts shown on a course card: level and learning area when set. */
export function courseFacts(course: { level: string; learning_area: string }): string[] {
  return [course.level, course.learning_area].map((s) => s.trim()).filter(Boolean)
}
