import type { SlaState, SlaTarget, TicketSlaClock } from '../../../../edge/contract/support.ts'

// SLA clocks as people read them: "due in 1h 12m", "overdue 20m", and the colour that goes with it.
// The due moments come from the API (already in business time); here we only count down to them.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A length of time, coarse enough to read at a glance: "45s", "20m", "1h 12m", "3d 4h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < MINUTE) return `${Math.max(0, Math.floor(abs / 1000))}s`
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)}m`
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR)
    const m = Math.floor((abs % HOUR) / MINUTE)
    return m ? `${h}h ${m}m` : `${h}h`
  }
  const d = Math.floor(abs / DAY)
  const h = Math.floor((abs % DAY) / HOUR)
  return h ? `${d}d ${h}h` : `${d}d`
}

/** Business minutes as hours and minutes: 90 → "1h 30m", 1440 → "24h", 45 → "45m". */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '0m'
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  if (!h) return `${m}m`
  return m ? `${h}h ${m}m` : `${h}h`
}

/** "due in 1h 12m" or "overdue 20m"; null without a due moment. */
export function countdownText(dueAt: string | null | undefined, now: number): string | null {
  if (!dueAt) return null
  const due = Date.parse(dueAt)
  if (Number.isNaN(due)) return null
  const left = due - now
  return left >= 0 ? `due in ${formatDuration(left)}` : `overdue ${formatDuration(left)}`
}

/** How an SLA shows: calm, amber, red, or out of the way (paused, met, none running). */
export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'none'

/**
 * The tone of a ticket's SLA now. The server's state can lag the clock by up to a minute (the job
 * runs every 60 s), so a due moment that has passed reads as breached, and a passed warning moment
 * as warning, right away.
 */
export function slaTone(
  state: SlaState,
  dueAt: string | null | undefined,
  now: number,
  warnAt?: string | null,
): SlaTone {
  if (state === 'paused' || state === 'met') return state
  if (state === 'breached') return 'breached'
  const due = dueAt ? Date.parse(dueAt) : Number.NaN
  if (Number.isNaN(due)) return state === 'warning' ? 'warning' : 'none'
  if (due <= now) return 'breached'
  if (state === 'warning') return 'warning'
  const warn = warnAt ? Date.parse(warnAt) : Number.NaN
  if (!Number.isNaN(warn) && warn <= now) return 'warning'
  return 'ok'
}

/** What a row or a clock says for a tone and a due moment. */
export function slaText(tone: SlaTone, dueAt: string | null | undefined, now: number): string {
  switch (tone) {
    case 'paused':
      return 'Paused'
    case 'met':
      return 'Met'
    case 'none':
      return '—'
    default:
      return countdownText(dueAt, now) ?? (tone === 'breached' ? 'Breached' : '—')
  }
}

export const SLA_TARGET_LABELS: Record<SlaTarget, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
}

export const SLA_STATE_LABELS: Record<SlaState, string> = {
  ok: 'On track',
  warning: 'Near breach',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
}

/** The latest cycle of each target, in a fixed order (first response, next response, resolution). */
export function latestClocks(clocks: readonly TicketSlaClock[]): TicketSlaClock[] {
  const latest = new Map<SlaTarget, TicketSlaClock>()
  for (const c of clocks) {
    const seen = latest.get(c.target)
    if (!seen || c.cycle > seen.cycle) latest.set(c.target, c)
  }
  const order: SlaTarget[] = ['first_response', 'next_response', 'resolution']
  return order.flatMap((t) => latest.get(t) ?? [])
}

/** The tone of one clock: met, breached, paused (ticket pending), warning or ok. */
export function clockTone(clock: TicketSlaClock, paused: boolean, now: number): SlaTone {
  if (clock.met_at) return 'met'
  if (clock.breached_at) return 'breached'
  if (paused) return 'paused'
  return slaTone(clock.warned_at ? 'warning' : 'ok', clock.due_at, now, clock.warn_at)
}
