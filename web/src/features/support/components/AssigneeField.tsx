import { createAsync } from '@solidjs/router'
import UserCheck from 'lucide-solid/icons/user-check'
import { Show } from 'solid-js'
import type { SupportAgent, TicketDetail } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { assignTicket, getAgents } from '../api.ts'
import { SavingSelect } from './SavingSelect.tsx'

/** Who holds a ticket: unassigned, me, another agent, or the round-robin's pick ("Assign to me" too). */
export function AssigneeField(props: {
  ticket: TicketDetail
  myId: string
  onChange: (t: TicketDetail) => void
}) {
  const tenant = useTenant()
  const agents = createAsync(() => getAgents(tenant().id))
  const options = () => {
    const list: { value: string; label: string }[] = [{ value: '', label: 'Unassigned' }]
    const people = agents() ?? []
    const me = people.find((a) => a.user_id === props.myId)
    list.push({ value: props.myId, label: `Me${me ? ` (${me.name})` : ''}` })
    for (const a of people)
      if (a.user_id !== props.myId) list.push({ value: a.user_id, label: agentLabel(a) })
    // Someone no longer on the desk can still hold the ticket: keep them selectable.
    const current = props.ticket.assignee_id
    if (current && !list.some((o) => o.value === current))
      list.push({ value: current, label: props.ticket.assignee_name ?? 'Someone else' })
    list.push({ value: 'auto', label: 'Automatic (round-robin)' })
    return list
  }
  const save = async (value: string) => {
    const body = value === 'auto' ? { auto: true as const } : { assignee_id: value || null }
    const t = await assignTicket(props.ticket.id, body)
    props.onChange(t)
    if (value === 'auto') {
      if (t.assignee_name) toast.success(`Assigned to ${t.assignee_name}`)
      else toast.error('Nobody could take it', 'No agent is online and under their cap right now.')
    }
  }
  return (
    <div>
      <SavingSelect
        label="Assignee"
        value={props.ticket.assignee_id ?? ''}
        options={options()}
        onSave={save}
      />
      <Show when={props.ticket.assignee_id !== props.myId && props.ticket.status !== 'closed'}>
        <button
          type="button"
          class="link mt-1.5 inline-flex items-center gap-1 text-xs"
          onClick={() => save(props.myId).catch((e) => toast.error('Could not assign', errorMessage(e)))}
        >
          <UserCheck size={13} aria-hidden="true" />
          Assign to me
        </button>
      </Show>
    </div>
  )
}

const agentLabel = (a: SupportAgent) =>
  `${a.name}${a.online ? ' · online' : ''}${a.available ? '' : ' · away'} · ${a.open_tickets}/${a.max_open}`
