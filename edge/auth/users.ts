// auth.users rows and GoTrue's JSON for them (the `User` type of supabase-js).
import type postgres from 'postgres'

/** Any postgres.js query function: the pool, a transaction or a reserved connection. */
export type Db = postgres.ISql

/** The columns of auth.users local auth reads, plus the user's identities. */
export interface UserRow {
  id: string
  aud: string | null
  role: string | null
  email: string | null
  phone: string | null
  phone_confirmed_at: Date | null
  phone_change: string | null
  phone_change_sent_at: Date | null
  encrypted_password: string | null
  email_confirmed_at: Date | null
  invited_at: Date | null
  confirmation_sent_at: Date | null
  confirmed_at: Date | null
  recovery_sent_at: Date | null
  email_change: string | null
  email_change_sent_at: Date | null
  last_sign_in_at: Date | null
  raw_app_meta_data: Record<string, unknown> | null
  raw_user_meta_data: Record<string, unknown> | null
  banned_until: Date | null
  created_at: Date | null
  updated_at: Date | null
  is_anonymous: boolean
  identities: IdentityRow[]
  /** The user's MFA factors (auth.mfa_factors), oldest first. */
  factors?: FactorRow[]
}

interface FactorRow {
  id: string
  friendly_name: string | null
  factor_type: string
  status: string
  created_at: string
  updated_at: string
  last_challenged_at: string | null
}

interface IdentityRow {
  id: string
  provider_id: string
  user_id: string
  identity_data: Record<string, unknown>
  provider: string
  last_sign_in_at: string | null
  created_at: string | null
  updated_at: string | null
  email: string | null
}

/** `select … from auth.users u` with each user's identities and MFA factors as JSON; add the where clause. */
export const withIdentities = (sql: Db) => sql`
  select u.*, coalesce((select json_agg(i order by i.created_at) from auth.identities i where i.user_id = u.id),
                       '[]'::json) as identities,
         coalesce((select json_agg(json_build_object('id', f.id, 'friendly_name', f.friendly_name,
                     'factor_type', f.factor_type, 'status', f.status, 'created_at', f.created_at,
                     'updated_at', f.updated_at, 'last_challenged_at', f.last_challenged_at) order by f.created_at)
                   from auth.mfa_factors f where f.user_id = u.id), '[]'::json) as factors
  from auth.users u`

/** The user with this id, or undefined. */
export async function findUserById(sql: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`${withIdentities(sql)} where u.id = ${id} and u.deleted_at is null`
  return row
}

/** The (non-SSO) user with this email, compared case-insensitively, or undefined. */
export async function findUserByEmail(sql: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    ${withIdentities(sql)}
    where lower(u.email) = lower(${email}) and u.is_sso_user = false and u.deleted_at is null`
  return row
}

/** True while an admin ban is in force. */
export const isBanned = (u: Pick<UserRow, 'banned_until'>) => !!u.banned_until && u.banned_until > new Date()

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : undefined)

/** GoTrue's JSON for a user: empty timestamps are left out, metadata and identities always present. */
export function userJson(u: UserRow) {
  return {
    id: u.id,
    aud: u.aud ?? 'authenticated',
    role: u.role ?? 'authenticated',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: u.phone ?? '',
    phone_confirmed_at: iso(u.phone_confirmed_at),
    confirmation_sent_at: iso(u.confirmation_sent_at),
    confirmed_at: iso(u.confirmed_at),
    recovery_sent_at: iso(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    email_change_sent_at: iso(u.email_change_sent_at),
    new_phone: u.phone_change || undefined,
    phone_change_sent_at: iso(u.phone_change_sent_at),
    invited_at: iso(u.invited_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: u.identities.map(identityJson),
    // GoTrue leaves `factors` out when there are none; supabase-js reads it for listFactors and the AAL.
    factors: u.factors?.length ? u.factors.map(factorJson) : undefined,
    banned_until: iso(u.banned_until),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    is_anonymous: u.is_anonymous,
  }
}
export type UserJson = ReturnType<typeof userJson>

function factorJson(f: FactorRow) {
  return {
    id: f.id,
    friendly_name: f.friendly_name ?? undefined,
    factor_type: f.factor_type,
    status: f.status,
    created_at: iso(f.created_at),
    updated_at: iso(f.updated_at),
    last_challenged_at: iso(f.last_challenged_at) ?? null,
  }
}

function identityJson(i: IdentityRow) {
  return {
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    email: i.email ?? undefined,
  }
}

/**
 * What sign-up answers for an address that is already registered: a made-up, unconfirmed user with
 * no identities (GoTrue's obfuscated user), so the response does not reveal the account.
 */
export function decoyUserJson(email: string, metadata: Record<string, unknown>) {
  const now = new Date().toISOString()
  return {
    id: crypto.randomUUID(),
    aud: 'authenticated',
    role: 'authenticated',
    email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: metadata,
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  }
}
