// The auth endpoints supabase-js has no method for (ours, edge/auth README "MFA" and devices.ts):
// GET/DELETE /auth/v1/sessions and GET/POST /auth/v1/recovery_codes, with the session's token.
import { apiErrorFrom } from '../../api/errors.ts'
import type { SupabaseAuth } from '../../lib/runtime.ts'

export interface Device {
  id: string
  current: boolean
  device: string | null
  user_agent: string | null
  ip: string | null
  created_at: string
  last_seen_at: string
}

/** One request to the auth function as the signed-in user; the JSON answer (null for 204). */
export async function authCall<T>(
  supabase: SupabaseAuth,
  config: { supabaseUrl: string; anonKey: string },
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
): Promise<T> {
  const token = (await supabase.auth.getSession()).data.session?.access_token
  const res = await fetch(`${config.supabaseUrl}/auth/v1${path}`, {
    method,
    headers: {
      apikey: config.anonKey,
      authorization: `Bearer ${token ?? config.anonKey}`,
      'x-supabase-api-version': '2024-01-01',
    },
  })
  const body = res.status === 204 ? null : await res.json().catch(() => null)
  if (!res.ok) {
    const b = body as { code?: string; message?: string } | null
    throw apiErrorFrom(res.status, { error: { code: b?.code ?? 'http_error', message: b?.message ?? '' } })
  }
  return body as T
}
