// The impersonation endpoints of local auth (edge/auth/impersonate.ts), and the superadmin's own
// session set aside while they act as someone. It is kept in localStorage beside the session
// supabase-js keeps there (no new exposure): supabase-js carries the acting session to the other
// tabs too, so whichever tab ends it must find the superadmin's session to return to.
import { apiErrorFrom } from '../../api/errors.ts'
import { runtime } from '../../lib/runtime.ts'
import { RETURN_KEY } from './claims.ts'

export interface Impersonation {
  id: string
  superadmin_id: string
  user_id: string
  reason: string
  started_at: string
  ends_at: string
  ended_at: string | null
}

/** One call to local auth as the signed-in session; the JSON answer. */
export async function authFetch<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const { config, supabase } = runtime()
  const bearer = (await supabase.auth.getSession()).data.session?.access_token ?? config.anonKey
  const res = await fetch(`${config.supabaseUrl}/auth/v1${path}`, {
    method,
    headers: {
      apikey: config.anonKey,
      authorization: `Bearer ${bearer}`,
      'x-supabase-api-version': '2024-01-01',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => null)
  if (!res.ok) {
    const b = json as { code?: string; message?: string } | null
    throw apiErrorFrom(res.status, { error: { code: b?.code ?? 'http_error', message: b?.message ?? '' } })
  }
  return json as T
}

/** The impersonation of the current session (its reason and times). */
export const currentImpersonation = () => authFetch<Impersonation>('GET', '/impersonate')

/**
 * Ends the impersonation (its tokens are refused from now on; an already ended one is fine) and
 * returns to the superadmin's session, or signs out of this device when it is not here.
 */
export async function endImpersonation(): Promise<void> {
  await authFetch('POST', '/impersonate/end', {}).catch(() => {})
  await returnToOwnSession()
}

/** Puts the set-aside session of the superadmin back (signed out locally when there is none or it fails). */
export async function returnToOwnSession(): Promise<void> {
  const { supabase } = runtime()
  let saved: { access_token: string; refresh_token: string } | null = null
  try {
    saved = JSON.parse(localStorage.getItem(RETURN_KEY) ?? 'null')
    localStorage.removeItem(RETURN_KEY)
  } catch {
    saved = null
  }
  if (saved?.access_token && saved.refresh_token) {
    const { error } = await supabase.auth.setSession(saved)
    if (!error) return
  }
  await supabase.auth.signOut({ scope: 'local' })
}
