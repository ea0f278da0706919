import { createContext, type ParentProps, useContext } from 'solid-js'
import type { Runtime } from '../../lib/runtime.ts'
import { type AccountLocale, createAccountLocale } from './account-locale.ts'
import { createSessionSlice, type SessionSlice } from './session.ts'
import { createTenantSlice, type TenantSlice } from './tenant.ts'
import { createThemeSlice, type ThemeSlice } from './theme.ts'

/** App-wide state: one context composed of slices. */
export interface AppState extends Pick<Runtime, 'config' | 'supabase'> {
  session: SessionSlice
  tenant: TenantSlice
  theme: ThemeSlice
  /** The language, as this device and the account keep it. */
  language: AccountLocale
}

const AppContext = createContext<AppState>()

/** Provides the app state; must sit inside the <Router> (the tenant slice uses router queries). */
export function AppProvider(props: ParentProps<{ runtime: Runtime }>) {
  const session = createSessionSlice(props.runtime.supabase)
  const state: AppState = {
    config: props.runtime.config,
    supabase: props.runtime.supabase,
    session,
    tenant: createTenantSlice(session),
    theme: createThemeSlice(),
    language: createAccountLocale(props.runtime.supabase, session),
  }
  return <AppContext.Provider value={state}>{props.children}</AppContext.Provider>
}

/** The app state; throws outside <AppProvider>. */
export function useApp(): AppState {
  const state = useContext(AppContext)
  if (!state) throw new Error('useApp must be used inside <AppProvider>.')
  return state
}
