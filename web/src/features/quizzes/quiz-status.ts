import type { MyQuizStatus, Quiz } from '../../../../edge/contract/assessments.ts'

// Where a quiz stands for a student, from its settings, their own attempts (`mine`) and the time:
// open or not, attempts left, what they can do next, and whether results are theirs to see.

/** Before `opens_at`, between, or after `closes_at` (no times: always open). */
export type QuizWindow = 'not_open' | 'open' | 'closed'

export function quizWindow(q: Pick<Quiz, 'opens_at' | 'closes_at'>, now: number): QuizWindow {
  if (q.opens_at && now < Date.parse(q.opens_at)) return 'not_open'
  if (q.closes_at && now >= Date.parse(q.closes_at)) return 'closed'
  return 'open'
}

/** Attempts the student may still start; null for as many as they like. */
export function attemptsLeft(q: Pick<Quiz, 'max_attempts'>, mine: MyQuizStatus | null): number | null {
  if (q.max_attempts === null) return null
  return Math.max(0, q.max_attempts - (mine?.attempts_used ?? 0))
}

/** The student's own progress in one word. */
export type StudentStatus = 'not_started' | 'in_progress' | 'submitted'

export function studentStatus(mine: MyQuizStatus | null): StudentStatus {
  if (mine?.in_progress_attempt_id) return 'in_progress'
  if (mine?.submitted) return 'submitted'
  return 'not_started'
}

/** What a student can do next: go back to the attempt in progress, start one, or nothing (and why). */
export type NextStep =
  | { kind: 'resume'; attemptId: string }
  | { kind: 'start'; again: boolean }
  | { kind: 'none'; reason: 'not_open' | 'closed' | 'no_attempts' | 'empty' }

export function nextStep(q: Quiz, now: number): NextStep {
  const resume = q.mine?.in_progress_attempt_id
  if (resume) return { kind: 'resume', attemptId: resume }
  const window = quizWindow(q, now)
  if (window !== 'open') return { kind: 'none', reason: window }
  if (q.question_count === 0) return { kind: 'none', reason: 'empty' }
  if (attemptsLeft(q, q.mine) === 0) return { kind: 'none', reason: 'no_attempts' }
  return { kind: 'start', again: (q.mine?.attempts_used ?? 0) > 0 }
}

/** Students see results right after submitting, or once a teacher released them. */
export const resultsReleased = (q: Pick<Quiz, 'release' | 'results_released_at'>): boolean =>
  q.release === 'on_submit' || q.results_released_at !== null

/** A score without needless decimals: 7 → "7", 7.5 → "7.5", 7.25 → "7.25". */
export const formatScore = (n: number): string => String(Math.round(n * 100) / 100)
