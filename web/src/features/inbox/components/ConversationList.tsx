import { A } from '@solidjs/router'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import { For, Show } from 'solid-js'
import type { ConversationSummary } from '../../../../../edge/contract/messages.ts'
import { formatDateTime, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { messages } from '../messages.ts'
import { PersonAvatar } from './PersonAvatar.tsx'

const t = translator(messages)

/** My conversations, newest first: the person, the last words, how many I have not read. */
export function ConversationList(props: {
  conversations: ConversationSummary[]
  adultAge: number
  open?: string
}) {
  const tenant = useTenant()
  return (
    <div class="space-y-3">
      <Show
        when={props.conversations.length > 0}
        fallback={
          <EmptyState icon={<MessagesSquare size={28} aria-hidden="true" />} title={t('inbox.emptyTitle')}>
            {t('inbox.empty')}
          </EmptyState>
        }
      >
        <ul class="card divide-y divide-line overflow-hidden">
          <For each={props.conversations}>
            {(c) => (
              <li>
                <A
                  href={`/t/${tenant().slug}/messages/${c.id}`}
                  aria-current={props.open === c.id ? 'page' : undefined}
                  class="flex items-center gap-3 px-3 py-3 hover:bg-subtle aria-[current=page]:bg-subtle"
                >
                  <PersonAvatar person={c.person} />
                  <span class="block min-w-0 flex-1">
                    <span class="flex items-baseline justify-between gap-2">
                      <span class={`truncate ${c.unread > 0 ? 'font-semibold' : 'font-medium'}`}>
                        {c.person.name}
                      </span>
                      <Show when={c.last_message}>
                        {(m) => (
                          <time
                            class="shrink-0 text-xs text-muted"
                            datetime={m().created_at}
                            title={formatDateTime(m().created_at)}
                          >
                            {relativeTime(m().created_at)}
                          </time>
                        )}
                      </Show>
                    </span>
                    <span class="flex items-center justify-between gap-2">
                      <span class="truncate text-sm text-muted">
                        {c.last_message
                          ? c.last_message.from_me
                            ? t('inbox.you', { text: c.last_message.body })
                            : c.last_message.body
                          : t('inbox.noMessages')}
                      </span>
                      <Show when={c.unread > 0}>
                        <span class="badge shrink-0 bg-brand-600 text-white">
                          <span class="sr-only">{t('inbox.unread', { count: c.unread })}</span>
                          <span aria-hidden="true">{c.unread}</span>
                        </span>
                      </Show>
                    </span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="text-xs text-muted">
        {props.adultAge > 0 ? t('inbox.who', { age: props.adultAge }) : t('inbox.whoNoRule')}
      </p>
    </div>
  )
}
