import { A, createAsync, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import Star from 'lucide-solid/icons/star'
import { createEffect, createSignal, For, type JSX, Show, untrack } from 'solid-js'
import type { CsatReport } from '../../../../edge/contract/support.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { TextField } from '../../ui/Field.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { SlaReport } from './components/SlaReport.tsx'
import { Stars } from './components/Stars.tsx'
import { messages } from './messages.ts'
import { dayParam, getCsatReport } from './SupportReport.data.ts'
import { categoryLabel, isSupportStaff } from './support-context.ts'

const t = translator(messages)

type Figures = CsatReport['overall']

const average = (f: Figures) => (f.average === null ? '—' : f.average.toFixed(1))
const satisfied = (f: Figures) => (f.satisfied_percent === null ? '—' : `${Math.round(f.satisfied_percent)}%`)

/** /t/:slug/support/report — response times, SLA and satisfaction (CSAT) per agent and per category over a date range. */
export default function SupportReport() {
  const tenant = useTenant()
  usePageTitle(() => t('report.pageTitle', { school: tenant().name }))
  return (
    <Show
      when={isSupportStaff(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('report.onlyStaffTitle')}>
          {t('report.onlyStaffText', { school: tenant().name })}
        </EmptyState>
      }
    >
      <Report />
    </Show>
  )
}

function Report() {
  const tenant = useTenant()
  const [search, setSearch] = useSearchParams()
  const from = () => dayParam(search.from)
  const to = () => dayParam(search.to)
  const report = createAsync(() => getCsatReport(tenant().id, from(), to()))
  // The same period in Reports, where the desk's figures go by ticket too and export as a file.
  const inReports = () => {
    const [start, end] = [from(), to()]
    const q = new URLSearchParams({ report: 'support' })
    if (start) q.set('from', start)
    if (end) q.set('to', end)
    return `/t/${tenant().slug}/reports?${q}`
  }
  return (
    <div class="space-y-8">
      <div>
        <A href={`/t/${tenant().slug}/support`} class="link mb-3 inline-flex items-center gap-1 text-sm">
          <ArrowLeft size={14} aria-hidden="true" />
          {t('queue.heading')}
        </A>
        <div class="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 class="text-2xl font-bold tracking-tight">{t('report.heading')}</h1>
            <p class="mt-1 text-sm text-muted">{t('report.pageIntro')}</p>
            <A href={inReports()} class="link mt-1 inline-block text-sm">
              {t('report.toReports')}
            </A>
          </div>
          <RangeForm
            from={from()}
            to={to()}
            shown={report.latest}
            onApply={(start, end) => setSearch({ from: start, to: end })}
          />
        </div>
      </div>
      <Boundary keys={getCsatReport.key} fallback={<PageSkeleton rows={3} />}>
        <Show when={report()}>{(r) => <ReportBody report={r()} />}</Show>
      </Boundary>
    </div>
  )
}

function RangeForm(props: {
  from?: string
  to?: string
  /** The report on screen: its range fills empty fields (the API's default is the last 30 days). */
  shown?: CsatReport
  onApply: (from?: string, to?: string) => void
}) {
  const [from, setFrom] = createSignal(props.from ?? '')
  const [to, setTo] = createSignal(props.to ?? '')
  const [error, setError] = createSignal<string>()
  createEffect(() => {
    const r = props.shown
    if (!r) return
    untrack(() => {
      if (!from()) setFrom(r.from.slice(0, 10))
      if (!to()) setTo(r.to.slice(0, 10))
    })
  })
  return (
    <form
      class="flex flex-wrap items-start gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (from() && to() && to() < from()) return setError(t('report.endBeforeStart'))
        setError()
        props.onApply(from() || undefined, to() || undefined)
      }}
    >
      <TextField label={t('report.from')} type="date" value={from()} onValue={setFrom} class="w-40" />
      <TextField
        label={t('report.to')}
        type="date"
        value={to()}
        onValue={setTo}
        error={error()}
        class="w-40"
      />
      <Button type="submit" variant="secondary" class="mt-6.5">
        {t('report.show')}
      </Button>
    </form>
  )
}

