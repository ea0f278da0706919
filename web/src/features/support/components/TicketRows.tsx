import { A } from '@solidjs/router'
import ChevronRight from 'lucide-solid/icons/chevron-right'
import { For, Show } from 'solid-js'
import type { Ticket } from '../../../../../edge/contract/support.ts'
import { relativeTime } from '../../../lib/format.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { CATEGORY_LABELS } from '../support-context.ts'
import { PriorityBadge, SlaBadge, StatusBadge } from './Badges.tsx'

const href = (slug: string, t: Ticket) => `/t/${slug}/support/${t.id}`

/**
 * The staff queue: a table on wide screens, stacked cards on phones. Rows that arrived live are
 * highlighted for a moment.
 */
export function QueueTable(props: { tickets: Ticket[]; fresh: Set<string>; myId: string }) {
  const tenant = useTenant()
  const assignee = (t: Ticket) =>
    t.assignee_id === null ? 'Unassigned' : t.assignee_id === props.myId ? 'You' : (t.assignee_name ?? '—')
  return (
    <>
      <div class="card hidden overflow-hidden md:block">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">Tickets</caption>
          <thead class="border-b border-line bg-subtle/50 text-xs text-muted">
            <tr>
              <th scope="col" class="w-full px-4 py-2.5 font-medium">
                Ticket
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                Status
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                Priority
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                SLA
              </th>
              <th scope="col" class="px-3 py-2.5 font-medium">
                Assignee
              </th>
              <th scope="col" class="px-4 py-2.5 text-right font-medium">
                Updated
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={props.tickets}>
              {(t) => (
                <tr
                  class="transition-colors hover:bg-subtle/40"
                  classList={{ 'bg-primary/5': props.fresh.has(t.id) }}
                  data-ticket={t.number}
                >
                  <td class="max-w-0 px-4 py-3">
                    <A href={href(tenant().slug, t)} class="block truncate font-medium hover:underline">
                      <span class="mr-1.5 text-muted tabular-nums">#{t.number}</span>
                      {t.subject}
                    </A>
                    <p class="mt-0.5 truncate text-xs text-muted">
                      {t.requester_name ?? 'Unknown'} · {CATEGORY_LABELS[t.category]}
                      <Show when={props.fresh.has(t.id)}>
                        <span class="ml-2 badge bg-primary/15 text-primary">New</span>
                      </Show>
                    </p>
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <StatusBadge status={t.status} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <PriorityBadge priority={t.priority} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap">
                    <SlaBadge state={t.sla_state} dueAt={t.sla_due_at} />
                  </td>
                  <td class="px-3 py-3 whitespace-nowrap" classList={{ 'text-muted': !t.assignee_id }}>
                    {assignee(t)}
                  </td>
                  <td class="px-4 py-3 text-right text-xs whitespace-nowrap text-muted">
                    <time datetime={t.updated_at}>{relativeTime(t.updated_at)}</time>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <ul class="space-y-3 md:hidden" aria-label="Tickets">
        <For each={props.tickets}>
          {(t) => (
            <li>
              <A
                href={href(tenant().slug, t)}
                class="card block p-4 transition-colors hover:bg-subtle/40"
                classList={{ 'ring-2 ring-primary/30': props.fresh.has(t.id) }}
              >
                <div class="flex items-start justify-between gap-2">
                  <p class="min-w-0 font-medium">
                    <span class="mr-1.5 text-muted tabular-nums">#{t.number}</span>
                    {t.subject}
                  </p>
                  <StatusBadge status={t.status} class="shrink-0" />
                </div>
                <p class="mt-1 text-xs text-muted">
                  {t.requester_name ?? 'Unknown'} · {CATEGORY_LABELS[t.category]} · {assignee(t)}
                </p>
                <div class="mt-2 flex flex-wrap items-center gap-2">
                  <PriorityBadge priority={t.priority} />
                  <SlaBadge state={t.sla_state} dueAt={t.sla_due_at} />
                  <time class="ml-auto text-xs text-muted" datetime={t.updated_at}>
                    {relativeTime(t.updated_at)}
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
    <ul class="card divide-y divide-line overflow-hidden" aria-label="Your tickets">
      <For each={props.tickets}>
        {(t) => (
          <li>
            <A
              href={href(tenant().slug, t)}
              class="flex items-center gap-3 px-4 py-3.5 transition-colors hover:bg-subtle/40 sm:px-5"
            >
              <div class="min-w-0 flex-1">
                <p class="line-clamp-2 font-medium break-words">{t.subject}</p>
                <p class="mt-0.5 text-xs text-muted">
                  <span class="tabular-nums">#{t.number}</span> · {CATEGORY_LABELS[t.category]} · updated{' '}
                  <time datetime={t.updated_at}>{relativeTime(t.updated_at)}</time>
                </p>
              </div>
              <StatusBadge status={t.status} class="shrink-0" />
              <ChevronRight size={16} class="shrink-0 text-muted" aria-hidden="true" />
            </A>
          </li>
        )}
      </For>
    </ul>
  )
}
