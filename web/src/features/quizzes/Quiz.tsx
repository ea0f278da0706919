import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ChartColumn from 'lucide-solid/icons/chart-column'
import Pencil from 'lucide-solid/icons/pencil'
import { Show, Suspense } from 'solid-js'
import type { Quiz as QuizType } from '../../../../edge/contract/assessments.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { useSchoolZone } from '../tenancy/school-zone.ts'
import { PastAttempts } from './components/PastAttempts.tsx'
import { QuizFacts } from './components/QuizFacts.tsx'
import { StartQuiz } from './components/StartQuiz.tsx'
import { messages } from './messages.ts'
import { getQuiz } from './Quiz.data.ts'
import { formatScore, resultsReleased } from './quiz-status.ts'

const t = translator(messages)

/**
 * /t/:slug/quizzes/:id — a quiz before it is taken: what it asks, Start or Resume, and the
 * student's results once released. Teachers get the way to its editor and results.
 */
export default function Quiz() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-3xl">
      <Boundary keys={getQuiz.keyFor(id())} fallback={<Skeleton class="h-72 w-full rounded-xl" />}>
        <Loaded id={id()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const quiz = createAsync(() => getQuiz(props.id))
  const zone = useSchoolZone()
  usePageTitle(() => quiz()?.title)
  return <Show when={quiz()}>{(q) => <QuizView quiz={q()} zone={zone()} />}</Show>
}

function QuizView(props: { quiz: QuizType; zone: string | undefined }) {
  const tenant = useTenant()
  const q = () => props.quiz
  const base = () => `/t/${tenant().slug}`
  const student = () => q().mine !== null
  return (
    <div class="space-y-6">
      <A href={`${base()}/courses/${q().course_id}`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('quiz.back')}
      </A>
      <section class="card space-y-5 p-5 sm:p-6">
        <div class="flex flex-wrap items-center gap-3">
          <h1 class="text-xl font-bold tracking-tight break-words sm:text-2xl">{q().title}</h1>
          <Show when={q().published_at === null}>
            <span class="badge bg-warn-soft text-warn">{t('badge.draft')}</span>
          </Show>
        </div>
        <Show when={q().instructions.trim()}>
          <p class="whitespace-pre-line">{q().instructions}</p>
        </Show>
        <QuizFacts quiz={q()} zone={props.zone} />
        <Show
          when={student()}
          fallback={
            <>
              <FormAlert tone="info">
                <p>{q().published_at === null ? t('quiz.draft') : t('quiz.teacherNote')}</p>
              </FormAlert>
              <div class="flex flex-wrap gap-2">
                <A href={`${base()}/quizzes/${q().id}/edit`} class="btn-secondary">
                  <Pencil size={16} aria-hidden="true" />
                  {t('quiz.edit')}
                </A>
                <A href={`${base()}/quizzes/${q().id}/results`} class="btn-secondary">
                  <ChartColumn size={16} aria-hidden="true" />
                  {t('quiz.results')}
                </A>
              </div>
            </>
          }
        >
          <StartQuiz quiz={q()} zone={props.zone} />
        </Show>
      </section>
      <Show when={q().mine?.submitted}>
        <Show
          when={resultsReleased(q())}
          fallback={
            <FormAlert tone="info">
              <p>{t('quiz.waiting')}</p>
            </FormAlert>
          }
        >
          <Show when={q().mine?.best_score != null}>
            <p class="text-lg font-semibold">
              {t('quiz.best', {
                score: formatScore(q().mine?.best_score ?? 0),
                max: formatScore(q().max_score),
              })}
            </p>
          </Show>
          <Suspense>
            <PastAttempts quiz={q()} zone={props.zone} />
          </Suspense>
        </Show>
      </Show>
    </div>
  )
}
