import CircleAlert from 'lucide-solid/icons/circle-alert'
import Clock from 'lucide-solid/icons/clock'
import LoaderCircle from 'lucide-solid/icons/loader-circle'
import Lock from 'lucide-solid/icons/lock'
import RotateCw from 'lucide-solid/icons/rotate-cw'
import Trash from 'lucide-solid/icons/trash'
import { Match, Show, Switch } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import type { PendingTicketMessage } from './ticket-outbox.ts'

const t = translator(messages)

/**
 * A message of mine the server has not taken yet, where it will appear: waiting for the
 * connection, sending, or refused with the server's reason and the choice to try again or discard.
 */
export function PendingMessage(props: {
  write: PendingTicketMessage
  onRetry: (id: string) => void
  onDiscard: (id: string) => void
}) {
  const w = () => props.write
  const failed = () => w().state === 'failed'
  return (
    <li class="flex flex-row-reverse gap-2" data-kind="pending" data-state={w().state}>
      <div class="flex max-w-[85%] min-w-0 flex-col items-end sm:max-w-[75%]">
        <p class="mb-1 px-1 text-xs text-muted">
          <span class="sr-only">{t('pending.you')}</span>
          <Show when={w().payload.internal}>
            <span class="inline-flex items-center gap-1 font-semibold text-warn">
              <Lock size={12} aria-hidden="true" />
              {t('pending.internal')}
            </span>
          </Show>
        </p>
        <div
          class="rounded-2xl rounded-br-md px-3.5 py-2.5 text-sm break-words whitespace-pre-wrap"
          classList={{
            'border border-dashed border-primary/60 bg-primary/10 text-fg':
              !w().payload.internal && !failed(),
            'border border-dashed border-warn/60 bg-warn-soft text-fg': w().payload.internal && !failed(),
            'border border-danger/60 bg-surface text-fg': failed(),
          }}
        >
          {w().payload.body}
          <Show when={w().payload.attachments?.length}>
            <span class="block text-xs text-muted">
              {w()
                .payload.attachments?.map((a) => a.name)
                .join(', ')}
            </span>
          </Show>
        </div>
        <PendingStatus write={w()} onRetry={props.onRetry} onDiscard={props.onDiscard} />
      </div>
    </li>
  )
}

function PendingStatus(props: {
  write: PendingTicketMessage
  onRetry: (id: string) => void
  onDiscard: (id: string) => void
}) {
  const reason = () => props.write.error?.message
  return (
    <Switch>
      <Match when={props.write.state === 'waiting'}>
        <p class="mt-1 flex items-center gap-1 px-1 text-xs text-muted" title={t('pending.waitingHint')}>
          <Clock size={13} aria-hidden="true" />
          {t('pending.waiting')}
        </p>
      </Match>
      <Match when={props.write.state === 'sending'}>
        <p class="mt-1 flex items-center gap-1 px-1 text-xs text-muted">
          <LoaderCircle size={13} class="animate-spin" aria-hidden="true" />
          {t('pending.sending')}
        </p>
      </Match>
      <Match when={props.write.state === 'failed'}>
        <div class="mt-1 flex flex-wrap items-center justify-end gap-x-3 gap-y-1 px-1 text-xs">
          <p class="flex items-center gap-1 text-danger" role="alert">
            <CircleAlert size={13} aria-hidden="true" />
            {reason() ? t('pending.failed', { reason: reason() ?? '' }) : t('pending.failedPlain')}
          </p>
          <button
            type="button"
            class="link inline-flex items-center gap-1"
            onClick={() => props.onRetry(props.write.id)}
          >
            <RotateCw size={12} aria-hidden="true" />
            {t('pending.retry')}
          </button>
          <button
            type="button"
            class="link inline-flex items-center gap-1"
            aria-label={t('pending.discardLabel')}
            onClick={() => props.onDiscard(props.write.id)}
          >
            <Trash size={12} aria-hidden="true" />
            {t('pending.discard')}
          </button>
        </div>
      </Match>
    </Switch>
  )
}
