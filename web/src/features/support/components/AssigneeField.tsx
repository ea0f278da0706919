import { createAsync } from '@solidjs/router'
import UserCheck from 'lucide-solid/icons/user-check'
import { Show } from 'solid-js'
import type { SupportAgent, TicketDetail } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { assignTicket, getAgents } from '../api.ts'
import { messages } from '../messages.ts'
import { SavingSelect } from './SavingSelect.tsx'

const t = translator(messages)

/** Who holds a ticket: unassigned, me, another agent, or the round-robin's pick ("Assign to me" too). */
export function AssigneeField(props: {
  ticket: TicketDetail
  myId: string
  onChange: (t: TicketDetail) => void
}) {
  const tenant = useTenant()
  const agents = createAsync(() => getAgents(tenant().id))
  const options = () => {
    const list: { value: string; label: string }[] = [{ value: '', label: t('assignee.unassigned') }]
    const people = agents() ?? []
    const me = people.find((a) => a.user_id === props.myId)
    list.push({ value: props.myId, label: me ? t('assignee.meNamed', { name: me.name }) : t('person.me') })
    for (const a of people)
      if (a.user_id !== props.myId) list.push({ value: a.user_id, label: agentLabel(a) })
    // Someone no longer on the desk can still hold the ticket: keep them selectable.
    const current = props.ticket.assignee_id
    if (current && !list.some((o) => o.value === current))
      list.push({ value: current, label: props.ticket.assignee_name ?? t('assignee.someoneElse') })
    list.push({ value: 'auto', label: t('assignee.auto') })
    return list
  }
  const save = async (value: string) => {
    const body = value === 'auto' ? { auto: true as const } : { assignee_id: value || null }
    const ticket = await assignTicket(props.ticket.id, body)
    props.onChange(ticket)
    if (value === 'auto') {
      if (ticket.assignee_name) toast.success(t('ticket.assignedTo', { name: ticket.assignee_name }))
      else toast.error(t('assignee.nobodyTitle'), t('assignee.nobodyText'))
    }
  }
  return (
    <div>
      <SavingSelect
        label={t('field.assignee')}
        value={props.ticket.assignee_id ?? ''}
        options={options()}
        onSave={save}
      />
      <Show when={props.ticket.assignee_id !== props.myId && props.ticket.status !== 'closed'}>
        <button
          type="button"
          class="link mt-1.5 inline-flex items-center gap-1 text-xs"
          onClick={() => save(props.myId).catch((e) => toast.error(t('assignee.failed'), errorMessage(e)))}
        >
          <UserCheck size={13} aria-hidden="true" />
          {t('assignee.assignToMe')}
        </button>
      </Show>
    </div>
  )
}

/** "Faith · online · away · 2/5": name, presence, round-robin state and load against the cap. */
const agentLabel = (a: SupportAgent) =>
  [
    a.name,
    ...(a.online ? [t('assignee.online')] : []),
    ...(a.available ? [] : [t('assignee.away')]),
    `${a.open_tickets}/${a.max_open}`,
  ].join(' · ')
