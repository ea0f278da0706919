import { createEffect, on } from 'solid-js'
import { hasStoredLocale, locale, setLocale } from '../../lib/i18n/i18n.ts'
import { isLocale, type Locale } from '../../lib/i18n/locale.ts'
import type { SupabaseAuth } from '../../lib/runtime.ts'
import type { SessionSlice } from './session.ts'

/**
 * The language kept in the account (`user_metadata.locale`), where the emails read it. At sign-in it
 * applies unless this device has its own choice; `choose` switches at once and saves to the account.
 */
export function createAccountLocale(supabase: SupabaseAuth, session: SessionSlice) {
  createEffect(
    on(session.userId, (userId) => {
      const saved = session.user()?.user_metadata?.locale
      if (userId && isLocale(saved) && !hasStoredLocale()) setLocale(saved, { remember: false })
    }),
  )

  /** Saves the language shown now; a switch made while saving is saved next, so the last one wins. */
  async function save() {
    let saving: Locale
    do {
      saving = locale()
      if (!session.user() || session.user()?.user_metadata?.locale === saving) return
      const { error } = await supabase.auth.updateUser({ data: { locale: saving } })
      if (error) throw error
      await session.refresh()
    } while (saving !== locale())
  }

  return {
    save,
    /** Switches the app to `next` on this device, then saves it to the account (rejects if that fails). */
    choose(next: Locale): Promise<void> {
      setLocale(next)
      return save()
    },
  }
}

export type AccountLocale = ReturnType<typeof createAccountLocale>
