import { A } from '@solidjs/router'
import CalendarClock from 'lucide-solid/icons/calendar-clock'
import { For, Show } from 'solid-js'
import type { Session } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { JoinButton } from '../../tutoring/components/JoinButton.tsx'
import { TutoringTime } from '../../tutoring/components/TutoringTime.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** What the list says around its sessions: its heading, and what to do when there are none. */
export interface SessionsText {
  title: string
  empty: string
  emptyText: string
  action: string
}

/** Sessions still to come (booked or taught), with Join once a room opens. */
export function NextSessions(props: { sessions: Session[]; text: SessionsText }) {
  const tenant = useTenant()
  const base = () => `/t/${tenant().slug}/sessions`
  return (
    <section aria-labelledby="home-sessions">
      <div class="mb-4 flex items-baseline justify-between gap-2">
        <h2 id="home-sessions" class="text-lg font-semibold">
          {props.text.title}
        </h2>
        <Show when={props.sessions.length > 0}>
          <A href={base()} class="link text-sm">
            {t('sessions.all')}
          </A>
        </Show>
      </div>
      <Show
        when={props.sessions.length > 0}
        fallback={
          <EmptyState icon={<CalendarClock size={28} />} title={props.text.empty}>
            <p>{props.text.emptyText}</p>
            <A href={base()} class="btn-secondary mt-4">
              {props.text.action}
            </A>
          </EmptyState>
        }
      >
        <ul class="space-y-3">
          <For each={props.sessions}>
            {(s) => (
              <li class="card space-y-2 p-4" data-testid="home-session">
                <TutoringTime
                  starts_at={s.starts_at}
                  ends_at={s.ends_at}
                  zone={s.time_zone}
                  withDay
                  class="text-sm"
                />
                <p class="font-semibold leading-snug">
                  <A href={`${base()}/${s.id}`} class="hover:underline">
                    {s.title}
                  </A>
                </p>
                <Show when={s.instructor_name}>{(name) => <p class="text-sm text-muted">{name()}</p>}</Show>
                <JoinButton session={s} href={`${base()}/${s.id}/room`} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
