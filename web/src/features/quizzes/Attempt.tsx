import { A, createAsync, query, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, onCleanup, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getAttempt } from './Attempt.data.ts'
import type { LoadedAttempt } from './api.ts'
import { AttemptDone } from './attempt/AttemptDone.tsx'
import type { Ending } from './attempt/createAttempt.ts'
import { messages } from './attempt/messages.ts'
import { TakeAttempt } from './attempt/TakeAttempt.tsx'
import { unsentAnswers } from './attempt/unsent.ts'

const t = translator(messages)

/**
 * /t/:slug/attempts/:id — taking a quiz (every question on one page, answers saved as given, the
 * timer) and, once submitted, the result or word that the teacher will release it.
 */
export default function Attempt() {
  const params = useParams()
  const id = () => params.id ?? ''
  // Coming back later reads the attempt again: the answers given here are newer than the cached copy.
  onCleanup(() => query.delete(getAttempt.keyFor(id())))
  return (
    <div class="mx-auto max-w-3xl">
      <Boundary keys={getAttempt.keyFor(id())} fallback={<Skeleton class="h-96 w-full rounded-xl" />}>
        <Loaded id={id()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const attempt = createAsync(() => getAttempt(props.id))
  usePageTitle(() => attempt()?.quiz_title)
  // The attempt is read once: answers given here live in the page, not in a refetched copy.
  return <Show when={attempt()}>{(a) => <AttemptView initial={a()} />}</Show>
}

function AttemptView(props: { initial: LoadedAttempt }) {
  const tenant = useTenant()
  const initial = props.initial
  const quizHref = `/t/${tenant().slug}/quizzes/${initial.quiz_id}`
  const [ending, setEnding] = createSignal<(Ending & { focus?: boolean }) | undefined>(
    initial.status === 'submitted' ? { attempt: initial } : undefined,
  )
  // Answers this tab kept unsent are of no use once the attempt is in.
  if (initial.status === 'submitted') unsentAnswers(initial.id).clear()
  return (
    <div class="space-y-4">
      <A href={quizHref} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('attempt.back')}
      </A>
      <header>
        <h1 class="text-xl font-bold tracking-tight break-words sm:text-2xl">{initial.quiz_title}</h1>
        <p class="mt-1 text-sm text-muted">{t('attempt.number', { number: initial.number })}</p>
      </header>
      <Show
        when={ending()}
        fallback={<TakeAttempt attempt={initial} onDone={(e) => setEnding({ ...e, focus: true })} />}
      >
        {(e) => (
          <AttemptDone
            attempt={e().attempt}
            notice={e().notice}
            focus={e().focus}
            quizHref={e().focus ? quizHref : undefined}
          />
        )}
      </Show>
    </div>
  )
}
