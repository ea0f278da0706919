import { A } from '@solidjs/router'
import ExternalLink from 'lucide-solid/icons/external-link'
import { ErrorBoundary, For, type JSX, Show, Suspense } from 'solid-js'
import type { Ticket, TicketDetail, UpdateTicketBody } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { updateTicket } from '../api.ts'
import { messages } from '../messages.ts'
import {
  categoryLabel,
  contextLinks,
  priorityLabel,
  statusHint,
  statusLabel,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../support-context.ts'
import { AssigneeField } from './AssigneeField.tsx'
import { MergeTicket } from './MergeTicket.tsx'
import { SavingSelect } from './SavingSelect.tsx'
import { SlaClocks } from './SlaClocks.tsx'

const t = translator(messages)

function Section(props: { title: string; children: JSX.Element; action?: JSX.Element }) {
  return (
    <section class="card p-4">
      <div class="mb-3 flex items-center justify-between gap-2">
        <h2 class="text-sm font-semibold">{props.title}</h2>
        {props.action}
      </div>
      {props.children}
    </section>
  )
}

/**
 * The staff side of a conversation: status, priority, category, assignee (me, someone, automatic),
 * SLA clocks counting down, where the ticket was opened from, and merging a duplicate.
 */
export function StaffPanel(props: {
  ticket: TicketDetail
  myId: string
  onChange: (ticket: TicketDetail) => void
}) {
  const tenant = useTenant()
  const ticket = () => props.ticket
  const closed = () => ticket().status === 'closed'

  const patch = async (body: UpdateTicketBody) => props.onChange(await updateTicket(ticket().id, body))

  return (
    <aside class="space-y-4" aria-label={t('staff.details')}>
      <Section title={t('staff.ticket')}>
        <div class="space-y-3">
          <SavingSelect
            label={t('field.status')}
            value={ticket().status}
            options={TICKET_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            hint={statusHint(ticket().status)}
            onSave={(status) => patch({ status: status as Ticket['status'] })}
          />
          <SavingSelect
            label={t('field.priority')}
            value={ticket().priority}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
            onSave={(priority) => patch({ priority: priority as Ticket['priority'] })}
          />
          <SavingSelect
            label={t('field.category')}
            value={ticket().category}
            options={TICKET_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
            onSave={(category) => patch({ category: category as Ticket['category'] })}
          />
          <ErrorBoundary fallback={(e) => <p class="text-sm text-danger">{errorMessage(e)}</p>}>
            <Suspense fallback={<Skeleton class="h-14 w-full" />}>
              <AssigneeField ticket={ticket()} myId={props.myId} onChange={props.onChange} />
            </Suspense>
          </ErrorBoundary>
        </div>
      </Section>

      <Section title={t('field.sla')}>
        <SlaClocks ticket={ticket()} />
      </Section>

      <Section title={t('person.requester')}>
        <p class="text-sm font-medium">{ticket().requester_name ?? t('person.unknown')}</p>
        <Show when={ticket().requester_email}>
          {(email) => (
            <a href={`mailto:${email()}`} class="link block text-xs break-all">
              {email()}
            </a>
          )}
        </Show>
        <p class="mt-0.5 text-xs text-muted">
          {t('staff.opened', { time: formatDateTime(ticket().created_at) })}
        </p>
        <Show when={contextLinks(ticket().context, tenant().slug).length > 0}>
          <h3 class="mt-3 text-xs font-medium text-muted">{t('staff.openedFrom')}</h3>
          <ul class="mt-1 space-y-1 text-sm">
            <For each={contextLinks(ticket().context, tenant().slug)}>
              {(link) => (
                <li class="min-w-0">
                  <Show when={link.href} fallback={<span class="break-words">{link.label}</span>}>
                    {(href) => (
                      <A href={href()} class="link inline-flex max-w-full items-center gap-1 break-all">
                        <ExternalLink size={13} class="shrink-0" aria-hidden="true" />
                        {link.label}
                      </A>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>

      <Show when={!closed() && !ticket().merged_into}>
        <MergeTicket ticket={ticket()} />
      </Show>
    </aside>
  )
}
