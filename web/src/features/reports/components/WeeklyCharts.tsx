import { A, createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import type { WeeklyActivity } from '../../../../../edge/contract/reports.ts'
import { formatMoney, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { PageSkeleton } from '../../../ui/Skeleton.tsx'
import { getWeekly } from '../api.ts'
import { messages } from '../messages.ts'
import { ChartCard } from './ChartCard.tsx'

const t = translator(messages)

// Colours that read on light and dark backgrounds alike.
const TEAL = '#0d9488'
const AMBER = '#d97706'
const INDIGO = '#6366f1'
const ROSE = '#e11d48'

/**
 * The last 12 weeks as charts: what the person's reports cover (school, courses, children, self), or
 * one course of it (the course chosen in the report's filters; a teacher's way in from the course page).
 */
export function WeeklyCharts(props: { tenantId: string; course?: string; onAllCourses?: () => void }) {
  const tenant = useTenant()
  const activity = createAsync(() => getWeekly(props.tenantId, props.course))
  return (
    <section aria-labelledby="weekly-heading" class="space-y-3">
      <div class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="weekly-heading" class="text-lg font-semibold">
          {props.course ? t('charts.courseTitle') : t('charts.title')}
        </h2>
        <Show when={props.course && props.onAllCourses}>
          <button type="button" class="link text-sm" onClick={() => props.onAllCourses?.()}>
            {t('charts.allCourses')}
          </button>
        </Show>
        {/* The weekly school report (an email or the bell, Monday morning) is a notification setting. */}
        <Show when={isAdminRole(tenant().role)}>
          <A href="/account#notifications" class="link text-sm">
            {t('charts.schedule')}
          </A>
        </Show>
      </div>
      <Boundary keys={getWeekly.key} fallback={<PageSkeleton rows={2} />}>
        <Show when={activity()}>{(a) => <Charts activity={a()} />}</Show>
      </Boundary>
    </section>
  )
}

function Charts(props: { activity: WeeklyActivity }) {
  const weeks = () => props.activity.weeks.map((w) => w.week)
  const pick = (key: keyof WeeklyActivity['weeks'][number]) =>
    props.activity.weeks.map((w) => w[key] as number | null)
  const wide = () => props.activity.scope === 'school' || props.activity.scope === 'teacher'
  const currency = () => props.activity.currency
  return (
    <div class="grid gap-4 lg:grid-cols-2">
      <Show when={wide()}>
        <ChartCard
          id="chart-active"
          title={t('charts.active')}
          weeks={weeks()}
          series={[
            { label: t('charts.activeStudents'), values: pick('active_students'), color: TEAL },
            { label: t('charts.enrolments'), values: pick('enrolments'), color: INDIGO },
          ]}
          format={formatNumber}
        />
      </Show>
      <ChartCard
        id="chart-sessions"
        title={t('charts.sessions')}
        weeks={weeks()}
        series={[
          { label: t('charts.booked'), values: pick('seats_booked'), color: INDIGO },
          { label: t('charts.attended'), values: pick('seats_attended'), color: TEAL },
        ]}
        format={formatNumber}
      />
      <ChartCard
        id="chart-learning"
        title={t('charts.learning')}
        weeks={weeks()}
        series={[
          { label: t('charts.opened'), values: pick('lesson_reads'), color: INDIGO },
          { label: t('charts.lessons'), values: pick('lessons_completed'), color: TEAL },
          { label: t('charts.questions'), values: pick('tutor_questions'), color: AMBER },
          { label: t('charts.posts'), values: pick('forum_posts'), color: ROSE },
        ]}
        format={formatNumber}
      />
      <Show when={props.activity.scope === 'school'}>
        <ChartCard
          id="chart-support"
          title={t('charts.support')}
          weeks={weeks()}
          series={[
            { label: t('charts.tickets'), values: pick('tickets_opened'), color: AMBER },
            { label: t('charts.breached'), values: pick('tickets_breached'), color: ROSE },
          ]}
          format={formatNumber}
        />
      </Show>
      <Show when={currency()}>
        {(code) => (
          <ChartCard
            id="chart-money"
            title={t('charts.money', { currency: code() })}
            weeks={weeks()}
            series={[
              {
                label: t('charts.received'),
                values: pick('revenue_minor').map((v) => (v === null ? null : v / 100)),
                color: TEAL,
              },
            ]}
            format={(n) => formatMoney(n, code())}
          />
        )}
      </Show>
    </div>
  )
}
