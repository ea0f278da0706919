import { A } from '@solidjs/router'
import ShoppingCart from 'lucide-solid/icons/shopping-cart'
import WalletIcon from 'lucide-solid/icons/wallet'
import { createSignal, type JSX, onMount, Show } from 'solid-js'
import type { CoursePriceAnswer } from '../../../../../edge/contract/payments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { childrenWithout } from '../../guardians/children.ts'
import { formatMinor } from '../money.ts'
import { messages } from './messages.ts'

// Ways into payments from other pages, each one small: only this file, its catalogue and the money
// helper load with those pages; the payment pages load when opened.

const t = translator(messages)

/**
 * A priced course's price and "Buy for KES 1,500" (→ the pay page) for someone who does not have
 * it (a parent: while a linked child lacks it); `fallback` when the course has no price, cannot be bought here, or the price did not load.
 * Not a resource: the course page never waits for (or fails with) the price.
 */
export function BuyCourse(props: { courseId: string; title: string; fallback?: JSX.Element }) {
  const tenant = useTenant()
  const [answer, setAnswer] = createSignal<CoursePriceAnswer>()
  const [done, setDone] = createSignal(false)
  // A parent buys for their linked children: the link shows while one of them lacks the course.
  const [lacking, setLacking] = createSignal(tenant().role !== 'parent')
  onMount(() => {
    const price = api()
      .get('/courses/:id/price', { params: { id: props.courseId } })
      .then(setAnswer, () => {})
    const kids =
      tenant().role === 'parent'
        ? api()
            .get('/tenants/:tenantId/children', { params: { tenantId: tenant().id } })
            .then(
              (c) => setLacking(childrenWithout(c, props.courseId).length > 0),
              () => {},
            )
        : undefined
    void Promise.all([price, kids]).finally(() => setDone(true))
  })
  const price = () => {
    const a = answer()
    return a?.price && !a.owned && lacking() ? formatMinor(a.price.amount_minor, a.price.currency) : undefined
  }
  return (
    <Show when={price()} fallback={done() ? props.fallback : undefined}>
      {(shown) => (
        <A
          href={`/t/${tenant().slug}/courses/${props.courseId}/pay`}
          class="btn-primary"
          aria-label={t('buyLabel', { title: props.title, price: shown() })}
        >
          <ShoppingCart size={16} aria-hidden="true" />
          {t('buy', { price: shown() })}
        </A>
      )}
    </Show>
  )
}

/** The teacher home's "Wallet": what course sales have earned (instructors). */
export function WalletLink() {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-wallet" class="card p-4">
      <h2 id="home-wallet" class="flex items-center gap-2 font-semibold">
        <WalletIcon size={18} aria-hidden="true" class="text-primary" />
        <A href={`/t/${tenant().slug}/wallet`} class="hover:underline">
          {t('wallet')}
        </A>
      </h2>
      <p class="mt-1 text-sm text-muted">{t('walletText')}</p>
    </section>
  )
}
