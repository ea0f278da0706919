import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { lazy, Show, Suspense } from 'solid-js'
import type { Submission, SubmissionList } from '../../../../edge/contract/assignments.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { GradeHistory } from './components/GradeHistory.tsx'
import { GradingForm } from './components/GradingForm.tsx'
import { SubmissionView } from './components/SubmissionView.tsx'
import { getSubmission, getSubmissions, loadGrading } from './Grade.data.ts'
import type { MarkCriterion } from './grading.ts'
import { messages } from './teacher-messages.ts'

const t = translator(messages)
/** AI grade suggestions: loaded once the grading page is on screen. */
const Suggestions = lazy(() => import('./components/Suggestions.tsx'))
const ScriptText = lazy(() => import('./components/ScriptText.tsx'))

/**
 * /t/:slug/submissions/:id — grading, side by side: the submission (text, files) on the left, the
 * rubric on the right (levels or achieved / not yet, feedback, the live total or BTEC grade), Save and
 * Next ungraded, keyboard shortcuts; the grade's history below. Stacks on narrow screens.
 */
export default function Grade() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <Boundary
      keys={[getSubmission.keyFor(id()), getSubmissions.key]}
      fallback={
        <div role="status" class="grid gap-6 lg:grid-cols-2">
          <span class="sr-only">{t('grade.loading')}</span>
          <Skeleton class="h-96 w-full rounded-xl" />
          <Skeleton class="h-96 w-full rounded-xl" />
        </div>
      }
    >
      <Show when={id()} keyed>
        {(submissionId) => <Loaded id={submissionId} />}
      </Show>
    </Boundary>
  )
}

function Loaded(props: { id: string }) {
  const submission = createAsync(() => getSubmission(props.id))
  const list = createAsync(() => loadGrading(props.id))
  usePageTitle(() => {
    const name = submission()?.student_name
    return name ? t('grade.docTitle', { name }) : undefined
  })
  return (
    <Show when={submission()}>
      {(s) => <Show when={list()}>{(l) => <Grading submission={s()} list={l()} />}</Show>}
    </Show>
  )
}

function Grading(props: { submission: Submission; list: SubmissionList }) {
  const tenant = useTenant()
  const a = () => props.list.assignment
  let mark: MarkCriterion | undefined
  return (
    <div class="space-y-6">
      <A
        href={`/t/${tenant().slug}/assignments/${a().id}/submissions`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('grade.back')}
      </A>
      <div class="grid items-start gap-6 lg:grid-cols-2">
        <section aria-labelledby="submission-heading" class="card space-y-4 p-4 sm:p-5">
          <div>
            <p class="text-sm text-muted break-words">{a().title}</p>
            <h1 id="submission-heading" class="text-xl font-bold tracking-tight break-words">
              {props.submission.student_name}
            </h1>
          </div>
          <SubmissionView submission={props.submission} penaltyPercent={a().late_penalty_percent} />
          <Suspense>
            <ScriptText submission={props.submission} assignment={a().id} />
          </Suspense>
        </section>
        <section aria-label={t('grade.rubric')}>
          <Suspense>
            <Suggestions submission={props.submission} assignment={a()} onAccept={(id, m) => mark?.(id, m)} />
          </Suspense>
          <GradingForm submission={props.submission} list={props.list} onMarker={(m) => (mark = m)} />
        </section>
      </div>
      <div class="card p-4 sm:p-5">
        <GradeHistory history={props.submission.history} />
      </div>
    </div>
  )
}
