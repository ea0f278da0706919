import { intlLocale } from '../../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../../lib/intl-cache.ts'

// Due times as people read them: on the school's clock (its time zone), the browser's while that is
// not known. Typing them is the settings form's (assignment-form.ts).

/** "Thu 10 Dec, 15:00" in `zone` (with the year when it is not this year's); "—" for none. */
export function formatDue(
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
