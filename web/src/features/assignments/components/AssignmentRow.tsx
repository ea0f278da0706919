import { A } from '@solidjs/router'
import Inbox from 'lucide-solid/icons/inbox'
import Pencil from 'lucide-solid/icons/pencil'
import { Show } from 'solid-js'
import type { Assignment } from '../../../../../edge/contract/assignments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatDue } from '../../../lib/school-time.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { gradeText } from '../grade-text.ts'
import { messages } from '../messages.ts'
import { studentStatus, submitMode } from '../status.ts'
import { DueBadge, dueText } from './Due.tsx'

const t = translator(messages)

export const STATUS_TONES = {
  not_submitted: 'bg-subtle text-muted',
  missing: 'bg-danger-soft text-danger',
  submitted: 'bg-success-soft text-success',
  graded: 'bg-primary/10 text-primary',
} as const

/** One assignment in the course's list: when it is due, and the student's status or the teacher's links. */
export function AssignmentRow(props: {
  assignment: Assignment
  zone: string | undefined
  teacher: boolean
  canEdit: boolean
}) {
  const tenant = useTenant()
  const a = () => props.assignment
  const base = () => `/t/${tenant().slug}/assignments/${a().id}`
  const now = Date.now()
  const status = () => studentStatus(a(), now)
  const grade = () => {
    const g = a().my_submission?.grade
    return g ? gradeText(g, (name) => t(`btec.${name}`)) : undefined
  }
  const facts = () =>
    [
      dueText(a(), props.zone),
      props.teacher && a().counts
        ? t('panel.counts', { submitted: a().counts?.submitted ?? 0, graded: a().counts?.graded ?? 0 })
        : '',
      !props.teacher && submitMode(a(), now) === 'resubmit' && a().due_at
        ? t('status.resubmitUntil', { time: formatDue(a().due_at, props.zone) })
        : '',
    ]
      .filter(Boolean)
      .join(' · ')

  return (
    <li class="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
      <div class="min-w-0">
        <div class="flex flex-wrap items-center gap-2">
          <A href={base()} class="link font-semibold break-words">
            {a().title}
          </A>
          <Show when={props.teacher && a().published_at === null}>
            <span class="badge bg-warn-soft text-warn">{t('badge.draft')}</span>
          </Show>
          <Show when={!props.teacher}>
            <span class={`badge ${STATUS_TONES[status()]}`}>{t(`status.${status()}`)}</span>
          </Show>
          {/* Past the due time: what late work gets now (a student's own on-time work is not late). */}
          <Show when={props.teacher ? a().published_at !== null : !a().my_submission}>
            <DueBadge assignment={a()} now={now} />
          </Show>
        </div>
        <p class="mt-1 text-sm text-muted">{facts()}</p>
        <Show when={!props.teacher && grade()}>
          <p class="mt-1 text-sm font-medium">{t('status.grade', { grade: grade() ?? '' })}</p>
        </Show>
      </div>
      <Show when={props.teacher}>
        <div class="flex shrink-0 flex-wrap gap-2">
          <Show when={props.canEdit}>
            <A
              href={`${base()}/edit`}
              class="btn-secondary min-h-9 px-3 py-1.5"
              aria-label={t('panel.editLabel', { title: a().title })}
            >
              <Pencil size={16} aria-hidden="true" />
              {t('panel.edit')}
            </A>
          </Show>
          <A
            href={`${base()}/submissions`}
            class="btn-secondary min-h-9 px-3 py-1.5"
            aria-label={t('panel.submissionsLabel', { title: a().title })}
          >
            <Inbox size={16} aria-hidden="true" />
            {t('panel.submissions')}
          </A>
        </div>
      </Show>
    </li>
  )
}
