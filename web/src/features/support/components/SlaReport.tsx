import { For, Show } from 'solid-js'
import type { CsatReport, SlaFigures } from '../../../../../edge/contract/support.ts'
import { formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { messages } from '../messages.ts'
import { categoryLabel } from '../support-context.ts'

const t = translator(messages)

const minutes = (f: SlaFigures) =>
  f.first_response_minutes === null ? '—' : t('report.minutes', { count: f.first_response_minutes })
const hours = (f: SlaFigures) =>
  f.resolution_hours === null ? '—' : t('report.hours', { count: f.resolution_hours })
const met = (f: SlaFigures) => (f.met_percent === null ? '—' : `${Math.round(f.met_percent)}%`)

/** Response times and SLA of the tickets opened in the period: overall, by agent, by category. */
export function SlaReport(props: { sla: CsatReport['sla'] }) {
  return (
    <section aria-labelledby="sla-heading" class="space-y-4">
      <div>
        <h2 id="sla-heading" class="text-lg font-semibold">
          {t('report.slaHeading')}
        </h2>
        <p class="mt-1 text-sm text-muted">{t('report.slaIntro')}</p>
      </div>
      <Show
        when={props.sla.overall.tickets > 0}
        fallback={<p class="text-sm text-muted">{t('report.noTickets')}</p>}
      >
        <dl class="grid gap-4 sm:grid-cols-4">
          <Figure label={t('report.tickets')} value={formatNumber(props.sla.overall.tickets)} />
          <Figure label={t('report.firstResponse')} value={minutes(props.sla.overall)} />
          <Figure label={t('report.resolution')} value={hours(props.sla.overall)} />
          <Figure label={t('report.metOnTime')} value={met(props.sla.overall)} />
        </dl>
        <div class="grid gap-6 xl:grid-cols-2">
          <SlaTable
            title={t('report.byAgent')}
            first={t('report.agent')}
            rows={props.sla.by_agent.map((a) => ({ key: a.agent_id ?? 'none', name: a.name, figures: a }))}
          />
          <SlaTable
            title={t('report.byCategory')}
            first={t('field.category')}
            rows={props.sla.by_category.map((c) => ({
              key: c.category,
              name: categoryLabel(c.category),
              figures: c,
            }))}
          />
        </div>
      </Show>
    </section>
  )
}

function Figure(props: { label: string; value: string }) {
  return (
    <div class="card px-5 py-4">
      <dt class="text-sm text-muted">{props.label}</dt>
      <dd class="mt-1 text-2xl font-semibold tabular-nums">{props.value}</dd>
    </div>
  )
}

function SlaTable(props: {
  title: string
  first: string
  rows: { key: string; name: string; figures: SlaFigures }[]
}) {
  const head = 'px-3 py-2 text-right font-medium'
  const cell = 'px-3 py-2.5 text-right tabular-nums'
  return (
    <TableScroll label={props.title}>
      <table class="w-full text-left text-sm">
        <caption class="px-4 pt-4 pb-2 text-left text-base font-semibold">{props.title}</caption>
        <thead class="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" class="px-4 py-2 font-medium">
              {props.first}
            </th>
            <th scope="col" class={head}>
              {t('report.tickets')}
            </th>
            <th scope="col" class={head}>
              {t('report.firstResponse')}
            </th>
            <th scope="col" class={head}>
              {t('report.resolution')}
            </th>
            <th scope="col" class={head}>
              {t('report.metOnTime')}
            </th>
            <th scope="col" class={`${head} pr-4`}>
              {t('report.breached')}
            </th>
          </tr>
        </thead>
        <tbody class="divide-y divide-line">
          <For each={props.rows}>
            {(row) => (
              <tr>
                <th scope="row" class="px-4 py-2.5 font-medium">
                  {row.name}
                </th>
                <td class={cell}>{formatNumber(row.figures.tickets)}</td>
                <td class={cell}>{minutes(row.figures)}</td>
                <td class={cell}>{hours(row.figures)}</td>
                <td class={cell}>{met(row.figures)}</td>
                <td class={`${cell} pr-4`}>{formatNumber(row.figures.breached)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableScroll>
  )
}
