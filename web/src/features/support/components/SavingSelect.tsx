import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A labelled native select that saves on change and puts the old value back when saving fails. */
export function SavingSelect(props: {
  label: string
  value: string
  options: { value: string; label: string }[]
  onSave: (value: string) => Promise<void>
  hint?: string
}) {
  const id = createUniqueId()
  const [pending, setPending] = createSignal(false)
  return (
    <div>
      <label for={id} class="mb-1 block text-xs font-medium text-muted">
        {props.label}
      </label>
      <select
        id={id}
        class="input min-h-9 py-1.5"
        value={props.value}
        disabled={pending()}
        aria-busy={pending() ? 'true' : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={async (e) => {
          const el = e.currentTarget
          const next = el.value
          setPending(true)
          try {
            await props.onSave(next)
          } catch (err) {
            el.value = props.value
            toast.error(t('select.failed', { label: props.label.toLowerCase() }), errorMessage(err))
          } finally {
            setPending(false)
          }
        }}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="mt-1 text-xs text-muted">
          {props.hint}
        </p>
      </Show>
    </div>
  )
}
