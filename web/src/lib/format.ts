import type { TenantRole } from '../../../edge/contract/tenancy.ts'
import type { RoomRole } from '../../../edge/contract/tutoring.ts'
import { intlLocale, translator } from './i18n/i18n.ts'
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl-cache.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** "instructor" → "Instructor" ("Mwalimu" in Kiswahili). */
export const roleLabel = (role: TenantRole): string =>
  `role.${role}` in messages.en ? t(`role.${role}`) : role // a role newer than this build: as sent

/** A person's part in a session's room: "moderator" → "Tutor"; undefined for no part. */
export const roomRoleLabel = (role: RoomRole | null | undefined): string | undefined =>
  role ? t(`roomRole.${role}`) : undefined

/** A date like "21 Nov 2026" in the reader's locale; the raw text when it is not a date. */
export function formatDate(value: string | null | undefined, locale = intlLocale()): string {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date)
}

/** A date and time like "21 Nov 2026, 14:05". */
export function formatDateTime(value: string | null | undefined, locale = intlLocale()): string {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return dateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}

/** "in 6 days", "2 hours ago" relative to now. */
export function relativeTime(value: string, now = Date.now(), locale = intlLocale()): string {
  const diff = new Date(value).getTime() - now
  if (Number.isNaN(diff)) return value
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ]
  const fmt = relativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return fmt.format(Math.round(diff / ms), unit)
  }
  return fmt.format(0, 'minute')
}

/** Up to two initials for an avatar: "Grace Njeri" → "GN", "kevin@x" → "K". */
export function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean)
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0]?.[0] ?? '?')).toUpperCase()
}

/**
 * The name to show for a person: their display name, else their email when the API gave it (it
 * is null for people whose contact details the viewer may not see), else "Unnamed member".
 */
export function personName(p: { display_name: string; email?: string | null }): string {
  return p.display_name.trim() || p.email || t('person.unnamed')
}

/** An amount of money in the reader's language: 1500 KES → "Ksh 1,500.00" ("KSh 1,500.00" in some engines). */
export function formatMoney(amount: number, currency: string, locale = intlLocale()): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount)
}

/** A number with the reader's grouping: 12500 → "12,500". */
export function formatNumber(value: number, locale = intlLocale()): string {
  return numberFormat(locale).format(value)
}
