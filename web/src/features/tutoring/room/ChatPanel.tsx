import Send from 'lucide-solid/icons/send'
import { createSignal, Show, Suspense } from 'solid-js'
import { MESSAGE_FILE_TYPES } from '../../../../../edge/contract/files-values.ts'
import { SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { AttachButton } from '../../files/AttachButton.tsx'
import { attachPasted, createLazyDraft, LazyDraftAttachments } from '../../files/lazy-draft.ts'
import { messageFiles } from '../../files/message-files.ts'
import { ChatMessages } from './ChatMessages.tsx'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** The room's chat: the lines so far (kept with the session) and a box to write one. */
export function ChatPanel(props: { room: RoomController }) {
  const [text, setText] = createSignal('')
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  let input: HTMLTextAreaElement | undefined
  const draft = createLazyDraft(() =>
    messageFiles('session-files', `${props.room.session.tenant_id}/${props.room.session.id}`),
  )
  const ready = () => (text().trim() || draft.files().length > 0) && !draft.busy()

  async function send(e: SubmitEvent) {
    e.preventDefault()
    const body = text().trim()
    if (!ready() || pending()) return
    setPending(true)
    setError()
    try {
      await props.room.send(
        body,
        draft.files().map((f) => ({ path: f.path, name: f.name })),
      )
      setText('')
      draft.clear()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setPending(false)
      input?.focus()
    }
  }

  return (
    <section aria-labelledby="chat-heading" class="flex min-h-0 flex-1 flex-col">
      <h2 id="chat-heading" class="sr-only">
        {t('chat.heading')}
      </h2>
      {/* Fills the panel, so the box to write in stays at its bottom while the chat is empty. */}
      <div class="flex min-h-0 flex-1 flex-col">
        <ChatMessages
          messages={props.room.messages()}
          meId={props.room.me.id}
          follow
          class="min-h-0 flex-1 p-4"
          empty={t('chat.empty')}
        />
      </div>
      <form onSubmit={send} class="border-t border-line p-3">
        <Show when={error()}>
          <p role="alert" class="mb-2 text-sm text-danger">
            {error()}
          </p>
        </Show>
        <Show when={draft.draft()}>
          {(d) => (
            <div class="mb-2 empty:hidden">
              <Suspense>
                <LazyDraftAttachments draft={d()} />
              </Suspense>
            </div>
          )}
        </Show>
        <div class="flex items-end gap-2">
          <AttachButton accept={MESSAGE_FILE_TYPES} onFiles={draft.add} />
          <label for="room-chat-input" class="sr-only">
            {t('chat.label')}
          </label>
          <textarea
            id="room-chat-input"
            ref={input}
            rows={1}
            maxLength={SESSION_LIMITS.chat}
            placeholder={t('chat.placeholder')}
            class="input max-h-32 min-h-10 resize-none"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            onPaste={attachPasted(draft)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault()
                e.currentTarget.form?.requestSubmit()
              }
            }}
          />
          <button
            type="submit"
            class="btn-primary size-10 shrink-0 px-0"
            aria-label={t('chat.send')}
            disabled={pending() || !ready()}
          >
            <Send size={16} />
          </button>
        </div>
      </form>
    </section>
  )
}
