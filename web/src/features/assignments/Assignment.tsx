import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Inbox from 'lucide-solid/icons/inbox'
import Pencil from 'lucide-solid/icons/pencil'
import { createSignal, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import type { Assignment } from '../../../../edge/contract/assignments.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatDue } from '../../lib/school-time.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { useSchoolZone } from '../tenancy/school-zone.ts'
import { getAssignment } from './Assignment.data.ts'
import { STATUS_TONES } from './components/AssignmentRow.tsx'
import { DueBadge, dueText } from './components/Due.tsx'
import { GradeHistory } from './components/GradeHistory.tsx'
import { GradeResult } from './components/GradeResult.tsx'
import { RubricView } from './components/RubricView.tsx'
import { SubmissionView } from './components/SubmissionView.tsx'
import { SubmitForm } from './components/SubmitForm.tsx'
import { messages } from './messages.ts'
import { studentStatus, submitMode } from './status.ts'

const t = translator(messages)
// Group work's "Group work with: …" loads only on group assignments' pages.
const MyGroup = lazy(() => import('./components/Groups.tsx').then((m) => ({ default: m.MyGroup })))

/**
 * /t/:slug/assignments/:id — an assignment as its students see it (phone first): what to do, by
 * when, how it is graded; their submission with Submit, or Resubmit until the due time (late with
 * the penalty, or closed, after it); once results are released, the grade, each criterion's outcome
 * and feedback, and the grade's history. Teachers see the same page with links to their tools.
 */
export default function AssignmentPage() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="mx-auto max-w-2xl">
      <Boundary keys={getAssignment.keyFor(id())} fallback={<PageSkeleton />}>
        <Show when={id()} keyed>
          {(assignmentId) => <Loaded id={assignmentId} />}
        </Show>
      </Boundary>
    </div>
  )
}

function PageSkeleton() {
  return (
    <div role="status" class="space-y-4">
      <span class="sr-only">{t('page.loading')}</span>
      <Skeleton class="h-4 w-32" />
      <Skeleton class="h-8 w-72 max-w-full" />
      <Skeleton class="h-40 w-full rounded-xl" />
      <Skeleton class="h-56 w-full rounded-xl" />
    </div>
  )
}

function Loaded(props: { id: string }) {
  const assignment = createAsync(() => getAssignment(props.id))
  const zone = useSchoolZone()
  usePageTitle(() => assignment()?.title)
  return <Show when={assignment()}>{(a) => <View assignment={a()} zone={zone()} />}</Show>
}

