import { intlLocale } from '../../lib/i18n/i18n.ts'
import { numberFormat } from '../../lib/intl-cache.ts'

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/**
 * "2.4 MB" in the reader's language (Intl's unit names). Steps of 1024, as limits are set (a 1 GiB
 * limit reads "1 GB", not "1.1 GB"); plain bytes in words ("73 bytes").
 */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return numberFormat(intlLocale(), {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value)
}
