import { createSignal, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import type { createResendCountdown } from '../phone-code.ts'
import { messages } from '../phone-messages.ts'

const t = translator(messages)

/**
 * "Send a new code" once the countdown allows it, the seconds left until then: the phone sign-in
 * page and the account's phone section. `send` failing is the caller's to report.
 */
export function ResendCode(props: {
  countdown: ReturnType<typeof createResendCountdown>
  send: () => Promise<unknown>
  class?: string
}) {
  const [sending, setSending] = createSignal(false)
  const resend = async () => {
    setSending(true)
    try {
      await props.send()
    } finally {
      setSending(false)
    }
  }
  return (
    <Show
      when={props.countdown.left() === 0}
      fallback={
        <p class={`text-sm text-muted ${props.class ?? ''}`} aria-live="polite">
          {t('phone.resendIn', { seconds: props.countdown.left() })}
        </p>
      }
    >
      <Button variant="secondary" pending={sending()} onClick={() => void resend().catch(() => {})}>
        {t('phone.resend')}
      </Button>
    </Show>
  )
}
