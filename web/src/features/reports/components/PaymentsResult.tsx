import Wallet from 'lucide-solid/icons/wallet'
import { For } from 'solid-js'
import type { PaymentsGroup, PaymentsReport, PaymentsRow } from '../../../../../edge/contract/reports.ts'
import { formatDate, formatMoney, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { type Column, captionArgs, ReportResult, ReportTable, Stat } from './ReportTable.tsx'

const t = translator(messages)

/** Minor units of a currency as money (every currency we take has 2 decimals). */
const money = (minor: number, currency: string) => formatMoney(minor / 100, currency)

/** The row's own columns: the payment (day, reference, payer, what, provider, status), the day or the course. */
function leading(group: PaymentsGroup): Column<PaymentsRow>[] {
  const count = {
    head: t('payments.table.payments'),
    cell: (r: PaymentsRow) => formatNumber(r.payments),
    numeric: true,
  }
  switch (group) {
    case 'payment':
      return [
        { head: t('payments.table.date'), cell: (r) => formatDate(r.day) },
        { head: t('payments.table.reference'), cell: (r) => r.reference ?? '—' },
        { head: t('payments.table.payer'), cell: (r) => r.label ?? t('table.unknown') },
        { head: t('payments.table.bought'), cell: (r) => r.detail ?? '—' },
        {
          head: t('payments.table.provider'),
          cell: (r) => (r.provider ? t(`payments.provider.${r.provider}`) : '—'),
        },
        {
          head: t('payments.table.status'),
          cell: (r) => (r.status ? t(`payments.status.${r.status}`) : '—'),
        },
      ]
    case 'day':
      return [{ head: t('payments.table.date'), cell: (r) => formatDate(r.day) }, count]
    case 'course':
      return [
        {
          head: t('payments.table.course'),
          cell: (r) => (r.key === null ? t('payments.noCourse') : (r.label ?? t('table.unknown'))),
        },
        count,
      ]
  }
}

/** Amount, refunded and net, each in the row's own currency. */
const figures: Column<PaymentsRow>[] = [
  { head: t('payments.table.amount'), cell: (r) => money(r.amount_minor, r.currency), numeric: true },
  { head: t('payments.table.refunded'), cell: (r) => money(r.refunded_minor, r.currency), numeric: true },
  { head: t('payments.table.net'), cell: (r) => money(r.net_minor, r.currency), numeric: true },
]

/**
 * The payments report's totals, one per currency (money received, less refunds; how many payments,
 * paid and refunded), then its rows as a table a page at a time.
 */
export function PaymentsResult(props: {
  report: PaymentsReport
  page: number
  onPage: (page: number) => void
}) {
  const r = () => props.report
  const caption = () => t('payments.caption', captionArgs(t(`payments.group.${r().group}`), r()))
  return (
    <ReportResult
      report={r()}
      icon={<Wallet size={28} />}
      emptyTitle={t('payments.empty.title')}
      emptyText={t('payments.empty.text')}
    >
      <dl class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <For each={r().totals}>
          {(total) => (
            <div>
              <Stat
                label={t('payments.summary.net', { currency: total.currency })}
                value={money(total.net_minor, total.currency)}
              />
              <p class="mt-1 px-1 text-xs text-muted">
                {t('payments.summary.detail', {
                  payments: formatNumber(total.payments),
                  amount: money(total.amount_minor, total.currency),
                  refunded: money(total.refunded_minor, total.currency),
                })}
              </p>
            </div>
          )}
        </For>
      </dl>
      <ReportTable
        id="payments-table"
        caption={caption()}
        columns={[...leading(r().group), ...figures]}
        rows={r().rows}
        page={props.page}
        totalRows={r().total_rows}
        onPage={props.onPage}
      />
    </ReportResult>
  )
}
