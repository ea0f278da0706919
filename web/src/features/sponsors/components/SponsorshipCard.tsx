import { A } from '@solidjs/router'
import HandCoins from 'lucide-solid/icons/hand-coins'
import { Show } from 'solid-js'
import type { Sponsorship } from '../../../../../edge/contract/sponsorships.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatMinor } from '../../payments/money.ts'
import { messages } from '../messages.ts'
import { StatusBadge } from './StatusBadge.tsx'

const t = translator(messages)

/** One sponsorship in the list: organisation, course, seats, amount, status; Pay for its sponsor. */
export function SponsorshipCard(props: {
  sponsorship: Sponsorship
  href: string
  showSponsor: boolean
  canPay: boolean
}) {
  const s = () => props.sponsorship
  const amount = () => {
    const x = s()
    return x.currency && x.amount_minor !== null ? formatMinor(x.amount_minor, x.currency) : ''
  }
  return (
    <li class="card flex flex-col gap-3 p-5 sm:flex-row sm:items-center sm:justify-between">
      <div class="flex min-w-0 items-start gap-3">
        <span class="rounded-lg bg-primary/10 p-2.5 text-primary" aria-hidden="true">
          <HandCoins size={20} />
        </span>
        <div class="min-w-0">
          <p class="flex flex-wrap items-center gap-2">
            <span class="font-semibold">{s().organisation}</span>
            <StatusBadge status={s().status} />
          </p>
          <p class="mt-0.5 text-sm text-muted">
            {s().course_title ?? t('card.courseRemoved')} · {t('card.seats', { count: s().seats })}
            <Show when={amount()}> · {amount()}</Show>
          </p>
          <p class="mt-0.5 text-xs text-muted">
            <Show when={props.showSponsor && s().sponsor_name}>
              {t('card.sponsor', { name: s().sponsor_name ?? '' })} ·{' '}
            </Show>
            <Show when={s().payment_status}>{(status) => <>{t(`paymentStatus.${status()}`)} · </>}</Show>
            {formatDate(s().created_at)}
          </p>
        </div>
      </div>
      <div class="flex shrink-0 gap-2">
        <Show when={props.canPay && s().status === 'pending' && s().payment_status !== 'pending' && amount()}>
          <A href={props.href} class="btn-primary">
            {t('card.pay', { amount: amount() })}
          </A>
        </Show>
        <A
          href={props.href}
          class="btn-secondary"
          aria-label={t('card.openLabel', { organisation: s().organisation })}
        >
          {t('card.open')}
        </A>
      </div>
    </li>
  )
}
