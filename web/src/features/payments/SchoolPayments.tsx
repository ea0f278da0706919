import { createAsync, revalidate } from '@solidjs/router'
import Lock from 'lucide-solid/icons/lock'
import Receipt from 'lucide-solid/icons/receipt'
import Undo2 from 'lucide-solid/icons/undo-2'
import { createSignal, For, Show } from 'solid-js'
import type { RefundAnswer } from '../../../../edge/contract/billing.ts'
import type { Payment } from '../../../../edge/contract/payments.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { RefundDialog } from './components/RefundDialog.tsx'
import { StatusBadge } from './components/StatusBadge.tsx'
import { TableScroll } from './components/TableScroll.tsx'
import { messages } from './messages.ts'
import { formatMinor } from './money.ts'
import { createRefresher } from './refresh.ts'
import { canRefund } from './refund.ts'
import { getSchoolPayments } from './SchoolPayments.data.ts'

const t = translator(messages)

/** /t/:slug/payments — every payment of the school, with refunds (owners and admins). */
export default function SchoolPayments() {
  const tenant = useTenant()
  usePageTitle(() => t('school.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-6xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('school.title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('school.intro', { school: tenant().name })}</p>
      <Show
        when={isAdminRole(tenant().role)}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('school.forbidden')}>
            {t('school.forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <Boundary keys={getSchoolPayments.keyFor(tenant().id)} fallback={<ListSkeleton rows={4} />}>
          <List tenantId={tenant().id} />
        </Boundary>
      </Show>
    </div>
  )
}

function List(props: { tenantId: string }) {
  const payments = createAsync(() => getSchoolPayments(props.tenantId))
  const [refunding, setRefunding] = createSignal<Payment>()
  const [result, setResult] = createSignal<{ text: string; requested: boolean }>()
  const reload = () => revalidate(getSchoolPayments.keyFor(props.tenantId))
  const refreshLater = createRefresher(reload)

  function refunded(answer: RefundAnswer, amountMinor: number) {
    const p = answer.payment
    const values = { amount: formatMinor(amountMinor, p.currency), name: p.beneficiary_name }
    const requested = answer.outcome === 'requested'
    setResult({ text: t(requested ? 'refund.requested' : 'refund.done', values), requested })
    void reload()
    if (requested) refreshLater()
  }

  return (
    <Show when={payments()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState icon={<Receipt size={28} />} title={t('school.emptyTitle')}>
              {t('school.emptyText')}
            </EmptyState>
          }
        >
          <div class="space-y-4">
            <Show when={result()}>
              {(r) => (
                <FormAlert tone={r().requested ? 'info' : 'success'}>
                  <p>{r().text}</p>
                </FormAlert>
              )}
            </Show>
            <TableScroll label={t('school.caption')}>
              <table class="w-full min-w-[52rem] text-left text-sm">
                <caption class="sr-only">{t('school.caption')}</caption>
                <thead class="border-b border-line bg-subtle/50 text-xs tracking-wide text-muted uppercase">
                  <tr>
                    <th scope="col" class="px-4 py-3 font-medium">
                      {t('school.course')}
                    </th>
                    <th scope="col" class="px-4 py-3 font-medium">
                      {t('school.student')}
                    </th>
                    <th scope="col" class="px-4 py-3 text-right font-medium">
                      {t('school.amount')}
                    </th>
                    <th scope="col" class="px-4 py-3 text-right font-medium">
                      {t('school.refunded')}
                    </th>
                    <th scope="col" class="px-4 py-3 font-medium">
                      {t('school.method')}
                    </th>
                    <th scope="col" class="px-4 py-3 font-medium">
                      {t('school.status')}
                    </th>
                    <th scope="col" class="px-4 py-3 font-medium">
                      {t('school.date')}
                    </th>
                    <th scope="col" class="px-4 py-3 font-medium">
                      <span class="sr-only">{t('school.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-line">
                  <For each={list()}>
                    {(p) => (
                      <Row
                        payment={p}
                        onRefund={() => {
                          setResult()
                          setRefunding(p)
                        }}
                      />
                    )}
                  </For>
                </tbody>
              </table>
            </TableScroll>
          </div>
          <RefundDialog
            payment={refunding()}
            onClose={() => setRefunding()}
            onDone={(answer, amountMinor) => {
              refunded(answer, amountMinor)
              setRefunding()
            }}
          />
        </Show>
      )}
    </Show>
  )
}

function Row(props: { payment: Payment; onRefund: () => void }) {
  const p = () => props.payment
  const course = () => p().course_title ?? t('purchases.unknownCourse')
  return (
    <tr>
      <td class="px-4 py-3 font-medium">{course()}</td>
      <td class="px-4 py-3">{p().beneficiary_name}</td>
      <td class="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums">
        {formatMinor(p().amount_minor, p().currency)}
      </td>
      <td class="px-4 py-3 text-right whitespace-nowrap text-muted tabular-nums">
        {p().refunded_minor > 0 ? formatMinor(p().refunded_minor, p().currency) : t('school.none')}
        <Show when={p().refund_pending_minor > 0}>
          <span class="block text-xs">
            {t('school.refundOnItsWay', { amount: formatMinor(p().refund_pending_minor, p().currency) })}
          </span>
        </Show>
      </td>
      <td class="px-4 py-3 whitespace-nowrap">{t(`provider.${p().provider}`)}</td>
      <td class="px-4 py-3">
        <StatusBadge status={p().status} />
        <Show when={p().failure_reason}>
          <span class="mt-1 block max-w-56 text-xs text-muted">{p().failure_reason}</span>
        </Show>
      </td>
      <td class="px-4 py-3 whitespace-nowrap text-muted">
        <time datetime={p().created_at}>{formatDate(p().created_at)}</time>
      </td>
      <td class="px-4 py-2 text-right">
        <Show when={canRefund(p())}>
          <Button
            variant="secondary"
            class="min-h-9 px-3 py-1.5"
            aria-label={t('school.refundLabel', { name: p().beneficiary_name, course: course() })}
            onClick={props.onRefund}
          >
            <Undo2 size={16} aria-hidden="true" />
            {t('school.refund')}
          </Button>
        </Show>
      </td>
    </tr>
  )
}
