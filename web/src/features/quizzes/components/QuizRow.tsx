import { A } from '@solidjs/router'
import ChartColumn from 'lucide-solid/icons/chart-column'
import Pencil from 'lucide-solid/icons/pencil'
import { Show } from 'solid-js'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatWhen } from '../../../lib/school-time.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from '../messages.ts'
import { attemptsLeft, formatScore, quizWindow, studentStatus } from '../quiz-status.ts'

const t = translator(messages)

const STATUS_TONES = {
  not_started: 'bg-subtle text-muted',
  in_progress: 'bg-warn-soft text-warn',
  submitted: 'bg-success-soft text-success',
} as const

/** One quiz in the course's list: what it asks, and the student's status or the teacher's links. */
export function QuizRow(props: { quiz: Quiz; zone: string | undefined; teacher: boolean; canEdit: boolean }) {
  const tenant = useTenant()
  const q = () => props.quiz
  const base = () => `/t/${tenant().slug}`
  const open = () => quizWindow(q(), Date.now())
  const left = () => attemptsLeft(q(), q().mine)
  const status = () => studentStatus(q().mine)
  const facts = () =>
    [
      t('facts.questions', { count: q().question_count }),
      q().time_limit_minutes === null
        ? t('facts.noTimeLimit')
        : t('facts.minutes', { count: q().time_limit_minutes ?? 0 }),
      props.teacher || q().max_attempts === null
        ? q().max_attempts === null
          ? t('facts.unlimited')
          : t('facts.attempts', { count: q().max_attempts ?? 0 })
        : t('facts.attemptsLeft', { count: left() ?? 0 }),
      open() === 'not_open'
        ? t('window.opens', { time: formatWhen(q().opens_at, props.zone) })
        : open() === 'closed'
          ? t('window.closed')
          : q().closes_at
            ? t('window.closes', { time: formatWhen(q().closes_at, props.zone) })
            : '',
    ]
      .filter(Boolean)
      .join(' · ')

  return (
    <li class="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
      <div class="min-w-0">
        <div class="flex flex-wrap items-center gap-2">
          <A href={`${base()}/quizzes/${q().id}`} class="link font-semibold break-words">
            {q().title}
          </A>
          <Show when={props.teacher && q().published_at === null}>
            <span class="badge bg-warn-soft text-warn">{t('badge.draft')}</span>
          </Show>
          <Show when={!props.teacher}>
            <span class={`badge ${STATUS_TONES[status()]}`}>{t(`status.${status()}`)}</span>
          </Show>
        </div>
        <p class="mt-1 text-sm text-muted">{facts()}</p>
        <Show when={!props.teacher && q().mine?.best_score != null}>
          <p class="mt-1 text-sm font-medium">
            {t('status.best', {
              score: formatScore(q().mine?.best_score ?? 0),
              max: formatScore(q().max_score),
            })}
          </p>
        </Show>
      </div>
      <div class="flex shrink-0 flex-wrap gap-2">
        <Show when={!props.teacher && q().mine?.in_progress_attempt_id}>
          {(attemptId) => (
            <A
              href={`${base()}/attempts/${attemptId()}`}
              class="btn-primary min-h-9 px-3 py-1.5"
              aria-label={t('panel.resumeLabel', { title: q().title })}
            >
              {t('panel.resume')}
            </A>
          )}
        </Show>
        <Show when={props.canEdit}>
          <A
            href={`${base()}/quizzes/${q().id}/edit`}
            class="btn-secondary min-h-9 px-3 py-1.5"
            aria-label={t('panel.editLabel', { title: q().title })}
          >
            <Pencil size={16} aria-hidden="true" />
            {t('panel.edit')}
          </A>
        </Show>
        <Show when={props.teacher}>
          <A
            href={`${base()}/quizzes/${q().id}/results`}
            class="btn-secondary min-h-9 px-3 py-1.5"
            aria-label={t('panel.resultsLabel', { title: q().title })}
          >
            <ChartColumn size={16} aria-hidden="true" />
            {t('panel.results')}
          </A>
        </Show>
      </div>
    </li>
  )
}
