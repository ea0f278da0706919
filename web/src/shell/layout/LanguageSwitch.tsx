import Languages from 'lucide-solid/icons/languages'
import { locale, translator } from '../../lib/i18n/i18n.ts'
import { LOCALE_NAMES, type Locale } from '../../lib/i18n/locale.ts'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'

const t = translator(messages)

const other = (current: Locale): Locale => (current === 'en' ? 'sw' : 'en')

/** One button in the header that switches between English and Kiswahili, named in the other language. */
export function LanguageSwitch() {
  const { language } = useApp()
  // The switch applies on this device either way; only the emails keep the old language.
  const choose = (next: Locale) =>
    language.choose(next).catch((error) => console.warn('The language was not saved to the account:', error))
  const next = () => other(locale())
  return (
    <button type="button" class="btn-ghost h-10 gap-1.5 px-2 text-sm" onClick={() => void choose(next())}>
      <Languages size={18} aria-hidden="true" />
      {/* Named by its text, not aria-label, so the name holds what is shown (WCAG 2.5.3): the
          language's name, in full for screen readers even where phones show only its code. */}
      <span class="sr-only">{`${t('language.label')}: `}</span>
      <span lang={next()} class="uppercase sm:normal-case">
        <span class="sm:hidden" aria-hidden="true">
          {next()}
        </span>
        <span class="sr-only sm:not-sr-only">{LOCALE_NAMES[next()]}</span>
      </span>
    </button>
  )
}
