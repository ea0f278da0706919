import { revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { PutSlaPolicyBody, type SlaPolicy } from '../../../../../edge/contract/support.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getSlaSettings, putSlaPolicy } from '../api.ts'
import { messages } from '../messages.ts'
import { priorityLabel } from '../support-context.ts'
import { formatMinutes, slaTargetLabel } from '../support-sla.ts'

const t = translator(messages)

/** Each policy field and the SLA target it sets (its label). */
const TARGETS = [
  ['first_response_minutes', 'first_response'],
  ['next_response_minutes', 'next_response'],
  ['resolution_minutes', 'resolution'],
] as const

type Key = (typeof TARGETS)[number][0] | 'warn_percent'
const KEYS: readonly Key[] = [...TARGETS.map(([key]) => key), 'warn_percent']

/** SLA targets per priority, in business minutes (shown as hours too); admins edit, staff read. */
export function SlaPolicies(props: { policies: SlaPolicy[]; canEdit: boolean }) {
  return (
    <div class="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <For each={props.policies}>{(p) => <PolicyCard policy={p} canEdit={props.canEdit} />}</For>
    </div>
  )
}

function PolicyCard(props: { policy: SlaPolicy; canEdit: boolean }) {
  const tenant = useTenant()
  const id = createUniqueId()
  const initial = () => ({
    first_response_minutes: String(props.policy.first_response_minutes),
    next_response_minutes: String(props.policy.next_response_minutes),
    resolution_minutes: String(props.policy.resolution_minutes),
    warn_percent: String(props.policy.warn_percent),
  })
  const [values, setValues] = createSignal<Record<Key, string>>(initial())
  const asNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v))

  const form = createForm({
    fields: KEYS,
    validate: () => {
      const v = values()
      const checked = validate(PutSlaPolicyBody, {
        first_response_minutes: asNumber(v.first_response_minutes),
        next_response_minutes: asNumber(v.next_response_minutes),
        resolution_minutes: asNumber(v.resolution_minutes),
        warn_percent: asNumber(v.warn_percent),
      })
      if (checked.ok) return checked
      return {
        ok: false,
        errors: Object.fromEntries(Object.entries(checked.errors).map(([k, m]) => [k, numberMessage(m)])),
      }
    },
    submit: async (body) => {
      await putSlaPolicy(tenant().id, props.policy.priority, body)
      toast.success(t('slaPolicy.saved', { priority: priorityLabel(props.policy.priority) }))
      await revalidate(getSlaSettings.keyFor(tenant().id))
    },
  })
  const errors = form.errors
  const set = (key: Key, v: string) => {
    setValues((old) => ({ ...old, [key]: v }))
    const { [key]: _, ...rest } = errors()
    form.setErrors(rest)
  }

  // Label and unit are read in the JSX (not once here), so a language switch updates them.
  const field = (key: Key, label: () => string, suffix: () => string, hint: (n: number) => string) => {
    const input = `${id}-${key}`
    const n = () => asNumber(values()[key])
    return (
      <div>
        <label for={input} class="mb-1 block text-xs font-medium text-muted">
          {label()}
        </label>
        <Show
          when={props.canEdit}
          fallback={
            <p class="text-sm font-medium tabular-nums">
              {hint(Number(values()[key]))}
              <span class="ml-1 text-xs font-normal text-muted">
                ({values()[key]} {suffix()})
              </span>
            </p>
          }
        >
          <div class="flex items-center gap-2">
            <input
              id={input}
              type="number"
              inputmode="numeric"
              min="1"
              class="input min-h-9 py-1.5 tabular-nums"
              value={values()[key]}
              onInput={(e) => set(key, e.currentTarget.value)}
              aria-invalid={errors()[key] ? 'true' : undefined}
              aria-describedby={`${input}-hint${errors()[key] ? ` ${input}-err` : ''}`}
            />
            <span id={`${input}-hint`} class="w-20 shrink-0 text-xs text-muted tabular-nums">
              {Number.isFinite(n()) && n() > 0 ? hint(n()) : suffix()}
            </span>
          </div>
          <Show when={errors()[key]}>
            <p id={`${input}-err`} class="mt-1 text-xs text-danger">
              {errors()[key]}
            </p>
          </Show>
        </Show>
      </div>
    )
  }

  return (
    <form
      ref={form.ref}
      class="card space-y-3 p-4"
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} class="flex items-center justify-between gap-2 font-semibold">
        {priorityLabel(props.policy.priority)}
        <Show when={props.policy.is_default}>
          <span class="badge bg-subtle text-muted">{t('slaPolicy.builtIn')}</span>
        </Show>
      </h3>
      <For each={TARGETS}>
        {([key, target]) =>
          field(
            key,
            () => slaTargetLabel(target),
            () => t('slaPolicy.minutes'),
            formatMinutes,
          )
        }
      </For>
      {field(
        'warn_percent',
        () => t('slaPolicy.warnAt'),
        () => '%',
        (n) => `${n}%`,
      )}
      <FormError form={form} />
      <Show when={props.canEdit}>
        <Button type="submit" variant="secondary" class="w-full" pending={form.pending()}>
          {t('slaPolicy.save', { priority: priorityLabel(props.policy.priority).toLowerCase() })}
        </Button>
      </Show>
    </form>
  )
}

/** zod's "expected number, received NaN" in words. */
const numberMessage = (message: string) =>
  /NaN|number/i.test(message) ? t('slaPolicy.wholeNumber') : message
