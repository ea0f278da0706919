import Languages from 'lucide-solid/icons/languages'
import { createEffect, on } from 'solid-js'
import { hasStoredLocale, locale, setLocale, translator } from '../../lib/i18n/i18n.ts'
import { isLocale, LOCALE_NAMES, type Locale } from '../../lib/i18n/locale.ts'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'

const t = translator(messages)

const other = (current: Locale): Locale => (current === 'en' ? 'sw' : 'en')

/**
 * Applies the account's language at sign-in unless this device has its own choice, and saves a
 * switch to the account (user metadata) so the emails Kipindi sends follow it.
 */
function useAccountLocale() {
  const { session, supabase } = useApp()
  createEffect(
    on(session.userId, (userId) => {
      const saved = session.user()?.user_metadata?.locale
      if (userId && isLocale(saved) && !hasStoredLocale()) setLocale(saved, { remember: false })
    }),
  )
  return async (next: Locale) => {
    setLocale(next)
    const user = session.user()
    if (!user || user.user_metadata?.locale === next) return
    const { error } = await supabase.auth.updateUser({ data: { locale: next } })
    // The switch applies on this device either way; only emails keep the old language.
    if (error) console.warn('The language was not saved to the account:', error.message)
    else await session.refresh()
  }
}

/** One button in the header that switches between English and Kiswahili, named in the other language. */
export function LanguageSwitch() {
  const choose = useAccountLocale()
  const next = () => other(locale())
  return (
    <button
      type="button"
      class="btn-ghost h-10 gap-1.5 px-2 text-sm"
      aria-label={`${t('language.label')}: ${LOCALE_NAMES[next()]}`}
      onClick={() => void choose(next())}
    >
      <Languages size={18} aria-hidden="true" />
      <span lang={next()} class="uppercase sm:normal-case">
        <span class="sm:hidden">{next()}</span>
        <span class="hidden sm:inline">{LOCALE_NAMES[next()]}</span>
      </span>
    </button>
  )
}
