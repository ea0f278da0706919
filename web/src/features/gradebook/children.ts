import type { Child } from '../../../../edge/contract/guardians.ts'

// Which of a parent's linked children the grades page offers (pure).

/** The children enrolled in the course, in the server's order. */
export const childrenInCourse = (children: readonly Child[], courseId: string): Child[] =>
  children.filter((c) => c.course_ids.includes(courseId))

/** The child whose grades show: the one asked for (`?student=`) when they take the course, else the first. */
export function chosenChild(children: readonly Child[], wanted: string | undefined): Child | undefined {
  return children.find((c) => c.user_id === wanted) ?? children[0]
}
