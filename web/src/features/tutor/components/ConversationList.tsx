import { A } from '@solidjs/router'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import { For, Show } from 'solid-js'
import type { ConversationSummary } from '../../../../../edge/contract/ai.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { messages } from '../messages.ts'
import { FlagBadge } from './FlagBadge.tsx'

const t = translator(messages)

/**
 * Conversations as links, newest first (flagged first for reviewers), the open one marked
 * (`aria-current`); "Show older" pages back while there are more.
 */
export function ConversationList(props: {
  items: ConversationSummary[]
  href: (id: string) => string
  current?: string
  /** Reviewers see the student's name and the flag. */
  review?: boolean
  hasMore: boolean
  loadingMore: boolean
  onMore: () => void
  emptyTitle: string
  emptyText: string
}) {
  return (
    <Show
      when={props.items.length > 0}
      fallback={
        <EmptyState icon={<MessagesSquare size={24} />} title={props.emptyTitle}>
          {props.emptyText}
        </EmptyState>
      }
    >
      <ul class="card divide-y divide-line overflow-hidden" data-testid="tutor-conversations">
        <For each={props.items}>
          {(c) => (
            <li>
              <A
                href={props.href(c.id)}
                aria-current={props.current === c.id ? 'page' : undefined}
                class="block px-4 py-3 hover:bg-subtle/60 aria-[current=page]:bg-subtle"
                classList={{ 'border-l-4 border-danger': !!props.review && !!c.flagged_at }}
              >
                <Show when={props.review && c.flagged_at}>
                  <span class="mb-1 block">
                    <FlagBadge reason={c.flag_reason} />
                  </span>
                </Show>
                <span class="line-clamp-2 block font-medium break-words">{c.title}</span>
                <span class="mt-0.5 block text-xs text-muted">
                  <Show when={props.review}>{c.student_name} · </Show>
                  <Show when={c.lesson_title ?? c.course_title}>{(about) => <>{about()} · </>}</Show>
                  {relativeTime(c.updated_at)}
                </span>
              </A>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.hasMore}>
        <Button variant="secondary" class="mt-3 w-full" pending={props.loadingMore} onClick={props.onMore}>
          {t('list.older')}
        </Button>
      </Show>
    </Show>
  )
}
