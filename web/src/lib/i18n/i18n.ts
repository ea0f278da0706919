import { createSignal } from 'solid-js'
import { type Catalogue, formatMessage, type Params } from './catalogue.ts'
import { INTL_LOCALES, isLocale, LOCALE_STORAGE_KEY, type Locale, pickLocale } from './locale.ts'

function storedChoice(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY)
  } catch {
    return null
  }
}

const initial =
  typeof navigator === 'undefined'
    ? pickLocale({})
    : pickLocale({ stored: storedChoice(), browser: navigator.languages })

const [current, setCurrent] = createSignal<Locale>(initial)
applyToDocument(initial)

function applyToDocument(locale: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

/** The language the app shows now (a signal: reading it in JSX re-renders on a switch). */
export const locale = current

/** The `Intl` locale tag of the current language, for dates, numbers and money. */
export const intlLocale = (): string => INTL_LOCALES[current()]

/**
 * Switches the language: every translated string updates in place, `<html lang>` follows, and the
 * choice is kept on this device (`remember: false` when it comes from the account at sign-in).
 */
export function setLocale(next: Locale, options: { remember?: boolean } = {}) {
  if (!isLocale(next)) return
  setCurrent(next)
  applyToDocument(next)
  if (options.remember === false) return
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next)
  } catch {
    // Not stored: it still applies for this visit.
  }
}

/** True when this device has an explicit choice (it wins over the account's at sign-in). */
export const hasStoredLocale = (): boolean => isLocale(storedChoice())

/** A feature's translate function: `t('key', { count: 3 })`, reactive to the language. */
export type Translate<K extends string> = (key: K, params?: Params) => string

/** Binds a catalogue: `const t = translator(messages)` at module level, then `t('title')` in JSX. */
export function translator<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  return (key, params) => {
    const lang = current()
    return formatMessage(catalogue[lang][key] ?? catalogue.en[key] ?? key, params, lang)
  }
}
