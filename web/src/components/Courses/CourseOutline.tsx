import { A, revalidate } from '@solidjs/router'
import ArrowDown from 'lucide-solid/icons/arrow-down'
import ArrowUp from 'lucide-solid/icons/arrow-up'
import FileText from 'lucide-solid/icons/file-text'
import GripVertical from 'lucide-solid/icons/grip-vertical'
import Layers from 'lucide-solid/icons/layers'
import Plus from 'lucide-solid/icons/plus'
import { createEffect, createMemo, createSignal, For, type JSX, on, Show } from 'solid-js'
import type { CourseDetail, Lesson } from '../../../../edge/contract/courses.ts'
import { getCourse } from '../../api/courses.ts'
import { errorMessage } from '../../api/errors.ts'
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
} from '../../lib/course-order.ts'
import { lessonHref } from '../../lib/course-roles.ts'
import { plural } from '../../lib/format.ts'
import { api } from '../../lib/runtime.ts'
import { useTenant } from '../Tenant/TenantContext.tsx'
import { ConfirmDialog } from '../UI/ConfirmDialog.tsx'
import { EmptyState } from '../UI/EmptyState.tsx'
import { toast } from '../UI/Toaster.tsx'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { RowMenu } from './RowMenu.tsx'

type Drag = { kind: 'lesson' | 'module'; id: string }
type Drop = { kind: 'lesson'; moduleId: string | null; index: number } | { kind: 'module'; index: number }
type Deleting = { kind: 'lesson' | 'module'; id: string; title: string; lessons?: number }

const ICON_BTN = 'btn-ghost size-9 min-h-9 px-0 disabled:opacity-30'
const DROP_BEFORE = 'shadow-[inset_0_3px_0_0_var(--kp-primary)]'
const DROP_AFTER = 'shadow-[inset_0_-3px_0_0_var(--kp-primary)]'

/** True when the pointer is in the lower half of the element (drop after it). */
const lowerHalf = (e: DragEvent) => {
  const rect = (e.currentTarget as HTMLElement).getBoundingClientRect()
  return e.clientY > rect.top + rect.height / 2
}

/**
 * The modules and lessons of a course. Editors add, rename, delete and reorder them — by drag and
 * drop or by the move buttons — and each new order is shown at once and saved with PUT /order
 * (put back, with a message, when the server refuses it).
 */
