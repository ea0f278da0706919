import { A } from '@solidjs/router'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import { For, Show } from 'solid-js'
import type { HomeTicket } from '../../../../../edge/contract/home.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { StatusBadge } from '../../support/components/Badges.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The student's latest tickets, a reply they have not read marked as new. */
export function MyTickets(props: { tickets: HomeTicket[] }) {
  const tenant = useTenant()
  const base = () => `/t/${tenant().slug}/support`
  return (
    <section aria-labelledby="home-tickets">
      <div class="mb-4 flex items-baseline justify-between gap-2">
        <h2 id="home-tickets" class="text-lg font-semibold">
          {t('tickets.title')}
        </h2>
        <Show when={props.tickets.length > 0}>
          <A href={base()} class="link text-sm">
            {t('tickets.all')}
          </A>
        </Show>
      </div>
      <Show
        when={props.tickets.length > 0}
        fallback={
          <EmptyState icon={<LifeBuoy size={28} />} title={t('tickets.empty')}>
            <p>{t('tickets.emptyText')}</p>
            <A href={base()} class="btn-secondary mt-4">
              {t('tickets.ask')}
            </A>
          </EmptyState>
        }
      >
        <ul class="card divide-y divide-line">
          <For each={props.tickets}>
            {(ticket) => (
              <li>
                <A
                  href={`${base()}/${ticket.id}`}
                  class="flex items-start gap-3 px-4 py-3 hover:bg-subtle/60"
                >
                  <span class="min-w-0 flex-1">
                    <span class={`block truncate ${ticket.unread_reply ? 'font-semibold' : ''}`}>
                      {ticket.subject}
                    </span>
                    <span class="mt-0.5 block text-xs text-muted">
                      {t('tickets.number', { number: String(ticket.number) })}
                      <Show when={ticket.last_message_at}>{(at) => <> · {relativeTime(at())}</>}</Show>
                    </span>
                  </span>
                  <span class="flex shrink-0 flex-col items-end gap-1">
                    <StatusBadge status={ticket.status} />
                    <Show when={ticket.unread_reply}>
                      <span class="rounded-full bg-primary px-2 py-0.5 text-xs font-semibold text-on-primary">
                        {t('tickets.newReply')}
                      </span>
                    </Show>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