function Stat(props: { label: string; value: string; children?: JSX.Element }) {
  return (
    <div class="card px-5 py-4">
      <dt class="text-sm text-muted">{props.label}</dt>
      <dd class="mt-1 flex items-center gap-2 text-3xl font-semibold tabular-nums">
        {props.value}
        {props.children}
      </dd>
    </div>
  )
}

function ReportBody(props: { report: CsatReport }) {
  const tenant = useTenant()
  const r = () => props.report
  return (
    <>
      <p class="text-sm text-muted">
        {formatDate(r().from)} – {formatDate(r().to)}
      </p>
      <SlaReport sla={r().sla} />
      <div>
        <h2 class="text-lg font-semibold">{t('report.csatHeading')}</h2>
        <p class="mt-1 text-sm text-muted">{t('report.intro')}</p>
      </div>
      <Show
        when={r().overall.count > 0}
        fallback={
          <EmptyState icon={<Star size={28} />} title={t('report.emptyTitle')}>
            {t('report.emptyText')}
          </EmptyState>
        }
      >
        <dl class="grid gap-4 sm:grid-cols-3">
          <Stat label={t('report.ratings')} value={String(r().overall.count)} />
          <Stat label={t('report.average')} value={average(r().overall)}>
            <Show when={r().overall.average !== null}>
              <span class="text-base">
                <Stars score={Math.round(r().overall.average ?? 0)} size={18} />
              </span>
            </Show>
          </Stat>
          <Stat label={t('report.satisfied')} value={satisfied(r().overall)} />
        </dl>

        <div class="grid gap-6 lg:grid-cols-2">
          <FiguresTable
            title={t('report.byAgent')}
            first={t('report.agent')}
            rows={r().by_agent.map((a) => ({ key: a.agent_id ?? 'none', name: a.name, figures: a }))}
          />
          <FiguresTable
            title={t('report.byCategory')}
            first={t('field.category')}
            rows={r().by_category.map((c) => ({
              key: c.category,
              name: categoryLabel(c.category),
              figures: c,
            }))}
          />
        </div>

        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" class="mb-3 text-lg font-semibold">
            {t('report.recent')}
          </h2>
          <ul class="card divide-y divide-line">
            <For each={r().recent}>
              {(rating) => (
                <li class="px-4 py-3 text-sm">
                  <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <A href={`/t/${tenant().slug}/support/${rating.ticket_id}`} class="link tabular-nums">
                      #{rating.ticket_number}
                    </A>
                    <span class="font-medium">{rating.requester_name ?? t('person.unknown')}</span>
                    <span class="flex items-center gap-1.5">
                      <Stars score={rating.score} />
                      <span class="sr-only">{t('csat.outOfFive', { score: rating.score })}</span>
                    </span>
                    <span class="text-muted">{categoryLabel(rating.category)}</span>
                    <time class="ml-auto text-xs text-muted" datetime={rating.created_at}>
                      {formatDateTime(rating.created_at)}
                    </time>
                  </div>
                  <Show when={rating.comment}>
                    <p class="mt-1 text-muted">“{rating.comment}”</p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  )
}

function FiguresTable(props: {
  title: string
  first: string
  rows: { key: string; name: string; figures: Figures }[]
}) {
  return (
    <section class="card overflow-x-auto">
      <table class="w-full text-left text-sm">
        <caption class="px-4 pt-4 pb-2 text-left text-base font-semibold">{props.title}</caption>
        <thead class="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" class="px-4 py-2 font-medium">
              {props.first}
            </th>
            <th scope="col" class="px-3 py-2 text-right font-medium">
              {t('report.ratings')}
            </th>
            <th scope="col" class="px-3 py-2 text-right font-medium">
              {t('report.average')}
            </th>
            <th scope="col" class="px-4 py-2 text-right font-medium">
              {t('report.satisfied')}
            </th>
          </tr>
        </thead>
        <tbody class="divide-y divide-line">
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colspan="4" class="px-4 py-4 text-muted">
                  {t('report.none')}
                </td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <th scope="row" class="px-4 py-2.5 font-medium">
                  {row.name}
                </th>
                <td class="px-3 py-2.5 text-right tabular-nums">{row.figures.count}</td>
                <td class="px-3 py-2.5 text-right tabular-nums">{average(row.figures)}</td>
                <td class="px-4 py-2.5 text-right tabular-nums">{satisfied(row.figures)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  )
}
