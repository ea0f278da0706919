import { describe, expect, it } from 'vitest'
import { CourseOrderBody } from '../../../../../edge/contract/courses.ts'
import {
  locateLesson,
  moveLesson,
  moveModule,
  type Outline,
  outlineOf,
  sameOutline,
  stepLesson,
  stepModule,
  toOrderBody,
} from './course-order.ts'

const base: Outline = {
  modules: [
    { id: 'm1', lessonIds: ['a', 'b', 'c'] },
    { id: 'm2', lessonIds: [] },
    { id: 'm3', lessonIds: ['d'] },
  ],
  unassigned: ['e'],
}

describe('outlineOf', () => {
  it('sorts modules and lessons by position and keeps lessons of unknown modules outside', () => {
    const o = outlineOf({
      modules: [
        { id: 'm2', position: 2 },
        { id: 'm1', position: 1 },
      ],
      lessons: [
        { id: 'b', module_id: 'm1', position: 2 },
        { id: 'a', module_id: 'm1', position: 1 },
        { id: 'x', module_id: null, position: 0 },
        { id: 'y', module_id: 'gone', position: 1 },
      ],
    })
    expect(o).toEqual({
      modules: [
        { id: 'm1', lessonIds: ['a', 'b'] },
        { id: 'm2', lessonIds: [] },
      ],
      unassigned: ['x', 'y'],
    })
  })
})

describe('moveLesson', () => {
  it('moves down and up within a module, counting indexes before the move', () => {
    expect(moveLesson(base, 'a', { moduleId: 'm1', index: 2 }).modules[0].lessonIds).toEqual(['b', 'a', 'c'])
    expect(moveLesson(base, 'a', { moduleId: 'm1', index: 3 }).modules[0].lessonIds).toEqual(['b', 'c', 'a'])
    expect(moveLesson(base, 'c', { moduleId: 'm1', index: 0 }).modules[0].lessonIds).toEqual(['c', 'a', 'b'])
  })

  it('moves into another module, an empty one, and out of modules', () => {
    const o = moveLesson(base, 'b', { moduleId: 'm2', index: 0 })
    expect(o.modules[0].lessonIds).toEqual(['a', 'c'])
    expect(o.modules[1].lessonIds).toEqual(['b'])
    const out = moveLesson(base, 'd', { moduleId: null, index: 0 })
    expect(out.modules[2].lessonIds).toEqual([])
    expect(out.unassigned).toEqual(['d', 'e'])
  })

  it('returns the same outline for no-ops and unknown ids, and never mutates its input', () => {
    const copy = structuredClone(base)
    expect(moveLesson(base, 'a', { moduleId: 'm1', index: 0 })).toBe(base)
    expect(moveLesson(base, 'a', { moduleId: 'm1', index: 1 })).toBe(base)
    expect(moveLesson(base, 'zz', { moduleId: 'm1', index: 0 })).toBe(base)
    expect(moveLesson(base, 'a', { moduleId: 'nope', index: 0 })).toBe(base)
    moveLesson(base, 'a', { moduleId: 'm3', index: 99 })
    expect(base).toEqual(copy)
  })
})

describe('move buttons', () => {
  it('steps within a module and across module boundaries, skipping into empty modules', () => {
    expect(stepLesson(base, 'b', -1).modules[0].lessonIds).toEqual(['b', 'a', 'c'])
    expect(stepLesson(base, 'b', 1).modules[0].lessonIds).toEqual(['a', 'c', 'b'])
    const down = stepLesson(base, 'c', 1)
    expect(down.modules[1].lessonIds).toEqual(['c'])
    const up = stepLesson(base, 'd', -1)
    expect(up.modules[1].lessonIds).toEqual(['d'])
    expect(stepLesson(base, 'e', -1).modules[2].lessonIds).toEqual(['d', 'e'])
    expect(stepLesson(base, 'd', 1).unassigned).toEqual(['d', 'e'])
  })

  it('stops at the very top and bottom', () => {
    expect(stepLesson(base, 'a', -1)).toBe(base)
    expect(stepLesson(base, 'e', 1)).toBe(base)
    expect(stepModule(base, 'm1', -1)).toBe(base)
    expect(stepModule(base, 'm3', 1)).toBe(base)
  })

  it('moves modules with their lessons', () => {
    expect(stepModule(base, 'm1', 1).modules.map((m) => m.id)).toEqual(['m2', 'm1', 'm3'])
    expect(stepModule(base, 'm3', -1).modules.map((m) => m.id)).toEqual(['m1', 'm3', 'm2'])
    const o = moveModule(base, 'm1', 3)
    expect(o.modules.map((m) => m.id)).toEqual(['m2', 'm3', 'm1'])
    expect(o.modules[2].lessonIds).toEqual(['a', 'b', 'c'])
  })
})

describe('saving', () => {
  it('builds a PUT /order body the contract accepts, naming every lesson once', () => {
    const ids = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`
    const o: Outline = { modules: [{ id: ids(1), lessonIds: [ids(2), ids(3)] }], unassigned: [ids(4)] }
    const body = toOrderBody(o)
    expect(CourseOrderBody.parse(body)).toEqual({
      modules: [{ id: ids(1), lesson_ids: [ids(2), ids(3)] }],
      unassigned_lesson_ids: [ids(4)],
    })
  })

  it('tells a real change from none', () => {
    expect(sameOutline(base, structuredClone(base))).toBe(true)
    expect(sameOutline(base, stepLesson(base, 'b', 1))).toBe(false)
    expect(sameOutline(base, stepModule(base, 'm1', 1))).toBe(false)
    expect(locateLesson(base, 'e')).toEqual({ moduleId: null, index: 0 })
    expect(locateLesson(base, 'zz')).toBeUndefined()
  })
})
