import { revalidate } from '@solidjs/router'
import ArrowDown from 'lucide-solid/icons/arrow-down'
import ArrowUp from 'lucide-solid/icons/arrow-up'
import Bot from 'lucide-solid/icons/bot'
import Pencil from 'lucide-solid/icons/pencil'
import Plus from 'lucide-solid/icons/plus'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, For, Show } from 'solid-js'
import type { AiSettings, Provider } from '../../../../../edge/contract/ai.ts'
import { AI_LIMITS, TASK_CLASSES } from '../../../../../edge/contract/ai-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { SwitchField } from '../../../ui/Field.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { deleteProvider, getAiSettings, orderProviders, updateProvider } from '../api.ts'
import { messages } from '../messages.ts'
import { classLabel, kindLabel, ProviderDialog } from './ProviderDialog.tsx'

const t = translator(messages)

/** `ids` with the one at `from` moved to `to`. */
export function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids]
  const [id] = next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}

/**
 * The school's providers in the order they are tried (move up and down), each with its models,
 * the last characters of its key, on/off, and whether the breaker skips it for now.
 */
export function ProviderList(props: { settings: AiSettings }) {
  const tenant = useTenant()
  const [editing, setEditing] = createSignal<Provider | 'new'>()
  const [deleting, setDeleting] = createSignal<Provider>()
  const [busy, setBusy] = createSignal(false)
  const providers = () => [...props.settings.providers].sort((a, b) => a.position - b.position)
  const refresh = () => revalidate(getAiSettings.keyFor(tenant().id))

  async function run(work: () => Promise<unknown>, failed: string) {
    setBusy(true)
    try {
      await work()
      await refresh()
    } catch (e) {
      toast.error(failed, errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const move = (from: number, to: number) =>
    run(
      () =>
        orderProviders(
          tenant().id,
          moved(
            providers().map((p) => p.id),
            from,
            to,
          ),
        ),
      t('providers.moveFailed'),
    )

  return (
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-muted">
          {props.settings.platform_default ? t('providers.platformDefault') : t('providers.noDefault')}
        </p>
        <Button
          variant="secondary"
          disabled={providers().length >= AI_LIMITS.providers}
          onClick={() => setEditing('new')}
        >
          <Plus size={16} aria-hidden="true" />
          {t('providers.add')}
        </Button>
      </div>
      <Show
        when={providers().length > 0}
        fallback={
          <EmptyState icon={<Bot size={24} />} title={t('providers.emptyTitle')}>
            {t('providers.emptyText')}
          </EmptyState>
        }
      >
        <ol class="card divide-y divide-line" aria-busy={busy() ? 'true' : undefined}>
          <For each={providers()}>
            {(p, i) => (
              <li class="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start" data-testid="ai-provider">
                <span class="badge shrink-0 self-start bg-subtle tabular-nums">{i() + 1}</span>
                <div class="min-w-0 flex-1 space-y-1 text-sm">
                  <p class="font-medium">
                    {p.label} <span class="font-normal text-muted">· {kindLabel(p.kind)}</span>
                  </p>
                  <Show when={p.base_url}>
                    <p class="break-all text-muted">{p.base_url}</p>
                  </Show>
                  <p class="text-muted">
                    <For each={TASK_CLASSES.filter((c) => c === 'general' || p.models[c])}>
                      {(c, j) => (
                        <>
                          {j() > 0 ? ' · ' : ''}
                          {classLabel(c)}: <code class="text-fg">{p.models[c] ?? ''}</code>
                        </>
                      )}
                    </For>
                  </p>
                  <p class="text-muted">{t('providers.key', { last4: p.key_last4 })}</p>
                  <Show when={p.skipped_until && Date.parse(p.skipped_until) > Date.now() && p.skipped_until}>
                    {(until) => (
                      <p class="text-warn">{t('providers.skipped', { time: formatDateTime(until()) })}</p>
                    )}
                  </Show>
                  <SwitchField
                    class="pt-1"
                    label={t('providers.enabled')}
                    checked={p.enabled}
                    onChange={(enabled) =>
                      void run(() => updateProvider(p.id, { enabled }), t('providers.saveFailed'))
                    }
                  />
                </div>
                <div class="flex shrink-0 gap-1">
                  <button
                    type="button"
                    class="btn-ghost size-9 px-0"
                    aria-label={t('providers.moveUp', { label: p.label })}
                    disabled={i() === 0 || busy()}
                    onClick={() => void move(i(), i() - 1)}
                  >
                    <ArrowUp size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    class="btn-ghost size-9 px-0"
                    aria-label={t('providers.moveDown', { label: p.label })}
                    disabled={i() === providers().length - 1 || busy()}
                    onClick={() => void move(i(), i() + 1)}
                  >
                    <ArrowDown size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    class="btn-ghost size-9 px-0"
                    aria-label={t('providers.edit', { label: p.label })}
                    onClick={() => setEditing(p)}
                  >
                    <Pencil size={16} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    class="btn-ghost size-9 px-0 text-danger"
                    aria-label={t('providers.delete', { label: p.label })}
                    onClick={() => setDeleting(p)}
                  >
                    <Trash size={16} aria-hidden="true" />
                  </button>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <Show when={editing()} keyed>
        {(target) => (
          <ProviderDialog
            provider={target === 'new' ? undefined : target}
            onClose={() => setEditing()}
            onSaved={async () => {
              setEditing()
              await refresh()
            }}
          />
        )}
      </Show>
      <ConfirmDialog
        open={!!deleting()}
        onOpenChange={(open) => !open && setDeleting()}
        title={t('providers.deleteTitle', { label: deleting()?.label ?? '' })}
        confirmLabel={t('providers.deleteConfirm')}
        danger
        onConfirm={async () => {
          const p = deleting()
          if (!p) return
          await deleteProvider(p.id)
          toast.success(t('providers.deleted'))
          await refresh()
        }}
      >
        {t('providers.deleteText')}
      </ConfirmDialog>
    </div>
  )
}
