import Check from 'lucide-solid/icons/check'
import Circle from 'lucide-solid/icons/circle'
import { createUniqueId, For } from 'solid-js'
import { checkPassword, PASSWORD_POLICY, type PasswordCheck } from '../../../../../edge/contract/password.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A rule of the policy in the reader's language (the contract's labels are English). */
function ruleLabel(rule: PasswordCheck): string {
  if (rule.id === 'length') return t('password.rule.length', { min: PASSWORD_POLICY.minLength })
  if (rule.id === 'max') return t('password.rule.max', { max: PASSWORD_POLICY.maxLength })
  return t(rule.id === 'letter' ? 'password.rule.letter' : 'password.rule.digit')
}

/** The password policy as a list that ticks off as you type (the input is described by it). */
function PasswordChecklist(props: { id: string; password: string }) {
  const rules = () => checkPassword(props.password).filter((r) => r.id !== 'max' || !r.ok)
  return (
    <div id={props.id} class="mt-2 text-sm">
      <p class="sr-only">{t('password.requirements')}</p>
      <ul class="grid gap-1 sm:grid-cols-2">
        <For each={rules()}>
          {(rule) => (
            <li class={`flex items-center gap-1.5 ${rule.ok ? 'text-success' : 'text-muted'}`}>
              {rule.ok ? <Check size={14} /> : <Circle size={14} />}
              <span>
                {ruleLabel(rule)}
                <span class="sr-only"> {rule.ok ? t('password.met') : t('password.notMet')}</span>
              </span>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}

/** A new password (sign-up, reset, account) with the policy's checklist under it. */
export function NewPasswordField(props: {
  label: string
  name: string
  value: string
  onValue: (value: string) => void
  error?: string
}) {
  const checklistId = createUniqueId()
  return (
    <div>
      <TextField
        label={props.label}
        type="password"
        name={props.name}
        autocomplete="new-password"
        value={props.value}
        onValue={props.onValue}
        error={props.error}
        describedBy={checklistId}
        required
      />
      <PasswordChecklist id={checklistId} password={props.value} />
    </div>
  )
}

/** The first unmet rule as a sentence, for the field's error. */
export function passwordError(password: string): string | undefined {
  if (!password) return t('password.required')
  const missing = checkPassword(password).filter((r) => !r.ok)
  return missing.length
    ? t('password.needs', { rules: missing.map((r) => ruleLabel(r).toLowerCase()).join(', ') })
    : undefined
}
