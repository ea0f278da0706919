import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { type ApiClient, createApiClient } from '../api/client.ts'
import type { RuntimeConfig } from './config.ts'

/** The app's connections, created once at boot from /config.json. */
export interface Runtime {
  config: RuntimeConfig
  /** location.hash at boot, before supabase-js consumed it (auth links put errors there). */
  bootHash: string
  supabase: SupabaseClient
  api: ApiClient
}

let current: Runtime | undefined

/** Creates the Supabase client (sessions kept in localStorage and refreshed) and the API client. */
export function initRuntime(config: RuntimeConfig): Runtime {
  const bootHash = location.hash
  const supabase = createClient(config.supabaseUrl, config.anonKey, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true },
  })
  const api = createApiClient({
    baseUrl: `${config.supabaseUrl}/functions/v1/api`,
    anonKey: config.anonKey,
    getAccessToken: async () => (await supabase.auth.getSession()).data.session?.access_token,
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
