import type { Session } from '@supabase/auth-js'

/**
 * True when the session still needs the second sign-in step: its token says aal1 and the account
 * has a verified factor. What supabase-js getAuthenticatorAssuranceLevel() answers (current aal1,
 * next aal2), read from the saved session without loading the Auth library.
 */
export function needsSecondFactor(session: Session | null | undefined): boolean {
  if (!session) return false
  const verified = (session.user.factors ?? []).some((f) => f.status === 'verified')
  if (!verified) return false
  try {
    const payload = session.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    return (JSON.parse(atob(payload)) as { aal?: string }).aal !== 'aal2'
  } catch {
    return true
  }
}
