import GripVertical from 'lucide-solid/icons/grip-vertical'
import { lazy, Show, Suspense } from 'solid-js'
import type { CourseModule } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { OutlineController } from './createOutline.ts'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { AddLesson, LessonList } from './LessonList.tsx'
import { messages } from './messages.ts'
import { RowActions } from './RowActions.tsx'

const t = translator(messages)
// Quizzes and assignments placed in the module: their lists need the network, so they load after
// the outline (offline, the lessons stay readable).
const ModuleAssessments = lazy(() =>
  import('./ModuleAssessments.tsx').then(
    (m) => ({ default: m.ModuleAssessments }),
    () => ({ default: () => null }),
  ),
)

/** A module of the outline: its header (drag, move, rename, delete for editors) and its lessons. */
export function ModuleCard(props: { outline: OutlineController; module: CourseModule; index: number }) {
  const o = props.outline
  const id = () => props.module.id
  const title = () => props.module.title
  const lessonIds = () => o.lessonIds(id())
  return (
    <li
      class={`card overflow-hidden ${o.drag.draggedId() === id() ? 'opacity-50' : ''}`}
      aria-labelledby={`module-${id()}`}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drag handle row for pointers; the move buttons do the same from the keyboard */}
      <div
        class={`flex flex-wrap items-center gap-2 border-b border-line bg-subtle/50 px-3 py-2.5 sm:px-4 ${o.drag.moduleClass(props.index)}`}
        draggable={o.editable() && o.renaming() !== id()}
        onDragStart={(e) => o.drag.start(e, { kind: 'module', id: id() }, title())}
        onDragOver={(e) => o.drag.overModule(e, props.index)}
        onDrop={(e) => o.drag.drop(e)}
        onDragEnd={() => o.drag.end()}
      >
        <Show when={o.editable()}>
          <span class="cursor-grab text-muted" aria-hidden="true" title={t('dragToMove')}>
            <GripVertical size={16} />
          </span>
        </Show>
        <Show
          when={o.renaming() !== id()}
          fallback={
            <div class="min-w-0 flex-1 basis-60">
              <InlineTitleForm
                label={t('module.rename', { title: title() })}
                hideLabel
                initial={title()}
                submitLabel={t('save')}
                autofocus
                onSubmit={(next) => o.rename('module', id(), next)}
                onCancel={() => o.setRenaming()}
              />
            </div>
          }
        >
          <h3 id={`module-${id()}`} class="min-w-0 flex-1 basis-40 font-semibold">
            <span class="text-muted">{t('module.number', { number: props.index + 1 })} · </span>
            {title()}
          </h3>
          <span
            class={
              o.editable()
                ? 'flex w-full items-center justify-between gap-2 pl-6 sm:ml-auto sm:w-auto sm:justify-end sm:pl-0'
                : 'text-sm'
            }
          >
            <span class="text-sm text-muted">{t('lessonCount', { count: lessonIds().length })}</span>
            <Show when={o.editable()}>
              <RowActions
                outline={o}
                kind="module"
                id={id()}
                name={t('module.name', { title: title() })}
                onDelete={() =>
                  o.setDeleting({ kind: 'module', id: id(), title: title(), lessons: lessonIds().length })
                }
              />
            </Show>
          </span>
        </Show>
      </div>
      <LessonList
        outline={o}
        moduleId={id()}
        ids={lessonIds()}
        empty={o.editable() ? t('module.empty') : t('noLessonsText')}
      />
      <Suspense>
        <ModuleAssessments courseId={props.module.course_id} moduleId={id()} moduleTitle={title()} />
      </Suspense>
      <AddLesson outline={o} moduleId={id()} where={t('module.where', { title: title() })} />
    </li>
  )
}
