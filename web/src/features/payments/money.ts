import { CURRENCIES, type Currency } from '../../../../edge/contract/payments-values.ts'
import { intlLocale } from '../../lib/i18n/i18n.ts'
import { numberFormat } from '../../lib/intl-cache.ts'

// Money on payment pages: amounts travel as integer minor units (amount_minor), the exponent per
// currency comes from the contract (CURRENCIES), and people read the currency's code ("KES 1,500").

/** The exponent of a currency's minor unit (2 for cents); 2 for a code newer than this build. */
export const exponentOf = (currency: string): number => CURRENCIES[currency as Currency] ?? 2

/** Minor units → the amount a person reads: 150000 KES → 1500. */
export const toMajor = (amountMinor: number, currency: string): number =>
  amountMinor / 10 ** exponentOf(currency)

/** A typed amount ("1,500" or "12.5") → minor units, or undefined when it is not an amount. */
export function toMinor(text: string, currency: string): number | undefined {
  const clean = text.replace(/[\s,]/g, '')
  if (!/^\d+(\.\d+)?$/.test(clean)) return undefined
  return Math.round(Number(clean) * 10 ** exponentOf(currency))
}

/**
 * An amount in minor units, with its currency code: 150000 KES → "KES 1,500", 1250 USD →
 * "USD 12.50"; whole amounts without decimals. Negative amounts keep their sign ("-KES 300").
 */
export function formatMinor(amountMinor: number, currency: string, locale = intlLocale()): string {
  const exponent = exponentOf(currency)
  const major = amountMinor / 10 ** exponent
  const digits = Number.isInteger(major) ? 0 : exponent
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
      .format(major)
      .replace(/\u00a0/g, ' ')
  } catch {
    // Not a currency code Intl knows: the number and the code as sent.
    return `${currency} ${numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major)}`
  }
}
