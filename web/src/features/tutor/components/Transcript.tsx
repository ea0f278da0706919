import { For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import type { ChatMessage } from '../useChat.ts'
import { AnswerView } from './AnswerView.tsx'

const t = translator(messages)

/**
 * The conversation, oldest first. Answers arrive word by word, so the log itself is not live; the
 * page announces each answer once it is complete. A flagged question is marked for a reviewer.
 */
export function Transcript(props: {
  messages: ChatMessage[]
  slug: string
  /** Who asked, for screen readers ("You", or the student's name for a reviewer). */
  asker: string
  highlightFlagged?: boolean
}) {
  return (
    <ol role="log" aria-label={t('chat.log')} aria-live="off" class="space-y-4">
      <For each={props.messages}>
        {(m) => (
          <li class={m.role === 'user' ? 'flex justify-end' : 'flex justify-start'}>
            <Show when={m.role === 'user'} fallback={<AnswerView message={m} slug={props.slug} />}>
              <div
                class={`max-w-[85%] rounded-2xl rounded-tr-sm px-4 py-2.5 break-words whitespace-pre-wrap sm:max-w-[36rem] ${
                  props.highlightFlagged && m.flagged
                    ? 'border-2 border-danger bg-danger-soft text-fg'
                    : 'bg-primary text-on-primary'
                }`}
                data-testid="tutor-question"
                data-flagged={m.flagged ? 'true' : undefined}
              >
                <span class="sr-only">{props.asker}: </span>
                <Show when={props.highlightFlagged && m.flagged}>
                  <span class="mb-1 block text-xs font-semibold text-danger">
                    {t('review.flaggedMessage')}
                  </span>
                </Show>
                {m.content}
              </div>
            </Show>
          </li>
        )}
      </For>
    </ol>
  )
}
