import type { CourseDetail, Lesson } from '../../../../edge/contract/courses.ts'
import { outlineOf } from '../courses/outline/course-order.ts'

/** The published lessons just before and after a lesson, in the course's outline order. */
export function publishedNeighbours(
  course: Pick<CourseDetail, 'modules' | 'lessons'>,
  lessonId: string,
): { previous?: Lesson; next?: Lesson } {
  const o = outlineOf(course)
  const byId = new Map(course.lessons.map((l) => [l.id, l]))
  const order = [...o.modules.flatMap((m) => m.lessonIds), ...o.unassigned]
    .map((id) => byId.get(id))
    .filter((l): l is Lesson => !!l && (l.published_version !== null || l.id === lessonId))
  const at = order.findIndex((l) => l.id === lessonId)
  if (at < 0) return {}
  return { previous: order[at - 1], next: order[at + 1] }
}
