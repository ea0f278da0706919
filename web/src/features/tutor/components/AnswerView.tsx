import { A } from '@solidjs/router'
import BookOpen from 'lucide-solid/icons/book-open'
import HeartHandshake from 'lucide-solid/icons/heart-handshake'
import Sparkles from 'lucide-solid/icons/sparkles'
import { For, Match, Show, Switch } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { citationHref, citationLabel } from '../citations.ts'
import { messages } from '../messages.ts'
import type { ChatMessage } from '../useChat.ts'
import { AnswerText } from './AnswerText.tsx'
import { ReadAloud } from './ReadAloud.tsx'

const t = translator(messages)

/** Where the answer came from, said plainly: the school's lessons, the AI tutor, or the safety reply. */
function SourceLabel(props: { message: ChatMessage }) {
  return (
    <p class="mb-1.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs font-medium text-muted">
      <Switch>
        <Match when={props.message.source === 'lessons'}>
          <BookOpen size={14} aria-hidden="true" class="text-primary" />
          <span data-testid="answer-source">{t('answer.fromLessons')}</span>
        </Match>
        <Match when={props.message.source === 'safety'}>
          <HeartHandshake size={14} aria-hidden="true" class="text-primary" />
          <span data-testid="answer-source">{t('answer.safety')}</span>
        </Match>
        <Match when={props.message.source === 'provider'}>
          <Sparkles size={14} aria-hidden="true" class="text-primary" />
          <span data-testid="answer-source">{t('answer.ai')}</span>
          <span class="font-normal">{t('answer.aiNote')}</span>
        </Match>
      </Switch>
    </p>
  )
}

/** One answer of the tutor: its source, its text as it streams, its citations, "Read aloud". */
export function AnswerView(props: { message: ChatMessage; slug: string }) {
  const m = () => props.message
  const safety = () => m().source === 'safety'
  const writing = () => m().status === 'streaming'
  return (
    <div
      class={`max-w-[44rem] rounded-2xl rounded-tl-sm border px-4 py-3 ${
        safety() ? 'border-primary/30 bg-brand-50 dark:bg-brand-900/30' : 'border-line bg-surface'
      }`}
      aria-busy={writing() ? 'true' : undefined}
      data-testid="tutor-answer"
    >
      <SourceLabel message={m()} />
      <Show
        when={m().content}
        fallback={
          <p class="text-sm text-muted italic">
            {writing() ? t('answer.thinking') : m().status === 'failed' ? t('answer.failedEmpty') : ''}
          </p>
        }
      >
        <AnswerText text={m().content} citations={m().citations} slug={props.slug} />
      </Show>
      <Show when={m().status === 'failed' && m().content}>
        <p class="mt-2 text-xs text-warn">{t('answer.cutOff')}</p>
      </Show>
      <Show when={m().citations.length > 0}>
        <div class="mt-3 border-t border-line pt-2">
          <p class="text-xs font-semibold text-muted">{t('answer.sources')}</p>
          <ol class="mt-1 space-y-1 text-sm">
            <For each={m().citations}>
              {(c) => (
                <li>
                  <A href={citationHref(props.slug, c)} class="link" data-testid="tutor-citation">
                    [{c.n}] {citationLabel(c)}
                  </A>
                </li>
              )}
            </For>
          </ol>
        </div>
      </Show>
      <Show when={!writing() && m().content}>
        <div class="mt-2 -mb-1 flex justify-end">
          <ReadAloud id={m().id} text={m().content} language={m().language} />
        </div>
      </Show>
    </div>
  )
}
