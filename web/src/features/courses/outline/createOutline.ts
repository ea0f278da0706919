import { revalidate } from '@solidjs/router'
import { createEffect, createMemo, createSignal, on } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourse } from '../api.ts'
import {
  addLesson,
  lessonsIn,
  locateLesson,
  moveLesson,
  moveModule,
  type Outline,
  outlineOf,
  stepLesson,
  stepModule,
  toOrderBody,
} from './course-order.ts'
import { messages } from './messages.ts'
import { createOutlineDrag } from './outline-drag.ts'

const t = translator(messages)

/** A module or lesson about to be deleted (the confirm dialog's subject). */
export type Deleting = { kind: 'lesson' | 'module'; id: string; title: string; lessons?: number }

// The state of a course's outline while it is shown: the order on screen, saved with
// PUT /courses/:id/order one request at a time (the newest order wins; a refusal puts the last
// saved order back), moves announced for screen readers, and the rows' add/rename/delete actions.

/** The outline of one course; made by CourseOutline and handed to its rows. */
export function createOutline(course: () => CourseDetail) {
  const courseId = () => course().id
  const lessons = createMemo(() => new Map(course().lessons.map((l) => [l.id, l])))
  const modules = createMemo(() => new Map(course().modules.map((m) => [m.id, m])))
  const [outline, setOutline] = createSignal<Outline>(outlineOf(course()))
  const [announcement, setAnnouncement] = createSignal('')
  const [renaming, setRenaming] = createSignal<string>()
  /** The container whose "Add lesson" form is open: a module id, null (no module), or none. */
  const [adding, setAdding] = createSignal<string | null | undefined>(undefined)
  const [deleting, setDeleting] = createSignal<Deleting>()

  // The order last accepted by the server, and a save loop that sends the newest order once the
  // previous request answered (so fast clicks never race).
  let confirmed = outline()
  let saving = false
  let again = false
  createEffect(
    on(
      course,
      (c) => {
        if (saving) return
        confirmed = outlineOf(c)
        setOutline(confirmed)
      },
      { defer: true },
    ),
  )

  const refresh = () => revalidate(getCourse.keyFor(courseId()))

  async function save() {
    if (saving) {
      again = true
      return
    }
    saving = true
    try {
      do {
        again = false
        const snapshot = outline()
        await api().put('/courses/:id/order', toOrderBody(snapshot), { params: { id: courseId() } })
        confirmed = snapshot
      } while (again)
    } catch (error) {
      setOutline(confirmed)
      setAnnouncement(t('order.notSavedAnnouncement'))
      toast.error(t('order.notSaved'), errorMessage(error))
    } finally {
      saving = false
      again = false
      void refresh()
    }
  }

  const moduleTitle = (id: string) => modules().get(id)?.title ?? t('order.someModule')

  function commit(next: Outline, message: string) {
    if (next === outline()) return
    setOutline(next)
    setAnnouncement(message)
    void save()
  }

  function lessonMoved(next: Outline, id: string) {
    const place = locateLesson(next, id)
    if (!place) return
    const params = {
      title: lessons().get(id)?.title ?? t('order.someLesson'),
      position: place.index + 1,
      total: lessonsIn(next, place.moduleId).length,
    }
    commit(
      next,
      place.moduleId === null
        ? t('order.lessonMovedUnassigned', params)
        : t('order.lessonMoved', { ...params, module: moduleTitle(place.moduleId) }),
    )
  }

  function moduleMoved(next: Outline, id: string) {
    const index = next.modules.findIndex((m) => m.id === id)
    commit(
      next,
      t('order.moduleMoved', { module: moduleTitle(id), position: index + 1, total: next.modules.length }),
    )
  }

  /** Keeps focus on the moved row's button (or its twin when that one is now disabled). */
  const focusMove = (id: string, dir: 'up' | 'down') =>
    queueMicrotask(() => {
      const btn = document.querySelector<HTMLButtonElement>(`[data-move="${id}-${dir}"]`)
      if (btn && !btn.disabled) btn.focus()
      else
        document
          .querySelector<HTMLButtonElement>(`[data-move="${id}-${dir === 'up' ? 'down' : 'up'}"]`)
          ?.focus()
    })

  return {
    course,
    editable: () => course().my_access.edit,
    lessons,
    modules,
    outline,
    announcement,
    renaming,
    setRenaming,
    adding,
    setAdding,
    deleting,
    setDeleting,
    lessonIds: (moduleId: string | null) => lessonsIn(outline(), moduleId),
    drag: createOutlineDrag({
      outline,
      moveLesson: (id, to) => lessonMoved(moveLesson(outline(), id, to), id),
      moveModule: (id, index) => moduleMoved(moveModule(outline(), id, index), id),
    }),

    /** One step up (-1) or down (+1) with the move buttons. */
    step(kind: 'lesson' | 'module', id: string, dir: -1 | 1) {
      if (kind === 'lesson') lessonMoved(stepLesson(outline(), id, dir), id)
      else moduleMoved(stepModule(outline(), id, dir), id)
      focusMove(id, dir === -1 ? 'up' : 'down')
    },
    canStep(kind: 'lesson' | 'module', id: string, dir: -1 | 1) {
      const o = outline()
      return (kind === 'lesson' ? stepLesson(o, id, dir) : stepModule(o, id, dir)) !== o
    },

    async createLesson(title: string, moduleId: string | null) {
      const lesson = await api().post(
        '/courses/:id/lessons',
        { title, module_id: moduleId },
        { params: { id: courseId() } },
      )
      if (!saving) setOutline((o) => addLesson(o, lesson.id, moduleId))
      toast.success(t('toast.lessonAdded'), t('toast.lessonAddedText', { title: lesson.title }))
      setAdding(undefined)
      await refresh()
    },
    async createModule(title: string) {
      await api().post('/courses/:id/modules', { title }, { params: { id: courseId() } })
      toast.success(t('toast.moduleAdded'), t('toast.moduleAddedText', { title }))
      await refresh()
    },
    async rename(kind: 'lesson' | 'module', id: string, title: string) {
      if (kind === 'lesson') await api().patch('/lessons/:id', { title }, { params: { id } })
      else await api().patch('/modules/:id', { title }, { params: { id } })
      setRenaming()
      toast.success(kind === 'lesson' ? t('toast.lessonRenamed') : t('toast.moduleRenamed'))
      await refresh()
    },
    async remove(item: Deleting) {
      if (item.kind === 'lesson') await api().delete('/lessons/:id', { params: { id: item.id } })
      else await api().delete('/modules/:id', { params: { id: item.id } })
      const lesson = item.kind === 'lesson'
      toast.success(
        t(lesson ? 'toast.lessonDeleted' : 'toast.moduleDeleted'),
        t(lesson ? 'toast.lessonDeletedText' : 'toast.moduleDeletedText', { title: item.title }),
      )
      await refresh()
    },
  }
}

export type OutlineController = ReturnType<typeof createOutline>
