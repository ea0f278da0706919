import { describe, expect, it } from 'vitest'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import { fromLocalInput, localInput } from '../../tutoring/tutoring-time.ts'
import { checkSettings, settingsDraft } from './settings-form.ts'

const words = {
  title: 'title',
  tooLong: (max: number) => `long ${max}`,
  timeLimit: (max: number) => `minutes ${max}`,
  attempts: (max: number) => `attempts ${max}`,
  date: 'date',
  closesBeforeOpens: 'order',
  position: 'position',
}
const ZONE = 'Africa/Nairobi'

const quiz: Quiz = {
  id: 'q',
  course_id: 'c',
  tenant_id: 't',
  title: 'Fractions',
  instructions: 'Show your working.',
  time_limit_minutes: 20,
  max_attempts: null,
  opens_at: '2026-11-23T06:00:00Z',
  closes_at: null,
  shuffle: false,
  release: 'manual',
  results_released_at: null,
  published_at: null,
  module_id: null,
  position: 0,
  question_count: 3,
  max_score: 6,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  mine: null,
}

describe('times on the school’s clock', () => {
  it('shows a moment as Nairobi’s wall clock and reads it back', () => {
    expect(localInput('2026-11-23T06:00:00Z', ZONE)).toBe('2026-11-23T09:00')
    expect(fromLocalInput('2026-11-23T09:00', ZONE)).toBe('2026-11-23T09:00:00+03:00')
    expect(fromLocalInput('', ZONE)).toBeNull()
    expect(fromLocalInput('2026-02-30T09:00', ZONE)).toBeUndefined()
  })
})

describe('the settings form', () => {
  it('sends nothing when nothing changed', () => {
    expect(checkSettings(settingsDraft(quiz, ZONE), quiz, ZONE, words)).toEqual({ ok: true, data: null })
  })

  it('sends only what changed, empty numbers and times as null', () => {
    const d = {
      ...settingsDraft(quiz, ZONE),
      title: ' Fractions 1 ',
      timeLimit: '',
      maxAttempts: '2',
      opensAt: '',
      closesAt: '2026-11-30T17:00',
      published: true,
    }
    expect(checkSettings(d, quiz, ZONE, words)).toEqual({
      ok: true,
      data: {
        title: 'Fractions 1',
        time_limit_minutes: null,
        max_attempts: 2,
        opens_at: null,
        closes_at: '2026-11-30T17:00:00+03:00',
        published: true,
      },
    })
  })

  it('names each wrong value at the API’s field', () => {
    const d = {
      ...settingsDraft(quiz, ZONE),
      title: '  ',
      timeLimit: '601',
      maxAttempts: '1.5',
      closesAt: '2026-11-23T08:00',
    }
    expect(checkSettings(d, quiz, ZONE, words)).toEqual({
      ok: false,
      errors: {
        title: 'title',
        time_limit_minutes: 'minutes 600',
        max_attempts: 'attempts 20',
        closes_at: 'order',
      },
    })
  })

  it('places the quiz in a module of the outline, and checks the position', () => {
    const d = { ...settingsDraft(quiz, ZONE), moduleId: 'm1', position: '2' }
    expect(checkSettings(d, quiz, ZONE, words)).toEqual({ ok: true, data: { module_id: 'm1', position: 2 } })
    const bad = { ...settingsDraft(quiz, ZONE), moduleId: 'm1', position: 'first' }
    expect(checkSettings(bad, quiz, ZONE, words)).toEqual({ ok: false, errors: { position: 'position' } })
  })
})
