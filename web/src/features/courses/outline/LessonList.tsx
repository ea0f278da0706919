import Plus from 'lucide-solid/icons/plus'
import { For, type JSX, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { OutlineController } from './createOutline.ts'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { LessonRow } from './LessonRow.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** The lessons of a module (or of no module), a drop zone even when empty. */
export function LessonList(props: {
  outline: OutlineController
  moduleId: string | null
  ids: string[]
  empty: JSX.Element
}) {
  const o = props.outline
  return (
    <Show
      when={props.ids.length > 0}
      fallback={
        // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for pointer drags; the move buttons do the same from the keyboard
        <div
          class={`px-4 py-4 text-sm text-muted ${o.drag.emptyListClass(props.moduleId)}`}
          onDragOver={(e) => o.drag.overList(e, props.moduleId)}
          onDrop={(e) => o.drag.drop(e)}
        >
          {props.empty}
        </div>
      }
    >
      <ol
        class="divide-y divide-line"
        onDragOver={(e) => o.drag.overList(e, props.moduleId)}
        onDrop={(e) => o.drag.drop(e)}
      >
        <For each={props.ids}>
          {(lessonId, i) => (
            <Show when={o.lessons().get(lessonId)}>
              {(lesson) => <LessonRow outline={o} lesson={lesson()} moduleId={props.moduleId} index={i()} />}
            </Show>
          )}
        </For>
      </ol>
    </Show>
  )
}

/** "Add lesson" under a list (editors): a button that opens the one-field form. */
export function AddLesson(props: { outline: OutlineController; moduleId: string | null; where: string }) {
  const o = props.outline
  return (
    <Show when={o.editable()}>
      <div class="border-t border-line px-3 py-3 sm:px-4">
        <Show
          when={o.adding() === props.moduleId}
          fallback={
            <button
              type="button"
              class="btn-ghost min-h-9 px-2 py-1 text-primary"
              onClick={() => o.setAdding(props.moduleId)}
            >
              <Plus size={16} />
              {t('addLesson')}
              <span class="sr-only"> {props.where}</span>
            </button>
          }
        >
          <InlineTitleForm
            label={t('lessonList.newLesson', { where: props.where })}
            submitLabel={t('addLesson')}
            placeholder={t('lessonList.placeholder')}
            autofocus
            onSubmit={(title) => o.createLesson(title, props.moduleId)}
            onCancel={() => o.setAdding(undefined)}
          />
        </Show>
      </div>
    </Show>
  )
}
