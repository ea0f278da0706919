import { inject } from 'vitest'
import type { TenantRole } from '../../edge/contract/tenancy.ts'
import { createDb, type Sql } from '../../edge/lib/db.ts'
import { type Claims, importSigningKey, type SigningKey, signApiKeys, signJwt } from '../../edge/lib/jwt.ts'

export const ISSUER = 'http://127.0.0.1:54321/auth/v1'
export const SUPABASE_URL = 'http://127.0.0.1:54321'

/** A pool on the run's test database (superuser: bypasses RLS, for setup and assertions). */
export function testDb(max = 4): Sql {
  return createDb(inject('dbUrl'), { max })
}

/**
 * Today in a school's calendar (its time zone), as `YYYY-MM-DD`. Reports count the school's days: from
 * 21:00 UTC Nairobi is already on the next day, so `current_date` (UTC) would leave today's rows out.
 */
export async function schoolToday(sql: Sql, tenant: string): Promise<string> {
  const [row] =
    await sql`select (now() at time zone t.time_zone)::date::text as day from public.tenants t where t.id = ${tenant}`
  return row?.day as string
}

/** The run's signing key, its public JWKS and the anon/service_role keys signed with it. */
export async function testKeys() {
  const key = inject('signingKey')
  const signing = await importSigningKey(key.privateJwk)
  const { anonKey, serviceRoleKey } = await signApiKeys(signing, ISSUER)
  return { key, signing, jwks: { keys: [key.publicJwk] }, anonKey, serviceRoleKey }
}

/** Environment for createXApp(env) in tests: the same variables the Deno functions read. */
export async function testEnv(extra: Record<string, string> = {}) {
  const k = await testKeys()
  return {
    SUPABASE_URL,
    SUPABASE_DB_URL: inject('dbUrl'),
    SUPABASE_ANON_KEY: k.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: k.serviceRoleKey,
    SUPABASE_JWKS: JSON.stringify(k.jwks),
    AUTH_SIGNING_JWK: JSON.stringify(k.key.privateJwk),
    SITE_URL: 'http://127.0.0.1:54321',
    CORS_ORIGINS: 'http://127.0.0.1:54321',
    DB_POOL_MAX: '4',
    ...extra,
  }
}

let counter = 0
/** A unique suffix for emails and slugs so test files can share one database. */
export const unique = (prefix = 'u') =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export interface TestUser {
  id: string
  email: string
  claims: Claims
  token: string
}

/**
 * Creates a confirmed auth user with a live session directly in the database and signs an access
 * token for it (no password hashing: fast). `platformRole: 'superadmin'` marks a platform admin.
 */
export async function createUser(
  sql: Sql,
  opts: { email?: string; name?: string; platformRole?: 'superadmin' } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${unique('user')}@test.kipindi.test`
  const appMeta = {
    provider: 'email',
    providers: ['email'],
    ...(opts.platformRole ? { platform_role: opts.platformRole } : {}),
  }
  const userMeta = { display_name: opts.name ?? email.split('@')[0] }
  const [{ id }] = await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
            ${email}, '', now(), ${sql.json(appMeta)}, ${sql.json(userMeta)}, now(), now())
    returning id`
  const [{ id: sessionId }] = await sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (gen_random_uuid(), ${id}, now(), now(), 'aal1') returning id`
  const now = Math.floor(Date.now() / 1000)
  const claims: Claims = {
    iss: ISSUER,
    aud: 'authenticated',
    sub: id,
    email,
    phone: '',
    role: 'authenticated',
    session_id: sessionId,
    app_metadata: appMeta,
    user_metadata: userMeta,
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    is_anonymous: false,
    iat: now,
    exp: now + 3600,
  }
  const { signing } = await testKeys()
  return { id, email, claims, token: await signJwt(claims, signing) }
}

/** Creates a tenant owned by `owner` and adds members with roles (as the superuser). */
export async function createTenant(sql: Sql, owner: TestUser, members: [TestUser, TenantRole][] = []) {
  const slug = unique('school-').toLowerCase().slice(0, 40)
  const [tenant] = await sql`
    insert into public.tenants (name, slug, created_by) values (${`School ${slug}`}, ${slug}, ${owner.id})
    returning id, name, slug`
  for (const [user, role] of members) {
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${tenant.id}, ${user.id}, ${role})`
  }
  return tenant as { id: string; name: string; slug: string }
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbUrl: string
    signingKey: SigningKey
  }
}
