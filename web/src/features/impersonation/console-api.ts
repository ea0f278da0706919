// The console's side of impersonation (edge/auth/impersonate.ts): finding people and starting.
import type { Session } from '@supabase/auth-js'
import { apiErrorFrom } from '../../api/errors.ts'
import { runtime } from '../../lib/runtime.ts'
import { authFetch } from './api.ts'
import { RETURN_KEY } from './claims.ts'

export interface Person {
  id: string
  email: string | null
  display_name: string
  superadmin: boolean
  schools: { slug: string; name: string; role: string }[]
}

/** People to act as, by email or name (superadmins). */
export const findPeople = (q: string) =>
  authFetch<Person[]>('GET', `/impersonate/users?q=${encodeURIComponent(q)}`)

/** Starts acting as `userId`: the superadmin's session is set aside and the person's put in its place. */
export async function startImpersonation(userId: string, reason: string): Promise<void> {
  const { supabase } = runtime()
  const own = (await supabase.auth.getSession()).data.session
  if (!own) throw apiErrorFrom(401, { error: { code: 'unauthorized', message: '' } })
  const acting = await authFetch<Session>('POST', '/impersonate', { user_id: userId, reason })
  localStorage.setItem(
    RETURN_KEY,
    JSON.stringify({ access_token: own.access_token, refresh_token: own.refresh_token }),
  )
  const { error } = await supabase.auth.setSession({
    access_token: acting.access_token,
    refresh_token: acting.refresh_token,
  })
  if (error) {
    localStorage.removeItem(RETURN_KEY)
    throw error
  }
}
