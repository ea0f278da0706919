import { describe, expect, it } from 'vitest'
import type { Assignment, Rubric } from '../../../../edge/contract/assignments.ts'
import { fromLocalInput, localInput } from '../tutoring/tutoring-time.ts'
import { checkSettings, settingsDraft } from './assignment-form.ts'

const zone = 'Africa/Nairobi'
const words = {
  title: 'title',
  tooLong: (max: number) => `max ${max}`,
  date: 'date',
  penalty: 'penalty',
  maxPoints: (max: number) => `1-${max}`,
  noWay: 'way',
  position: 'position',
}

const assignment = {
  id: 'a',
  title: 'Essay',
  instructions: 'Write 500 words.',
  due_at: '2026-12-10T12:00:00Z',
  late_policy: 'accept',
  late_penalty_percent: 10,
  allow_text: true,
  allow_files: true,
  rubric: null,
  max_points: 100,
  published_at: null,
  mode: 'individual',
  module_id: null,
  position: 0,
} as unknown as Assignment

describe('the due time input', () => {
  it('shows and reads times on the school clock', () => {
    expect(localInput('2026-12-10T12:00:00Z', zone)).toBe('2026-12-10T15:00')
    expect(localInput(null, zone)).toBe('')
    expect(fromLocalInput('2026-12-10T15:00', zone)).toBe('2026-12-10T15:00:00+03:00')
    expect(fromLocalInput('', zone)).toBeNull()
    expect(fromLocalInput('2026-02-30T10:00', zone)).toBeUndefined()
  })
})

describe('the settings form', () => {
  it('starts from the assignment and sends nothing when nothing changed', () => {
    const d = settingsDraft(assignment, zone)
    expect(d).toEqual({
      title: 'Essay',
      instructions: 'Write 500 words.',
      dueAt: '2026-12-10T15:00',
      latePolicy: 'accept',
      penalty: '10',
      allowText: true,
      allowFiles: true,
      rubricId: '',
      maxPoints: '100',
      published: false,
      mode: 'individual',
      moduleId: '',
      position: '0',
    })
    expect(checkSettings(d, assignment, zone, words)).toEqual({ ok: true, data: null })
  })

  it('sends only what changed', () => {
    const d = {
      ...settingsDraft(assignment, zone),
      title: ' Essay on rivers ',
      dueAt: '',
      penalty: '25',
      allowFiles: false,
      maxPoints: '50.5',
      published: true,
    }
    expect(checkSettings(d, assignment, zone, words)).toEqual({
      ok: true,
      data: {
        title: 'Essay on rivers',
        due_at: null,
        late_penalty_percent: 25,
        allow_files: false,
        max_points: 50.5,
        published: true,
      },
    })
  })

  it('picks a rubric (no maximum then) or goes back to points', () => {
    const d = { ...settingsDraft(assignment, zone), rubricId: 'r1', maxPoints: '' }
    expect(checkSettings(d, assignment, zone, words)).toEqual({ ok: true, data: { rubric_id: 'r1' } })
    const withRubric = { ...assignment, rubric: { id: 'r1' } as Rubric }
    const back = { ...settingsDraft(withRubric, zone), rubricId: '', maxPoints: '20' }
    expect(checkSettings(back, withRubric, zone, words)).toEqual({
      ok: true,
      data: { rubric_id: null, max_points: 20 },
    })
  })

  it('refuses late work without sending a penalty', () => {
    const d = { ...settingsDraft(assignment, zone), latePolicy: 'refuse' as const, penalty: '' }
    expect(checkSettings(d, assignment, zone, words)).toEqual({ ok: true, data: { late_policy: 'refuse' } })
  })

  it('names every wrong value at its field', () => {
    const d = {
      ...settingsDraft(assignment, zone),
      title: '  ',
      instructions: 'x'.repeat(10_001),
      dueAt: '2026-13-01T10:00',
      penalty: '120',
      allowText: false,
      allowFiles: false,
      maxPoints: '0',
      position: '-1',
    }
    expect(checkSettings(d, assignment, zone, words)).toEqual({
      ok: false,
      errors: {
        title: 'title',
        instructions: 'max 10000',
        due_at: 'date',
        late_penalty_percent: 'penalty',
        allow_text: 'way',
        max_points: '1-1000',
        position: 'position',
      },
    })
  })

  it('makes it group work and places it in a module of the outline', () => {
    const d = { ...settingsDraft(assignment, zone), mode: 'group' as const, moduleId: 'm1', position: ' 3 ' }
    expect(checkSettings(d, assignment, zone, words)).toEqual({
      ok: true,
      data: { mode: 'group', module_id: 'm1', position: 3 },
    })
    const placed = { ...assignment, module_id: 'm1', position: 3 } as Assignment
    const out = { ...settingsDraft(placed, zone), moduleId: '' }
    expect(checkSettings(out, placed, zone, words)).toEqual({ ok: true, data: { module_id: null } })
  })
})
