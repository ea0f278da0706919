import { Show } from 'solid-js'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { type Choice, choiceOptions, OTHER } from '../course-fields.ts'

/** A select of known values with "Other…" revealing a text box; both labelled. */
export function ChoiceField(props: {
  label: string
  otherLabel: string
  name: string
  options: readonly string[]
  value: Choice
  onValue: (v: Choice) => void
  error?: string
  placeholder: string
  maxLength: number
}) {
  let other: HTMLInputElement | undefined
  return (
    <div class="space-y-3">
      <SelectField
        label={props.label}
        name={props.name}
        value={props.value.choice}
        onValue={(choice) => {
          props.onValue({ ...props.value, choice })
          if (choice === OTHER) queueMicrotask(() => other?.focus())
        }}
        options={choiceOptions(props.options)}
        error={props.value.choice === OTHER ? undefined : props.error}
      />
      <Show when={props.value.choice === OTHER}>
        <TextField
          ref={other}
          label={props.otherLabel}
          name={`${props.name}_other`}
          value={props.value.other}
          onValue={(v) => props.onValue({ ...props.value, other: v })}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          error={props.error}
        />
      </Show>
    </div>
  )
}
