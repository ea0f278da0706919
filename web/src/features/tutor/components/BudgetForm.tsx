import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { AiSettings } from '../../../../../edge/contract/ai.ts'
import { formatNumber } from '../../../lib/format.ts'
import { checked, type FieldErrors } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getAiSettings, updateAiSettings } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A whole number from a field ("2 000 000" and "2,000,000" too), or undefined when it is not one. */
export function wholeNumber(text: string): number | undefined {
  const clean = text.replace(/[\s,_]/g, '')
  return /^\d+$/.test(clean) ? Number(clean) : undefined
}

/** The school's monthly token budget (0 turns AI answers off) and each student's questions per day. */
export function BudgetForm(props: { settings: AiSettings }) {
  const tenant = useTenant()
  const [budget, setBudget] = createSignal(String(props.settings.monthly_token_budget))
  const [daily, setDaily] = createSignal(String(props.settings.student_daily_limit))
  const form = createForm({
    fields: ['monthly_token_budget', 'student_daily_limit'],
    validate: () => {
      const errors: FieldErrors = {}
      const b = wholeNumber(budget())
      const d = wholeNumber(daily())
      if (b === undefined || b > 10_000_000_000) errors.monthly_token_budget = t('budget.invalid')
      if (d === undefined || d > 10_000) errors.student_daily_limit = t('budget.invalid')
      const body: { monthly_token_budget?: number; student_daily_limit?: number } = {}
      if (b !== props.settings.monthly_token_budget) body.monthly_token_budget = b
      if (d !== props.settings.student_daily_limit) body.student_daily_limit = d
      return checked(errors, body)
    },
    submit: async (body) => {
      if (Object.keys(body).length === 0) return toast.success(t('budget.nothing'))
      await updateAiSettings(tenant().id, body)
      toast.success(t('budget.saved'))
      await revalidate(getAiSettings.keyFor(tenant().id))
    },
  })
  const used = () => props.settings.tokens_this_month
  const share = () =>
    props.settings.monthly_token_budget > 0
      ? Math.min(100, Math.round((used() / props.settings.monthly_token_budget) * 100))
      : 100
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-5 p-5 sm:p-6">
      <div>
        <p class="text-sm">
          {t('budget.used', {
            used: formatNumber(used()),
            budget: formatNumber(props.settings.monthly_token_budget),
          })}
        </p>
        <div class="mt-2 h-2 overflow-hidden rounded-full bg-subtle" aria-hidden="true">
          <div class="h-full rounded-full bg-primary" style={{ width: `${share()}%` }} />
        </div>
      </div>
      <div class="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t('budget.monthly')}
          name="monthly_token_budget"
          inputmode="numeric"
          value={budget()}
          onValue={setBudget}
          error={form.errors().monthly_token_budget}
          description={t('budget.monthlyHint')}
        />
        <TextField
          label={t('budget.daily')}
          name="student_daily_limit"
          inputmode="numeric"
          value={daily()}
          onValue={setDaily}
          error={form.errors().student_daily_limit}
          description={t('budget.dailyHint')}
        />
      </div>
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          {t('budget.save')}
        </Button>
      </div>
    </form>
  )
}
