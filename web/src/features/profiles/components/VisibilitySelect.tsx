import { For } from 'solid-js'
import { VISIBILITIES, type Visibility } from '../../../../../edge/contract/profiles.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Everyone in my schools" or "Staff only" for one field; fixed to staff only for a student. */
export function VisibilitySelect(props: {
  field: string
  value: Visibility
  onValue: (value: Visibility) => void
  locked: boolean
}) {
  return (
    <select
      class="input w-auto py-1.5 text-sm"
      aria-label={t('visibility.label', { field: props.field })}
      value={props.value}
      disabled={props.locked}
      onChange={(e) => props.onValue(e.currentTarget.value as Visibility)}
    >
      <For each={VISIBILITIES}>
        {(v) => (
          <option value={v} selected={v === props.value}>
            {t(`visibility.${v}`)}
          </option>
        )}
      </For>
    </select>
  )
}
