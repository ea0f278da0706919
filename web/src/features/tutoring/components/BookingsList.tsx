import { For, Show } from 'solid-js'
import type { Booking } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Avatar } from '../../../ui/Avatar.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The students who booked a seat (the tutor and staff see them all). */
export function BookingsList(props: { bookings: Booking[]; label: string }) {
  return (
    <Show when={props.bookings.length > 0} fallback={<p class="text-sm text-muted">{t('bookings.none')}</p>}>
      <ul aria-label={props.label} class="divide-y divide-line">
        <For each={props.bookings}>
          {(b) => {
            const name = () => b.name ?? b.email ?? t('bookings.aStudent')
            return (
              <li class="flex items-center gap-3 py-2">
                <Avatar userId={b.user_id} name={name()} size="sm" />
                <span class="min-w-0 flex-1">
                  <span class="block truncate text-sm font-medium">{name()}</span>
                  <Show when={b.email && b.name}>
                    <span class="block truncate text-xs text-muted">{b.email}</span>
                  </Show>
                </span>
              </li>
            )
          }}
        </For>
      </ul>
    </Show>
  )
}
