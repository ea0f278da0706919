import { type ApiClient, createApiClient } from '../api/client.ts'
import type { RuntimeConfig } from './config.ts'
import { type Auth, lazyAuth, storedSession, whenAuthDue } from './lazy-auth.ts'

export type { Auth }

/**
 * The part of a Supabase client the web app uses: Auth. The API is reached through our own client
 * (api/client.ts) and sockets are ours (lib/live.ts, the lesson's y-websocket), so the rest of
 * supabase-js (PostgREST, Storage, Functions, Realtime) would only weigh on the first load.
 */
export interface SupabaseAuth {
  readonly auth: Auth
}

/** The app's connections, created once at boot from the runtime config. */
export interface Runtime {
  config: RuntimeConfig
  /** location.hash at boot, before Auth consumed it (auth links put errors there). */
  bootHash: string
  supabase: SupabaseAuth
  api: ApiClient
}

let current: Runtime | undefined

/**
 * Supabase Auth as `createClient` sets it up (same URL, headers and storage key), so a session
 * saved by supabase-js is found again: kept in localStorage, refreshed, read from auth links.
 * Loaded when first needed rather than with the first screen (lib/lazy-auth.ts).
 */
export function createAuth(config: RuntimeConfig): Auth {
  const key = config.anonKey
  const storageKey = `sb-${new URL(config.supabaseUrl).hostname.split('.')[0]}-auth-token`
  // An auth link brings its own session (or error) in the hash: that one wins, the library reads it.
  const fromLink = /(^|[#&])(access_token|error)=/.test(location.hash)
  const stored = () => (fromLink ? null : storedSession(() => localStorage, storageKey))
  return lazyAuth(
    async () => {
      const { AuthClient } = await import('@supabase/auth-js')
      return new AuthClient({
        url: `${config.supabaseUrl}/auth/v1`,
        headers: { Authorization: `Bearer ${key}`, apikey: key },
        storageKey,
        persistSession: true,
        autoRefreshToken: true,
        detectSessionInUrl: true,
        flowType: 'implicit',
      })
    },
    stored,
    (saved, load) => whenAuthDue((saved.expires_at ?? 0) * 1000, storageKey, load),
  )
}

/** Creates Supabase Auth and the API client. */
export function initRuntime(config: RuntimeConfig): Runtime {
  const bootHash = location.hash
  const supabase = { auth: createAuth(config) }
  const api = createApiClient({
    baseUrl: `${config.supabaseUrl}/functions/v1/api`,
    anonKey: config.anonKey,
    getAccessToken: async () => (await supabase.auth.getSession()).data.session?.access_token,
    // Built app: answers are checked after they are shown; a misfit means this copy of the app is
    // older than the server, so say so and let the service worker fetch the new one.
    checkAnswers: import.meta.env.PROD ? 'after' : 'before',
    onUnexpectedAnswer: (error) => {
      console.error(error)
      void navigator.serviceWorker?.getRegistration().then((r) => r?.update())
    },
  })
  current = { config, bootHash, supabase, api }
  return current
}

/** The runtime created by initRuntime (web/src/index.tsx calls it before rendering). */
export function runtime(): Runtime {
  if (!current) throw new Error('Kipindi has not finished starting.')
  return current
}

/** Shorthand for the API client. */
export const api = (): ApiClient => runtime().api
