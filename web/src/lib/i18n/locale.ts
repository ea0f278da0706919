/** The languages of the app. English is the fallback; Kiswahili is the national language (DOMAIN.md). */
export const LOCALES = ['en', 'sw'] as const
export type Locale = (typeof LOCALES)[number]

export const DEFAULT_LOCALE: Locale = 'en'
export const LOCALE_STORAGE_KEY = 'kipindi.locale'

/** Each language's own name, shown in the switch (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', sw: 'Kiswahili' }

/** The `Intl` locale for dates, numbers and money: Kenyan conventions in both languages. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-KE', sw: 'sw-KE' }

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** "sw-KE" → "sw"; undefined for a language the app does not have. */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return isLocale(base) ? base : undefined
}

/**
 * The language to start in: the choice stored on this device, else the account's (user metadata),
 * else the first of the browser's languages the app has, else English.
 */
export function pickLocale(choices: {
  stored?: string | null
  account?: unknown
  browser?: readonly string[]
}): Locale {
  const account = typeof choices.account === 'string' ? choices.account : undefined
  for (const tag of [choices.stored, account]) {
    const locale = localeOf(tag)
    if (locale) return locale
  }
  for (const tag of choices.browser ?? []) {
    const locale = localeOf(tag)
    if (locale) return locale
  }
  return DEFAULT_LOCALE
}
