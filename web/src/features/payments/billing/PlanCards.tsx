import Check from 'lucide-solid/icons/check'
import { For, Show } from 'solid-js'
import type { Billing, Plan } from '../../../../../edge/contract/billing.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { formatBytes } from '../../files/file-size.ts'
import { formatMinor } from '../money.ts'
import { messages } from './messages.ts'
import { formatHours, formatTokens, hasPaidPlan } from './usage.ts'

const t = translator(messages)

const NAMED = ['free', 'standard', 'premium'] as const

/** A plan's name in the reader's language ("Bure" for Free); the server's name for one newer than this build. */
export const planName = (id: string, fallback?: string) =>
  (NAMED as readonly string[]).includes(id) ? t(`planName.${id as (typeof NAMED)[number]}`) : (fallback ?? id)

/**
 * The plans side by side (stacked on a phone): price a month and limits, the school's own marked;
 * "Choose …" for the paid ones while the school has no subscription and cards are set up.
 */
export function PlanCards(props: {
  billing: Billing
  /** The plan whose checkout is opening (its button is busy). */
  going?: string
  onChoose: (plan: 'standard' | 'premium') => void
}) {
  const canBuy = () => props.billing.cards && !hasPaidPlan(props.billing)
  return (
    <section aria-labelledby="billing-plans">
      <h2 id="billing-plans" class="mb-4 text-lg font-semibold">
        {t('plans')}
      </h2>
      <ul class="grid grid-cols-1 gap-4 md:grid-cols-3">
        <For each={props.billing.plans}>
          {(plan) => (
            <PlanCard
              plan={plan}
              current={plan.id === props.billing.plan}
              buyable={canBuy() && (plan.id === 'standard' || plan.id === 'premium')}
              pending={props.going === plan.id}
              onChoose={() => props.onChoose(plan.id as 'standard' | 'premium')}
            />
          )}
        </For>
      </ul>
      <Show when={hasPaidPlan(props.billing) && props.billing.portal}>
        <p class="mt-3 text-sm text-muted">{t('plan.changeInPortal')}</p>
      </Show>
    </section>
  )
}

function PlanCard(props: {
  plan: Plan
  current: boolean
  buyable: boolean
  pending: boolean
  onChoose: () => void
}) {
  const name = () => planName(props.plan.id, props.plan.name)
  const headingId = () => `billing-plan-${props.plan.id}`
  const price = () =>
    props.plan.price.amount_minor > 0
      ? t('plan.perMonth', { price: formatMinor(props.plan.price.amount_minor, props.plan.price.currency) })
      : t('plan.free')
  const limits = () => props.plan.limits
  return (
    <li class={`card flex flex-col p-5 ${props.current ? 'border-primary ring-1 ring-primary' : ''}`}>
      <div class="flex items-start justify-between gap-2">
        <h3 id={headingId()} class="text-lg font-semibold">
          {name()}
        </h3>
        <Show when={props.current}>
          <span class="badge bg-success-soft text-success">{t('plan.current')}</span>
        </Show>
      </div>
      <p class="mt-1 text-xl font-bold tabular-nums">{price()}</p>
      <ul class="mt-4 flex-1 space-y-2 text-sm" aria-label={t('plan.limits', { plan: name() })}>
        <Limit text={t('plan.seats', { count: limits().seats })} />
        <Limit text={t('plan.ai', { tokens: formatTokens(limits().ai_monthly_tokens) })} />
        <Limit
          text={
            limits().video_hours > 0
              ? t('plan.video', { hours: formatHours(limits().video_hours, undefined, true) })
              : t('plan.noVideo')
          }
        />
        <Limit text={t('plan.storage', { size: formatBytes(limits().storage_bytes) })} />
      </ul>
      <Show when={props.buyable}>
        <Button class="mt-5 w-full" pending={props.pending} onClick={props.onChoose}>
          {t('plan.choose', { plan: name() })}
        </Button>
      </Show>
    </li>
  )
}

function Limit(props: { text: string }) {
  return (
    <li class="flex items-start gap-2">
      <Check size={16} aria-hidden="true" class="mt-0.5 shrink-0 text-success" />
      <span>{props.text}</span>
    </li>
  )
}
