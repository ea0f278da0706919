import type { CourseOrderBody } from '../../../../../edge/contract/courses.ts'

/** The order of a course: modules in order with their lesson ids, then the lessons outside any module. */
export interface Outline {
  modules: { id: string; lessonIds: string[] }[]
  unassigned: string[]
}

/** Where a lesson sits: its module (null: outside any module) and its index there. */
export interface Place {
  moduleId: string | null
  index: number
}

interface OrderedModule {
  id: string
  position: number
}
interface OrderedLesson {
  id: string
  module_id: string | null
  position: number
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position

/** The outline of a course from its modules and lessons (sorted by position; order kept on ties). */
export function outlineOf(course: { modules: OrderedModule[]; lessons: OrderedLesson[] }): Outline {
  const modules = [...course.modules].sort(byPosition).map((m) => ({ id: m.id, lessonIds: [] as string[] }))
  const byId = new Map(modules.map((m) => [m.id, m]))
  const unassigned: string[] = []
  for (const lesson of [...course.lessons].sort(byPosition)) {
    const module = lesson.module_id ? byId.get(lesson.module_id) : undefined
    if (module) module.lessonIds.push(lesson.id)
    else unassigned.push(lesson.id)
  }
  return { modules, unassigned }
}

/** The body of PUT /courses/:id/order for an outline. */
export function toOrderBody(o: Outline): CourseOrderBody {
  return {
    modules: o.modules.map((m) => ({ id: m.id, lesson_ids: [...m.lessonIds] })),
    unassigned_lesson_ids: [...o.unassigned],
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** True when two outlines put everything in the same place (then there is nothing to save). */
export function sameOutline(a: Outline, b: Outline): boolean {
  return (
    sameList(
      a.modules.map((m) => m.id),
      b.modules.map((m) => m.id),
    ) &&
    a.modules.every((m, i) => sameList(m.lessonIds, b.modules[i].lessonIds)) &&
    sameList(a.unassigned, b.unassigned)
  )
}

/** The lesson list of a container (a module id, or null for the lessons outside any module). */
export function lessonsIn(o: Outline, moduleId: string | null): string[] {
  return moduleId === null ? o.unassigned : (o.modules.find((m) => m.id === moduleId)?.lessonIds ?? [])
}

/** Where a lesson is, or undefined when the outline does not have it. */
export function locateLesson(o: Outline, lessonId: string): Place | undefined {
  for (const m of o.modules) {
    const index = m.lessonIds.indexOf(lessonId)
    if (index >= 0) return { moduleId: m.id, index }
  }
  const index = o.unassigned.indexOf(lessonId)
  return index >= 0 ? { moduleId: null, index } : undefined
}

function clone(o: Outline): Outline {
  return {
    modules: o.modules.map((m) => ({ id: m.id, lessonIds: [...m.lessonIds] })),
    unassigned: [...o.unassigned],
  }
}

/**
 * The outline with a lesson moved to a place. `to.index` counts in the target list as it is
 * before the move (so dropping "before the third lesson" of the same module means index 2), and
 * is clamped to the list. Unknown lessons or modules leave the outline as it was.
 */
export function moveLesson(o: Outline, lessonId: string, to: Place): Outline {
  const from = locateLesson(o, lessonId)
  if (!from) return o
  if (to.moduleId !== null && !o.modules.some((m) => m.id === to.moduleId)) return o
  const next = clone(o)
  const source = lessonsIn(next, from.moduleId)
  source.splice(from.index, 1)
  const target = lessonsIn(next, to.moduleId)
  let index = Math.max(0, Math.min(to.index, target.length + (source === target ? 1 : 0)))
  if (source === target && from.index < index) index -= 1
  target.splice(Math.min(index, target.length), 0, lessonId)
  return sameOutline(o, next) ? o : next
}

/** The outline with a module moved to an index (counted before the move, clamped). */
export function moveModule(o: Outline, moduleId: string, toIndex: number): Outline {
  const from = o.modules.findIndex((m) => m.id === moduleId)
  if (from < 0) return o
  const next = clone(o)
  const [module] = next.modules.splice(from, 1)
  let index = Math.max(0, Math.min(toIndex, o.modules.length))
  if (from < index) index -= 1
  next.modules.splice(index, 0, module)
  return sameOutline(o, next) ? o : next
}

/** The containers in reading order: each module, then the lessons outside any module. */
function containers(o: Outline): (string | null)[] {
  return [...o.modules.map((m) => m.id), null]
}

/**
 * One step up (-1) or down (+1) for a lesson, as the move buttons do: within its list, and past
 * the first or last lesson into the end of the previous (start of the next) module.
 */
export function stepLesson(o: Outline, lessonId: string, dir: -1 | 1): Outline {
  const from = locateLesson(o, lessonId)
  if (!from) return o
  const list = lessonsIn(o, from.moduleId)
  const within = from.index + dir
  if (within >= 0 && within < list.length) {
    return moveLesson(o, lessonId, { moduleId: from.moduleId, index: dir === 1 ? within + 1 : within })
  }
  const order = containers(o)
  const neighbour = order[order.indexOf(from.moduleId) + dir]
  if (neighbour === undefined) return o
  const target = lessonsIn(o, neighbour)
  return moveLesson(o, lessonId, { moduleId: neighbour, index: dir === -1 ? target.length : 0 })
}

/** One step up or down for a module. */
export function stepModule(o: Outline, moduleId: string, dir: -1 | 1): Outline {
  const from = o.modules.findIndex((m) => m.id === moduleId)
  if (from < 0) return o
  return moveModule(o, moduleId, dir === 1 ? from + 2 : from - 1)
}

/** The outline with a lesson added at the end of a module (or of the unassigned list). */
export function addLesson(o: Outline, lessonId: string, moduleId: string | null): Outline {
  const next = clone(o)
  lessonsIn(next, moduleId).push(lessonId)
  return next
}
