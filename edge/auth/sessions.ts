// Sessions, refresh tokens and access tokens, in GoTrue's tables and token format.
import type { CryptoKey } from 'jose'
import { type Claims, signJwt } from '../lib/jwt.ts'
import { randomAlphanumeric } from './crypto.ts'
import { type Db, type UserRow, userJson } from './users.ts'

/** How the session began; GoTrue's `amr` method names. */
export type AuthMethod =
  | 'password'
  | 'otp'
  | 'magiclink'
  | 'recovery'
  | 'invite'
  | 'email/signup'
  | 'email_change'

export interface TokenIssuer {
  issuer: string
  expiresIn: number
  signingKey: () => Promise<{ kid: string; key: CryptoKey }>
}

export interface SessionRow {
  id: string
  created_at: Date
  /** The first sign-in method of the session (see edge/auth/README.md, `amr`). */
  tag: string | null
  /** `aal2` once a second factor was verified in this session. */
  aal?: string | null
  /** The session's auth.mfa_amr_claims (second factors), as `sessionSelect` reads them. */
  mfa?: { method: string; at: string }[] | null
  /** A superadmin acting as the user (impersonate.ts): the tokens say so and end with it. */
  impersonation?: ImpersonationClaim | null
}

/** The impersonation a session belongs to, as `sessionColumns` reads it. */
export interface ImpersonationClaim {
  id: string
  superadmin_id: string
  ends_at: string
}

/** The columns of a SessionRow, from `auth.sessions s`; interpolate into a select. */
export const sessionColumns = (tx: Db) => tx`
  s.id, s.created_at, s.tag, s.aal,
  (select json_agg(json_build_object('method', c.authentication_method, 'at', c.updated_at))
   from auth.mfa_amr_claims c where c.session_id = s.id) as mfa,
  (select json_build_object('id', i.id, 'superadmin_id', i.superadmin_id, 'ends_at', i.ends_at)
   from public.impersonations i where i.session_id = s.id) as impersonation`

/** GoTrue's `amr`: every method of the session, the most recent first. */
export function amrOf(session: SessionRow) {
  const seconds = (d: Date | string) => Math.floor(new Date(d).getTime() / 1000)
  const first = { method: session.tag ?? 'password', timestamp: seconds(session.created_at) }
  const second = (session.mfa ?? []).map((c) => ({ method: c.method, timestamp: seconds(c.at) }))
  return [...second, first].sort((a, b) => b.timestamp - a.timestamp)
}

/** Who is asking, stored on the session as GoTrue does. */
export interface ClientInfo {
  ip: string | null
  userAgent: string | null
}

/** The access token's claims, exactly those of Supabase Auth. */
export function accessClaims(
  user: UserRow,
  session: SessionRow,
  issuer: string,
  now: number,
  expiresIn: number,
): Claims {
  const acting = session.impersonation
  // An impersonation's tokens name the superadmin (RFC 8693 `act`) and never outlive it.
  const end = acting ? Math.floor(new Date(acting.ends_at).getTime() / 1000) : Number.POSITIVE_INFINITY
  return {
    iss: issuer,
    aud: 'authenticated',
    role: 'authenticated',
    sub: user.id,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    session_id: session.id,
    aal: session.aal === 'aal2' ? 'aal2' : 'aal1',
    amr: amrOf(session),
    is_anonymous: user.is_anonymous,
    iat: now,
    exp: Math.min(now + expiresIn, end),
    ...(acting ? { act: { sub: acting.superadmin_id }, impersonation_id: acting.id } : {}),
  }
}

/** GoTrue's session response: what supabase-js stores as its Session. */
export async function sessionJson(t: TokenIssuer, user: UserRow, session: SessionRow, refreshToken: string) {
  const now = Math.floor(Date.now() / 1000)
  const claims = accessClaims(user, session, t.issuer, now, t.expiresIn)
  return {
    access_token: await signJwt(claims, await t.signingKey()),
    token_type: 'bearer' as const,
    expires_in: (claims.exp as number) - now,
    expires_at: claims.exp as number,
    refresh_token: refreshToken,
    user: userJson(user),
  }
}
export type SessionJson = Awaited<ReturnType<typeof sessionJson>>

/** A new refresh token (GoTrue keeps them as they are, so a moved database keeps its sessions). */
export const newRefreshToken = () => randomAlphanumeric(24)

/** Inserts a refresh token of the session; `parent` is the token it replaces. */
export async function insertRefreshToken(tx: Db, userId: string, sessionId: string, parent: string | null) {
  const token = newRefreshToken()
  await tx`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
           values ('00000000-0000-0000-0000-000000000000', ${token}, ${userId}, false, now(), now(), ${parent}, ${sessionId})`
  return token
}

/** Starts a session with its first refresh token, in the caller's transaction; returns the session JSON. */
export async function startSession(
  tx: Db,
  t: TokenIssuer,
  user: UserRow,
  method: AuthMethod,
  client: ClientInfo,
) {
  const [session] = await tx<SessionRow[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at, user_agent, ip, tag)
    values (gen_random_uuid(), ${user.id}, now(), now(), 'aal1', timezone('utc', now()), ${client.userAgent},
            ${client.ip}::inet, ${method})
    returning id, created_at, tag`
  const refreshToken = await insertRefreshToken(tx, user.id, session.id, null)
  return sessionJson(t, user, session, refreshToken)
}

/** Ends sessions of a user: `global` all, `local` only `sessionId`, `others` all but `sessionId`. */
export async function endSessions(
  tx: Db,
  userId: string,
  scope: 'global' | 'local' | 'others',
  sessionId?: string,
) {
  if (scope === 'global') await tx`delete from auth.sessions where user_id = ${userId}`
  else if (scope === 'local')
    await tx`delete from auth.sessions where user_id = ${userId} and id = ${sessionId ?? null}`
  else await tx`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId ?? null}`
}
