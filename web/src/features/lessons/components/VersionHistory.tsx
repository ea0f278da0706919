// Namespace import: `Dialog.Content` of the merged `Dialog` object becomes an alertdialog once
// Kobalte's AlertDialog is loaded (it assigns its parts onto the shared root).
import * as Dialog from '@kobalte/core/dialog'
import { createAsync } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import FileClock from 'lucide-solid/icons/file-clock'
import RotateCcw from 'lucide-solid/icons/rotate-ccw'
import X from 'lucide-solid/icons/x'
import { createSignal, For, Show } from 'solid-js'
import type { LessonVersion } from '../../../../../edge/contract/courses.ts'
import { formatDateTime, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { returnFocusToOpener } from '../../../ui/return-focus.ts'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getVersion, getVersions } from '../api.ts'
import { messages } from '../messages.ts'
import { ProseHtml } from './ProseHtml.tsx'

const t = translator(messages)

/**
 * The version history of a lesson as a side panel: every published version (number, note,
 * author, time); one can be previewed, and editors restore it into the draft (everyone editing
 * sees the change arrive live).
 */
export function VersionHistory(props: {
  lessonId: string
  canRestore: boolean
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const [selected, setSelected] = createSignal<number>()
  const returnFocus = returnFocusToOpener()
  return (
    <Dialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setSelected()
        props.onOpenChange(open)
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content
          class="fixed inset-y-0 right-0 z-50 flex w-full max-w-2xl flex-col border-l border-line bg-surface shadow-xl outline-none"
          {...returnFocus}
        >
          <div class="flex items-center justify-between gap-3 border-b border-line px-5 py-4">
            <Dialog.Title class="flex items-center gap-2 text-lg font-semibold">
              <FileClock size={20} class="text-muted" />
              {t('versions.title')}
            </Dialog.Title>
            <Dialog.CloseButton class="btn-ghost size-10 px-0" aria-label={t('versions.close')}>
              <X size={20} />
            </Dialog.CloseButton>
          </div>
          <div class="min-h-0 flex-1 overflow-y-auto px-5 py-4">
            <Show
              when={selected()}
              fallback={
                <Boundary keys={getVersions.keyFor(props.lessonId)} fallback={<ListSkeleton rows={3} />}>
                  <VersionList lessonId={props.lessonId} onOpen={setSelected} />
                </Boundary>
              }
            >
              {(n) => (
                <Boundary keys={getVersion.keyFor(props.lessonId, n())} fallback={<ListSkeleton rows={4} />}>
                  <VersionPreview
                    lessonId={props.lessonId}
                    n={n()}
                    canRestore={props.canRestore}
                    onBack={() => setSelected()}
                    onRestored={() => props.onOpenChange(false)}
                  />
                </Boundary>
              )}
            </Show>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

const byWhom = (v: LessonVersion) => v.published_by_name ?? t('versions.formerMember')

function VersionList(props: { lessonId: string; onOpen: (n: number) => void }) {
  const versions = createAsync(() => getVersions(props.lessonId))
  const sorted = () => [...(versions() ?? [])].sort((a, b) => b.version - a.version)
  return (
    <Show when={versions()}>
      <Show
        when={sorted().length > 0}
        fallback={
          <EmptyState icon={<FileClock size={28} />} title={t('notPublished')}>
            {t('versions.emptyText')}
          </EmptyState>
        }
      >
        <ol class="space-y-2">
          <For each={sorted()}>
            {(v, i) => (
              <li>
                <button
                  type="button"
                  class="w-full rounded-lg border border-line px-4 py-3 text-left hover:bg-subtle"
                  onClick={() => props.onOpen(v.version)}
                  aria-label={t('versions.preview', { version: v.version })}
                >
                  <span class="flex flex-wrap items-center gap-2">
                    <span class="font-semibold">{t('version', { version: v.version })}</span>
                    <Show when={i() === 0}>
                      <span class="badge bg-success-soft text-success">{t('versions.current')}</span>
                    </Show>
                  </span>
                  <Show when={v.note}>
                    <span class="mt-1 block text-sm">{v.note}</span>
                  </Show>
                  <span class="mt-1 block text-xs text-muted">
                    {byWhom(v)} ·{' '}
                    <time datetime={v.published_at} title={formatDateTime(v.published_at)}>
                      {relativeTime(v.published_at)}
                    </time>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </Show>
  )
}

function VersionPreview(props: {
  lessonId: string
  n: number
  canRestore: boolean
  onBack: () => void
  onRestored: () => void
}) {
  const version = createAsync(() => getVersion(props.lessonId, props.n))
  const [confirming, setConfirming] = createSignal(false)
  async function restore() {
    await api().post(
      '/lessons/:id/versions/:n/restore',
      {},
      { params: { id: props.lessonId, n: String(props.n) } },
    )
    toast.success(t('versions.restored', { version: props.n }), t('versions.restoredText'))
    props.onRestored()
  }
  return (
    <Show when={version()}>
      {(v) => (
        <div>
          <button
            type="button"
            class="link mb-4 inline-flex items-center gap-1 text-sm"
            onClick={props.onBack}
          >
            <ArrowLeft size={14} />
            {t('versions.all')}
          </button>
          <div class="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h3 class="text-lg font-semibold">{t('version', { version: v().version })}</h3>
              <p class="text-sm text-muted">
                {byWhom(v())} · {formatDateTime(v().published_at)}
              </p>
              <Show when={v().note}>
                <p class="mt-1 text-sm">{v().note}</p>
              </Show>
            </div>
            <Show when={props.canRestore}>
              <Button variant="secondary" onClick={() => setConfirming(true)}>
                <RotateCcw size={16} />
                {t('versions.restore')}
              </Button>
            </Show>
          </div>
          <div
            role="region"
            class="mt-4 rounded-xl border border-line bg-canvas p-4 sm:p-6"
            aria-label={t('versions.content', { version: v().version })}
          >
            <h4 class="mb-4 text-2xl font-bold tracking-tight">{v().title}</h4>
            <Show when={v().html.trim()} fallback={<p class="text-muted">{t('versions.empty')}</p>}>
              <ProseHtml html={v().html} />
            </Show>
          </div>
          <ConfirmDialog
            open={confirming()}
            onOpenChange={setConfirming}
            title={t('versions.restoreTitle', { version: v().version })}
            confirmLabel={t('versions.restore')}
            onConfirm={restore}
          >
            <p>{t('versions.restoreText', { version: v().version })}</p>
          </ConfirmDialog>
        </div>
      )}
    </Show>
  )
}
