import { createEffect, For, on, Show } from 'solid-js'
import type { SessionMessage } from '../../../../../edge/contract/tutoring.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../../../lib/intl-cache.ts'
import { LazyAttachmentList } from '../../files/LazyAttachmentList.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

const time = (iso: string) =>
  dateTimeFormat(intlLocale(), { hour: 'numeric', minute: '2-digit' }).format(new Date(iso))

/**
 * The chat lines of a session (the room's panel and the transcript kept on the session page);
 * `follow` keeps the newest line in view as lines arrive.
 */
export function ChatMessages(props: {
  messages: SessionMessage[]
  meId?: string
  follow?: boolean
  class?: string
  empty?: string
}) {
  let list: HTMLOListElement | undefined
  createEffect(
    on(
      () => props.messages.length,
      () => {
        if (props.follow && list) list.scrollTop = list.scrollHeight
      },
    ),
  )
  return (
    <Show
      when={props.messages.length > 0}
      fallback={<p class="p-4 text-sm text-muted">{props.empty ?? t('chat.none')}</p>}
    >
      <ol ref={list} aria-label={t('chat.list')} class={`space-y-3 overflow-y-auto ${props.class ?? ''}`}>
        <For each={props.messages}>
          {(m) => (
            <li data-testid="chat-message" class="text-sm">
              <p class="flex items-baseline gap-2">
                <span class="font-semibold">
                  {m.author_id === props.meId ? t('you') : (m.author_name ?? t('someone'))}
                </span>
                <time class="text-xs text-muted" datetime={m.created_at}>
                  {time(m.created_at)}
                </time>
              </p>
              <Show when={m.body}>
                <p class="break-words whitespace-pre-wrap">{m.body}</p>
              </Show>
              <Show when={m.attachments?.length}>
                <LazyAttachmentList files={m.attachments ?? []} />
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  )
}
