import { intlLocale } from './i18n/i18n.ts'
import { dateTimeFormat } from './intl-cache.ts'

// Times people plan by (a quiz's window, an assignment's due time) as they read them: on the
// school's clock (its time zone, tenancy/school-zone.ts), the browser's while that is not known.

/** "Mon 23 Nov, 16:00" in `zone` (the year too when it is not this year's); "—" for none. */
export function formatSchoolTime(
  iso: string | null | undefined,
  zone: string | undefined,
  now = Date.now(),
  locale = intlLocale(),
): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const year = (at: number) => dateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(at)
  return dateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(year(ms) === year(now) ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(ms)
}
