/** What a person picked in the theme menu; `system` follows the operating system. */
export type ThemePreference = 'light' | 'dark' | 'system'
export type ResolvedTheme = 'light' | 'dark'

/** localStorage key, also read by the inline script in web/index.html before first paint. */
export const THEME_STORAGE_KEY = 'kipindi.theme'
export const THEME_PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system']

/** A stored value as a preference; anything unknown (or nothing) means `system`. */
export function parseThemePreference(value: unknown): ThemePreference {
  return value === 'light' || value === 'dark' ? value : 'system'
}

/** The theme to paint for a preference, given whether the system prefers dark. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light'
  return preference
}
