import { createEffect, createSignal, onCleanup } from 'solid-js'
import {
  parseThemePreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  type ThemePreference,
} from './theme-preference.ts'

function stored(): ThemePreference {
  try {
    return parseThemePreference(localStorage.getItem(THEME_STORAGE_KEY))
  } catch {
    return 'system'
  }
}

/** Light, dark or system theme: stored in localStorage, applied as the `.dark` class on <html>. */
export function createThemeSlice() {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const [preference, setPreference] = createSignal<ThemePreference>(stored())
  const [systemDark, setSystemDark] = createSignal(media.matches)
  const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches)
  media.addEventListener('change', onChange)
  onCleanup(() => media.removeEventListener('change', onChange))

  const resolved = () => resolveTheme(preference(), systemDark())
  createEffect(() => {
    const dark = resolved() === 'dark'
    document.documentElement.classList.toggle('dark', dark)
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  })

  return {
    preference,
    resolved,
    setPreference(next: ThemePreference) {
      setPreference(next)
      try {
        localStorage.setItem(THEME_STORAGE_KEY, next)
      } catch {
        // Not stored: it still applies for this visit.
      }
    },
  }
}

export type ThemeSlice = ReturnType<typeof createThemeSlice>
