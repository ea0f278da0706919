import { describe, expect, it } from 'vitest'
import type { Rubric } from '../../../../edge/contract/assignments.ts'
import {
  checkRubric,
  draftMax,
  insertIndex,
  newCriterion,
  newRubricDraft,
  nextCode,
  type RubricDraft,
  rubricDraft,
  rubricFields,
} from './rubric-form.ts'

const words = {
  title: 'title',
  tooLong: (max: number) => `max ${max}`,
  criterionTitle: 'criterion',
  description: 'description',
  code: 'code',
  codeTaken: 'taken',
  needPass: 'pass',
  levelTitle: 'level',
  points: (max: number) => `0-${max}`,
}
const CBC = ['Below', 'Approaching', 'Meeting', 'Exceeding']

describe('a new rubric', () => {
  it('starts with one criterion of four levels, or P1, M1 and D1', () => {
    const points = newRubricDraft('points', CBC)
    expect(points.criteria).toHaveLength(1)
    expect(points.criteria[0].levels.map((l) => `${l.title} ${l.points}`)).toEqual([
      'Below 1',
      'Approaching 2',
      'Meeting 3',
      'Exceeding 4',
    ])
    expect(draftMax(points)).toBe(4)
    expect(newRubricDraft('btec', CBC).criteria.map((c) => c.code)).toEqual(['P1', 'M1', 'D1'])
  })

  it('adds criteria like the last one, or with the next free code', () => {
    const points = newRubricDraft('points', CBC)
    points.criteria[0].levels[0] = { id: 'l0', title: 'None', points: '0' }
    const added = newCriterion(points)
    expect(added.levels[0]).toEqual({ title: 'None', points: '0' })
    expect(nextCode([{ code: 'P1' }, { code: 'p2' }, { code: 'M1' }], 'P')).toBe('P3')
    expect(nextCode([{ code: 'P1' }], 'D')).toBe('D1')
    expect(newCriterion(newRubricDraft('btec', CBC), 'M').code).toBe('M2')
    const codes = ['P1', 'P2', 'M1', 'D1'].map((code) => ({ code }))
    expect([insertIndex(codes, 'P'), insertIndex(codes, 'M'), insertIndex(codes, 'D')]).toEqual([2, 3, 4])
    expect(insertIndex([{ code: 'M1' }], 'P')).toBe(0)
  })
})

describe('rubric ↔ body', () => {
  const saved: Rubric = {
    id: 'r',
    tenant_id: 't',
    kind: 'points',
    title: 'Essay',
    criteria: [
      {
        id: 'c1',
        title: 'Argument',
        description: 'A clear thesis',
        levels: [
          { id: 'a', title: 'Weak', points: 0 },
          { id: 'b', title: 'Strong', points: 2.5 },
        ],
      },
    ],
    max_points: 2.5,
    used_by: 0,
    created_at: '',
    updated_at: '',
  }

  it('keeps the ids of saved criteria and levels', () => {
    const d = rubricDraft(saved)
    expect(d.criteria[0].levels[1]).toEqual({ id: 'b', title: 'Strong', points: '2.5' })
    d.criteria[0].levels.push({ title: ' Excellent ', points: '4' })
    expect(checkRubric(d, words)).toEqual({
      ok: true,
      data: {
        kind: 'points',
        title: 'Essay',
        criteria: [
          {
            id: 'c1',
            title: 'Argument',
            description: 'A clear thesis',
            levels: [
              { id: 'a', title: 'Weak', points: 0 },
              { id: 'b', title: 'Strong', points: 2.5 },
              { title: 'Excellent', points: 4 },
            ],
          },
        ],
      },
    })
  })

  it('names every wrong value of a points rubric at its field', () => {
    const d: RubricDraft = {
      kind: 'points',
      title: '',
      criteria: [
        {
          title: ' ',
          description: 'x'.repeat(501),
          code: '',
          levels: [
            { title: '', points: '1' },
            { title: 'B', points: '1.234' },
          ],
        },
      ],
    }
    expect(checkRubric(d, words)).toEqual({
      ok: false,
      errors: {
        title: 'title',
        'criteria.0.title': 'criterion',
        'criteria.0.description': 'max 500',
        'criteria.0.levels.0.title': 'level',
        'criteria.0.levels.1.points': '0-1000',
      },
    })
    expect(draftMax(d)).toBeUndefined()
  })

  it('checks BTEC codes: the pattern, each once, at least one Pass', () => {
    const d: RubricDraft = {
      kind: 'btec',
      title: 'Unit 4',
      criteria: [
        { title: '', description: 'Explain', code: 'm1', levels: [] },
        { title: '', description: 'Analyse', code: 'M1', levels: [] },
        { title: '', description: '', code: 'X1', levels: [] },
      ],
    }
    expect(checkRubric(d, words)).toEqual({
      ok: false,
      errors: {
        'criteria.1.code': 'taken',
        'criteria.2.code': 'code',
        'criteria.2.description': 'description',
        criteria: 'pass',
      },
    })
    const fixed = { ...d, criteria: [{ ...d.criteria[0], code: ' p1 ' }, d.criteria[1]] }
    expect(checkRubric(fixed, words)).toEqual({
      ok: true,
      data: {
        kind: 'btec',
        title: 'Unit 4',
        criteria: [
          { code: 'P1', description: 'Explain' },
          { code: 'M1', description: 'Analyse' },
        ],
      },
    })
  })

  it('lists the fields the editor shows', () => {
    const fields = rubricFields(rubricDraft(saved))
    expect(fields).toContain('criteria.0.levels.1.points')
    expect(fields).toContain('title')
  })
})
