import { revalidate } from '@solidjs/router'
import SendHorizontal from 'lucide-solid/icons/send-horizontal'
import { createSignal, createUniqueId, Show } from 'solid-js'
import { MESSAGE_MAX } from '../../../../../edge/contract/messages.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { getConversation, getConversations, sendMessage } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The reply box: Enter sends, Shift+Enter a new line; the words stay when sending fails. */
export function Composer(props: { conversationId: string; tenantId: string; name: string }) {
  const id = createUniqueId()
  const [text, setText] = createSignal('')
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal('')
  const send = async () => {
    const body = text().trim()
    if (!body) return setError(t('inbox.empty.body'))
    if (body.length > MESSAGE_MAX) return setError(t('inbox.tooLong', { max: MESSAGE_MAX }))
    setPending(true)
    setError('')
    try {
      await sendMessage(props.conversationId, body)
      setText('')
      await revalidate([
        getConversation.keyFor(props.conversationId),
        getConversations.keyFor(props.tenantId),
      ])
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }
  return (
    <form
      class="border-t border-line p-3 sm:p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
    >
      <label for={id} class="sr-only">
        {t('inbox.writeTo', { name: props.name })}
      </label>
      <div class="flex items-end gap-2">
        <textarea
          id={id}
          class="input min-h-11 flex-1 resize-none"
          rows={2}
          maxLength={MESSAGE_MAX}
          placeholder={t('inbox.write')}
          value={text()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={`${id}-hint ${error() ? `${id}-error` : ''}`}
          onInput={(e) => {
            setText(e.currentTarget.value)
            if (error()) setError('')
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault()
              void send()
            }
          }}
        />
        <Button type="submit" pending={pending()} class="min-h-11">
          <SendHorizontal size={18} aria-hidden="true" />
          <span class="max-sm:sr-only">{t('inbox.send')}</span>
        </Button>
      </div>
      <p id={`${id}-hint`} class="mt-1 text-xs text-muted max-sm:sr-only">
        {t('inbox.sendHint')}
      </p>
      <Show when={error()}>
        <p id={`${id}-error`} role="alert" class="mt-1 text-sm text-danger">
          {error()}
        </p>
      </Show>
    </form>
  )
}
