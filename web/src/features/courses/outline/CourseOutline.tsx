import FileText from 'lucide-solid/icons/file-text'
import Layers from 'lucide-solid/icons/layers'
import { Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { LaterFor } from '../../../ui/Later.tsx'
import { createOutline } from './createOutline.ts'
import { InlineTitleForm } from './InlineTitleForm.tsx'
import { AddLesson, LessonList } from './LessonList.tsx'
import { ModuleCard } from './ModuleCard.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

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
        <EmptyState icon={<FileText size={28} />} title={t('noLessons')}>
          {t('outline.emptyText')}
        </EmptyState>
      </Show>

      <ol class="space-y-4">
        {/* Keyed by id, so a save or a refresh never rebuilds the rows (focus stays on the moved row).
            The first module at once, the others in a task after it (ui/Later.tsx). */}
        <LaterFor each={o.outline().modules.map((m) => m.id)} now={1}>
          {(moduleId, i) => (
            <Show when={o.modules().get(moduleId)}>
              {(module) => <ModuleCard outline={o} module={module()} index={i()} />}
            </Show>
          )}
        </LaterFor>
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
            {noModules() ? t('outline.allLessons') : t('outline.unassigned')}
          </h3>
          <LessonList
            outline={o}
            moduleId={null}
            ids={o.outline().unassigned}
            empty={o.editable() ? t('outline.unassignedEmpty') : t('noLessonsText')}
          />
          <AddLesson
            outline={o}
            moduleId={null}
            where={noModules() ? t('outline.toCourse') : t('outline.outsideModules')}
          />
        </section>
      </Show>

      <Show when={o.editable()}>
        <div class="mt-4 rounded-xl border border-dashed border-line p-4">
          <InlineTitleForm
            label={t('outline.newModule')}
            submitLabel={t('outline.addModule')}
            placeholder={t('outline.modulePlaceholder')}
            onSubmit={o.createModule}
          />
          <p class="mt-2 flex items-center gap-1.5 text-xs text-muted">
            <Layers size={14} />
            {t('outline.help')}
          </p>
        </div>
      </Show>

      <ConfirmDialog
        open={o.deleting() !== undefined}
        onOpenChange={(open) => !open && o.setDeleting()}
        title={
          o.deleting()?.kind === 'module' ? t('outline.deleteModuleTitle') : t('outline.deleteLessonTitle')
        }
        confirmLabel={o.deleting()?.kind === 'module' ? t('outline.deleteModule') : t('outline.deleteLesson')}
        danger
        onConfirm={() => o.remove(o.deleting()!)}
      >
        <Show
          when={o.deleting()?.kind === 'module'}
          fallback={<p>{t('outline.deleteLessonText', { title: o.deleting()?.title ?? '' })}</p>}
        >
          <p>
            {t('outline.deleteModuleText', {
              title: o.deleting()?.title ?? '',
              count: o.deleting()?.lessons ?? 0,
            })}
          </p>
        </Show>
      </ConfirmDialog>
    </div>
  )
}
