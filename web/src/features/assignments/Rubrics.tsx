import { createAsync, revalidate } from '@solidjs/router'
import ListChecks from 'lucide-solid/icons/list-checks'
import Lock from 'lucide-solid/icons/lock'
import Pencil from 'lucide-solid/icons/pencil'
import Plus from 'lucide-solid/icons/plus'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, For, Show } from 'solid-js'
import type { RubricKind } from '../../../../edge/contract/assessments-values.ts'
import type { Rubric } from '../../../../edge/contract/assignments.ts'
import { inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { deleteRubric } from './api.ts'
import { RubricEditor } from './components/RubricEditor.tsx'
import { formatPoints } from './grade-text.ts'
import { getRubrics } from './Rubrics.data.ts'
import { messages } from './teacher-messages.ts'

const t = translator(messages)

/** What the editor is open on: a new rubric of a kind, or a saved one. */
type Editing = { kind: RubricKind; rubric?: Rubric }

/**
 * /t/:slug/rubrics — the school's rubrics, which its teachers reuse across assignments: points
 * rubrics (criteria × levels with points) and BTEC rubrics (P1…, M1…, D1… achieved or not yet).
 * Create, edit, and delete those no assignment uses.
 */
export default function Rubrics() {
  const tenant = useTenant()
  usePageTitle(() => t('list.docTitle', { school: tenant().name }))
  const teacher = () => inRoleGroup(TEACHING_ROLES, tenant().role)
  const [editing, setEditing] = createSignal<Editing>()
  const open = (e: Editing) => {
    setEditing(e)
    queueMicrotask(() => document.getElementById('rubric-editor')?.scrollIntoView({ block: 'start' }))
  }
  return (
    <div class="max-w-4xl space-y-6">
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('list.title')}</h1>
          <p class="mt-1 text-sm text-muted">{t('list.intro')}</p>
        </div>
        <Show when={teacher() && !editing()}>
          <div class="flex shrink-0 flex-wrap gap-2">
            <Button onClick={() => open({ kind: 'points' })}>
              <Plus size={16} aria-hidden="true" />
              {t('list.newPoints')}
            </Button>
            <Button variant="secondary" onClick={() => open({ kind: 'btec' })}>
              <Plus size={16} aria-hidden="true" />
              {t('list.newBtec')}
            </Button>
          </div>
        </Show>
      </div>
      <Show
        when={teacher()}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('list.forbidden')}>
            {t('list.forbiddenText')}
          </EmptyState>
        }
      >
        <Show when={editing()} keyed>
          {(e) => (
            <RubricEditor
              tenantId={tenant().id}
              kind={e.kind}
              rubric={e.rubric}
              onDone={() => setEditing()}
            />
          )}
        </Show>
        <Boundary keys={getRubrics.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <List tenantId={tenant().id} onEdit={(r) => open({ kind: r.kind, rubric: r })} />
        </Boundary>
      </Show>
    </div>
  )
}

function List(props: { tenantId: string; onEdit: (r: Rubric) => void }) {
  const list = createAsync(() => getRubrics(props.tenantId))
  const [removing, setRemoving] = createSignal<Rubric>()
  async function remove() {
    const r = removing()
    if (!r) return
    await deleteRubric(r.id)
    toast.success(t('list.deleted', { title: r.title }))
    await revalidate(getRubrics.keyFor(props.tenantId))
  }
  return (
    <Show when={list()}>
      {(l) => (
        <>
          <Show
            when={l().items.length > 0}
            fallback={
              <EmptyState icon={<ListChecks size={28} />} title={t('list.emptyTitle')}>
                {t('list.emptyText')}
              </EmptyState>
            }
          >
            <ul class="grid gap-4 sm:grid-cols-2" aria-label={t('list.title')}>
              <For each={l().items}>
                {(r) => (
                  <li class="card flex flex-col gap-3 p-5">
                    <div class="flex flex-wrap items-center gap-2">
                      <h2 class="font-semibold break-words">{r.title}</h2>
                      <span class="badge bg-subtle text-muted">{t(`kind.${r.kind}`)}</span>
                    </div>
                    <p class="text-sm text-muted">
                      {[
                        t('list.criteria', { count: r.criteria.length }),
                        r.kind === 'points' ? t('list.outOf', { points: formatPoints(r.max_points) }) : '',
                        t('list.usedBy', { count: r.used_by }),
                        t('list.updated', { date: formatDate(r.updated_at) }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    <div class="mt-auto flex flex-wrap items-center gap-2">
                      <Button
                        variant="secondary"
                        class="min-h-9 px-3 py-1.5"
                        aria-label={t('list.editLabel', { title: r.title })}
                        onClick={() => props.onEdit(r)}
                      >
                        <Pencil size={16} aria-hidden="true" />
                        {t('list.edit')}
                      </Button>
                      <Show
                        when={r.used_by === 0}
                        fallback={<span class="text-xs text-muted">{t('list.inUse')}</span>}
                      >
                        <Button
                          variant="ghost"
                          class="min-h-9 px-3 py-1.5 text-danger"
                          aria-label={t('list.deleteLabel', { title: r.title })}
                          onClick={() => setRemoving(r)}
                        >
                          <Trash size={16} aria-hidden="true" />
                          {t('list.delete')}
                        </Button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <ConfirmDialog
            open={!!removing()}
            onOpenChange={(open) => !open && setRemoving()}
            title={t('list.deleteTitle')}
            confirmLabel={t('list.delete')}
            danger
            onConfirm={remove}
          >
            <p>{t('list.deleteText', { title: removing()?.title ?? '' })}</p>
          </ConfirmDialog>
        </>
      )}
    </Show>
  )
}
