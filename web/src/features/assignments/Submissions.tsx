import { A, createAsync, revalidate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Inbox from 'lucide-solid/icons/inbox'
import Pencil from 'lucide-solid/icons/pencil'
import Send from 'lucide-solid/icons/send'
import { createSignal, For, lazy, Show, Suspense } from 'solid-js'
import type { BtecGrade } from '../../../../edge/contract/assessments-values.ts'
import type { SubmissionList } from '../../../../edge/contract/assignments.ts'
import { formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatDue } from '../../lib/school-time.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { useSchoolZone } from '../tenancy/school-zone.ts'
import { getAssignment, getAssignments, releaseGrades } from './api.ts'
import { gradeText } from './grade-text.ts'
import { getSubmissions } from './Submissions.data.ts'
import { messages } from './teacher-messages.ts'

const t = translator(messages)
// Group assignments' groups and their work, loaded only for group assignments.
const GroupsWork = lazy(() => import('./components/Groups.tsx').then((m) => ({ default: m.GroupsWork })))

/**
 * /t/:slug/assignments/:id/submissions — teachers: every submission (student, when, late, version,
 * graded and the grade) with a link to grade it, the enrolled students with none, and "Release
 * grades" (students see their grades and feedback from then on).
 */
export default function Submissions() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-5xl">
      <Boundary keys={getSubmissions.keyFor(id())} fallback={<ListSkeleton rows={5} />}>
        <Show when={id()} keyed>
          {(assignmentId) => <Loaded id={assignmentId} />}
        </Show>
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const list = createAsync(() => getSubmissions(props.id))
  const zone = useSchoolZone()
  usePageTitle(() => {
    const title = list()?.assignment.title
    return title ? t('subs.docTitle', { title }) : undefined
  })
  return <Show when={list()}>{(l) => <View list={l()} zone={zone()} />}</Show>
}

