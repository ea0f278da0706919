import type { Child } from '../../../../edge/contract/guardians.ts'

// What a parent may buy, from their linked children (pure: the pay page and the course page's Buy
// link read it).

/** The children who do not have the course yet, in the server's order. */
export const childrenWithout = (children: readonly Child[], courseId: string): Child[] =>
  children.filter((c) => !c.course_ids.includes(courseId))

/** What a parent's pay page shows: no linked child, every child has it, or the children to buy for. */
export type BuyFor =
  | { kind: 'no_children' }
  | { kind: 'all_have_it' }
  | { kind: 'choose'; children: Child[]; preselected: string }

/**
 * The pay page's "Buy for" choice. `wanted` (from `?for=`) is preselected when it is a child who
 * still lacks the course; otherwise the first such child.
 */
export function buyFor(children: readonly Child[], courseId: string, wanted?: string): BuyFor {
  if (children.length === 0) return { kind: 'no_children' }
  const open = childrenWithout(children, courseId)
  const first = open[0]
  if (!first) return { kind: 'all_have_it' }
  const preselected = open.some((c) => c.user_id === wanted) ? (wanted as string) : first.user_id
  return { kind: 'choose', children: open, preselected }
}
