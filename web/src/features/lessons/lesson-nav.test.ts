import { describe, expect, it } from 'vitest'
import type { Lesson } from '../../../../edge/contract/courses.ts'
import { publishedNeighbours } from './lesson-nav.ts'

const lesson = (id: string, module_id: string | null, position: number, published = true): Lesson => ({
  id,
  course_id: 'c',
  module_id,
  title: id.toUpperCase(),
  position,
  created_by: null,
  created_at: '',
  updated_at: '',
  published_version: published ? 1 : null,
})

const course = {
  modules: [
    { id: 'm2', course_id: 'c', title: 'Two', position: 1, created_at: '', updated_at: '' },
    { id: 'm1', course_id: 'c', title: 'One', position: 0, created_at: '', updated_at: '' },
  ],
  lessons: [
    lesson('b', 'm1', 1),
    lesson('a', 'm1', 0),
    lesson('draft', 'm2', 0, false),
    lesson('c', 'm2', 1),
    lesson('loose', null, 0),
  ],
}

describe('publishedNeighbours', () => {
  it('follows module order, then lesson order, then the lessons outside any module', () => {
    expect(publishedNeighbours(course, 'a')).toEqual({ previous: undefined, next: course.lessons[0] })
    expect(publishedNeighbours(course, 'c').previous?.id).toBe('b')
    expect(publishedNeighbours(course, 'c').next?.id).toBe('loose')
    expect(publishedNeighbours(course, 'loose').next).toBeUndefined()
  })

  it('skips lessons never published', () => {
    expect(publishedNeighbours(course, 'b').next?.id).toBe('c')
  })

  it('knows nothing of a lesson not in the course', () => {
    expect(publishedNeighbours(course, 'elsewhere')).toEqual({})
  })
})