function View(props: { assignment: Assignment; zone: string | undefined }) {
  const tenant = useTenant()
  const a = () => props.assignment
  const now = Date.now()
  const teacher = () => a().counts !== null
  const base = () => `/t/${tenant().slug}/assignments/${a().id}`
  const status = () => studentStatus(a(), now)
  return (
    <div class="space-y-5">
      <A
        href={`/t/${tenant().slug}/courses/${a().course_id}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('nav.backToCourse')}
      </A>
      <header>
        <h1 class="text-2xl font-bold tracking-tight break-words">{a().title}</h1>
        <div class="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span class="text-muted">{dueText(a(), props.zone)}</span>
          <Show when={teacher() && a().published_at === null}>
            <span class="badge bg-warn-soft text-warn">{t('badge.draft')}</span>
          </Show>
          <Show when={!teacher()}>
            <span class={`badge ${STATUS_TONES[status()]}`}>{t(`status.${status()}`)}</span>
          </Show>
          <Show when={teacher() || !a().my_submission}>
            <DueBadge assignment={a()} now={now} />
          </Show>
        </div>
      </header>

      <Show when={teacher()}>
        <FormAlert tone="info">
          <p>{t('page.teacherNote')}</p>
          <p class="mt-2 flex flex-wrap gap-3">
            <A href={`${base()}/edit`} class="inline-flex items-center gap-1">
              <Pencil size={14} aria-hidden="true" />
              {t('panel.edit')}
            </A>
            <A href={`${base()}/submissions`} class="inline-flex items-center gap-1">
              <Inbox size={14} aria-hidden="true" />
              {t('panel.submissions')}
            </A>
          </p>
        </FormAlert>
      </Show>

      <section aria-labelledby="instructions-heading" class="card p-4 sm:p-5">
        <h2 id="instructions-heading" class="font-semibold">
          {t('page.instructions')}
        </h2>
        <Show
          when={a().instructions.trim()}
          fallback={<p class="mt-2 text-sm text-muted">{t('page.noInstructions')}</p>}
        >
          <p class="mt-2 text-sm leading-relaxed break-words whitespace-pre-wrap">{a().instructions}</p>
        </Show>
        <p class="mt-3 text-sm text-muted">
          {a().allow_text && a().allow_files
            ? t('page.waysBoth')
            : a().allow_files
              ? t('page.waysFiles')
              : t('page.waysText')}
        </p>
      </section>

      <section aria-labelledby="graded-heading" class="card p-4 sm:p-5">
        <h2 id="graded-heading" class="mb-2 font-semibold">
          {t('page.howGraded')}
        </h2>
        <RubricView rubric={a().rubric} maxPoints={a().max_points} />
      </section>

      <Show when={!teacher() && a().mode === 'group'}>
        <Suspense>
          <MyGroup assignmentId={a().id} />
        </Suspense>
      </Show>
      <Show when={!teacher()}>
        <Mine assignment={a()} zone={props.zone} now={now} />
      </Show>
    </div>
  )
}

/** The student's own part: the submit form, their submission, and once released their grade. */
function Mine(props: { assignment: Assignment; zone: string | undefined; now: number }) {
  const tenant = useTenant()
  const { session } = useApp()
  const a = () => props.assignment
  const mine = () => a().my_submission
  const mode = () => submitMode(a(), props.now)
  const [editing, setEditing] = createSignal(false)
  // A group's submission may be another member's: uploads always go to the signed-in student's folder.
  const userId = () => (a().mode === 'group' ? session.userId() : mine()?.user_id) ?? session.userId() ?? ''
  const form = (m: 'submit' | 'late' | 'resubmit') => (
    <SubmitForm
      assignment={a()}
      mode={m}
      tenantId={tenant().id}
      userId={userId()}
      onDone={() => setEditing(false)}
    />
  )
  return (
    <>
      <Show when={mine()?.grade}>
        {(grade) => (
          <section aria-labelledby="result-heading" class="card space-y-5 p-4 sm:p-5">
            <h2 id="result-heading" class="font-semibold">
              {t('result.title')}
            </h2>
            <GradeResult
              grade={grade()}
              rubric={a().rubric}
              late={mine()?.late ?? false}
              penaltyPercent={a().late_penalty_percent}
            />
            <GradeHistory history={mine()?.history ?? []} headingLevel="h3" />
          </section>
        )}
      </Show>

      <section aria-labelledby="mine-heading" class="card space-y-4 p-4 sm:p-5">
        <h2 id="mine-heading" class="font-semibold">
          {t('page.yours')}
        </h2>
        <Switch>
          <Match when={mode() === 'submit' || mode() === 'late'}>{form(mode() as 'submit' | 'late')}</Match>
          <Match when={mode() === 'resubmit' && editing()}>{form('resubmit')}</Match>
          <Match when={mine()}>
            {(s) => (
              <>
                <SubmissionView submission={s()} penaltyPercent={a().late_penalty_percent} />
                <Switch>
                  <Match when={mode() === 'resubmit'}>
                    <div class="flex flex-col gap-3 border-t border-line pt-4 sm:flex-row sm:items-center sm:justify-between">
                      <p class="text-sm text-muted">
                        {a().due_at
                          ? t('page.resubmitUntil', { time: formatDue(a().due_at, props.zone) })
                          : t('page.resubmitAnytime')}
                      </p>
                      <Button variant="secondary" class="shrink-0" onClick={() => setEditing(true)}>
                        {t('page.change')}
                      </Button>
                    </div>
                  </Match>
                  <Match when={!s().grade}>
                    <p class="border-t border-line pt-4 text-sm text-muted">
                      {a().results_released_at ? t('page.notGradedYet') : t('page.awaiting')}
                    </p>
                  </Match>
                </Switch>
              </>
            )}
          </Match>
          <Match when={mode() === 'closed'}>
            <FormAlert tone="warn">
              <p>{t('page.closed', { time: formatDue(a().due_at, props.zone) })}</p>
            </FormAlert>
          </Match>
        </Switch>
        <Show when={mode() === 'resubmit' && !editing()}>
          <p class="text-xs text-muted">{t('page.awaiting')}</p>
        </Show>
      </section>
    </>
  )
}
