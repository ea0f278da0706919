import { createAsync, revalidate } from '@solidjs/router'
import Banknote from 'lucide-solid/icons/banknote'
import Check from 'lucide-solid/icons/check'
import Lock from 'lucide-solid/icons/lock'
import { createMemo, createSignal, Show } from 'solid-js'
import type { Payout } from '../../../../edge/contract/billing.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { approvePayout } from './api.ts'
import { getPayouts } from './Payouts.data.ts'
import { messages } from './payouts/messages.ts'
import { MarkPaidDialog, RejectPayoutDialog } from './payouts/PayoutDialogs.tsx'
import { PayoutTable, payoutAmount } from './payouts/PayoutTable.tsx'
import { groupPayouts } from './payouts/payout.ts'
import { createRefresher } from './refresh.ts'

const t = translator(messages)

/**
 * /t/:slug/payouts — instructors' payout requests for the school's admins: approve (M-Pesa is sent
 * at once) or reject each; record the bank's reference of bank payouts; then the history.
 */
export default function Payouts() {
  const tenant = useTenant()
  usePageTitle(() => t('admin.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-6xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('admin.title')}</h1>
      <p class="mt-1 mb-6 max-w-3xl text-sm text-muted">{t('admin.intro')}</p>
      <Show
        when={isAdminRole(tenant().role)}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('admin.forbidden')}>
            {t('admin.forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <Boundary keys={getPayouts.keyFor(tenant().id, 'school')} fallback={<ListSkeleton rows={4} />}>
          <Lists tenantId={tenant().id} />
        </Boundary>
      </Show>
    </div>
  )
}

function Lists(props: { tenantId: string }) {
  const payouts = createAsync(() => getPayouts(props.tenantId, 'school'))
  const groups = createMemo(() => groupPayouts(payouts() ?? []))
  const [approving, setApproving] = createSignal<Payout>()
  const [rejecting, setRejecting] = createSignal<Payout>()
  const [paying, setPaying] = createSignal<Payout>()
  const [result, setResult] = createSignal<string>()
  const reload = () => revalidate(getPayouts.keyFor(props.tenantId, 'school'))
  const refreshLater = createRefresher(reload)
  const said = (p: Payout) => ({ name: p.instructor_name, amount: payoutAmount(p) })

  async function approve() {
    const p = approving()
    if (!p) return
    const done = await approvePayout(p.id)
    setResult(t(done.method === 'mpesa' ? 'approve.sent' : 'approve.approved', said(done)))
    void reload()
    if (done.method === 'mpesa') refreshLater()
  }

  const decide = (p: Payout) => (
    <div class="flex justify-end gap-2">
      <Button
        class="min-h-9 px-3 py-1.5"
        aria-label={t('admin.approveLabel', said(p))}
        onClick={() => {
          setResult()
          setApproving(p)
        }}
      >
        <Check size={16} aria-hidden="true" />
        {t('admin.approve')}
      </Button>
      <Button
        variant="secondary"
        class="min-h-9 px-3 py-1.5"
        aria-label={t('admin.rejectLabel', said(p))}
        onClick={() => {
          setResult()
          setRejecting(p)
        }}
      >
        {t('admin.reject')}
      </Button>
    </div>
  )
  const markPaid = (p: Payout) => (
    <Button
      variant="secondary"
      class="min-h-9 px-3 py-1.5"
      aria-label={t('admin.markPaidLabel', said(p))}
      onClick={() => {
        setResult()
        setPaying(p)
      }}
    >
      {t('admin.markPaid')}
    </Button>
  )

  return (
    <Show when={payouts()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState icon={<Banknote size={28} />} title={t('admin.emptyTitle')}>
              {t('admin.emptyText')}
            </EmptyState>
          }
        >
          <div class="space-y-8">
            <Show when={result()}>
              {(text) => (
                <FormAlert tone="success">
                  <p>{text()}</p>
                </FormAlert>
              )}
            </Show>
            <section aria-labelledby="payouts-decide">
              <h2 id="payouts-decide" class="mb-4 text-lg font-semibold">
                {t('admin.toDecide')}
              </h2>
              <Show
                when={groups().toDecide.length > 0}
                fallback={<p class="card p-4 text-sm text-muted">{t('admin.toDecideEmpty')}</p>}
              >
                <PayoutTable
                  payouts={groups().toDecide}
                  caption={t('admin.toDecideCaption')}
                  instructor
                  actions={decide}
                />
              </Show>
            </section>
            <Show when={groups().toPay.length > 0}>
              <section aria-labelledby="payouts-pay">
                <h2 id="payouts-pay" class="text-lg font-semibold">
                  {t('admin.toPay')}
                </h2>
                <p class="mt-1 mb-4 text-sm text-muted">{t('admin.toPayText')}</p>
                <PayoutTable
                  payouts={groups().toPay}
                  caption={t('admin.toPayCaption')}
                  instructor
                  actions={markPaid}
                />
              </section>
            </Show>
            <section aria-labelledby="payouts-history">
              <h2 id="payouts-history" class="mb-4 text-lg font-semibold">
                {t('admin.history')}
              </h2>
              <Show
                when={groups().history.length > 0}
                fallback={<p class="card p-4 text-sm text-muted">{t('admin.historyEmpty')}</p>}
              >
                <PayoutTable payouts={groups().history} caption={t('admin.historyCaption')} instructor />
              </Show>
            </section>
          </div>
          <ConfirmDialog
            open={!!approving()}
            onOpenChange={(open) => !open && setApproving()}
            title={t('approve.title')}
            confirmLabel={
              approving()?.method === 'mpesa'
                ? t('approve.confirmMpesa', {
                    amount: approving() ? payoutAmount(approving() as Payout) : '',
                  })
                : t('approve.confirmBank')
            }
            onConfirm={approve}
          >
            <Show when={approving()}>
              {(p) => (
                <p>
                  {t(p().method === 'mpesa' ? 'approve.mpesa' : 'approve.bank', {
                    ...said(p()),
                    destination: p().destination,
                  })}
                </p>
              )}
            </Show>
          </ConfirmDialog>
          <RejectPayoutDialog
            payout={rejecting()}
            onClose={() => setRejecting()}
            onDone={(p) => {
              setResult(t('reject.done', said(p)))
              setRejecting()
              void reload()
            }}
          />
          <MarkPaidDialog
            payout={paying()}
            onClose={() => setPaying()}
            onDone={(p) => {
              setResult(t('paid.done', said(p)))
              setPaying()
              void reload()
            }}
          />
        </Show>
      )}
    </Show>
  )
}
