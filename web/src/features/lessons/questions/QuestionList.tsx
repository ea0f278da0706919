import { useSearchParams } from '@solidjs/router'
import { createEffect, For, type JSX, on, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { ErrorState } from '../../../ui/ErrorState.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { messages } from './messages.ts'
import { QuestionThread } from './QuestionThread.tsx'
import type { createQuestions } from './questions-state.ts'

const t = translator(messages)

/** The questions, with their loading, error and empty states. */
export function QuestionList(props: { questions: ReturnType<typeof createQuestions>; empty: JSX.Element }) {
  const q = props.questions
  // A notification's link (?question= or ?comment=) brings its question into view once loaded.
  const [search] = useSearchParams()
  createEffect(
    on(
      () => q.threads().length,
      () => {
        const id = [search.question, search.comment].flat().find((v) => typeof v === 'string')
        const el = id && document.querySelector(`[data-question-id="${CSS.escape(id)}"]`)
        if (el) el.scrollIntoView({ block: 'center' })
      },
    ),
  )
  return (
    <Show
      when={!q.list.error}
      fallback={
        <ErrorState error={q.list.error} onRetry={() => void q.refetch()} title={t('questions.notLoaded')} />
      }
    >
      <Show
        when={q.list.state !== 'pending' || q.list.latest}
        fallback={
          <p class="flex items-center gap-2 text-sm text-muted" role="status">
            <Spinner />
            {t('questions.loading')}
          </p>
        }
      >
        <Show when={q.threads().length > 0} fallback={props.empty}>
          <div class="space-y-3">
            <For each={q.threads()}>{(th) => <QuestionThread thread={th} apply={q.apply} />}</For>
          </div>
        </Show>
      </Show>
    </Show>
  )
}
