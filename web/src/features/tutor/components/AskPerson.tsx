import { A } from '@solidjs/router'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import { createSignal, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { handOff } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Ask a person": the conversation becomes a support ticket (transcript and lesson included); then its link. */
export function AskPerson(props: { conversationId: string; ticketId: string | null }) {
  const tenant = useTenant()
  const [ticket, setTicket] = createSignal<string | null>(null)
  const [pending, setPending] = createSignal(false)
  const current = () => ticket() ?? props.ticketId

  async function ask() {
    setPending(true)
    try {
      const { ticket_id } = await handOff(props.conversationId)
      setTicket(ticket_id)
      toast.success(t('person.sent'), t('person.sentText'))
    } catch (e) {
      toast.error(t('person.failed'), errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <Show
      when={current()}
      fallback={
        <Button
          variant="secondary"
          class="min-h-9 px-3 py-1.5 text-sm"
          pending={pending()}
          onClick={() => void ask()}
        >
          <LifeBuoy size={15} aria-hidden="true" />
          {t('person.ask')}
        </Button>
      }
    >
      {(id) => (
        <A href={`/t/${tenant().slug}/support/${id()}`} class="btn-secondary min-h-9 px-3 py-1.5 text-sm">
          <LifeBuoy size={15} aria-hidden="true" />
          {t('person.open')}
        </A>
      )}
    </Show>
  )
}
