import type { SlaState, SlaTarget, TicketSlaClock } from '../../../../edge/contract/support.ts'
import { intlLocale, translator } from '../../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../../lib/intl-cache.ts'
import { messages } from './messages.ts'

const t = translator(messages)

// SLA clocks as people read them: "due in 1h 12m", "overdue 20m", and the colour that goes with it.
// The due moments come from the API (already in business time); here we only count down to them.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A length of time, coarse enough to read at a glance: "45s", "20m", "1h 12m", "3d 4h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < MINUTE) return t('duration.seconds', { s: Math.max(0, Math.floor(abs / 1000)) })
  if (abs < HOUR) return t('duration.minutes', { m: Math.floor(abs / MINUTE) })
  if (abs < DAY) return hoursAndMinutes(Math.floor(abs / HOUR), Math.floor((abs % HOUR) / MINUTE))
  const d = Math.floor(abs / DAY)
  const h = Math.floor((abs % DAY) / HOUR)
  return h ? t('duration.daysHours', { d, h }) : t('duration.days', { d })
}

/** "1h 12m", "2h" (no "0m"), "45m" (no "0h"). */
function hoursAndMinutes(h: number, m: number): string {
  if (!h) return t('duration.minutes', { m })
  return m ? t('duration.hoursMinutes', { h, m }) : t('duration.hours', { h })
}

/** Business minutes as hours and minutes: 90 → "1h 30m", 1440 → "24h", 45 → "45m". */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return t('duration.minutes', { m: 0 })
  return hoursAndMinutes(Math.floor(minutes / 60), Math.round(minutes % 60))
}

/** "due in 1h 12m" or "overdue 20m"; null without a due moment. */
export function countdownText(dueAt: string | null | undefined, now: number): string | null {
  if (!dueAt) return null
  const due = Date.parse(dueAt)
  if (Number.isNaN(due)) return null
  const left = due - now
  return t(left >= 0 ? 'sla.dueIn' : 'sla.overdue', { time: formatDuration(left) })
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
    case 'met':
      return slaStateLabel(tone)
    case 'none':
      return '—'
    default:
      return countdownText(dueAt, now) ?? (tone === 'breached' ? slaStateLabel('breached') : '—')
  }
}

/** "first_response" → "First response". */
export const slaTargetLabel = (target: SlaTarget): string => t(`slaTarget.${target}`)

/** "warning" → "Near breach". */
export const slaStateLabel = (state: SlaState): string => t(`slaState.${state}`)

/** A Monday, so that ISO weekday n (1 = Monday … 7 = Sunday) is the n-th of January 2024. */
const MONDAY = Date.UTC(2024, 0, 1)

/** The name of an ISO weekday (1 = Monday) in the reader's language: "Mon", "Monday". */
export function weekdayName(isoDay: number, style: 'short' | 'long', locale = intlLocale()): string {
  const date = new Date(MONDAY + (isoDay - 1) * DAY)
  return dateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(date)
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
