import { For, type JSX, Match, Show, Switch } from 'solid-js'
import type { Payout } from '../../../../../edge/contract/billing.ts'
import { PAYOUT_STATUSES, type PayoutStatus } from '../../../../../edge/contract/payments-values.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TableScroll } from '../components/TableScroll.tsx'
import { formatMinor } from '../money.ts'
import { messages } from './messages.ts'

const t = translator(messages)

const TONES: Record<PayoutStatus, string> = {
  requested: 'bg-warn-soft text-warn',
  approved: 'bg-subtle text-fg',
  rejected: 'bg-subtle text-muted',
  paid: 'bg-success-soft text-success',
  failed: 'bg-danger-soft text-danger',
}

const known = (status: string): status is PayoutStatus =>
  (PAYOUT_STATUSES as readonly string[]).includes(status)

/** A payout's status in words ("Awaiting approval", "Paid"…). */
export function PayoutStatusBadge(props: { status: string }) {
  return (
    <span class={`badge ${known(props.status) ? TONES[props.status] : 'bg-subtle text-muted'}`}>
      {known(props.status) ? t(`status.${props.status}`) : props.status}
    </span>
  )
}

/** "KES 900" — a payout's amount. */
export const payoutAmount = (p: Pick<Payout, 'amount_minor' | 'currency'>) =>
  formatMinor(p.amount_minor, p.currency)

/** "M-Pesa · 0712345678", "Bank transfer · KCB Moi Avenue…". */
export const payoutTo = (p: Pick<Payout, 'method' | 'destination'>) =>
  t('to', { method: t(`method.${p.method}`), destination: p.destination })

/** What else there is to know: why it was refused, its reference, or what happens next. */
function Details(props: { payout: Payout }) {
  const p = () => props.payout
  return (
    <Switch fallback={null}>
      <Match when={p().reason}>{(reason) => t('note.reason', { reason: reason() })}</Match>
      <Match when={p().reference}>{(reference) => t('note.reference', { reference: reference() })}</Match>
      <Match when={p().status === 'approved' && p().method === 'mpesa'}>{t('note.sending')}</Match>
      <Match when={p().status === 'approved'}>{t('note.bankPending')}</Match>
    </Switch>
  )
}

/**
 * Payouts as a table with headers: amount, where to, status, details, when asked; the instructor
 * (admins' lists) and a cell of actions when given.
 */
export function PayoutTable(props: {
  payouts: readonly Payout[]
  caption: string
  instructor?: boolean
  actions?: (payout: Payout) => JSX.Element
}) {
  return (
    <TableScroll label={props.caption}>
      <table class="w-full min-w-[40rem] text-left text-sm">
        <caption class="sr-only">{props.caption}</caption>
        <thead class="border-b border-line bg-subtle/50 text-xs tracking-wide text-muted uppercase">
          <tr>
            <Show when={props.instructor}>
              <th scope="col" class="px-4 py-3 font-medium">
                {t('col.instructor')}
              </th>
            </Show>
            <th scope="col" class="px-4 py-3 text-right font-medium">
              {t('col.amount')}
            </th>
            <th scope="col" class="px-4 py-3 font-medium">
              {t('col.to')}
            </th>
            <th scope="col" class="px-4 py-3 font-medium">
              {t('col.status')}
            </th>
            <th scope="col" class="px-4 py-3 font-medium">
              {t('col.details')}
            </th>
            <th scope="col" class="px-4 py-3 font-medium">
              {t('col.requested')}
            </th>
            <Show when={props.actions}>
              <th scope="col" class="px-4 py-3 font-medium">
                <span class="sr-only">{t('col.actions')}</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody class="divide-y divide-line">
          <For each={props.payouts}>
            {(p) => (
              <tr>
                <Show when={props.instructor}>
                  <td class="px-4 py-3 font-medium">{p.instructor_name}</td>
                </Show>
                <td class="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums">
                  {payoutAmount(p)}
                </td>
                <td class="max-w-64 px-4 py-3 break-words">{payoutTo(p)}</td>
                <td class="px-4 py-3">
                  <PayoutStatusBadge status={p.status} />
                </td>
                <td class="max-w-64 px-4 py-3 break-words text-muted">
                  <Details payout={p} />
                </td>
                <td class="px-4 py-3 whitespace-nowrap text-muted">
                  <time datetime={p.created_at}>{formatDate(p.created_at)}</time>
                </td>
                <Show when={props.actions}>
                  {(actions) => <td class="px-4 py-2 text-right whitespace-nowrap">{actions()(p)}</td>}
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableScroll>
  )
}
