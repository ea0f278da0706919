import { createAsync } from '@solidjs/router'
import Lock from 'lucide-solid/icons/lock'
import WalletIcon from 'lucide-solid/icons/wallet'
import { For, Show } from 'solid-js'
import type { Wallet as WalletData } from '../../../../edge/contract/payments.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { TableScroll } from './components/TableScroll.tsx'
import { messages } from './messages.ts'
import { formatMinor } from './money.ts'
import { messages as payoutMessages } from './payouts/messages.ts'
import { PayoutRequestForm } from './payouts/PayoutRequestForm.tsx'
import { PayoutTable } from './payouts/PayoutTable.tsx'
import { getPayouts, getWallet } from './Wallet.data.ts'

const t = translator(messages)
const tp = translator(payoutMessages)

const KINDS = ['sale', 'refund', 'payout', 'release'] as const
const kindLabel = (kind: string) =>
  (KINDS as readonly string[]).includes(kind) ? t(`kind.${kind as (typeof KINDS)[number]}`) : kind

/**
 * /t/:slug/wallet — an instructor's earnings per currency (pending and available), a payout
 * request and their payouts, and every entry.
 */
export default function Wallet() {
  const tenant = useTenant()
  usePageTitle(() => t('wallet.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-4xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('wallet.title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('wallet.intro', { school: tenant().name })}</p>
      <Show
        when={tenant().role === 'instructor'}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('wallet.forbidden')}>
            {t('wallet.forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <Boundary keys={getWallet.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <Loaded tenantId={tenant().id} />
        </Boundary>
      </Show>
    </div>
  )
}

function Loaded(props: { tenantId: string }) {
  const wallet = createAsync(() => getWallet(props.tenantId))
  return (
    <Show when={wallet()}>
      {(w) => (
        <Show
          when={w().balances.length > 0 || w().entries.length > 0}
          fallback={
            <EmptyState icon={<WalletIcon size={28} />} title={t('wallet.emptyTitle')}>
              {t('wallet.emptyText')}
            </EmptyState>
          }
        >
          <WalletView wallet={w()} tenantId={props.tenantId} />
        </Show>
      )}
    </Show>
  )
}

/** The payout request (with what is already asked for) and my payouts: apart, so a failure stays here. */
function Payouts(props: { tenantId: string; wallet: WalletData }) {
  const payouts = createAsync(() => getPayouts(props.tenantId, 'mine'))
  return (
    <Show when={payouts()}>
      {(list) => (
        <div class="space-y-8">
          <Show when={props.wallet.balances.length > 0}>
            <PayoutRequestForm tenantId={props.tenantId} balances={props.wallet.balances} payouts={list()} />
          </Show>
          <section aria-labelledby="wallet-payouts">
            <h2 id="wallet-payouts" class="mb-4 text-lg font-semibold">
              {tp('mine.title')}
            </h2>
            <Show
              when={list().length > 0}
              fallback={<p class="card p-4 text-sm text-muted">{tp('mine.empty')}</p>}
            >
              <PayoutTable payouts={list()} caption={tp('mine.caption')} />
            </Show>
          </section>
        </div>
      )}
    </Show>
  )
}

function WalletView(props: { wallet: WalletData; tenantId: string }) {
  return (
    <div class="space-y-8">
      <section aria-labelledby="wallet-balances">
        <h2 id="wallet-balances" class="mb-1 text-lg font-semibold">
          {t('wallet.balances')}
        </h2>
        <p class="mb-4 text-sm text-muted">
          {t('wallet.pendingText')} {t('wallet.availableText')}
        </p>
        <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <For each={props.wallet.balances}>
            {(b) => (
              <li class="card p-4">
                <p class="text-sm font-semibold text-muted">{b.currency}</p>
                <dl class="mt-2 grid grid-cols-2 gap-3">
                  <div>
                    <dt class="text-xs text-muted">{t('wallet.pending')}</dt>
                    <dd class="text-lg font-semibold tabular-nums">
                      {formatMinor(b.pending_minor, b.currency)}
                    </dd>
                  </div>
                  <div>
                    <dt class="text-xs text-muted">{t('wallet.available')}</dt>
                    <dd class="text-lg font-semibold text-success tabular-nums">
                      {formatMinor(b.available_minor, b.currency)}
                    </dd>
                  </div>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </section>
      <Boundary keys={getPayouts.keyFor(props.tenantId, 'mine')} fallback={<ListSkeleton rows={2} />}>
        <Payouts tenantId={props.tenantId} wallet={props.wallet} />
      </Boundary>
      <section aria-labelledby="wallet-entries">
        <h2 id="wallet-entries" class="mb-4 text-lg font-semibold">
          {t('wallet.entries')}
        </h2>
        <TableScroll label={t('wallet.entriesCaption')}>
          <table class="w-full min-w-[32rem] text-left text-sm">
            <caption class="sr-only">{t('wallet.entriesCaption')}</caption>
            <thead class="border-b border-line bg-subtle/50 text-xs tracking-wide text-muted uppercase">
              <tr>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('wallet.date')}
                </th>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('wallet.what')}
                </th>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('wallet.part')}
                </th>
                <th scope="col" class="px-4 py-3 text-right font-medium">
                  {t('wallet.amount')}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={props.wallet.entries}>
                {(e) => (
                  <tr>
                    <td class="px-4 py-3 whitespace-nowrap text-muted">
                      <time datetime={e.created_at}>{formatDate(e.created_at)}</time>
                    </td>
                    <td class="px-4 py-3">
                      <span class="font-medium">{kindLabel(e.kind)}</span>
                      <span class="block text-xs text-muted">{e.course_title ?? t('wallet.noCourse')}</span>
                    </td>
                    <td class="px-4 py-3">
                      {e.account === 'pending' ? t('wallet.pending') : t('wallet.available')}
                    </td>
                    <td
                      class={`px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums ${e.amount_minor < 0 ? 'text-danger' : ''}`}
                    >
                      {formatMinor(e.amount_minor, e.currency)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  )
}
