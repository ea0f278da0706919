import { type Accessor, createSignal } from 'solid-js'
import { lessonsIn, type Outline, type Place } from './course-order.ts'

// Drag and drop in the outline (HTML5, for pointers; the move buttons do the same for keyboards
// and touch): what is dragged, where it would land, and the line that shows the landing place.

type Dragged = { kind: 'lesson' | 'module'; id: string }
type Target = { kind: 'lesson'; moduleId: string | null; index: number } | { kind: 'module'; index: number }

const DROP_BEFORE = 'shadow-[inset_0_3px_0_0_var(--kp-primary)]'
const DROP_AFTER = 'shadow-[inset_0_-3px_0_0_var(--kp-primary)]'

/** True when the pointer is in the lower half of the element (drop after it). */
const lowerHalf = (e: DragEvent) => {
  const rect = (e.currentTarget as HTMLElement).getBoundingClientRect()
  return e.clientY > rect.top + rect.height / 2
}

/** The drag state of one outline; `moveLesson`/`moveModule` apply a drop. */
export function createOutlineDrag(opts: {
  outline: Accessor<Outline>
  moveLesson: (id: string, to: Place) => void
  moveModule: (id: string, index: number) => void
}) {
  const [drag, setDrag] = createSignal<Dragged>()
  const [drop, setDrop] = createSignal<Target>()

  const end = () => {
    setDrag()
    setDrop()
  }

  return {
    /** The id being dragged (its row fades). */
    draggedId: () => drag()?.id,
    end,
    start(e: DragEvent, value: Dragged, title: string) {
      e.stopPropagation()
      if (!e.dataTransfer) return
      e.dataTransfer.effectAllowed = 'move'
      e.dataTransfer.setData('text/plain', title)
      setDrag(value)
    },
    drop(e: DragEvent) {
      e.preventDefault()
      const d = drag()
      const target = drop()
      end()
      if (!d || !target) return
      if (d.kind === 'lesson' && target.kind === 'lesson')
        opts.moveLesson(d.id, { moduleId: target.moduleId, index: target.index })
      else if (d.kind === 'module' && target.kind === 'module') opts.moveModule(d.id, target.index)
    },
    /** Over a lesson row: before or after it. */
    overLesson(e: DragEvent, moduleId: string | null, index: number) {
      if (drag()?.kind !== 'lesson') return
      e.preventDefault()
      e.stopPropagation()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move'
      setDrop({ kind: 'lesson', moduleId, index: index + (lowerHalf(e) ? 1 : 0) })
    },
    /** Over a lesson list (or its empty placeholder): at its end. */
    overList(e: DragEvent, moduleId: string | null) {
      if (drag()?.kind !== 'lesson') return
      e.preventDefault()
      setDrop({ kind: 'lesson', moduleId, index: lessonsIn(opts.outline(), moduleId).length })
    },
    overModule(e: DragEvent, index: number) {
      if (drag()?.kind !== 'module') return
      e.preventDefault()
      e.stopPropagation()
      setDrop({ kind: 'module', index: index + (lowerHalf(e) ? 1 : 0) })
    },
    /** The landing line of a lesson row. */
    lessonClass(moduleId: string | null, index: number) {
      const d = drop()
      if (d?.kind !== 'lesson' || d.moduleId !== moduleId) return ''
      if (d.index === index) return DROP_BEFORE
      if (index === lessonsIn(opts.outline(), moduleId).length - 1 && d.index === index + 1) return DROP_AFTER
      return ''
    },
    /** The landing line of an empty lesson list. */
    emptyListClass(moduleId: string | null) {
      const d = drop()
      return d?.kind === 'lesson' && d.moduleId === moduleId ? DROP_BEFORE : ''
    },
    moduleClass(index: number) {
      const d = drop()
      if (d?.kind !== 'module') return ''
      if (d.index === index) return DROP_BEFORE
      if (index === opts.outline().modules.length - 1 && d.index === index + 1) return DROP_AFTER
      return ''
    },
  }
}

export type OutlineDrag = ReturnType<typeof createOutlineDrag>
