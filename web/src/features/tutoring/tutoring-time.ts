import { CANCEL_CUTOFF_MINUTES, JOIN_EARLY_MINUTES } from '../../../../edge/contract/tutoring-values.ts'
import { intlLocale, translator } from '../../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../../lib/intl-cache.ts'
import { messages } from './messages.ts'

// Times of tutoring sessions: shown in the school's time zone (and the viewer's when their clock
// differs), typed as a date and time in the school's zone, and the room's window (opens 10 minutes
// early, closes at the end) with its countdown.

const MINUTE = 60_000

const t = translator(messages)

/** The browser's time zone, e.g. "Europe/London" (read once: asking builds a formatter). */
let browserZone: string | undefined
export const localZone = (): string => {
  browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone
  return browserZone
}

const partsCache = new Map<string, Intl.DateTimeFormat>()
function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsCache.set(zone, f)
  }
  return f
}

/** The wall clock of `zone` at `ms`: year, month (1-12), day, hour, minute, second. */
function wallClock(ms: number, zone: string) {
  const out: Record<string, number> = {}
  for (const p of partsFormat(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

/** Minutes `zone` is ahead of UTC at `ms` (Nairobi: 180). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const w = wallClock(ms, zone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE)
}

/** True when two zones show different clock times at `ms` (then both are shown). */
export const clocksDiffer = (a: string, b: string, ms: number): boolean =>
  zoneOffsetMinutes(a, ms) !== zoneOffsetMinutes(b, ms)

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

/** "+03:00" for 180 minutes. */
export function offsetText(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`
}

/**
 * A date ("2026-11-23") and time ("16:00") on the clocks of `zone` as an ISO moment with that
 * zone's offset ("2026-11-23T16:00:00+03:00"); undefined when either is not a real date or time.
 * A time skipped by a daylight-saving change moves forward by the change, as clocks do.
 */
export function zonedToIso(date: string, time: string, zone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return undefined
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number)
  if (h > 23 || mi > 59) return undefined
  const wall = Date.UTC(y, mo - 1, da, h, mi)
  const check = new Date(wall)
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return undefined
  // The offset at the guess, then again at the corrected moment (they differ only around a DST change).
  let offset = zoneOffsetMinutes(zone, wall)
  offset = zoneOffsetMinutes(zone, wall - offset * MINUTE)
  const ms = wall - offset * MINUTE
  const w = wallClock(ms, zone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${offsetText(zoneOffsetMinutes(zone, ms))}`
}

/** The date and time of `iso` on the clocks of `zone`: { date: "2026-11-23", time: "16:00" }. */
export function isoInZone(iso: string, zone: string): { date: string; time: string } {
  const w = wallClock(Date.parse(iso), zone)
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` }
}

/** A moment as a `datetime-local` input shows it on the clocks of `zone`. */
export function localInput(iso: string | null, zone: string): string {
  if (!iso) return ''
  const { date, time } = isoInZone(iso, zone)
  return `${date}T${time}`
}

/** A `datetime-local` value on the clocks of `zone` as an ISO moment; null for empty, undefined when invalid. */
export function fromLocalInput(value: string, zone: string): string | null | undefined {
  if (!value.trim()) return null
  const [date = '', time = ''] = value.trim().split('T')
  return zonedToIso(date, time.slice(0, 5), zone)
}

/** "Monday 23 November" (with the year when it is not `now`'s year) in `zone`. */
export function formatDay(iso: string, zone: string, now = Date.now(), locale = intlLocale()): string {
  const ms = Date.parse(iso)
  const sameYear = wallClock(ms, zone).year === wallClock(now, zone).year
  return dateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms)
}

/** "16:00–16:45 GMT+3": a start and end in `zone`, with the zone's short name. */
export function formatTimeRange(
  startIso: string,
  endIso: string,
  zone: string,
  locale = intlLocale(),
): string {
  const time = dateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' })
  const zoneName =
    dateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(Date.parse(startIso))
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  return `${time.format(Date.parse(startIso))}–${time.format(Date.parse(endIso))} ${zoneName}`
}

/** "Mon 23 Nov, 16:00" in `zone`. */
export function formatShortDateTime(
  iso: string | null | undefined,
  zone: string,
  locale = intlLocale(),
): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return dateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(ms)
}

/** Items grouped by their start's day in `zone`, days and items in time order. */
export function groupByDay<T extends { starts_at: string }>(
  items: readonly T[],
  zone: string,
): { day: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
  const days: { day: string; items: T[] }[] = []
  for (const item of sorted) {
    const day = isoInZone(item.starts_at, zone).date
    const last = days[days.length - 1]
    if (last?.day === day) last.items.push(item)
    else days.push({ day, items: [item] })
  }
  return days
}

/** Midnight of `now`'s day in `zone`, as an ISO moment (the schedule starts there). */
export function startOfDay(zone: string, now = Date.now()): string {
  const { date } = isoInZone(new Date(now).toISOString(), zone)
  return zonedToIso(date, '00:00', zone) ?? new Date(now).toISOString()
}

export type RoomPhase = 'early' | 'open' | 'over'

/** Where a session's room stands at `now`, and how long until it opens or closes. */
export function roomWindow(
  s: { starts_at: string; ends_at: string; status: string; joinable_from?: string },
  now = Date.now(),
): { phase: RoomPhase; opensIn: number; closesIn: number } {
  const opens = s.joinable_from
    ? Date.parse(s.joinable_from)
    : Date.parse(s.starts_at) - JOIN_EARLY_MINUTES * MINUTE
  const closes = Date.parse(s.ends_at)
  const over = s.status === 'ended' || s.status === 'cancelled' || now >= closes
  return {
    phase: over ? 'over' : now < opens ? 'early' : 'open',
    opensIn: Math.max(0, opens - now),
    closesIn: Math.max(0, closes - now),
  }
}

/** Until when a student may cancel their booking (the server's `cancel_until` when known). */
export function cancelUntil(s: { starts_at: string; cancel_until?: string }): number {
  return s.cancel_until
    ? Date.parse(s.cancel_until)
    : Date.parse(s.starts_at) - CANCEL_CUTOFF_MINUTES * MINUTE
}

/** "4:05", "1:02:03" for under a day; "2 days" beyond. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const days = Math.floor(total / 86_400)
  if (days >= 1) return t('time.days', { count: days })
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

/** "45 min", "1 h 5 min", "30 s", "0 min" — time spent in a room. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s > 0 && s < 60) return t('duration.seconds', { seconds: s })
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (h === 0) return t('duration.minutes', { minutes: m })
  return m === 0 ? t('duration.hours', { hours: h }) : t('duration.hoursMinutes', { hours: h, minutes: m })
}
