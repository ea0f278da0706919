import CreditCard from 'lucide-solid/icons/credit-card'
import Smartphone from 'lucide-solid/icons/smartphone'
import { createSignal, type JSX, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { Payment, PaymentMethod } from '../../../../../edge/contract/payments.ts'
import { ApiError, errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages } from '../messages.ts'
import { mpesaPhone } from '../phone.ts'

const t = translator(messages)

/** How a checkout starts: the M-Pesa prompt to a phone, or the card page. */
export type PayBody = { method: 'mpesa'; phone: string } | { method: 'card' }
/** What a checkout answers: the pending payment, and the card page to open. */
export interface PayStarted {
  payment: Payment
  checkout_url: string | null
}

/** Kind words when payments are not available; undefined for anything else. */
function unavailable(error: unknown): string | undefined {
  if (error instanceof ApiError && (error.code === 'payments_unavailable' || error.status === 503))
    return t('pay.unavailable')
  return undefined
}

/**
 * The ways to pay offered here, one after the other: M-Pesa (a phone number → the prompt; the
 * payment is handed to `onStarted` to follow) and a card (→ the checkout page; the payer comes back
 * to this page with ?payment=). Used for a course and for a sponsorship: `start` makes the checkout.
 */
export function PayMethods(props: {
  methods: readonly PaymentMethod[]
  start: (body: PayBody) => Promise<PayStarted>
  onStarted: (payment: Payment) => void
  /** Kind words for refusals the caller knows (a free course, one already paid); shown in the form. */
  refusal?: (error: unknown) => string | undefined
  /** The headings' level: 2 on a page of its own, 3 inside a section. */
  level?: 2 | 3
}) {
  const [phone, setPhone] = createSignal('')
  const [cardPending, setCardPending] = createSignal(false)
  const [cardError, setCardError] = createSignal<string>()
  const mpesa = () => props.methods.includes('mpesa')
  const card = () => props.methods.includes('card')
  const kind = (error: unknown) => props.refusal?.(error) ?? unavailable(error)

  const form = createForm<string>({
    fields: ['phone'],
    validate: () => {
      const value = mpesaPhone(phone())
      return value ? { ok: true, data: value } : { ok: false, errors: { phone: t('pay.phoneInvalid') } }
    },
    submit: async (value) => {
      try {
        const started = await props.start({ method: 'mpesa', phone: value })
        props.onStarted(started.payment)
      } catch (error) {
        const words = kind(error)
        if (!words) throw error
        form.setFormError(words)
        return false
      }
    },
  })

  async function payByCard() {
    setCardError()
    setCardPending(true)
    try {
      const started = await props.start({ method: 'card' })
      if (started.checkout_url) {
        window.location.assign(started.checkout_url)
        return // the page goes away; the button stays busy until it does
      }
      setCardError(t('pay.unavailable'))
    } catch (error) {
      setCardError(kind(error) ?? errorMessage(error))
    }
    setCardPending(false)
  }

  const Heading = (p: { id: string; icon: typeof Smartphone; children: JSX.Element }) => (
    <Dynamic component={`h${props.level ?? 2}`} id={p.id} class="flex items-center gap-2 font-semibold">
      <p.icon size={18} aria-hidden="true" class="text-primary" />
      {p.children}
    </Dynamic>
  )

  return (
    <div class="space-y-6">
      <Show when={mpesa()}>
        <form
          ref={form.ref}
          onSubmit={form.onSubmit}
          noValidate
          class="space-y-4"
          aria-labelledby="pay-mpesa"
        >
          <div>
            <Heading id="pay-mpesa" icon={Smartphone}>
              {t('pay.mpesa')}
            </Heading>
            <p class="mt-1 text-sm text-muted">{t('pay.mpesaText')}</p>
          </div>
          <Show when={form.formError()}>
            <FormAlert>{form.formError()}</FormAlert>
          </Show>
          <TextField
            label={t('pay.phone')}
            value={phone()}
            onValue={setPhone}
            error={form.errors().phone}
            description={t('pay.phoneHint')}
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            placeholder={t('pay.phonePlaceholder')}
            required
          />
          <Button type="submit" pending={form.pending()} class="w-full sm:w-auto">
            {t('pay.payMpesa')}
          </Button>
        </form>
      </Show>
      <Show when={card()}>
        <Show when={mpesa()}>
          <p class="flex items-center gap-3 text-xs text-muted uppercase" aria-hidden="true">
            <span class="h-px flex-1 bg-line" />
            {t('pay.or')}
            <span class="h-px flex-1 bg-line" />
          </p>
        </Show>
        <section aria-labelledby="pay-card" class="space-y-3">
          <div>
            <Heading id="pay-card" icon={CreditCard}>
              {t('pay.card')}
            </Heading>
            <p class="mt-1 text-sm text-muted">{t('pay.cardText')}</p>
          </div>
          <Show when={cardError()}>
            <FormAlert>{cardError()}</FormAlert>
          </Show>
          <Button
            variant={mpesa() ? 'secondary' : 'primary'}
            pending={cardPending()}
            onClick={() => void payByCard()}
            class="w-full sm:w-auto"
          >
            {t('pay.payCard')}
          </Button>
        </section>
      </Show>
    </div>
  )
}
