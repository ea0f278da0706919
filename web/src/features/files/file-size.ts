import { intlLocale } from '../../lib/i18n/i18n.ts'
import { numberFormat } from '../../lib/intl-cache.ts'

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/** "2.4 MB" in the reader's language (Intl's unit formatting; 1 kB = 1000 bytes, as phones show it). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  return numberFormat(intlLocale(), {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value)
}
