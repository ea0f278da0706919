import type { Session } from '@supabase/auth-js'

/** What an impersonation's access token says: who acts (RFC 8693 `act`), which one, until when. */
export interface Acting {
  superadmin: string
  impersonation: string
  /** When it ends (the token's `exp`, which never passes the impersonation's end), in ms. */
  endsAt: number
}

/** The impersonation the session belongs to, read from its token without the Auth library; else null. */
export function actingOf(session: Session | null | undefined): Acting | null {
  if (!session) return null
  try {
    const payload = session.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    const claims = JSON.parse(atob(payload)) as {
      act?: { sub?: unknown }
      impersonation_id?: unknown
      exp?: unknown
    }
    if (typeof claims.act?.sub !== 'string' || typeof claims.impersonation_id !== 'string') return null
    return {
      superadmin: claims.act.sub,
      impersonation: claims.impersonation_id,
      endsAt: Number(claims.exp) * 1000,
    }
  } catch {
    return null
  }
}

/** Where the superadmin's own session waits while they act as someone (api.ts). */
export const RETURN_KEY = 'kipindi-impersonation-return'

/** True while a superadmin's own session waits to be returned to. */
export function hasSetAside(): boolean {
  try {
    return localStorage.getItem(RETURN_KEY) !== null
  } catch {
    return false
  }
}
