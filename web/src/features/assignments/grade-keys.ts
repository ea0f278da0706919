import type { RubricKind } from '../../../../edge/contract/assessments-values.ts'

// The grading page's keyboard: what a key press asks for, decided without the DOM so it is tested.
// 1–6 pick the focused criterion's level (A / N: achieved / not yet, BTEC), j / k or ↓ / ↑ move
// between criteria, Ctrl or ⌘ + Enter saves, n (Shift+N on a BTEC rubric, where n is "not yet")
// goes to the next ungraded submission, ? shows the shortcuts. Keys typed into a text box stay text.

export type GradeKey =
  | { type: 'level'; index: number }
  | { type: 'achieved'; value: boolean }
  | { type: 'move'; by: 1 | -1 }
  | { type: 'save' }
  | { type: 'next' }
  | { type: 'help' }

/** Where the key was pressed: a box that takes text, a choice (radio, checkbox, button), or elsewhere. */
export type KeyTarget = 'text' | 'choice' | 'other'

export interface KeyPress {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  shiftKey?: boolean
  /** An IME is composing: the key belongs to the text being composed. */
  isComposing?: boolean
  target: KeyTarget
}

/** The kind of grading: a rubric's kind, or points typed in (no rubric). */
export type GradingKind = RubricKind | 'none'

/** Levels a points criterion has at most (ASSIGNMENT_LIMITS.levels): keys 1–6. */
const MAX_LEVEL_KEYS = 6

/** What `press` asks of the grading page, or null when it is not a shortcut there. */
export function gradeKey(press: KeyPress, kind: GradingKind): GradeKey | null {
  if (press.isComposing) return null
  const mod = !!press.ctrlKey || !!press.metaKey
  if (press.key === 'Enter' && mod && !press.altKey) return { type: 'save' }
  if (mod || press.altKey || press.target === 'text') return null
  const key = press.key
  if (key === '?') return { type: 'help' }
  if (key === 'j' || key === 'ArrowDown') return kind === 'none' ? null : { type: 'move', by: 1 }
  if (key === 'k' || key === 'ArrowUp') return kind === 'none' ? null : { type: 'move', by: -1 }
  if (kind === 'btec') {
    if (key === 'a' || key === 'A') return { type: 'achieved', value: true }
    if (key === 'n') return { type: 'achieved', value: false }
    if (key === 'N') return { type: 'next' }
    return null
  }
  if (key === 'n' || key === 'N') return { type: 'next' }
  if (kind === 'points' && /^[1-9]$/.test(key)) {
    const index = Number(key) - 1
    return index < MAX_LEVEL_KEYS ? { type: 'level', index } : null
  }
  return null
}

/** The kind of element a key was pressed in (duck-typed: tested without a DOM). */
export function keyTarget(
  el: { tagName?: string; type?: string; isContentEditable?: boolean } | null | undefined,
): KeyTarget {
  if (!el?.tagName) return 'other'
  if (el.isContentEditable) return 'text'
  const tag = el.tagName.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text'
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase()
    return ['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type) ? 'choice' : 'text'
  }
  return tag === 'BUTTON' || tag === 'A' ? 'choice' : 'other'
}

/** The criterion after moving `by` from `index` among `count`, kept within the list. */
export const moveWithin = (index: number, by: number, count: number): number =>
  count <= 0 ? 0 : Math.min(count - 1, Math.max(0, index + by))
