import { INTL_LOCALES, type Locale } from './locale.ts'

/**
 * One message: plain text with `{name}` placeholders, or plural forms chosen by `Intl.PluralRules`
 * from the `count` parameter (`zero` is used for 0 when given). Both languages use one/other.
 */
export type Message = string | { zero?: string; one: string; other: string }

export type Params = Record<string, string | number>

/** A feature's catalogue: English, and Kiswahili with exactly the same keys (checked by the compiler). */
export type Catalogue<K extends string = string> = { en: Record<K, Message>; sw: Record<K, Message> }

/**
 * Declares a catalogue. `sw` must name every key of `en` and no other: a missing translation is a
 * type error (and `catalogue.test.ts` checks placeholders match).
 */
export function defineMessages<const E extends Record<string, Message>>(catalogue: {
  en: E
  sw: { [K in keyof E]: Message }
}): Catalogue<Extract<keyof E, string>> {
  return catalogue as Catalogue<Extract<keyof E, string>>
}

const pluralRules = {} as Record<Locale, Intl.PluralRules>
const numberFormats = {} as Record<Locale, Intl.NumberFormat>

function pluralForm(message: Exclude<Message, string>, count: number, locale: Locale): string {
  if (count === 0 && message.zero !== undefined) return message.zero
  pluralRules[locale] ??= new Intl.PluralRules(INTL_LOCALES[locale])
  return pluralRules[locale].select(count) === 'one' ? message.one : message.other
}

function formatParam(value: string | number, locale: Locale): string {
  if (typeof value === 'string') return value
  // Whole numbers under a thousand read the same in every locale we ship; making the first
  // Intl.NumberFormat costs a long task on a slow phone, so the counts on a page start skip it.
  if (Number.isInteger(value) && Math.abs(value) < 1000) return String(value)
  numberFormats[locale] ??= new Intl.NumberFormat(INTL_LOCALES[locale])
  return numberFormats[locale].format(value)
}

/** Fills a message: picks the plural form for `count`, then replaces each `{name}` (numbers localised). */
export function formatMessage(message: Message, params: Params | undefined, locale: Locale): string {
  const count = params?.count
  const text =
    typeof message === 'string' ? message : pluralForm(message, typeof count === 'number' ? count : 0, locale)
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatParam(params[name], locale) : whole,
  )
}

/** The placeholder names a message uses, in every plural form (for the catalogue test). */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  const names = new Set<string>()
  for (const text of texts) for (const match of text.matchAll(/\{(\w+)\}/g)) names.add(match[1])
  return [...names].sort()
}
