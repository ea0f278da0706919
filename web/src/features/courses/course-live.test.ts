import { describe, expect, it } from 'vitest'
import { parseCourseEvent } from './course-live.ts'

describe('parseCourseEvent', () => {
  it('reads a published version and an outline change', () => {
    expect(parseCourseEvent('published', { course_id: 'c', lesson_id: 'l', version: 3 })).toEqual({
      kind: 'published',
      lessonId: 'l',
      version: 3,
    })
    expect(parseCourseEvent('outline', { course_id: 'c' })).toEqual({ kind: 'outline' })
  })

  it('reads a forum change with its thread', () => {
    expect(parseCourseEvent('forum', { course_id: 'c', thread_id: 't' })).toEqual({
      kind: 'forum',
      threadId: 't',
    })
    expect(parseCourseEvent('forum', { course_id: 'c' })).toBeUndefined()
  })

  it('reads a lesson comment change with its lesson', () => {
    expect(parseCourseEvent('lesson_comments', { course_id: 'c', lesson_id: 'l' })).toEqual({
      kind: 'comments',
      lessonId: 'l',
    })
    expect(parseCourseEvent('lesson_comments', { lesson_id: 7 })).toBeUndefined()
  })

  it('ignores other events and data not in shape', () => {
    expect(parseCourseEvent('typing', {})).toBeUndefined()
    expect(parseCourseEvent('published', null)).toBeUndefined()
    expect(parseCourseEvent('published', { lesson_id: 'l', version: '3' })).toBeUndefined()
  })
})
