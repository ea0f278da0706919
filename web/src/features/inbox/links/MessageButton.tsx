import { useNavigate } from '@solidjs/router'
import MessageCircle from 'lucide-solid/icons/message-circle'
import { createSignal } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { startConversation } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Message": opens my conversation with the person (a person page shows it when I may write). */
export function MessageButton(props: { userId: string; name: string }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [pending, setPending] = createSignal(false)
  const open = async () => {
    setPending(true)
    try {
      const { id } = await startConversation(tenant().id, props.userId)
      navigate(`/t/${tenant().slug}/messages/${id}`)
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  return (
    <Button
      variant="secondary"
      pending={pending()}
      onClick={open}
      aria-label={t('inbox.writeTo', { name: props.name })}
    >
      <MessageCircle size={16} aria-hidden="true" />
      {t('inbox.messageButton')}
    </Button>
  )
}