export function CourseOutline(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const courseId = () => props.course.id
  const editable = () => props.course.my_access.edit
  const lessons = createMemo(() => new Map(props.course.lessons.map((l) => [l.id, l])))
  const modules = createMemo(() => new Map(props.course.modules.map((m) => [m.id, m])))

  const [outline, setOutline] = createSignal<Outline>(outlineOf(props.course))
  const [announcement, setAnnouncement] = createSignal('')
  const [drag, setDrag] = createSignal<Drag>()
  const [drop, setDrop] = createSignal<Drop>()
  const [renaming, setRenaming] = createSignal<string>()
  const [adding, setAdding] = createSignal<string | null | undefined>(undefined)
  const [deleting, setDeleting] = createSignal<Deleting>()

  // The order last accepted by the server, and a save loop that sends the newest order once the
  // previous request answered (so fast clicks never race).
  let confirmed = outline()
  let saving = false
  let again = false
  createEffect(
    on(
      () => props.course,
      (course) => {
        if (saving) return
        confirmed = outlineOf(course)
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
      setAnnouncement('The new order was not saved.')
      toast.error('The new order was not saved', errorMessage(error))
    } finally {
      saving = false
      again = false
      void refresh()
    }
  }

  const moduleTitle = (id: string | null) =>
    id === null ? 'lessons without a module' : `“${modules().get(id)?.title ?? 'module'}”`

  function commit(next: Outline, message: string) {
    if (next === outline()) return
    setOutline(next)
    setAnnouncement(message)
    void save()
  }

  function lessonMoved(next: Outline, id: string) {
    const place = locateLesson(next, id)
    if (!place) return
    const title = lessons().get(id)?.title ?? 'Lesson'
    commit(
      next,
      `Moved “${title}” to position ${place.index + 1} of ${lessonsIn(next, place.moduleId).length} in ${moduleTitle(place.moduleId)}.`,
    )
  }

  function moduleMoved(next: Outline, id: string) {
    const index = next.modules.findIndex((m) => m.id === id)
    commit(next, `Moved module ${moduleTitle(id)} to position ${index + 1} of ${next.modules.length}.`)
  }

  const focusMove = (id: string, dir: 'up' | 'down') =>
    queueMicrotask(() => {
      const btn = document.querySelector<HTMLButtonElement>(`[data-move="${id}-${dir}"]`)
      if (btn && !btn.disabled) btn.focus()
      else
        document
          .querySelector<HTMLButtonElement>(`[data-move="${id}-${dir === 'up' ? 'down' : 'up'}"]`)
          ?.focus()
    })

  const stepL = (id: string, dir: -1 | 1) => {
    lessonMoved(stepLesson(outline(), id, dir), id)
    focusMove(id, dir === -1 ? 'up' : 'down')
  }
  const stepM = (id: string, dir: -1 | 1) => {
    moduleMoved(stepModule(outline(), id, dir), id)
    focusMove(id, dir === -1 ? 'up' : 'down')
  }
  const canStepL = (id: string, dir: -1 | 1) => stepLesson(outline(), id, dir) !== outline()
  const canStepM = (id: string, dir: -1 | 1) => stepModule(outline(), id, dir) !== outline()

  // Drag and drop (pointer users); the move buttons do the same for keyboards and touch.
  const endDrag = () => {
    setDrag()
    setDrop()
  }
  function onDrop(e: DragEvent) {
    e.preventDefault()
    const d = drag()
    const target = drop()
    endDrag()
    if (!d || !target) return
    if (d.kind === 'lesson' && target.kind === 'lesson') {
      lessonMoved(moveLesson(outline(), d.id, { moduleId: target.moduleId, index: target.index }), d.id)
    } else if (d.kind === 'module' && target.kind === 'module') {
      moduleMoved(moveModule(outline(), d.id, target.index), d.id)
    }
  }
  const startDrag = (e: DragEvent, value: Drag, title: string) => {
    e.stopPropagation()
    if (!e.dataTransfer) return
    e.dataTransfer.effectAllowed = 'move'
    e.dataTransfer.setData('text/plain', title)
    setDrag(value)
  }
  const overLesson = (e: DragEvent, moduleId: string | null, index: number) => {
    if (drag()?.kind !== 'lesson') return
    e.preventDefault()
    e.stopPropagation()
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move'
    setDrop({ kind: 'lesson', moduleId, index: index + (lowerHalf(e) ? 1 : 0) })
  }
  const overList = (e: DragEvent, moduleId: string | null) => {
    if (drag()?.kind !== 'lesson') return
    e.preventDefault()
    setDrop({ kind: 'lesson', moduleId, index: lessonsIn(outline(), moduleId).length })
  }
  const overModule = (e: DragEvent, index: number) => {
    if (drag()?.kind !== 'module') return
    e.preventDefault()
    e.stopPropagation()
    setDrop({ kind: 'module', index: index + (lowerHalf(e) ? 1 : 0) })
  }
  const lessonDropClass = (moduleId: string | null, index: number) => {
    const d = drop()
    if (d?.kind !== 'lesson' || d.moduleId !== moduleId) return ''
    if (d.index === index) return DROP_BEFORE
    if (index === lessonsIn(outline(), moduleId).length - 1 && d.index === index + 1) return DROP_AFTER
    return ''
  }
  const moduleDropClass = (index: number) => {
    const d = drop()
    if (d?.kind !== 'module') return ''
    if (d.index === index) return DROP_BEFORE
    if (index === outline().modules.length - 1 && d.index === index + 1) return DROP_AFTER
    return ''
  }

  // Create, rename, delete.
  async function createLesson(title: string, moduleId: string | null) {
    const lesson = await api().post(
      '/courses/:id/lessons',
      { title, module_id: moduleId },
      { params: { id: courseId() } },
    )
    if (!saving) setOutline((o) => addLesson(o, lesson.id, moduleId))
    toast.success('Lesson added', `“${lesson.title}” is ready to write.`)
    setAdding(undefined)
    await refresh()
  }
  async function createModule(title: string) {
    await api().post('/courses/:id/modules', { title }, { params: { id: courseId() } })
    toast.success('Module added', `“${title}” is ready for lessons.`)
    await refresh()
  }
  async function rename(kind: 'lesson' | 'module', id: string, title: string) {
    if (kind === 'lesson') await api().patch('/lessons/:id', { title }, { params: { id } })
    else await api().patch('/modules/:id', { title }, { params: { id } })
    setRenaming()
    toast.success(kind === 'lesson' ? 'Lesson renamed' : 'Module renamed')
    await refresh()
  }
  async function remove(item: Deleting) {
    if (item.kind === 'lesson') await api().delete('/lessons/:id', { params: { id: item.id } })
    else await api().delete('/modules/:id', { params: { id: item.id } })
    toast.success(
      item.kind === 'lesson' ? 'Lesson deleted' : 'Module deleted',
      `“${item.title}” was deleted.`,
    )
    await refresh()
  }

  const LessonRow = (p: { lesson: Lesson; moduleId: string | null; index: number }) => {
    const id = () => p.lesson.id
    const readDraft = () => props.course.my_access.read_draft
    const published = () => p.lesson.published_version
    const href = () => lessonHref(tenant().slug, id(), readDraft())
    const linkable = () => readDraft() || published() !== null
    return (
      <li
        class={`flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2.5 sm:px-4 ${drag()?.id === id() ? 'opacity-50' : ''} ${lessonDropClass(p.moduleId, p.index)}`}
        draggable={editable() && renaming() !== id()}
        onDragStart={(e) => startDrag(e, { kind: 'lesson', id: id() }, p.lesson.title)}
        onDragOver={(e) => overLesson(e, p.moduleId, p.index)}
        onDrop={onDrop}
        onDragEnd={endDrag}
        data-lesson-id={id()}
      >
        <Show when={editable()}>
          <span class="cursor-grab text-muted active:cursor-grabbing" aria-hidden="true" title="Drag to move">
            <GripVertical size={16} />
          </span>
        </Show>
        <span class="w-6 shrink-0 text-right text-sm text-muted tabular-nums" aria-hidden="true">
          {p.index + 1}.
        </span>
        <Show
          when={renaming() !== id()}
          fallback={
            <div class="min-w-0 flex-1 basis-60">
              <InlineTitleForm
                label={`New title for “${p.lesson.title}”`}
                hideLabel
                initial={p.lesson.title}
                submitLabel="Save"
                autofocus
                onSubmit={(title) => rename('lesson', id(), title)}
                onCancel={() => setRenaming()}
              />
            </div>
          }
        >
          <span class="min-w-0 flex-1 basis-40">
            <Show when={linkable()} fallback={<span class="font-medium">{p.lesson.title}</span>}>
              <A href={href()} class="font-medium hover:underline" draggable={false}>
                {p.lesson.title}
              </A>
            </Show>
          </span>
          <span
            class={
              editable()
                ? 'flex w-full items-center justify-between gap-2 pl-14 sm:ml-auto sm:w-auto sm:justify-end sm:pl-0'
                : 'flex items-center'
            }
          >
            <Show
              when={published()}
              fallback={
                <span class="badge bg-subtle text-muted">{readDraft() ? 'Draft' : 'Not published yet'}</span>
              }
            >
              {(n) => (
                <Show when={readDraft()}>
                  <span class="badge bg-success-soft text-success">Published · v{n()}</span>
                </Show>
              )}
            </Show>
            <Show when={editable()}>
              <span class="ml-auto flex items-center">
                <button
                  type="button"
                  class={ICON_BTN}
                  aria-label={`Move ${p.lesson.title} up`}
                  data-move={`${id()}-up`}
                  disabled={!canStepL(id(), -1)}
                  onClick={() => stepL(id(), -1)}
                >
                  <ArrowUp size={16} />
                </button>
                <button
                  type="button"
                  class={ICON_BTN}
                  aria-label={`Move ${p.lesson.title} down`}
                  data-move={`${id()}-down`}
                  disabled={!canStepL(id(), 1)}
                  onClick={() => stepL(id(), 1)}
                >
                  <ArrowDown size={16} />
                </button>
                <RowMenu
                  name={p.lesson.title}
                  onRename={() => setRenaming(id())}
                  onDelete={() => setDeleting({ kind: 'lesson', id: id(), title: p.lesson.title })}
                />
              </span>
            </Show>
          </span>
        </Show>
      </li>
    )
  }

  const LessonList = (p: { moduleId: string | null; ids: string[]; empty: JSX.Element }) => (
    <Show
      when={p.ids.length > 0}
      fallback={
        // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for pointer drags; the move buttons do the same from the keyboard
        <div
          class={`px-4 py-4 text-sm text-muted ${drop()?.kind === 'lesson' && (drop() as { moduleId: string | null }).moduleId === p.moduleId ? DROP_BEFORE : ''}`}
          onDragOver={(e) => overList(e, p.moduleId)}
          onDrop={onDrop}
        >
          {p.empty}
        </div>
      }
    >
      <ol class="divide-y divide-line" onDragOver={(e) => overList(e, p.moduleId)} onDrop={onDrop}>
        <For each={p.ids}>
          {(lessonId, i) => (
            <Show when={lessons().get(lessonId)}>
              {(lesson) => <LessonRow lesson={lesson()} moduleId={p.moduleId} index={i()} />}
            </Show>
          )}
        </For>
      </ol>
    </Show>
  )

  const AddLesson = (p: { moduleId: string | null; where: string }) => (
    <Show when={editable()}>
      <div class="border-t border-line px-3 py-3 sm:px-4">
        <Show
          when={adding() === p.moduleId}
          fallback={
            <button
              type="button"
              class="btn-ghost min-h-9 px-2 py-1 text-primary"
              onClick={() => setAdding(p.moduleId)}
            >
              <Plus size={16} />
              Add lesson<span class="sr-only"> {p.where}</span>
            </button>
          }
        >
          <InlineTitleForm
            label={`New lesson ${p.where}`}
            submitLabel="Add lesson"
            placeholder="e.g. Adding fractions with the same denominator"
            autofocus
            onSubmit={(title) => createLesson(title, p.moduleId)}
            onCancel={() => setAdding(undefined)}
          />
        </Show>
      </div>
    </Show>
  )

  const noModules = () => outline().modules.length === 0
  const nothing = () => noModules() && outline().unassigned.length === 0

  return (
    <div>
      <p class="sr-only" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show when={nothing() && !editable()}>
        <EmptyState icon={<FileText size={28} />} title="No lessons yet">
          Lessons appear here as the course’s authors add them.
        </EmptyState>
      </Show>

      <ol class="space-y-4">
        {/* Keyed by id, so a save or a refresh never rebuilds the rows (focus stays on the moved row). */}
        <For each={outline().modules.map((m) => m.id)}>
          {(moduleId, i) => {
            const m = {
              id: moduleId,
              get lessonIds() {
                return lessonsIn(outline(), moduleId)
              },
            }
            return (
              <Show when={modules().get(m.id)}>
                {(module) => (
                  <li
                    class={`card overflow-hidden ${drag()?.id === m.id ? 'opacity-50' : ''}`}
                    aria-labelledby={`module-${m.id}`}
                  >
                    {/* biome-ignore lint/a11y/noStaticElementInteractions: drag handle row for pointers; the move buttons do the same from the keyboard */}
                    <div
                      class={`flex flex-wrap items-center gap-2 border-b border-line bg-subtle/50 px-3 py-2.5 sm:px-4 ${moduleDropClass(i())}`}
                      draggable={editable() && renaming() !== m.id}
                      onDragStart={(e) => startDrag(e, { kind: 'module', id: m.id }, module().title)}
                      onDragOver={(e) => overModule(e, i())}
                      onDrop={onDrop}
                      onDragEnd={endDrag}
                    >
                      <Show when={editable()}>
                        <span class="cursor-grab text-muted" aria-hidden="true" title="Drag to move">
                          <GripVertical size={16} />
                        </span>
                      </Show>
                      <Show
                        when={renaming() !== m.id}
                        fallback={
                          <div class="min-w-0 flex-1 basis-60">
                            <InlineTitleForm
                              label={`New title for module “${module().title}”`}
                              hideLabel
                              initial={module().title}
                              submitLabel="Save"
                              autofocus
                              onSubmit={(title) => rename('module', m.id, title)}
                              onCancel={() => setRenaming()}
                            />
                          </div>
                        }
                      >
                        <h3 id={`module-${m.id}`} class="min-w-0 flex-1 basis-40 font-semibold">
                          <span class="text-muted">Module {i() + 1} · </span>
                          {module().title}
                        </h3>
                        <span
                          class={
                            editable()
                              ? 'flex w-full items-center justify-between gap-2 pl-6 sm:ml-auto sm:w-auto sm:justify-end sm:pl-0'
                              : 'text-sm'
                          }
                        >
                          <span class="text-sm text-muted">{plural(m.lessonIds.length, 'lesson')}</span>
                          <Show when={editable()}>
                            <span class="ml-auto flex items-center">
                              <button
                                type="button"
                                class={ICON_BTN}
                                aria-label={`Move module ${module().title} up`}
                                data-move={`${m.id}-up`}
                                disabled={!canStepM(m.id, -1)}
                                onClick={() => stepM(m.id, -1)}
                              >
                                <ArrowUp size={16} />
                              </button>
                              <button
                                type="button"
                                class={ICON_BTN}
                                aria-label={`Move module ${module().title} down`}
                                data-move={`${m.id}-down`}
                                disabled={!canStepM(m.id, 1)}
                                onClick={() => stepM(m.id, 1)}
                              >
                                <ArrowDown size={16} />
                              </button>
                              <RowMenu
                                name={`module ${module().title}`}
                                onRename={() => setRenaming(m.id)}
                                onDelete={() =>
                                  setDeleting({
                                    kind: 'module',
                                    id: m.id,
                                    title: module().title,
                                    lessons: m.lessonIds.length,
                                  })
                                }
                              />
                            </span>
                          </Show>
                        </span>
                      </Show>
                    </div>
                    <LessonList
                      moduleId={m.id}
                      ids={m.lessonIds}
                      empty={
                        editable()
                          ? 'No lessons yet. Add one below, or drag a lesson here.'
                          : 'No lessons yet.'
                      }
                    />
                    <AddLesson moduleId={m.id} where={`in ${module().title}`} />
                  </li>
                )}
              </Show>
            )
          }}
        </For>
      </ol>

      <Show when={outline().unassigned.length > 0 || (editable() && noModules())}>
        <section
          aria-labelledby="unassigned-heading"
          class={`card overflow-hidden ${noModules() ? '' : 'mt-4'}`}
        >
          {/* Without modules the section's own "Lessons" heading says it all. */}
          <h3
            id="unassigned-heading"
            class={noModules() ? 'sr-only' : 'border-b border-line bg-subtle/50 px-4 py-2.5 font-semibold'}
          >
            {noModules() ? 'All lessons' : 'Lessons without a module'}
          </h3>
          <LessonList
            moduleId={null}
            ids={outline().unassigned}
            empty={
              editable()
                ? 'No lessons yet. Add your first lesson below, or a module to group lessons.'
                : 'No lessons yet.'
            }
          />
          <AddLesson moduleId={null} where={noModules() ? 'to this course' : 'outside modules'} />
        </section>
      </Show>

      <Show when={editable()}>
        <div class="mt-4 rounded-xl border border-dashed border-line p-4">
          <InlineTitleForm
            label="New module"
            submitLabel="Add module"
            placeholder="e.g. Term 1: Numbers"
            onSubmit={createModule}
          />
          <p class="mt-2 flex items-center gap-1.5 text-xs text-muted">
            <Layers size={14} />
            Modules group lessons. Drag rows or use the arrows to change the order.
          </p>
        </div>
      </Show>

      <ConfirmDialog
        open={deleting() !== undefined}
        onOpenChange={(open) => !open && setDeleting()}
        title={deleting()?.kind === 'module' ? 'Delete this module?' : 'Delete this lesson?'}
        confirmLabel={deleting()?.kind === 'module' ? 'Delete module' : 'Delete lesson'}
        danger
        onConfirm={() => remove(deleting()!)}
      >
        <Show
          when={deleting()?.kind === 'module'}
          fallback={
            <p>
              “{deleting()?.title}” will be deleted for everyone: its draft and every published version.
              Students will no longer see it.
            </p>
          }
        >
          <p>
            “{deleting()?.title}” will be deleted.{' '}
            {deleting()?.lessons
              ? `Its ${plural(deleting()?.lessons ?? 0, 'lesson')} stay in the course, without a module.`
              : 'It has no lessons.'}
          </p>
        </Show>
      </ConfirmDialog>
    </div>
  )
}
