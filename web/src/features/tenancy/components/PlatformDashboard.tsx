import { createAsync } from '@solidjs/router'
import Activity from 'lucide-solid/icons/activity'
import { For, type JSX, Show } from 'solid-js'
import type { PlatformWeek, PlatformWeekly } from '../../../../../edge/contract/admin-platform.ts'
import { TENANT_ROLES } from '../../../../../edge/contract/tenancy.ts'
import { formatMoney, formatNumber, roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Boundary } from '../../../ui/Boundary.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { PageSkeleton } from '../../../ui/Skeleton.tsx'
import { ChartCard } from '../../reports/components/ChartCard.tsx'
import { getPlatformWeekly, PLATFORM_WEEKS } from '../Admin.data.ts'
import { platformMessages } from './platform-messages.ts'

// The platform's dashboard (issue 20), the console's Platform view: loaded on its own when opened,
// so the console's first screen (the schools) never loads it, nor uPlot (which the first chart loads).

const t = translator(platformMessages)

// Colours that read on light and dark backgrounds alike (as the reports' charts).
const TEAL = '#0d9488'
const AMBER = '#d97706'
const INDIGO = '#6366f1'

/** The platform now (headline numbers, members by role) and week by week (charts, each with its table). */
export default function PlatformDashboard(props: { weeks: number; onWeeks: (weeks: number) => void }) {
  return (
    <section aria-labelledby="platform-heading" class="space-y-4">
      <div class="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="platform-heading" class="text-lg font-semibold">
            {t('platform.title')}
          </h2>
          <p class="mt-1 max-w-2xl text-sm text-muted">{t('platform.text')}</p>
        </div>
        <div>
          <label for="platform-weeks" class="mb-1.5 block text-sm font-medium">
            {t('platform.weeks')}
          </label>
          <select
            id="platform-weeks"
            class="input"
            value={props.weeks}
            onChange={(e) => props.onWeeks(Number(e.currentTarget.value))}
          >
            <For each={PLATFORM_WEEKS}>
              {(n) => <option value={n}>{t('platform.lastWeeks', { count: n })}</option>}
            </For>
          </select>
        </div>
      </div>
      <Boundary keys={getPlatformWeekly.key} fallback={<PageSkeleton rows={4} />}>
        <Figures weeks={props.weeks} />
      </Boundary>
    </section>
  )
}

function Figures(props: { weeks: number }) {
  const data = createAsync(() => getPlatformWeekly(props.weeks))
  return (
    <Show when={data()}>
      {(d) => (
        <div class="space-y-4">
          <Headline data={d()} />
          <Show
            when={d().weeks.some(busy)}
            fallback={
              <EmptyState icon={<Activity size={28} />} title={t('platform.quiet')}>
                {t('platform.quietText')}
              </EmptyState>
            }
          >
            <Charts weeks={d().weeks} />
            <p class="text-xs text-muted">{t('platform.definitions')}</p>
          </Show>
        </div>
      )}
    </Show>
  )
}

/** A week in which anything at all happened. */
const busy = (w: PlatformWeek) => w.schools_active + w.schools_new + w.tickets_opened + w.money.length > 0

function Stat(props: { label: string; value: number; children?: JSX.Element }) {
  return (
    <div class="card p-4">
      <p class="text-sm text-muted">{props.label}</p>
      <p class="mt-1 text-2xl font-semibold tabular-nums">{formatNumber(props.value)}</p>
      <Show when={props.children}>
        <p class="mt-1 text-xs text-muted">{props.children}</p>
      </Show>
    </div>
  )
}

