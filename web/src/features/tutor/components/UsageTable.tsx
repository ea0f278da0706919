import ChartColumn from 'lucide-solid/icons/chart-column'
import { For, Show } from 'solid-js'
import type { Usage, UsageRow } from '../../../../../edge/contract/ai.ts'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The provider column: the local answers by name, a provider by its label. */
function providerName(provider: string): string {
  if (provider === 'lessons') return t('usage.lessons')
  if (provider === 'safety') return t('usage.safety')
  return provider
}

/** Newest day first, then by provider. */
const ordered = (rows: UsageRow[]) =>
  [...rows].sort((a, b) => b.day.localeCompare(a.day) || a.provider.localeCompare(b.provider))

/** Requests, tokens, failures and fallbacks per day and provider over the period. */
export function UsageTable(props: { usage: Usage }) {
  return (
    <Show
      when={props.usage.rows.length > 0}
      fallback={
        <EmptyState icon={<ChartColumn size={24} />} title={t('usage.emptyTitle')}>
          {t('usage.emptyText')}
        </EmptyState>
      }
    >
      <TableScroll
        label={t('usage.caption', { from: formatDate(props.usage.from), to: formatDate(props.usage.to) })}
      >
        <table class="w-full min-w-[36rem] text-sm">
          <caption class="sr-only">
            {t('usage.caption', { from: formatDate(props.usage.from), to: formatDate(props.usage.to) })}
          </caption>
          <thead class="border-b border-line text-left text-xs text-muted">
            <tr>
              <th scope="col" class="px-4 py-2 font-medium">
                {t('usage.day')}
              </th>
              <th scope="col" class="px-4 py-2 font-medium">
                {t('usage.provider')}
              </th>
              <th scope="col" class="px-4 py-2 text-right font-medium">
                {t('usage.requests')}
              </th>
              <th scope="col" class="px-4 py-2 text-right font-medium">
                {t('usage.tokens')}
              </th>
              <th scope="col" class="px-4 py-2 text-right font-medium">
                {t('usage.failures')}
              </th>
              <th scope="col" class="px-4 py-2 text-right font-medium">
                {t('usage.fallbacks')}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={ordered(props.usage.rows)}>
              {(r) => (
                <tr>
                  <td class="px-4 py-2 whitespace-nowrap">{formatDate(r.day)}</td>
                  <td class="px-4 py-2">{providerName(r.provider)}</td>
                  <td class="px-4 py-2 text-right tabular-nums">{formatNumber(r.requests)}</td>
                  <td class="px-4 py-2 text-right tabular-nums">
                    {formatNumber(r.tokens_in + r.tokens_out)}
                  </td>
                  <td class="px-4 py-2 text-right tabular-nums" classList={{ 'text-danger': r.failures > 0 }}>
                    {formatNumber(r.failures)}
                  </td>
                  <td class="px-4 py-2 text-right tabular-nums">{formatNumber(r.fallbacks)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableScroll>
    </Show>
  )
}
