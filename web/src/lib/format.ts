import type { TenantRole } from '../../../edge/contract/tenancy.ts'
import type { RoomRole } from '../../../edge/contract/tutoring.ts'

const ROLE_LABELS: Record<TenantRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  instructor: 'Instructor',
  staff: 'Staff',
  student: 'Student',
  parent: 'Parent',
}

/** "instructor" → "Instructor". */
export const roleLabel = (role: TenantRole): string => ROLE_LABELS[role] ?? role

const ROOM_ROLE_LABELS: Record<RoomRole, string> = {
  moderator: 'Tutor',
  participant: 'Student',
  observer: 'Observer',
}

/** A person's part in a session's room: "moderator" → "Tutor"; undefined for no part. */
export const roomRoleLabel = (role: RoomRole | null | undefined): string | undefined =>
  role ? ROOM_ROLE_LABELS[role] : undefined

/** "1 member", "3 members". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** A date like "21 Nov 2026" in the reader's locale; the raw text when it is not a date. */
export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** A date and time like "21 Nov 2026, 14:05". */
export function formatDateTime(value: string | null | undefined, locale?: string): string {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return date.toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** "in 6 days", "2 hours ago" relative to now. */
export function relativeTime(value: string, now = Date.now(), locale?: string): string {
  const diff = new Date(value).getTime() - now
  if (Number.isNaN(diff)) return value
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ]
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
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
  return p.display_name.trim() || p.email || 'Unnamed member'
}
