import { A } from '@solidjs/router'
import GripVertical from 'lucide-solid/icons/grip-vertical'
import { Show } from 'solid-js'
import type { Lesson } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { lessonHref } from '../course-roles.ts'
import type { OutlineController } from './createOutline.ts'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { messages } from './messages.ts'
import { RowActions } from './RowActions.tsx'

const t = translator(messages)

/** One lesson of the outline: its link and state; for editors, drag, move, rename and delete. */
export function LessonRow(props: {
  outline: OutlineController
  lesson: Lesson
  moduleId: string | null
  index: number
}) {
  const tenant = useTenant()
  const o = props.outline
  const id = () => props.lesson.id
  const readDraft = () => o.course().my_access.read_draft
  const published = () => props.lesson.published_version
  const href = () => lessonHref(tenant().slug, id(), readDraft())
  const linkable = () => readDraft() || published() !== null
  return (
    <li
      class={`flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2.5 sm:px-4 ${o.drag.draggedId() === id() ? 'opacity-50' : ''} ${o.drag.lessonClass(props.moduleId, props.index)}`}
      draggable={o.editable() && o.renaming() !== id()}
      onDragStart={(e) => o.drag.start(e, { kind: 'lesson', id: id() }, props.lesson.title)}
      onDragOver={(e) => o.drag.overLesson(e, props.moduleId, props.index)}
      onDrop={(e) => o.drag.drop(e)}
      onDragEnd={() => o.drag.end()}
      data-lesson-id={id()}
    >
      <Show when={o.editable()}>
        <span
          class="cursor-grab text-muted active:cursor-grabbing"
          aria-hidden="true"
          title={t('dragToMove')}
        >
          <GripVertical size={16} />
        </span>
      </Show>
      <span class="w-6 shrink-0 text-right text-sm text-muted tabular-nums" aria-hidden="true">
        {props.index + 1}.
      </span>
      <Show
        when={o.renaming() !== id()}
        fallback={
          <div class="min-w-0 flex-1 basis-60">
            <InlineTitleForm
              label={t('lessonRow.rename', { title: props.lesson.title })}
              hideLabel
              initial={props.lesson.title}
              submitLabel={t('save')}
              autofocus
              onSubmit={(title) => o.rename('lesson', id(), title)}
              onCancel={() => o.setRenaming()}
            />
          </div>
        }
      >
        <span class="min-w-0 flex-1 basis-40">
          <Show when={linkable()} fallback={<span class="font-medium">{props.lesson.title}</span>}>
            <A href={href()} class="font-medium hover:underline" draggable={false}>
              {props.lesson.title}
            </A>
          </Show>
        </span>
        <span
          class={
            o.editable()
              ? 'flex w-full items-center justify-between gap-2 pl-14 sm:ml-auto sm:w-auto sm:justify-end sm:pl-0'
              : 'flex items-center'
          }
        >
          <Show
            when={published()}
            fallback={
              <span class="badge bg-subtle text-muted">
                {readDraft() ? t('lessonRow.draft') : t('lessonRow.notPublished')}
              </span>
            }
          >
            {(n) => (
              <Show when={readDraft()}>
                <span class="badge bg-success-soft text-success">
                  {t('lessonRow.published', { version: n() })}
                </span>
              </Show>
            )}
          </Show>
          <Show when={o.editable()}>
            <RowActions
              outline={o}
              kind="lesson"
              id={id()}
              name={props.lesson.title}
              onDelete={() => o.setDeleting({ kind: 'lesson', id: id(), title: props.lesson.title })}
            />
          </Show>
        </span>
      </Show>
    </li>
  )
}
