import { A } from '@solidjs/router'
import ChevronRight from 'lucide-solid/icons/chevron-right'
import { For, Show } from 'solid-js'
import type { Ticket } from '../../../../../edge/contract/support.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from '../messages.ts'
import { categoryLabel } from '../support-context.ts'
import { PriorityBadge, SlaBadge, StatusBadge } from './Badges.tsx'

const t = translator(messages)

const href = (slug: string, ticket: Ticket) => `/t/${slug}/support/${ticket.id}`

/**
 * The staff queue: a table on wide screens, stacked cards on phones. Rows that arrived live are
 * highlighted for a moment.
 */
export function QueueTable(props: { tickets: Ticket[]; fresh: Set<string>; myId: string }) {
  const tenant = useTenant()
  const assignee = (ticket: Ticket) => {
    if (ticket.assignee_id === null) return t('assignee.unassigned')
    return ticket.assignee_id === props.myId ? t('person.you') : (ticket.assignee_name ?? '—')
  }
  return (
    <>
      <div class="card hidden overflow-hidden md:block">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">{t('rows.tickets')}</caption>
          <thead class="border-b border-line bg-subtle/50 text-xs text-muted">
            <tr>
              <th scope="col" class="w-full px-4 py-2.5 font-medium">
                {t('staff.ticket')}
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                {t('field.status')}
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                {t('field.priority')}
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                {t('field.sla')}
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                {t('field.assignee')}
              </th>
              <th scope="col" class="px-4 py-2.5 text-right font-medium">
                {t('rows.updated')}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={props.tickets}>
              {(ticket) => (
                <tr
                  class="transition-colors hover:bg-subtle/40"
                  classList={{ 'bg-primary/5': props.fresh.has(ticket.id) }}
                  data-ticket={ticket.number}
                >
                  <td class="max-w-0 px-4 py-3">
                    <A href={href(tenant().slug, ticket)} class="block truncate font-medium hover:underline">
                      <span class="mr-1.5 text-muted tabular-nums">#{ticket.number}</span>
                      {ticket.subject}
                    </A>
                    <p class="mt-0.5 truncate text-xs text-muted">
                      {ticket.requester_name ?? t('person.unknown')} · {categoryLabel(ticket.category)}
                      <Show when={props.fresh.has(ticket.id)}>
                        <span class="ml-2 badge bg-primary/15 text-primary">{t('rows.new')}</span>
                      </Show>
                    </p>
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <PriorityBadge priority={ticket.priority} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <SlaBadge state={ticket.sla_state} dueAt={ticket.sla_due_at} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap" classList={{ 'text-muted': !ticket.assignee_id }}>
                    {assignee(ticket)}
                  </td>
                  <td class="px-4 py-3 text-right text-xs whitespace-nowrap text-muted">
                    <time datetime={ticket.updated_at}>{relativeTime(ticket.updated_at)}</time>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <ul class="space-y-3 md:hidden" aria-label={t('rows.tickets')}>
        <For each={props.tickets}>
          {(ticket) => (
            <li>
              <A
                href={href(tenant().slug, ticket)}
                class="card block p-4 transition-colors hover:bg-subtle/40"
                classList={{ 'ring-2 ring-primary/30': props.fresh.has(ticket.id) }}
              >
                <div class="flex items-start justify-between gap-2">
                  <p class="min-w-0 font-medium">
                    <span class="mr-1.5 text-muted tabular-nums">#{ticket.number}</span>
                    {ticket.subject}
                  </p>
                  <StatusBadge status={ticket.status} class="shrink-0" />
                </div>
                <p class="mt-1 text-xs text-muted">
                  {ticket.requester_name ?? t('person.unknown')} · {categoryLabel(ticket.category)} ·{' '}
                  {assignee(ticket)}
                </p>
                <div class="mt-2 flex flex-wrap items-center gap-2">
                  <PriorityBadge priority={ticket.priority} />
                  <SlaBadge state={ticket.sla_state} dueAt={ticket.sla_due_at} />
                  <time class="ml-auto text-xs text-muted" datetime={ticket.updated_at}>
                    {relativeTime(ticket.updated_at)}
                  </time>
                </div>
              </A>
            </li>
          )}
        </For>
      </ul>
    </>
  )
}

/** A requester's own tickets, newest activity first. */
export function MyTicketList(props: { tickets: Ticket[] }) {
  const tenant = useTenant()
  return (
    <ul class="card divide-y divide-line overflow-hidden" aria-label={t('support.yourTickets')}>
      <For each={props.tickets}>
        {(ticket) => (
          <li>
            <A
              href={href(tenant().slug, ticket)}
              class="flex items-center gap-3 px-4 py-3.5 transition-colors hover:bg-subtle/40 sm:px-5"
            >
              <div class="min-w-0 flex-1">
                <p class="line-clamp-2 font-medium break-words">{ticket.subject}</p>
                <p class="mt-0.5 text-xs text-muted">
                  <span class="tabular-nums">#{ticket.number}</span> · {categoryLabel(ticket.category)} ·{' '}
                  {t('rows.updatedAgo')}{' '}
                  <time datetime={ticket.updated_at}>{relativeTime(ticket.updated_at)}</time>
                </p>
              </div>
              <StatusBadge status={ticket.status} class="shrink-0" />
              <ChevronRight size={16} class="shrink-0 text-muted" aria-hidden="true" />
            </A>
          </li>
        )}
      </For>
    </ul>
  )
}
