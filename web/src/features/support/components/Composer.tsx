import Lock from 'lucide-solid/icons/lock'
import Send from 'lucide-solid/icons/send'
import { createSignal, createUniqueId, type JSX, Show, Suspense } from 'solid-js'
import { SUPPORT_LIMITS } from '../../../../../edge/contract/support-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { AttachButton } from '../../files/AttachButton.tsx'
import type { FileRef } from '../../files/AttachmentList.tsx'
import type { AttachmentRules } from '../../files/attachment-draft.ts'
import { attachPasted, createLazyDraft, LazyDraftAttachments } from '../../files/lazy-draft.ts'
import { messages } from '../messages.ts'
import { charCounter } from '../support-thread.ts'

const t = translator(messages)

/**
 * A phone or tablet, whose on-screen keyboard has no Shift+Enter habit: there Enter starts a new
 * line and the Send button sends.
 */
const touchKeyboard = () => window.matchMedia?.('(pointer: coarse)').matches ?? false

export interface ComposerProps {
  /** Staff get the internal-note toggle and the canned replies. */
  staff: boolean
  onSend: (body: string, internal: boolean, attachments: FileRef[]) => Promise<unknown>
  /** Where attached files go (the ticket's folder); no paperclip without it. */
  attach?: AttachmentRules
  /** Each key typed (the typing indicator), and when typing stops. */
  onTyping: () => void
  onStopTyping: () => void
  /** Extra tools beside the send button (the canned replies picker); gets a function that inserts text. */
  tools?: (insert: (text: string) => void) => JSX.Element
}

/**
 * The reply box: Enter sends, Shift+Enter starts a new line (on touch keyboards Enter is a new line
 * and the button sends); a character counter near the limit;
 * locked while sending; a refusal of `onSend` shown right under it (the ticket page queues the
 * message, so the server's own refusal shows on the message: offline/PendingMessage). Staff switch to an internal
 * note, which looks different so nobody sends one to the requester by mistake.
 */
export function Composer(props: ComposerProps) {
  const [text, setText] = createSignal('')
  const [internal, setInternal] = createSignal(false)
  const [sending, setSending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const id = createUniqueId()
  let area: HTMLTextAreaElement | undefined

  const counter = () => charCounter(text().length, SUPPORT_LIMITS.body)
  const draft = props.attach ? createLazyDraft(() => props.attach as AttachmentRules) : undefined
  const files = () => draft?.files() ?? []

  /** The text to send, or undefined after showing why it cannot go (files alone may go without text). */
  async function checkedText(): Promise<string | undefined> {
    if (!text().trim() && files().length > 0) return ''
    // The schema loads with the first message sent, not with the ticket page.
    const { MessageBody } = await import('../../../../../edge/contract/support.ts')
    const checked = validate(MessageBody, text())
    if (checked.ok) return checked.data
    setError(Object.values(checked.errors)[0])
    area?.focus()
    return undefined
  }

  async function send() {
    if (sending() || draft?.busy()) return
    setSending(true)
    try {
      const body = await checkedText()
      if (body === undefined) return
      setError()
      await props.onSend(body, internal(), files())
      setText('')
      setInternal(false)
      draft?.clear()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSending(false)
      queueMicrotask(() => area?.focus())
    }
  }

  const insert = (snippet: string) => {
    setText((t) => (t.trim() ? `${t.replace(/\s+$/, '')}\n\n${snippet}` : snippet))
    setError()
    queueMicrotask(() => {
      area?.focus()
      area?.setSelectionRange(area.value.length, area.value.length)
    })
  }

  return (
    <form
      class={`border-t px-3 py-3 sm:px-5 ${internal() ? 'border-warn/50 bg-warn-soft/60' : 'border-line'}`}
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
      // Files dropped on the reply box are attached.
      onDragOver={(e) => {
        if (draft && e.dataTransfer?.types.includes('Files')) e.preventDefault()
      }}
      onDrop={(e) => {
        const dropped = [...(e.dataTransfer?.files ?? [])]
        if (!draft || dropped.length === 0) return
        e.preventDefault()
        draft.add(dropped)
      }}
      noValidate
    >
      <label for={id} class="sr-only">
        {internal() ? t('composer.internalNote') : t('composer.reply')}
      </label>
      <textarea
        ref={area}
        id={id}
        name="body"
        rows={3}
        class={`input max-h-60 min-h-20 resize-y ${internal() ? 'border-warn/60 bg-surface' : ''}`}
        placeholder={
          internal()
            ? t('composer.notePlaceholder')
            : touchKeyboard()
              ? t('composer.replyPlaceholderTouch')
              : t('composer.replyPlaceholder')
        }
        value={text()}
        readOnly={sending()}
        aria-busy={sending() ? 'true' : undefined}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={`${id}-hint${error() ? ` ${id}-err` : ''}`}
        onInput={(e) => {
          setText(e.currentTarget.value)
          if (error()) setError()
          if (!internal()) props.onTyping()
        }}
        onBlur={() => props.onStopTyping()}
        onPaste={attachPasted(draft)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.shiftKey || e.isComposing || touchKeyboard()) return
          e.preventDefault()
          if (text().trim() || files().length > 0) void send()
        }}
      />
      <Show when={error()}>
        <p id={`${id}-err`} role="alert" class="mt-1.5 text-sm text-danger">
          {error()}
        </p>
      </Show>
      <Show when={draft?.draft()}>
        {(d) => (
          <Suspense>
            <LazyDraftAttachments draft={d()} />
          </Suspense>
        )}
      </Show>
      <div class="mt-2 flex flex-wrap items-center gap-2">
        <Show when={draft}>
          {(d) => <AttachButton accept={props.attach?.accept ?? []} onFiles={(picked) => d().add(picked)} />}
        </Show>
        <Show when={props.staff}>
          <button
            type="button"
            class={`btn min-h-9 border px-3 py-1.5 text-xs ${
              internal() ? 'border-warn/60 bg-warn-soft text-warn' : 'border-line text-muted hover:bg-subtle'
            }`}
            aria-pressed={internal()}
            onClick={() => {
              setInternal((v) => !v)
              props.onStopTyping()
              area?.focus()
            }}
          >
            <Lock size={14} aria-hidden="true" />
            {t('composer.internalNote')}
          </button>
          {props.tools?.(insert)}
        </Show>
        <span id={`${id}-hint`} class="text-xs text-muted" classList={{ 'text-danger!': counter()?.over }}>
          {counter() ? t('composer.characters', { counter: counter()?.text ?? '' }) : ''}
        </span>
        <Button
          type="submit"
          class="ml-auto min-h-9 px-3 py-1.5"
          pending={sending()}
          disabled={draft?.busy()}
        >
          <Show when={!sending()}>
            <Send size={15} aria-hidden="true" />
          </Show>
          {internal() ? t('composer.addNote') : t('composer.send')}
        </Button>
      </div>
    </form>
  )
}
