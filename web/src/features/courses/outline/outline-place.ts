import type { CourseModule } from '../../../../../edge/contract/courses.ts'

// Where a quiz or an assignment sits in its course's outline: a module (or none: listed under the
// outline) and its position among that module's assessments, shown after the module's lessons.
// The settings forms of both read and write it with these.

export interface Placed {
  id: string
  module_id: string | null
  position: number
}

/** A position as typed: a whole number 0–10000 ('' is 0); undefined when it is not one. */
export function parsePosition(text: string): number | undefined {
  const t = text.trim()
  if (t === '') return 0
  return /^\d{1,5}$/.test(t) && Number(t) <= 10000 ? Number(t) : undefined
}

/** The settings body's placement fields that changed (none when nothing did). */
export function placeChanges(
  moduleId: string,
  position: number | undefined,
  current: { module_id: string | null; position: number },
): { module_id?: string | null; position?: number } {
  const out: { module_id?: string | null; position?: number } = {}
  if ((moduleId || null) !== current.module_id) out.module_id = moduleId || null
  if (position !== undefined && position !== current.position) out.position = position
  return out
}

/** A module's assessments in their order (position, then the order given: quizzes, assignments). */
export function inModule<T extends Placed>(items: T[], moduleId: string): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.module_id === moduleId)
    .sort((a, b) => a.item.position - b.item.position || a.i - b.i)
    .map(({ item }) => item)
}

/** The module choices of a settings form: none first, then the course's modules in order. */
export function moduleOptions(
  modules: CourseModule[],
  none: string,
  numbered: (n: number, title: string) => string,
) {
  return [
    { value: '', label: none },
    ...[...modules]
      .sort((a, b) => a.position - b.position)
      .map((m, i) => ({ value: m.id, label: numbered(i + 1, m.title) })),
  ]
}
