import Send from 'lucide-solid/icons/send'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import { createSignal, createUniqueId, Show } from 'solid-js'
import { AI_LIMITS } from '../../../../../edge/contract/ai-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { charCounter } from '../../support/support-thread.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A phone's on-screen keyboard: there Enter starts a new line and the button sends. */
const touchKeyboard = () => window.matchMedia?.('(pointer: coarse)').matches ?? false

/**
 * The question box: Enter sends, Shift+Enter starts a new line; a counter near the limit; the
 * privacy notice always in view beside it. `onSend` resolves false when the question was refused
 * (it stays in the box).
 */
export function TutorComposer(props: {
  busy: boolean
  disabled?: boolean
  onSend: (text: string) => Promise<boolean>
}) {
  const [text, setText] = createSignal('')
  const id = createUniqueId()
  let area: HTMLTextAreaElement | undefined
  const counter = () => charCounter(text().length, AI_LIMITS.message)
  const canSend = () => !props.busy && !props.disabled && !!text().trim() && !counter()?.over

  async function send() {
    if (!canSend()) return
    const question = text().trim()
    setText('')
    const accepted = await props.onSend(question)
    if (!accepted && !text()) setText(question)
    queueMicrotask(() => area?.focus())
  }

  return (
    <form
      class="space-y-2"
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
      noValidate
    >
      <label for={id} class="sr-only">
        {t('composer.label')}
      </label>
      <div class="flex items-end gap-2">
        <textarea
          ref={area}
          id={id}
          name="message"
          rows={2}
          class="input max-h-48 min-h-12 flex-1 resize-y"
          placeholder={t('composer.placeholder')}
          value={text()}
          maxLength={AI_LIMITS.message + 200}
          aria-describedby={`${id}-hint ${id}-privacy`}
          aria-invalid={counter()?.over ? 'true' : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.shiftKey || e.isComposing || touchKeyboard()) return
            e.preventDefault()
            void send()
          }}
        />
        <Button type="submit" class="min-h-12 shrink-0 px-3.5" pending={props.busy} disabled={!canSend()}>
          <Show when={!props.busy}>
            <Send size={16} aria-hidden="true" />
          </Show>
          <span class="sr-only sm:not-sr-only">{t('composer.send')}</span>
        </Button>
      </div>
      <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 text-xs text-muted">
        <p id={`${id}-privacy`} class="flex items-start gap-1.5">
          <ShieldCheck size={14} aria-hidden="true" class="mt-px shrink-0" />
          <span data-testid="tutor-privacy">{t('composer.privacy')}</span>
        </p>
        <span
          id={`${id}-hint`}
          class="tabular-nums"
          classList={{ 'text-danger font-medium': counter()?.over }}
        >
          {counter()
            ? t('composer.characters', { counter: counter()?.text ?? '' })
            : touchKeyboard()
              ? ''
              : t('composer.keys')}
        </span>
      </div>
    </form>
  )
}