function Headline(props: { data: PlatformWeekly }) {
  const totals = () => props.data.totals
  const status = () => totals().schools_by_status
  const memberships = () => Object.values(totals().members_by_role).reduce((sum, n) => sum + (n ?? 0), 0)
  const current = () => props.data.weeks.at(-1)
  const previous = () => props.data.weeks.at(-2)
  const newSchools = () => props.data.weeks.reduce((sum, w) => sum + w.schools_new, 0)
  const roles = () => TENANT_ROLES.filter((role) => (totals().members_by_role[role] ?? 0) > 0)
  return (
    <div class="grid gap-4 lg:grid-cols-3">
      <div class="grid gap-4 sm:grid-cols-2 lg:col-span-2">
        <Stat label={t('platform.schools')} value={status().active + status().suspended}>
          {t('platform.schoolsDetail', { active: status().active, suspended: status().suspended })}
          <Show when={status().deleted > 0}> · {t('platform.deleted', { count: status().deleted })}</Show>
          <Show when={totals().deletion_planned > 0}>
            {' '}
            · {t('platform.deletionPlanned', { count: totals().deletion_planned })}
          </Show>
        </Stat>
        <Stat label={t('platform.people')} value={totals().people}>
          {t('platform.peopleDetail', { count: memberships() })}
        </Stat>
        <Stat label={t('platform.activeThisWeek')} value={current()?.active_students ?? 0}>
          <Show when={previous()}>{(p) => t('platform.activeLastWeek', { count: p().active_students })}</Show>
        </Stat>
        <Stat label={t('platform.newSchools')} value={newSchools()}>
          {t('platform.newSchoolsDetail', { count: props.data.weeks.length })}
        </Stat>
      </div>
      <section aria-labelledby="platform-roles" class="card p-4">
        <h3 id="platform-roles" class="text-sm font-semibold">
          {t('platform.byRole')}
        </h3>
        <Show
          when={roles().length > 0}
          fallback={<p class="mt-2 text-sm text-muted">{t('platform.noMembers')}</p>}
        >
          <table class="mt-2 w-full text-sm">
            <thead class="sr-only">
              <tr>
                <th scope="col">{t('platform.role')}</th>
                <th scope="col">{t('platform.members')}</th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={roles()}>
                {(role) => (
                  <tr>
                    <th scope="row" class="py-1 text-left font-normal">
                      {roleLabel(role)}
                    </th>
                    <td class="py-1 text-right tabular-nums">
                      {formatNumber(totals().members_by_role[role] ?? 0)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
    </div>
  )
}

function Charts(props: { weeks: PlatformWeek[] }) {
  const weeks = () => props.weeks.map((w) => w.week)
  const pick = (key: Exclude<keyof PlatformWeek, 'week' | 'money'>) => props.weeks.map((w) => w[key])
  /** Currencies with money in the period, by code. */
  const currencies = () => [...new Set(props.weeks.flatMap((w) => w.money.map((m) => m.currency)))].sort()
  const money = (currency: string, key: 'received_minor' | 'refunded_minor') =>
    props.weeks.map((w) => (w.money.find((m) => m.currency === currency)?.[key] ?? 0) / 100)
  return (
    <div class="grid items-start gap-4 lg:grid-cols-2">
      <ChartCard
        id="platform-schools"
        title={t('platform.chartSchools')}
        weeks={weeks()}
        series={[
          { label: t('platform.schoolsActive'), values: pick('schools_active'), color: TEAL },
          { label: t('platform.schoolsNew'), values: pick('schools_new'), color: INDIGO },
        ]}
        format={formatNumber}
      />
      <ChartCard
        id="platform-students"
        title={t('platform.chartStudents')}
        weeks={weeks()}
        series={[{ label: t('platform.activeStudents'), values: pick('active_students'), color: TEAL }]}
        format={formatNumber}
      />
      <ChartCard
        id="platform-learning"
        title={t('platform.chartLearning')}
        weeks={weeks()}
        series={[
          { label: t('platform.lessons'), values: pick('lessons_completed'), color: TEAL },
          { label: t('platform.questions'), values: pick('tutor_questions'), color: AMBER },
        ]}
        format={formatNumber}
      />
      <ChartCard
        id="platform-sessions"
        title={t('platform.chartSessions')}
        weeks={weeks()}
        series={[{ label: t('platform.sessions'), values: pick('sessions_held'), color: INDIGO }]}
        format={formatNumber}
      />
      <ChartCard
        id="platform-support"
        title={t('platform.chartSupport')}
        weeks={weeks()}
        series={[{ label: t('platform.tickets'), values: pick('tickets_opened'), color: AMBER }]}
        format={formatNumber}
      />
      <For each={currencies()}>
        {(currency) => (
          <ChartCard
            id={`platform-money-${currency.toLowerCase()}`}
            title={t('platform.chartMoney', { currency })}
            weeks={weeks()}
            series={[
              { label: t('platform.received'), values: money(currency, 'received_minor'), color: TEAL },
              { label: t('platform.refunded'), values: money(currency, 'refunded_minor'), color: AMBER },
            ]}
            format={(n) => formatMoney(n, currency)}
          />
        )}
      </For>
    </div>
  )
}
