import { createAsync } from '@solidjs/router'
import Receipt from 'lucide-solid/icons/receipt'
import { For, Show } from 'solid-js'
import type { Payment } from '../../../../edge/contract/payments.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { StatusBadge } from './components/StatusBadge.tsx'
import { messages } from './messages.ts'
import { formatMinor } from './money.ts'
import { getMyPayments } from './Purchases.data.ts'

const t = translator(messages)

/** /t/:slug/purchases — what I bought (or was bought for me) at this school, with its status. */
export default function Purchases() {
  const tenant = useTenant()
  usePageTitle(() => t('purchases.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-4xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('purchases.title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('purchases.intro', { school: tenant().name })}</p>
      <Boundary keys={getMyPayments.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
        <List tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function List(props: { tenantId: string }) {
  const payments = createAsync(() => getMyPayments(props.tenantId))
  return (
    <Show when={payments()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState icon={<Receipt size={28} />} title={t('purchases.emptyTitle')}>
              {t('purchases.emptyText')}
            </EmptyState>
          }
        >
          <div class="overflow-hidden rounded-xl border border-line bg-surface">
            <table class="block w-full text-sm md:table">
              <thead class="hidden border-b border-line bg-subtle/50 text-left text-xs tracking-wide text-muted uppercase md:table-header-group">
                <tr>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('purchases.course')}
                  </th>
                  <th scope="col" class="px-4 py-3 text-right font-medium">
                    {t('purchases.amount')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('purchases.status')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('purchases.date')}
                  </th>
                </tr>
              </thead>
              <tbody class="block divide-y divide-line md:table-row-group">
                <For each={list()}>{(p) => <Row payment={p} />}</For>
              </tbody>
            </table>
          </div>
        </Show>
      )}
    </Show>
  )
}

/** One purchase: a card on a phone, a table row from md up (each cell labelled for screen readers). */
function Row(props: { payment: Payment }) {
  const p = () => props.payment
  return (
    <tr class="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 px-4 py-3 md:table-row md:p-0">
      <td class="min-w-0 md:px-4 md:py-3">
        <span class="font-medium">{p().course_title ?? t('purchases.unknownCourse')}</span>
        <span class="block text-xs text-muted">
          {t(`provider.${p().provider}`)}
          <Show when={p().beneficiary_name}>
            {' · '}
            {t('purchases.for', { name: p().beneficiary_name })}
          </Show>
        </span>
      </td>
      <td class="text-right font-medium whitespace-nowrap tabular-nums md:px-4 md:py-3">
        {formatMinor(p().amount_minor, p().currency)}
        <Show when={p().refunded_minor > 0}>
          <span class="block text-xs font-normal text-muted">
            {t('purchases.refunded', { amount: formatMinor(p().refunded_minor, p().currency) })}
          </span>
        </Show>
      </td>
      <td class="md:px-4 md:py-3">
        <StatusBadge status={p().status} />
      </td>
      <td class="text-right text-muted md:px-4 md:py-3 md:text-left">
        <time datetime={p().created_at}>{formatDate(p().created_at)}</time>
      </td>
    </tr>
  )
}
