// The attempt's countdown, on the server's clock: a phone's clock can be minutes off, so the page
// measures the difference once (`server_now` against the moment the answer arrived) and counts
// down to `deadline_at` on that corrected clock.

/** Seconds left at which the timer turns to a warning. */
export const WARN_AT_MS = 60_000

/** Milliseconds to add to this device's clock to read the server's. */
export function clockOffset(serverNow: string, receivedAt: number): number {
  const server = Date.parse(serverNow)
  return Number.isNaN(server) ? 0 : server - receivedAt
}

/** Milliseconds left before `deadlineAt` (never below 0), `now` being this device's clock. */
export function remainingMs(deadlineAt: string, now: number, offset: number): number {
  return Math.max(0, Date.parse(deadlineAt) - (now + offset))
}

/** How the timer looks: running, the last minute, or over. */
export type TimerPhase = 'running' | 'warning' | 'over'

export function timerPhase(remaining: number): TimerPhase {
  if (remaining <= 0) return 'over'
  return remaining <= WARN_AT_MS ? 'warning' : 'running'
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "12:05", "1:02:03", "0:00": whole seconds, rounded up, so 0:00 shows only when time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

/**
 * The moments worth saying aloud (a screen reader is not told every second): 10 and 5 minutes
 * left, 1 minute left, time up. The whole minutes left when `remaining` has just crossed one, else
 * undefined.
 */
export function milestone(previous: number, remaining: number): number | undefined {
  for (const minutes of [0, 1, 5, 10]) {
    const at = minutes * 60_000
    if (previous > at && remaining <= at) return minutes
  }
  return undefined
}