function View(props: { list: SubmissionList; zone: string | undefined }) {
  const tenant = useTenant()
  const a = () => props.list.assignment
  const items = () => props.list.items
  const graded = () => items().filter((s) => s.graded).length
  const [releasing, setReleasing] = createSignal(false)
  const base = () => `/t/${tenant().slug}`
  const btecName = (name: BtecGrade) => t(`btec.${name}`)
  const max = () =>
    a().rubric ? (a().rubric?.kind === 'btec' ? null : a().rubric?.max_points) : a().max_points

  async function release() {
    await releaseGrades(a().id)
    toast.success(t('subs.releasedToast'), t('subs.releasedToastText', { count: graded() }))
    await revalidate([getSubmissions.keyFor(a().id), getAssignment.keyFor(a().id), getAssignments.key])
  }

  return (
    <div class="space-y-6">
      <A href={`${base()}/courses/${a().course_id}`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('nav.backToCourse')}
      </A>
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div class="min-w-0">
          <p class="text-sm text-muted">{t('subs.title')}</p>
          <h1 class="text-2xl font-bold tracking-tight break-words">{a().title}</h1>
          <p class="mt-1 text-sm text-muted">
            {[
              a().due_at ? t('subs.due', { time: formatDue(a().due_at, props.zone) }) : t('subs.noDue'),
              t('subs.summary', {
                submitted: items().length,
                graded: graded(),
                missing: props.list.missing.length,
              }),
            ].join(' · ')}
          </p>
        </div>
        <div class="flex shrink-0 flex-wrap gap-2">
          <A href={`${base()}/assignments/${a().id}/similarity`} class="btn-secondary">
            {t('subs.similarity')}
          </A>
          <A href={`${base()}/assignments/${a().id}/edit`} class="btn-secondary">
            <Pencil size={16} aria-hidden="true" />
            {t('subs.settings')}
          </A>
          <Show when={!a().results_released_at}>
            <Button onClick={() => setReleasing(true)} disabled={items().length === 0}>
              <Send size={16} aria-hidden="true" />
              {t('subs.release')}
            </Button>
          </Show>
        </div>
      </div>

      <Show when={a().published_at === null}>
        <FormAlert tone="warn">
          <p>{t('subs.draft')}</p>
        </FormAlert>
      </Show>
      <Show when={a().results_released_at}>
        {(at) => (
          <FormAlert tone="success">
            <p>{t('subs.released', { time: formatDateTime(at()) })}</p>
          </FormAlert>
        )}
      </Show>

      <Show when={a().mode === 'group'}>
        <Suspense>
          <GroupsWork assignmentId={a().id} />
        </Suspense>
      </Show>

      <section aria-labelledby="subs-heading" class="card overflow-hidden">
        <h2 id="subs-heading" class="sr-only">
          {t('subs.title')}
        </h2>
        <Show
          when={items().length > 0}
          fallback={
            <div class="p-5">
              <EmptyState icon={<Inbox size={28} />} title={t('subs.emptyTitle')}>
                {t('subs.emptyText')}
              </EmptyState>
            </div>
          }
        >
          <div class="overflow-x-auto">
            <table class="w-full min-w-[40rem] text-left text-sm">
              <thead class="border-b border-line bg-subtle text-xs text-muted uppercase">
                <tr>
                  <th scope="col" class="px-4 py-2.5 font-medium">
                    {t('subs.student')}
                  </th>
                  <th scope="col" class="px-4 py-2.5 font-medium">
                    {t('subs.submitted')}
                  </th>
                  <th scope="col" class="px-4 py-2.5 font-medium">
                    {t('subs.version')}
                  </th>
                  <th scope="col" class="px-4 py-2.5 font-medium">
                    {t('subs.grade')}
                  </th>
                  <th scope="col" class="px-4 py-2.5 font-medium">
                    <span class="sr-only">{t('subs.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                <For each={items()}>
                  {(s) => (
                    <tr>
                      <th scope="row" class="px-4 py-3 font-medium">
                        {s.student_name}
                      </th>
                      <td class="px-4 py-3">
                        <span class="whitespace-nowrap">{formatDateTime(s.submitted_at)}</span>
                        <Show when={s.late}>
                          <span class="badge ml-2 bg-warn-soft text-warn">{t('subs.late')}</span>
                        </Show>
                      </td>
                      <td class="px-4 py-3">{s.version}</td>
                      <td class="px-4 py-3">
                        <Show
                          when={s.graded}
                          fallback={<span class="text-muted">{t('subs.notGraded')}</span>}
                        >
                          {gradeText(s, btecName, max()) ?? t('subs.gradedShort')}
                        </Show>
                      </td>
                      <td class="px-4 py-3 text-right">
                        <A
                          href={`${base()}/submissions/${s.id}`}
                          class={`${s.graded ? 'btn-secondary' : 'btn-primary'} min-h-9 px-3 py-1.5`}
                          aria-label={t(s.graded ? 'subs.regradeLabel' : 'subs.gradeLabel', {
                            name: s.student_name,
                          })}
                        >
                          {s.graded ? t('subs.regrade') : t('subs.gradeAction')}
                        </A>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section aria-labelledby="missing-heading" class="card p-5">
        <h2 id="missing-heading" class="font-semibold">
          {t('subs.missingTitle', { count: props.list.missing.length })}
        </h2>
        <Show
          when={props.list.missing.length > 0}
          fallback={<p class="mt-2 text-sm text-muted">{t('subs.missingNone')}</p>}
        >
          <ul class="mt-3 flex flex-wrap gap-2">
            <For each={props.list.missing}>
              {(m) => <li class="rounded-full bg-subtle px-3 py-1 text-sm">{m.student_name}</li>}
            </For>
          </ul>
        </Show>
      </section>

      <ConfirmDialog
        open={releasing()}
        onOpenChange={setReleasing}
        title={t('subs.releaseTitle')}
        confirmLabel={t('subs.release')}
        onConfirm={release}
      >
        <p>{t('subs.releaseText', { graded: graded(), submitted: items().length })}</p>
        <Show when={graded() < items().length}>
          <p class="mt-2">{t('subs.releaseUngraded', { count: items().length - graded() })}</p>
        </Show>
      </ConfirmDialog>
    </div>
  )
}
