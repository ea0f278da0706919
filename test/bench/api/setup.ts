// The benchmark's own database: a fresh embedded Postgres (temp dir, free port), migrated and
// seeded, with one signed-in user who belongs to three schools among a few hundred others.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { issuerOf } from '../../../edge/lib/env.ts'
import {
  type Claims,
  generateSigningKey,
  importSigningKey,
  signApiKeys,
  signJwt,
} from '../../../edge/lib/jwt.ts'
import { freePort, startEmbeddedDb } from '../../../scripts/lib/embedded-db.ts'
import { applyLocalPlatform, applyMigrations, applySeed } from '../../../scripts/lib/migrate.ts'

export const SUPABASE_URL = 'http://127.0.0.1:54321'

export interface BenchDb {
  dbUrl: string
  dataDir: string
  /** The environment both bench servers read (the same variables as the api function). */
  env: Record<string, string>
  /** An access token of the bench user, with a live session, valid for two hours. */
  token: string
  claims: Claims
  stop(): Promise<void>
}

/** Starts and fills the bench database; stop() stops Postgres and removes its directory. */
export async function setupBenchDb(
  root: string,
  progress: (m: string) => void,
  poolMax = 10,
): Promise<BenchDb> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-bench-'))
  let db: Awaited<ReturnType<typeof startEmbeddedDb>> | undefined
  const stop = async () => {
    await db?.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const dataDir = path.join(dir, 'pg')
    db = await startEmbeddedDb({ dataDir, port: await freePort() })
    progress(`postgres up on port ${db.port}`)
    const sql = postgres(db.url, { onnotice: () => {}, max: 1 })
    try {
      await applyLocalPlatform(sql, root)
      await applyMigrations(sql, root)
      await applySeed(sql, root)
      const claims = await fillData(sql)
      progress('migrated, seeded, bench data loaded')
      const key = await generateSigningKey()
      const signing = await importSigningKey(key.privateJwk)
      const issuer = issuerOf(SUPABASE_URL)
      const keys = await signApiKeys(signing, issuer)
      const token = await signJwt({ ...claims, iss: issuer }, signing)
      const env = {
        SUPABASE_URL,
        SUPABASE_DB_URL: db.url,
        SUPABASE_ANON_KEY: keys.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
        SUPABASE_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
        CORS_ORIGINS: SUPABASE_URL,
        DB_POOL_MAX: String(poolMax),
      }
      return { dbUrl: db.url, dataDir, env, token, claims: { ...claims, iss: issuer }, stop }
    } finally {
      await sql.end()
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** 300 users, 60 schools with ~5 members each, and the bench user in three schools. */
async function fillData(sql: postgres.Sql): Promise<Claims> {
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
           'bench' || i || '@bench.kipindi.test', '', now(), '{"provider":"email"}', '{}', now(), now()
    from generate_series(1, 300) i`
  await sql`
    insert into public.tenants (name, slug, created_by)
    select 'Bench school ' || i, 'bench-school-' || i,
           (select id from auth.users where email = 'bench' || i || '@bench.kipindi.test')
    from generate_series(1, 60) i`
  await sql`
    insert into public.memberships (tenant_id, user_id, role)
    select t.id, u.id, 'student'
    from public.tenants t
    join auth.users u on u.email like 'bench%@bench.kipindi.test'
      and (hashtext(t.id::text || u.id::text) % 60) = 0
      and u.id <> t.created_by
      and u.email <> 'bench1@bench.kipindi.test'
    where t.slug like 'bench-school-%'
    on conflict do nothing`
  const [user] = await sql`select id, email from auth.users where email = 'bench1@bench.kipindi.test'`
  await sql`
    insert into public.memberships (tenant_id, user_id, role)
    select id, ${user.id}, r.role::public.tenant_role
    from (values ('bench-school-2', 'instructor'), ('bench-school-3', 'student')) as r(slug, role)
    join public.tenants t on t.slug = r.slug
    on conflict (tenant_id, user_id) do update set role = excluded.role`
  const [{ id: sessionId }] = await sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (gen_random_uuid(), ${user.id}, now(), now(), 'aal1') returning id`
  await sql`analyze`
  const now = Math.floor(Date.now() / 1000)
  return {
    aud: 'authenticated',
    sub: user.id,
    email: user.email,
    phone: '',
    role: 'authenticated',
    session_id: sessionId,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { display_name: 'Bench One' },
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    is_anonymous: false,
    iat: now,
    exp: now + 7200,
  }
}
