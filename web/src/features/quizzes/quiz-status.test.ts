import { describe, expect, it } from 'vitest'
import type { Quiz } from '../../../../edge/contract/assessments.ts'
import {
  attemptsLeft,
  formatScore,
  nextStep,
  quizWindow,
  resultsReleased,
  studentStatus,
} from './quiz-status.ts'

const NOW = Date.parse('2026-11-23T10:00:00Z')

const quiz = (over: Partial<Quiz> = {}): Quiz => ({
  id: 'q',
  course_id: 'c',
  tenant_id: 't',
  title: 'Fractions',
  instructions: '',
  time_limit_minutes: null,
  max_attempts: null,
  opens_at: null,
  closes_at: null,
  shuffle: false,
  release: 'on_submit',
  results_released_at: null,
  published_at: '2026-11-01T00:00:00Z',
  module_id: null,
  position: 0,
  question_count: 5,
  max_score: 10,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  mine: { attempts_used: 0, in_progress_attempt_id: null, best_score: null, submitted: false },
  ...over,
})

describe('the quiz window', () => {
  it('is open without times, and between opens_at and closes_at', () => {
    expect(quizWindow(quiz(), NOW)).toBe('open')
    expect(quizWindow(quiz({ opens_at: '2026-11-23T11:00:00Z' }), NOW)).toBe('not_open')
    expect(quizWindow(quiz({ closes_at: '2026-11-23T10:00:00Z' }), NOW)).toBe('closed')
    expect(
      quizWindow(
        quiz({ opens_at: '2026-11-23T09:00:00+03:00', closes_at: '2026-11-23T14:00:00+03:00' }),
        NOW,
      ),
    ).toBe('open')
  })
})

describe('a student’s next step', () => {
  it('resumes the attempt in progress, even once the quiz has closed', () => {
    const q = quiz({
      closes_at: '2026-11-23T09:00:00Z',
      mine: { attempts_used: 1, in_progress_attempt_id: 'a1', best_score: null, submitted: false },
    })
    expect(nextStep(q, NOW)).toEqual({ kind: 'resume', attemptId: 'a1' })
    expect(studentStatus(q.mine)).toBe('in_progress')
  })

  it('starts a first or another attempt while some are left', () => {
    expect(nextStep(quiz(), NOW)).toEqual({ kind: 'start', again: false })
    const again = quiz({
      max_attempts: 2,
      mine: { attempts_used: 1, in_progress_attempt_id: null, best_score: 4, submitted: true },
    })
    expect(nextStep(again, NOW)).toEqual({ kind: 'start', again: true })
    expect(attemptsLeft(again, again.mine)).toBe(1)
  })

  it('says why nothing can be started', () => {
    expect(nextStep(quiz({ opens_at: '2026-11-24T00:00:00Z' }), NOW)).toEqual({
      kind: 'none',
      reason: 'not_open',
    })
    expect(nextStep(quiz({ closes_at: '2026-11-22T00:00:00Z' }), NOW)).toEqual({
      kind: 'none',
      reason: 'closed',
    })
    expect(nextStep(quiz({ question_count: 0 }), NOW)).toEqual({ kind: 'none', reason: 'empty' })
    const used = quiz({
      max_attempts: 1,
      mine: { attempts_used: 1, in_progress_attempt_id: null, best_score: null, submitted: true },
    })
    expect(nextStep(used, NOW)).toEqual({ kind: 'none', reason: 'no_attempts' })
    expect(studentStatus(used.mine)).toBe('submitted')
  })

  it('counts attempts left, none for unlimited', () => {
    expect(attemptsLeft(quiz(), null)).toBeNull()
    expect(attemptsLeft(quiz({ max_attempts: 3 }), null)).toBe(3)
    expect(studentStatus(null)).toBe('not_started')
  })
})

describe('results', () => {
  it('are the student’s on submit, or once released by hand', () => {
    expect(resultsReleased(quiz())).toBe(true)
    expect(resultsReleased(quiz({ release: 'manual' }))).toBe(false)
    expect(resultsReleased(quiz({ release: 'manual', results_released_at: '2026-11-23T09:00:00Z' }))).toBe(
      true,
    )
  })

  it('show scores without needless decimals', () => {
    expect([7, 7.5, 7.25, 1 / 3].map(formatScore)).toEqual(['7', '7.5', '7.25', '0.33'])
  })
})
