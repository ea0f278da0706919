import { revalidate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { Payout, PayoutRequestBody } from '../../../../../edge/contract/billing.ts'
import type { PayoutMethod } from '../../../../../edge/contract/payments-values.ts'
import { ApiError, errorMessage } from '../../../api/errors.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getPayouts, getWallet, requestPayout } from '../api.ts'
import { formatMinor } from '../money.ts'
import { messages } from './messages.ts'
import {
  awaitingApproval,
  checkPayout,
  defaultAmount,
  defaultCurrency,
  defaultMethod,
  payoutMethods,
  payoutMinimum,
  requestable,
} from './payout.ts'

const t = translator(messages)

/** Refusals the API words itself (with the minimum or what is available): shown at the amount. */
const AMOUNT_CODES = new Set(['payout_minimum', 'insufficient_funds'])

/**
 * The wallet's "Request a payout": a currency of the wallet, M-Pesa (KES) or a bank, the amount
 * filled in with all that can be asked for, the minimums said before anything is typed.
 */
export function PayoutRequestForm(props: {
  tenantId: string
  balances: readonly { currency: string; available_minor: number }[]
  payouts: readonly Payout[]
}) {
  const [currency, setCurrency] = createSignal(defaultCurrency(props.balances, props.payouts) ?? 'KES')
  const [method, setMethod] = createSignal<PayoutMethod>(defaultMethod(currency()))
  const available = () => props.balances.find((b) => b.currency === currency())?.available_minor ?? 0
  const canAsk = () => requestable(available(), props.payouts, currency())
  const [amount, setAmount] = createSignal(defaultAmount(method(), currency(), canAsk()))
  const [phone, setPhone] = createSignal('')
  const [bank, setBank] = createSignal('')

  const methods = () => payoutMethods(currency())
  const smallest = createMemo(() =>
    Math.min(...methods().map((m) => payoutMinimum(m, currency()) ?? Number.POSITIVE_INFINITY)),
  )
  const minimums = () =>
    new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(
      methods().map((m) =>
        t(`request.minimum.${m}`, { amount: formatMinor(payoutMinimum(m, currency()) ?? 0, currency()) }),
      ),
    )

  function pickCurrency(next: string) {
    setCurrency(next)
    if (!payoutMethods(next).includes(method())) setMethod(defaultMethod(next))
    setAmount(defaultAmount(method(), next, canAsk()))
    form.clear()
  }
  function pickMethod(next: PayoutMethod) {
    setMethod(next)
    setAmount(defaultAmount(next, currency(), canAsk()))
    form.setErrors({})
  }

  const form = createForm<PayoutRequestBody>({
    fields: ['amount_minor', 'destination', 'method', 'currency'],
    validate: () => {
      const checked = checkPayout({
        method: method(),
        currency: currency(),
        amountText: amount(),
        destination: method() === 'mpesa' ? phone() : bank(),
        requestableMinor: canAsk(),
      })
      if (checked.ok) return checked
      const { errors: e } = checked
      const errors: Record<string, string> = {}
      if (e.method) errors.method = t(`problem.${e.method}`)
      if (e.amount_minor)
        errors.amount_minor = t(`problem.${e.amount_minor}`, {
          method: t(`method.${method()}`),
          minimum: formatMinor(payoutMinimum(method(), currency()) ?? 0, currency()),
          amount: formatMinor(canAsk(), currency()),
        })
      if (e.destination) errors.destination = t(`problem.${e.destination}`)
      return { ok: false, errors }
    },
    fieldErrors: (error) =>
      error instanceof ApiError && AMOUNT_CODES.has(error.code)
        ? { amount_minor: errorMessage(error) }
        : undefined,
    submit: async (body) => {
      await requestPayout(props.tenantId, body)
      toast.success(
        t('request.done', { amount: formatMinor(body.amount_minor, body.currency) }),
        t('request.doneText'),
      )
      await revalidate([getPayouts.keyFor(props.tenantId, 'mine'), getWallet.keyFor(props.tenantId)])
      setAmount(defaultAmount(method(), currency(), canAsk()))
    },
  })

  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
      noValidate
      class="card space-y-4 p-5 sm:p-6"
      aria-labelledby="payout-request-title"
    >
      <div>
        <h2 id="payout-request-title" class="text-lg font-semibold">
          {t('request.title')}
        </h2>
        <p class="mt-1 text-sm text-muted">{t('request.intro')}</p>
      </div>
      <Show when={props.balances.length > 1}>
        <SelectField
          label={t('request.currency')}
          name="currency"
          value={currency()}
          onValue={pickCurrency}
          options={props.balances.map((b) => ({ value: b.currency, label: b.currency }))}
          error={form.errors().currency}
          class="max-w-48"
        />
      </Show>
      <div class="space-y-1 text-sm">
        <p class="font-medium">{t('request.available', { amount: formatMinor(canAsk(), currency()) })}</p>
        <Show when={awaitingApproval(props.payouts, currency()) > 0}>
          <p class="text-muted">
            {t('request.awaiting', {
              amount: formatMinor(awaitingApproval(props.payouts, currency()), currency()),
            })}
          </p>
        </Show>
        <p class="text-muted">{t('request.minimums', { currency: currency(), list: minimums() })}</p>
      </div>
      <Show
        when={canAsk() >= smallest()}
        fallback={
          <p class="rounded-lg border border-line bg-subtle px-4 py-3 text-sm">
            {t('request.notYet', { minimum: formatMinor(smallest(), currency()) })}
          </p>
        }
      >
        <FormError form={form} />
        <fieldset aria-describedby={form.errors().method ? 'payout-method-error' : undefined}>
          <legend class="mb-1.5 text-sm font-medium">{t('request.method')}</legend>
          <div class="flex flex-wrap gap-3">
            <For each={methods()}>
              {(m) => (
                <label class="flex cursor-pointer items-center gap-2 rounded-lg border border-line px-3 py-2 has-[:checked]:border-primary">
                  <input
                    type="radio"
                    name="payout-method"
                    value={m}
                    checked={method() === m}
                    onChange={() => pickMethod(m)}
                  />
                  {t(`method.${m}`)}
                </label>
              )}
            </For>
          </div>
          <Show when={!methods().includes('mpesa')}>
            <p class="mt-1.5 text-sm text-muted">{t('request.mpesaOnlyKes')}</p>
          </Show>
          <Show when={form.errors().method}>
            <p id="payout-method-error" class="mt-1.5 text-sm text-danger">
              {form.errors().method}
            </p>
          </Show>
        </fieldset>
        <TextField
          label={t('request.amount', { currency: currency() })}
          name="amount"
          value={amount()}
          onValue={setAmount}
          error={form.errors().amount_minor}
          description={t('request.amountHint')}
          inputmode="decimal"
          autocomplete="off"
          class="max-w-xs"
          required
        />
        <Show
          when={method() === 'mpesa'}
          fallback={
            <TextAreaField
              label={t('request.bank')}
              name="bank"
              value={bank()}
              onValue={setBank}
              error={form.errors().destination}
              description={t('request.bankHint')}
              maxLength={200}
              required
            />
          }
        >
          <TextField
            label={t('request.phone')}
            name="phone"
            value={phone()}
            onValue={setPhone}
            error={form.errors().destination}
            description={t('request.phoneHint')}
            placeholder={t('request.phonePlaceholder')}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            class="max-w-xs"
            required
          />
        </Show>
        <Button type="submit" pending={form.pending()}>
          {t('request.submit')}
        </Button>
      </Show>
    </form>
  )
}
