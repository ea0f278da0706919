import type { Billing } from '../../../../../edge/contract/billing.ts'
import { intlLocale } from '../../../lib/i18n/i18n.ts'
import { numberFormat } from '../../../lib/intl-cache.ts'
import { formatBytes } from '../../files/file-size.ts'

// A school's use of its plan as people read it: each limit as a meter with "used of limit" in
// readable numbers ("1.2 GB of 50 GB", "1.2 million of 2 million", "3.5 of 100 hours").

export type MeterKey = 'seats' | 'ai' | 'video' | 'storage'
export type MeterTone = 'ok' | 'warn' | 'full'

export interface Meter {
  key: MeterKey
  used: number
  limit: number
  /** Whole percent of the limit used, 0–100 (a little use shows as 1, not 0). */
  share: number
  tone: MeterTone
  usedText: string
  limitText: string
}

/** Whole percent of `limit` that `used` is, capped at 100; a limit of 0 is full once anything is used. */
export function share(used: number, limit: number): number {
  if (limit <= 0) return used > 0 ? 100 : 0
  if (used <= 0) return 0
  return Math.min(100, Math.max(1, Math.round((used / limit) * 100)))
}

/** From 80% a meter warns; at 100% it is full. */
export const toneOf = (percent: number): MeterTone =>
  percent >= 100 ? 'full' : percent >= 80 ? 'warn' : 'ok'

/** A count with the reader's grouping: 1500 → "1,500". */
export const formatCount = (n: number, locale = intlLocale()) => numberFormat(locale).format(n)

/** Tokens in words: 1234567 → "1.2 million" ("milioni 1.2"). */
export const formatTokens = (n: number, locale = intlLocale()) =>
  numberFormat(locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 }).format(n)

/** Hours, as a plain number ("3.5") or with the unit ("100 hours", "saa 100"). */
export const formatHours = (n: number, locale = intlLocale(), unit = false) =>
  numberFormat(locale, {
    maximumFractionDigits: 1,
    ...(unit ? { style: 'unit', unit: 'hour', unitDisplay: 'long' } : {}),
  }).format(n)

/** The four meters of a school's billing, in the order the page shows them. */
export function meters(b: Pick<Billing, 'usage' | 'limits'>, locale = intlLocale()): Meter[] {
  const meter = (key: MeterKey, used: number, limit: number, usedText: string, limitText: string): Meter => {
    const percent = share(used, limit)
    return { key, used, limit, share: percent, tone: toneOf(percent), usedText, limitText }
  }
  const { usage, limits } = b
  return [
    meter(
      'seats',
      usage.seats,
      limits.seats,
      formatCount(usage.seats, locale),
      formatCount(limits.seats, locale),
    ),
    meter(
      'ai',
      usage.ai_tokens,
      limits.ai_monthly_tokens,
      formatTokens(usage.ai_tokens, locale),
      formatTokens(limits.ai_monthly_tokens, locale),
    ),
    meter(
      'video',
      usage.video_hours,
      limits.video_hours,
      formatHours(usage.video_hours, locale),
      formatHours(limits.video_hours, locale, true),
    ),
    meter(
      'storage',
      usage.storage_bytes,
      limits.storage_bytes,
      formatBytes(usage.storage_bytes),
      formatBytes(limits.storage_bytes),
    ),
  ]
}

/** The school pays for a plan (the checkout's webhook has arrived): not Free, not cancelled. */
export const hasPaidPlan = (b: Pick<Billing, 'plan' | 'status'>) =>
  b.plan !== 'free' && b.status !== 'cancelled'
