import { onCleanup } from 'solid-js'

// Asking again a little later: an M-Pesa reversal or payout completes when Safaricom's result
// arrives (seconds later), so the list that started it is refreshed a couple of times on its own.

/** The waits before each refresh: soon, and once more for a slow confirmation. */
export const REFRESH_DELAYS_MS = [3000, 8000] as const

/** Calls `refresh` after each delay; returns the function that calls off those still to come. */
export function refreshLater(
  refresh: () => unknown,
  delays: readonly number[] = REFRESH_DELAYS_MS,
): () => void {
  const timers = delays.map((ms) => setTimeout(() => void refresh(), ms))
  return () => {
    for (const timer of timers) clearTimeout(timer)
  }
}

/** refreshLater for a component: the refreshes still to come stop when it goes away. */
export function createRefresher(refresh: () => unknown): () => void {
  const pending = new Set<() => void>()
  onCleanup(() => {
    for (const stop of pending) stop()
  })
  return () => {
    pending.add(refreshLater(refresh))
  }
}
