import { For } from 'solid-js'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { messages } from '../messages.ts'
import { Chart, type Series } from './Chart.tsx'

const t = translator(messages)

/** A chart with its title, and the same numbers as a table under "Show the numbers". */
export function ChartCard(props: {
  id: string
  title: string
  weeks: string[]
  series: Series[]
  format?: (n: number) => string
}) {
  const times = () => props.weeks.map((w) => Date.parse(`${w}T00:00:00Z`) / 1000)
  const cell = (v: number | null) => (v === null ? '—' : props.format ? props.format(v) : String(v))
  return (
    <figure class="card min-w-0 p-4" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`} class="text-sm font-semibold">
        {props.title}
      </figcaption>
      <Chart times={times()} series={props.series} format={props.format} />
      <details class="mt-2 text-sm">
        <summary class="cursor-pointer text-muted">{t('charts.numbers')}</summary>
        <div class="mt-2">
          <TableScroll label={props.title}>
            <table class="w-full text-sm">
              <caption class="sr-only">{props.title}</caption>
              <thead>
                <tr class="border-b border-line text-left text-muted">
                  <th scope="col" class="py-1 pr-3 font-medium">
                    {t('charts.week')}
                  </th>
                  <For each={props.series}>
                    {(s) => (
                      <th scope="col" class="py-1 pr-3 text-right font-medium">
                        {s.label}
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                <For each={props.weeks}>
                  {(week, i) => (
                    <tr>
                      <th scope="row" class="py-1 pr-3 text-left font-normal">
                        {formatDate(week)}
                      </th>
                      <For each={props.series}>
                        {(s) => (
                          <td class="py-1 pr-3 text-right tabular-nums">{cell(s.values[i()] ?? null)}</td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableScroll>
        </div>
      </details>
    </figure>
  )
}
