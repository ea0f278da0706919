import Info from 'lucide-solid/icons/info'
import { For, Show } from 'solid-js'
import { P2P_MAX_PEERS, SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'
import type { TutoringDraft } from '../tutoring-draft.ts'

const t = translator(messages)

/** Students a browser-to-browser room holds next to the tutor (more need LiveKit). */
const MESH_STUDENTS = P2P_MAX_PEERS - 1

const SIZES = [
  { value: false, label: 'size.oneToOne' },
  { value: true, label: 'size.group' },
] as const

/** One-to-one or a small group with its seats, and a note when the group needs LiveKit. */
export function SizeField(props: { draft: TutoringDraft; error?: string }) {
  const [group, setGroup] = props.draft.group
  const [seats, setSeats] = props.draft.seats
  return (
    <>
      <fieldset class="space-y-3">
        <legend class="mb-1.5 text-sm font-medium">{t('size.legend')}</legend>
        <div class="flex flex-wrap gap-2">
          <For each={SIZES}>
            {(o) => (
              <label
                class="inline-flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm"
                classList={{
                  'border-primary bg-brand-500/10': group() === o.value,
                  'border-line': group() !== o.value,
                }}
              >
                <input
                  type="radio"
                  name="size"
                  class="accent-[var(--kp-primary)]"
                  checked={group() === o.value}
                  onChange={() => setGroup(o.value)}
                />
                {t(o.label)}
              </label>
            )}
          </For>
        </div>
        <Show
          when={group()}
          fallback={
            <Show when={props.error}>
              <p class="text-sm text-danger">{props.error}</p>
            </Show>
          }
        >
          <TextField
            label={t('size.seats')}
            name="capacity"
            type="number"
            min={2}
            max={SESSION_LIMITS.maxCapacity}
            class="max-w-40"
            value={seats()}
            onValue={setSeats}
            error={props.error}
          />
        </Show>
      </fieldset>
      <Show when={props.draft.capacity() > MESH_STUDENTS}>
        <p class="flex gap-2 rounded-lg bg-subtle px-3 py-2 text-sm text-muted">
          <Info size={16} class="mt-0.5 shrink-0" aria-hidden="true" />
          {t('size.livekit', { students: MESH_STUDENTS, people: P2P_MAX_PEERS })}
        </p>
      </Show>
    </>
  )
}
