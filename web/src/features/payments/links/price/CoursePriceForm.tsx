import { createSignal, For, onMount, Show } from 'solid-js'
import { CURRENCY_CODES } from '../../../../../../edge/contract/payments-values.ts'
import { ApiError, errorMessage } from '../../../../api/errors.ts'
import { translator } from '../../../../lib/i18n/i18n.ts'
import { api } from '../../../../lib/runtime.ts'
import { Button } from '../../../../ui/Button.tsx'
import { SelectField, TextField } from '../../../../ui/Field.tsx'
import { FormAlert } from '../../../../ui/FormAlert.tsx'
import { createForm } from '../../../../ui/form.ts'
import { toast } from '../../../../ui/Toaster.tsx'
import { formatMinor, toMajor, toMinor } from '../../money.ts'
import { messages } from './messages.ts'

const t = translator(messages)

type Mode = 'free' | 'paid'

/**
 * The course editor's price: free, or an amount in KES, USD, EUR or GBP (PUT /courses/{id}/price;
 * free is DELETE). Course managers only (the editor shows it to them); hidden when the price
 * cannot load.
 */
export function CoursePriceForm(props: { courseId: string; onSaved?: () => unknown }) {
  const [loaded, setLoaded] = createSignal(false)
  const [failed, setFailed] = createSignal(false)
  const [saved, setSaved] = createSignal<{ currency: string; amount_minor: number } | null>(null)
  const [mode, setMode] = createSignal<Mode>('free')
  const [currency, setCurrency] = createSignal('KES')
  const [amount, setAmount] = createSignal('')

  function show(price: { currency: string; amount_minor: number } | null) {
    setSaved(price)
    setMode(price ? 'paid' : 'free')
    if (price) {
      setCurrency(price.currency)
      setAmount(String(toMajor(price.amount_minor, price.currency)))
    }
  }

  onMount(() => {
    api()
      .get('/courses/:id/price', { params: { id: props.courseId } })
      .then(
        (a) => {
          show(a.price)
          setLoaded(true)
        },
        () => setFailed(true),
      )
  })

  const form = createForm<{ currency: string; amount_minor: number } | null>({
    fields: ['amount_minor', 'currency'],
    validate: () => {
      if (mode() === 'free') return { ok: true, data: null }
      const minor = toMinor(amount(), currency())
      return minor && minor > 0
        ? { ok: true, data: { currency: currency(), amount_minor: minor } }
        : { ok: false, errors: { amount_minor: t('amountInvalid') } }
    },
    submit: async (body) => {
      try {
        if (body === null) {
          const a = await api().delete('/courses/:id/price', { params: { id: props.courseId } })
          show(a.price)
          toast.success(t('priceRemoved'))
          void props.onSaved?.()
        } else {
          const a = await api().put('/courses/:id/price', body, { params: { id: props.courseId } })
          show(a.price)
          toast.success(t('priceSaved'))
          void props.onSaved?.()
        }
      } catch (error) {
        if (error instanceof ApiError && error.issues.length > 0) throw error
        toast.error(t('priceFailed'), errorMessage(error))
        return false
      }
    },
  })

  return (
    <Show when={!failed()}>
      <form
        ref={form.ref}
        onSubmit={form.onSubmit}
        noValidate
        class="card mt-6 space-y-4 p-5 sm:p-6"
        aria-labelledby="course-price-title"
        aria-busy={loaded() ? undefined : 'true'}
      >
        <div>
          <h2 id="course-price-title" class="font-semibold">
            {t('priceTitle')}
          </h2>
          <p class="mt-1 text-sm text-muted">{t('priceText')}</p>
          <Show when={loaded()}>
            <p class="mt-1 text-sm">
              {(() => {
                const s = saved()
                return s
                  ? t('priceNow', { price: formatMinor(s.amount_minor, s.currency) })
                  : t('priceNowFree')
              })()}
            </p>
          </Show>
        </div>
        <Show when={loaded()} fallback={<p class="text-sm text-muted">{t('priceLoading')}</p>}>
          <Show when={form.formError()}>
            <FormAlert>{form.formError()}</FormAlert>
          </Show>
          <fieldset class="flex flex-wrap gap-3">
            <legend class="sr-only">{t('priceTitle')}</legend>
            <For each={['free', 'paid'] as const}>
              {(m) => (
                <label class="flex cursor-pointer items-center gap-2 rounded-lg border border-line px-3 py-2 has-[:checked]:border-primary">
                  <input
                    type="radio"
                    name="course-price-mode"
                    value={m}
                    class="accent-[var(--color-primary)]"
                    checked={mode() === m}
                    onChange={() => setMode(m)}
                  />
                  <span class="text-sm font-medium">{m === 'free' ? t('priceFree') : t('pricePaid')}</span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={mode() === 'paid'}>
            <div class="grid grid-cols-1 gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
              <SelectField
                label={t('priceCurrency')}
                value={currency()}
                onValue={setCurrency}
                options={CURRENCY_CODES.map((c) => ({ value: c, label: c }))}
                error={form.errors().currency}
              />
              <TextField
                label={t('priceAmount')}
                value={amount()}
                onValue={setAmount}
                error={form.errors().amount_minor}
                description={currency() === 'KES' ? t('priceAmountHint') : undefined}
                inputmode="decimal"
                name="amount"
                placeholder="1500"
              />
            </div>
          </Show>
          <Button type="submit" pending={form.pending()}>
            {t('priceSave')}
          </Button>
        </Show>
      </form>
    </Show>
  )
}
