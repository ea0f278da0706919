import ArrowDown from 'lucide-solid/icons/arrow-down'
import CheckCheck from 'lucide-solid/icons/check-check'
import Lock from 'lucide-solid/icons/lock'
import { createEffect, createSignal, For, on, onMount, Show } from 'solid-js'
import type { TicketMessage } from '../../../../../edge/contract/support.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Avatar } from '../../../ui/Avatar.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { LazyAttachmentList } from '../../files/LazyAttachmentList.tsx'
import { messages } from '../messages.ts'
import { PendingMessage } from '../offline/PendingMessage.tsx'
import type { PendingTicketMessage } from '../offline/ticket-outbox.ts'
import { shortTime } from '../support-thread.ts'

const t = translator(messages)

/** How close to the bottom (px) still counts as "reading the newest messages". */
const NEAR_BOTTOM = 96

/**
 * The conversation: own messages on the right, others on the left, system lines quietly in the
 * middle, internal notes (staff only) dashed amber with a lock. Stays at the bottom as messages
 * arrive while the reader is there; otherwise offers a "New messages" button. On a phone it is only
 * as tall as its messages (up to most of the screen), so the reply box sits right under the last one.
 */
export function MessageList(props: {
  messages: TicketMessage[]
  myId: string
  /** The viewer works the desk (names of staff are shown plainly; requesters see "Support"). */
  staffView: boolean
  /** The id of the message that shows "Seen", and when. */
  seen: { id: number; readAt: string } | null
  typing: string
  /** My messages the server has not taken yet, shown after the others with their state. */
  pending?: PendingTicketMessage[]
  onRetry?: (id: string) => void
  onDiscard?: (id: string) => void
}) {
  let box: HTMLDivElement | undefined
  const [unseenBelow, setUnseenBelow] = createSignal(false)
  const nearBottom = () => !box || box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM
  const toBottom = (smooth = false) => {
    box?.scrollTo({ top: box.scrollHeight, behavior: smooth ? 'smooth' : 'auto' })
    setUnseenBelow(false)
  }

  onMount(() => toBottom())
  let wasNearBottom = true
  createEffect(
    on(
      () => [props.messages.length, props.typing, props.pending?.length ?? 0] as const,
      (now, before) => {
        const last = props.messages[props.messages.length - 1]
        const wrote = now[2] > (before?.[2] ?? 0) || last?.author_id === props.myId
        if (wasNearBottom || wrote) queueMicrotask(() => toBottom())
        else if (last) setUnseenBelow(true)
      },
      { defer: true },
    ),
  )

  return (
    <div class="relative min-h-0 flex-1">
      <div
        ref={box}
        role="log"
        aria-label={t('messages.conversation')}
        tabindex="0"
        class="max-h-[60dvh] min-h-24 overflow-y-auto overscroll-contain px-3 py-4 sm:h-[min(60dvh,38rem)] sm:max-h-none sm:min-h-72 sm:px-5"
        onScroll={() => {
          wasNearBottom = nearBottom()
          if (wasNearBottom) setUnseenBelow(false)
        }}
      >
        <ol class="flex flex-col gap-3">
          <For each={props.messages}>
            {(m) => (
              <MessageItem
                m={m}
                mine={m.author_id === props.myId}
                staffView={props.staffView}
                seen={props.seen?.id === m.id ? props.seen.readAt : undefined}
              />
            )}
          </For>
          <For each={props.pending ?? []}>
            {(w) => (
              <PendingMessage
                write={w}
                onRetry={(id) => props.onRetry?.(id)}
                onDiscard={(id) => props.onDiscard?.(id)}
              />
            )}
          </For>
        </ol>
      </div>
      <Show when={unseenBelow()}>
        <button
          type="button"
          class="btn-primary absolute bottom-3 left-1/2 min-h-8 -translate-x-1/2 rounded-full px-3 py-1 text-xs shadow-md"
          onClick={() => toBottom(true)}
        >
          <ArrowDown size={14} aria-hidden="true" />
          {t('messages.newBelow')}
        </button>
      </Show>
    </div>
  )
}

function MessageItem(props: { m: TicketMessage; mine: boolean; staffView: boolean; seen?: string }) {
  const m = () => props.m
  const author = () =>
    m().author_name ?? (m().author_is_staff ? t('messages.support') : t('person.requester'))
  return (
    <Show
      when={!m().system}
      fallback={
        <li class="flex justify-center" data-kind={m().internal ? 'system-internal' : 'system'}>
          <p class="inline-flex max-w-[90%] items-center gap-1.5 rounded-full bg-subtle/70 px-3 py-1 text-center text-xs text-muted">
            <Show when={m().internal}>
              <Lock size={11} aria-label={t('messages.staffOnly')} />
            </Show>
            <span>{m().body}</span>
            <span aria-hidden="true">·</span>
            <time datetime={m().created_at} title={formatDateTime(m().created_at)}>
              {shortTime(m().created_at)}
            </time>
          </p>
        </li>
      }
    >
      <li
        class={`flex gap-2 ${props.mine ? 'flex-row-reverse' : ''}`}
        data-kind={m().internal ? 'internal' : props.mine ? 'mine' : 'theirs'}
        data-message-id={m().id}
      >
        <Show when={!props.mine}>
          <span class="mt-5">
            <AvatarImage
              path={m().author_avatar}
              class="size-7 shrink-0 rounded-full"
              fallback={<Avatar userId={m().author_id ?? 'system'} name={author()} size="sm" />}
            />
          </span>
        </Show>
        <div
          class={`flex max-w-[85%] min-w-0 flex-col sm:max-w-[75%] ${props.mine ? 'items-end' : 'items-start'}`}
        >
          <p class="mb-1 flex items-center gap-1.5 px-1 text-xs text-muted">
            <Show when={!props.mine}>
              <span class="font-medium text-fg">{author()}</span>
              <Show when={m().author_is_staff && !props.staffView}>
                <span class="badge bg-primary/10 px-1.5 py-0 text-[0.65rem] text-primary">
                  {t('messages.support')}
                </span>
              </Show>
            </Show>
            <Show when={props.mine}>
              <span class="sr-only">{t('person.you')}</span>
            </Show>
            <time datetime={m().created_at} title={formatDateTime(m().created_at)}>
              {shortTime(m().created_at)}
            </time>
          </p>
          <Show
            when={!m().internal}
            fallback={
              <div class="rounded-2xl border border-dashed border-warn/60 bg-warn-soft px-3.5 py-2.5 text-fg">
                <p class="mb-1 flex items-center gap-1 text-xs font-semibold text-warn">
                  <Lock size={12} aria-hidden="true" />
                  {t('messages.internal')}
                </p>
                <p class="text-sm break-words whitespace-pre-wrap">{m().body}</p>
              </div>
            }
          >
            <Show when={m().body}>
              <div
                class={`rounded-2xl px-3.5 py-2.5 text-sm break-words whitespace-pre-wrap ${
                  props.mine ? 'rounded-br-md bg-primary text-on-primary' : 'rounded-bl-md bg-subtle text-fg'
                }`}
              >
                {m().body}
              </div>
            </Show>
          </Show>
          <Show when={m().attachments?.length}>
            <LazyAttachmentList files={m().attachments ?? []} />
          </Show>
          <Show when={props.seen}>
            {(at) => (
              <p class="mt-1 flex items-center gap-1 px-1 text-xs text-muted" title={formatDateTime(at())}>
                <CheckCheck size={13} aria-hidden="true" />
                {t('messages.seen')}
              </p>
            )}
          </Show>
        </div>
      </li>
    </Show>
  )
}
