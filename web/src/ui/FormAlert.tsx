import CircleAlert from 'lucide-solid/icons/circle-alert'
import CircleCheck from 'lucide-solid/icons/circle-check'
import Info from 'lucide-solid/icons/info'
import { type JSX, Match, Show, Switch } from 'solid-js'
import type { FormController } from './form.ts'

type Tone = 'error' | 'success' | 'info' | 'warn'

const TONES: Record<Tone, string> = {
  error: 'border-danger/30 bg-danger-soft text-danger',
  success: 'border-success/30 bg-success-soft text-success',
  info: 'border-line bg-subtle text-fg',
  warn: 'border-warn/30 bg-warn-soft text-warn',
}

/** A message box; errors are announced (role=alert), others politely (role=status). */
export function FormAlert(props: { tone?: Tone; title?: string; children: JSX.Element; class?: string }) {
  const tone = () => props.tone ?? 'error'
  return (
    <div
      role={tone() === 'error' ? 'alert' : 'status'}
      class={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${TONES[tone()]} ${props.class ?? ''}`}
    >
      <span class="mt-0.5 shrink-0">
        <Switch fallback={<Info size={18} />}>
          <Match when={tone() === 'error' || tone() === 'warn'}>
            <CircleAlert size={18} />
          </Match>
          <Match when={tone() === 'success'}>
            <CircleCheck size={18} />
          </Match>
        </Switch>
      </span>
      <div class="min-w-0 space-y-1 [&_a]:underline">
        {props.title && <p class="font-semibold">{props.title}</p>}
        <div class={props.title ? 'text-fg/90' : ''}>{props.children}</div>
      </div>
    </div>
  )
}

/** A form's alert: the failure that is not about one field (nothing while there is none). */
export function FormError(props: { form: Pick<FormController, 'formError'>; class?: string }) {
  return (
    <Show when={props.form.formError()}>
      <FormAlert class={props.class}>
        <p>{props.form.formError()}</p>
      </FormAlert>
    </Show>
  )
}
