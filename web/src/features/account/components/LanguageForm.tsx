import { For } from 'solid-js'
import { locale, setLocale, translator } from '../../../lib/i18n/i18n.ts'
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../lib/i18n/locale.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The language of the app and of the emails sent to this person. A choice applies at once (and is
 * kept on this device); it is also saved to the account, where the emails read it.
 */
export function LanguageForm() {
  const { language } = useApp()

  const form = createForm({
    submit: async () => {
      await language.save()
      toast.success(t('language.saved'))
    },
  })

  const choose = (next: Locale) => {
    setLocale(next)
    void form.onSubmit()
  }

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <fieldset>
        <legend class="sr-only">{t('language.legend')}</legend>
        <div class="flex flex-wrap gap-2">
          <For each={LOCALES}>
            {(option) => (
              <label
                class="inline-flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm"
                classList={{
                  'border-primary bg-brand-500/10': locale() === option,
                  'border-line': locale() !== option,
                }}
              >
                <input
                  type="radio"
                  name="locale"
                  value={option}
                  class="accent-[var(--kp-primary)]"
                  checked={locale() === option}
                  onChange={() => choose(option)}
                />
                <span lang={option}>{LOCALE_NAMES[option]}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <FormError form={form} />
    </form>
  )
}
