import { A, createAsync, revalidate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ClipboardCheck from 'lucide-solid/icons/clipboard-check'
import Pencil from 'lucide-solid/icons/pencil'
import Send from 'lucide-solid/icons/send'
import { createSignal, For, Show } from 'solid-js'
import type { AttemptRow, QuizResults as Results } from '../../../../edge/contract/assessments.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatWhen } from '../../lib/school-time.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { TableScroll } from '../payments/components/TableScroll.tsx'
import { useSchoolZone } from '../tenancy/school-zone.ts'
import { getQuiz, getQuizzes, releaseResults } from './api.ts'
import { messages } from './messages.ts'
import { getQuizResults } from './QuizResults.data.ts'
import { formatScore } from './quiz-status.ts'

const t = translator(messages)

/**
 * /t/:slug/quizzes/:id/results — every attempt at a quiz (student, attempt, status, when, score),
 * how many enrolled students have not started, and "Release results" for a manually released quiz.
 */
export default function QuizResults() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-5xl">
      <Boundary keys={getQuizResults.keyFor(id())} fallback={<ListSkeleton rows={5} />}>
        <Loaded id={id()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const results = createAsync(() => getQuizResults(props.id))
  const zone = useSchoolZone()
  usePageTitle(() => {
    const title = results()?.quiz.title
    return title ? t('results.docTitle', { title }) : undefined
  })
  return <Show when={results()}>{(r) => <ResultsView results={r()} zone={zone()} />}</Show>
}

function ResultsView(props: { results: Results; zone: string | undefined }) {
  const tenant = useTenant()
  const [releasing, setReleasing] = createSignal(false)
  const quiz = () => props.results.quiz
  const submitted = () => props.results.attempts.filter((a) => a.status === 'submitted').length
  const canRelease = () => quiz().release === 'manual' && quiz().results_released_at === null

  async function release() {
    await releaseResults(quiz().id)
    toast.success(t('results.releasedToast'), quiz().title)
    await revalidate([
      getQuizResults.keyFor(quiz().id),
      getQuiz.keyFor(quiz().id),
      getQuizzes.keyFor(quiz().course_id),
    ])
  }

  return (
    <div class="space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${quiz().course_id}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('quiz.back')}
      </A>
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div class="min-w-0">
          <h1 class="text-2xl font-bold tracking-tight break-words">
            {t('results.title', { title: quiz().title })}
          </h1>
          <p class="mt-1 text-sm text-muted">
            {t('results.submittedCount', { count: submitted() })}{' '}
            {t('results.notStarted', { count: props.results.not_started })}
          </p>
          <p class="mt-1 text-sm text-muted">
            {quiz().release === 'on_submit'
              ? t('results.onSubmit')
              : quiz().results_released_at
                ? t('results.released', { time: formatWhen(quiz().results_released_at, props.zone) })
                : t('results.manual')}
          </p>
        </div>
        <div class="flex shrink-0 flex-wrap gap-2">
          <A href={`/t/${tenant().slug}/quizzes/${quiz().id}/edit`} class="btn-secondary">
            <Pencil size={16} aria-hidden="true" />
            {t('quiz.edit')}
          </A>
          <Show when={canRelease()}>
            <Button onClick={() => setReleasing(true)}>
              <Send size={16} aria-hidden="true" />
              {t('results.release')}
            </Button>
          </Show>
        </div>
      </div>
      <Show
        when={props.results.attempts.length > 0}
        fallback={
          <EmptyState icon={<ClipboardCheck size={28} />} title={t('results.emptyTitle')}>
            {t('results.emptyText')}
          </EmptyState>
        }
      >
        <TableScroll label={t('results.caption', { title: quiz().title })}>
          <table class="w-full min-w-[40rem] text-left text-sm">
            <caption class="sr-only">{t('results.caption', { title: quiz().title })}</caption>
            <thead class="border-b border-line bg-subtle/50 text-xs tracking-wide text-muted uppercase">
              <tr>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('results.student')}
                </th>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('results.attempt')}
                </th>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('results.status')}
                </th>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('results.submittedAt')}
                </th>
                <th scope="col" class="px-4 py-3 text-right font-medium">
                  {t('results.score')}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={props.results.attempts}>{(a) => <Row attempt={a} zone={props.zone} />}</For>
            </tbody>
          </table>
        </TableScroll>
      </Show>
      <ConfirmDialog
        open={releasing()}
        onOpenChange={setReleasing}
        title={t('results.releaseTitle')}
        confirmLabel={t('results.release')}
        onConfirm={release}
      >
        <p>{t('results.releaseText')}</p>
      </ConfirmDialog>
    </div>
  )
}

function Row(props: { attempt: AttemptRow; zone: string | undefined }) {
  const a = () => props.attempt
  return (
    <tr>
      <td class="px-4 py-3 font-medium">{a().student_name}</td>
      <td class="px-4 py-3 tabular-nums">{a().number}</td>
      <td class="px-4 py-3">
        <span class="flex flex-wrap items-center gap-1.5">
          <span
            class={`badge ${a().status === 'submitted' ? 'bg-success-soft text-success' : 'bg-warn-soft text-warn'}`}
          >
            {t(`status.${a().status}`)}
          </span>
          <Show when={a().auto_submitted}>
            <span class="badge bg-subtle text-muted" title={t('results.autoHint')}>
              {t('results.auto')}
            </span>
          </Show>
        </span>
      </td>
      <td class="px-4 py-3 whitespace-nowrap text-muted">
        <Show when={a().submitted_at} fallback="—">
          {(at) => <time datetime={at()}>{formatWhen(at(), props.zone)}</time>}
        </Show>
      </td>
      <td class="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums">
        {a().score !== null && a().max_score !== null
          ? t('quiz.score', { score: formatScore(a().score ?? 0), max: formatScore(a().max_score ?? 0) })
          : '—'}
      </td>
    </tr>
  )
}
