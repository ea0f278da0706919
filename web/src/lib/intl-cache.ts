// Intl formatters, made once per locale and options. Making one costs far more than using it (a
// phone spent most of a session list's render building date formatters), and `toLocaleString`
// with options builds a new one on every call.

const dateTimes = new Map<string, Intl.DateTimeFormat>()
const numbers = new Map<string, Intl.NumberFormat>()
const relatives = new Map<string, Intl.RelativeTimeFormat>()

const keyOf = (locale: string, options: object) => `${locale}|${JSON.stringify(options)}`

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let format = cache.get(key)
  if (!format) {
    format = make()
    cache.set(key, format)
  }
  return format
}

/** `new Intl.DateTimeFormat(locale, options)`, made once. */
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  cached(dateTimes, keyOf(locale, options), () => new Intl.DateTimeFormat(locale, options))

/** `new Intl.NumberFormat(locale, options)`, made once. */
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  cached(numbers, keyOf(locale, options), () => new Intl.NumberFormat(locale, options))

/** `new Intl.RelativeTimeFormat(locale, options)`, made once. */
export const relativeTimeFormat = (locale: string, options: Intl.RelativeTimeFormatOptions = {}) =>
  cached(relatives, keyOf(locale, options), () => new Intl.RelativeTimeFormat(locale, options))
