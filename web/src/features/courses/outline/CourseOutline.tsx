import FileText from 'lucide-solid/icons/file-text'
import Layers from 'lucide-solid/icons/layers'
import { For, Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { plural } from '../../../lib/format.ts'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { createOutline } from './createOutline.ts'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { AddLesson, LessonList } from './LessonList.tsx'
import { ModuleCard } from './ModuleCard.tsx'

/**
 * The modules and lessons of a course. Editors add, rename, delete and reorder them — by drag and
 * drop or by the move buttons — and each new order is shown at once and saved with PUT /order
 * (put back, with a message, when the server refuses it). State: createOutline.ts.
 */
export function CourseOutline(props: { course: CourseDetail }) {
  const o = createOutline(() => props.course)
  const noModules = () => o.outline().modules.length === 0
  const nothing = () => noModules() && o.outline().unassigned.length === 0

  return (
    <div>
      <p class="sr-only" role="status" aria-live="polite">
        {o.announcement()}
      </p>
      <Show when={nothing() && !o.editable()}>
        <EmptyState icon={<FileText size={28} />} title="No lessons yet">
          Lessons appear here as the course’s authors add them.
        </EmptyState>
      </Show>

      <ol class="space-y-4">
        {/* Keyed by id, so a save or a refresh never rebuilds the rows (focus stays on the moved row). */}
        <For each={o.outline().modules.map((m) => m.id)}>
          {(moduleId, i) => (
            <Show when={o.modules().get(moduleId)}>
              {(module) => <ModuleCard outline={o} module={module()} index={i()} />}
            </Show>
          )}
        </For>
      </ol>

      <Show when={o.outline().unassigned.length > 0 || (o.editable() && noModules())}>
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
            outline={o}
            moduleId={null}
            ids={o.outline().unassigned}
            empty={
              o.editable()
                ? 'No lessons yet. Add your first lesson below, or a module to group lessons.'
                : 'No lessons yet.'
            }
          />
          <AddLesson outline={o} moduleId={null} where={noModules() ? 'to this course' : 'outside modules'} />
        </section>
      </Show>

      <Show when={o.editable()}>
        <div class="mt-4 rounded-xl border border-dashed border-line p-4">
          <InlineTitleForm
            label="New module"
            submitLabel="Add module"
            placeholder="e.g. Term 1: Numbers"
            onSubmit={o.createModule}
          />
          <p class="mt-2 flex items-center gap-1.5 text-xs text-muted">
            <Layers size={14} />
            Modules group lessons. Drag rows or use the arrows to change the order.
          </p>
        </div>
      </Show>

      <ConfirmDialog
        open={o.deleting() !== undefined}
        onOpenChange={(open) => !open && o.setDeleting()}
        title={o.deleting()?.kind === 'module' ? 'Delete this module?' : 'Delete this lesson?'}
        confirmLabel={o.deleting()?.kind === 'module' ? 'Delete module' : 'Delete lesson'}
        danger
        onConfirm={() => o.remove(o.deleting()!)}
      >
        <Show
          when={o.deleting()?.kind === 'module'}
          fallback={
            <p>
              “{o.deleting()?.title}” will be deleted for everyone: its draft and every published version.
              Students will no longer see it.
            </p>
          }
        >
          <p>
            “{o.deleting()?.title}” will be deleted.{' '}
            {o.deleting()?.lessons
              ? `Its ${plural(o.deleting()?.lessons ?? 0, 'lesson')} stay in the course, without a module.`
              : 'It has no lessons.'}
          </p>
        </Show>
      </ConfirmDialog>
    </div>
  )
}
