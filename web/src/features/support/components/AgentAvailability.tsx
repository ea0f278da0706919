import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { SwitchField } from '../../../ui/Field.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getAgents, updateAgent } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

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
            label={t('availability.label')}
            checked={agent().available}
            description={
              agent().available
                ? t('availability.on', { count: agent().open_tickets, max: agent().max_open })
                : t('availability.off')
            }
            onChange={async (available) => {
              if (pending()) return
              setPending(true)
              try {
                await updateAgent(tenant().id, props.myId, { available })
                await revalidate(getAgents.keyFor(tenant().id))
              } catch (e) {
                toast.error(t('availability.failed'), errorMessage(e))
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
