import type { Payment } from '../../../../edge/contract/payments.ts'

// Following a payment while its M-Pesa prompt is on the payer's phone: ask every 2 s until it is no
// longer pending; not while the page is hidden (a pocketed phone must not spend data), and at once
// again when it comes back.

export const FOLLOW_INTERVAL_MS = 2000

export interface FollowOptions {
  load: () => Promise<Payment>
  /** Each answer; the last one is no longer pending. */
  onPayment: (payment: Payment) => void
  /** A failed ask (the next one still comes). */
  onError?: (error: unknown) => void
  /** Hidden or shown again (for "paused" on the page). */
  onPaused?: (paused: boolean) => void
  intervalMs?: number
  doc?: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>
}

/** Starts following; returns the function that stops it. */
export function followPayment(options: FollowOptions): () => void {
  const doc = options.doc ?? document
  const interval = options.intervalMs ?? FOLLOW_INTERVAL_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let asking = false
  let stopped = false

  const schedule = () => {
    clearTimeout(timer)
    timer = undefined
    if (!stopped && !doc.hidden) timer = setTimeout(() => void ask(), interval)
  }

  async function ask() {
    timer = undefined
    if (stopped || asking || doc.hidden) return
    asking = true
    try {
      const payment = await options.load()
      if (stopped) return
      options.onPayment(payment)
      if (payment.status !== 'pending') {
        stop()
        return
      }
    } catch (error) {
      if (stopped) return
      options.onError?.(error)
    } finally {
      asking = false
    }
    schedule()
  }

  const onVisibility = () => {
    if (stopped) return
    options.onPaused?.(doc.hidden)
    if (doc.hidden) {
      clearTimeout(timer)
      timer = undefined
    } else if (!timer && !asking) void ask()
  }

  function stop() {
    stopped = true
    clearTimeout(timer)
    timer = undefined
    doc.removeEventListener('visibilitychange', onVisibility)
  }

  doc.addEventListener('visibilitychange', onVisibility)
  schedule()
  return stop
}
