// The API benchmark's own database (test/bench/bench-db.ts) with one signed-in user who belongs
// to three schools among a few hundred others.
import type postgres from 'postgres'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { benchSigner, SUPABASE_URL, startBenchPostgres } from '../bench-db.ts'

export { SUPABASE_URL }

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
  const pg = await startBenchPostgres(root, '', progress, 1)
  try {
    const claims = await fillData(pg.sql)
    await pg.sql.end()
    progress('migrated, seeded, bench data loaded')
    const signer = await benchSigner()
    const token = await signer.sign({ ...claims, iss: signer.issuer })
    const env = {
      SUPABASE_URL,
      SUPABASE_DB_URL: pg.dbUrl,
      SUPABASE_ANON_KEY: signer.keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey,
      SUPABASE_JWKS: signer.jwks,
      CORS_ORIGINS: SUPABASE_URL,
      DB_POOL_MAX: String(poolMax),
    }
    return {
      dbUrl: pg.dbUrl,
      dataDir: pg.dataDir,
      env,
      token,
      claims: { ...claims, iss: signer.issuer },
      stop: pg.stop,
    }
  } catch (error) {
    await pg.stop()
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
