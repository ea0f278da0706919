// What the phone sign-in page and the account's phone section share: the resend countdown (auth
// lets a number have a new code once a minute) and reading the wait out of a 429.
import { createSignal, onCleanup } from 'solid-js'

/** Seconds auth makes a number wait between codes (GoTrue's SMS max frequency). */
export const RESEND_SECONDS = 60

/** A countdown to when another code may be asked for; `left()` is 0 when it may. */
export function createResendCountdown() {
  const [left, setLeft] = createSignal(0)
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    clearInterval(timer)
    timer = undefined
  }
  onCleanup(stop)
  const start = (seconds = RESEND_SECONDS) => {
    stop()
    setLeft(seconds)
    timer = setInterval(() => {
      const next = left() - 1
      setLeft(Math.max(0, next))
      if (next <= 0) stop()
    }, 1000)
  }
  return { left, start }
}

/** The seconds an `over_sms_send_rate_limit` answer asks to wait ("…after 42 seconds."), if it is one. */
export function resendWait(error: unknown): number | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'over_sms_send_rate_limit')
    return undefined
  const seconds = /after (\d+) seconds/.exec(error.message)?.[1]
  return seconds ? Number(seconds) : RESEND_SECONDS
}
