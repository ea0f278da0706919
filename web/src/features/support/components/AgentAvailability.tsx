import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { plural } from '../../../lib/format.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { SwitchField } from '../../../ui/Field.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getAgents, updateAgent } from '../api.ts'

/** The agent's own "Available" switch: whether round-robin gives them new tickets. */
export function AgentAvailability(props: { myId: string }) {
  const tenant = useTenant()
  const agents = createAsync(() => getAgents(tenant().id))
  const me = () => agents()?.find((a) => a.user_id === props.myId)
  const [pending, setPending] = createSignal(false)
  return (
    <Show when={me()}>
      {(agent) => (
        <div class="card mb-4 flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <SwitchField
            label="Available for new tickets"
            checked={agent().available}
            description={
              agent().available
                ? `Round-robin gives you new tickets while this queue is open (you have ${plural(agent().open_tickets, 'open ticket')}, cap ${agent().max_open}).`
                : 'Round-robin skips you. Tickets already yours stay yours.'
            }
            onChange={async (available) => {
              if (pending()) return
              setPending(true)
              try {
                await updateAgent(tenant().id, props.myId, { available })
                await revalidate(getAgents.keyFor(tenant().id))
              } catch (e) {
                toast.error('Could not change your availability', errorMessage(e))
              } finally {
                setPending(false)
              }
            }}
          />
        </div>
      )}
    </Show>
  )
}
