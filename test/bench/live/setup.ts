// The live benchmark's own database: a fresh embedded Postgres (temp dir, free port), migrated and
// seeded, with one school, its support staff, students, and one open ticket per student — each
// user with a live session and a signed access token.
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

export interface LiveTicket {
  id: string
  /** Access tokens of the requester and of the staff member who answers it. */
  requesterToken: string
  staffToken: string
}

export interface LiveBenchDb {
  dbUrl: string
  dataDir: string
  /** What the api bench server (test/bench/api/node-server.ts) and realtime/main.ts read. */
  env: Record<string, string>
  tickets: LiveTicket[]
  sql: postgres.Sql
  stop(): Promise<void>
}

/** Starts and fills the database: `tickets` students with one open ticket each, `staff` agents. */
export async function setupLiveBenchDb(
  root: string,
  progress: (m: string) => void,
  counts: { tickets: number; staff: number },
): Promise<LiveBenchDb> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-bench-live-'))
  let db: Awaited<ReturnType<typeof startEmbeddedDb>> | undefined
  let sql: postgres.Sql | undefined
  const stop = async () => {
    await sql?.end()
    await db?.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const dataDir = path.join(dir, 'pg')
    db = await startEmbeddedDb({ dataDir, port: await freePort() })
    progress(`postgres up on port ${db.port}`)
    sql = postgres(db.url, { onnotice: () => {}, max: 4 })
    await applyLocalPlatform(sql, root)
    await applyMigrations(sql, root)
    await applySeed(sql, root)

    const users = await sql`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                              raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
             'live' || i || '@bench.kipindi.test', '', now(), '{"provider":"email"}',
             jsonb_build_object('display_name', 'Live ' || i), now(), now()
      from generate_series(0, ${counts.staff + counts.tickets}) i
      returning id, email`
    // Order by the number in the email: user 0 owns the school, 1..staff answer, the rest ask.
    const byNumber = (u: postgres.Row) => Number(/live(\d+)@/.exec(u.email as string)![1])
    users.sort((a, b) => byNumber(a) - byNumber(b))
    const sessions = await sql`
      insert into auth.sessions (id, user_id, created_at, updated_at, aal)
      select gen_random_uuid(), u, now(), now(), 'aal1' from unnest(${users.map((u) => u.id)}::uuid[]) u
      returning id, user_id`
    const owner = users[0].id as string
    const staff = users.slice(1, 1 + counts.staff).map((u) => u.id as string)
    const students = users.slice(1 + counts.staff).map((u) => u.id as string)
    const [tenant] = await sql`
      insert into public.tenants (name, slug, created_by) values ('Live bench school', 'bench-live', ${owner})
      returning id`
    await sql`
      insert into public.memberships (tenant_id, user_id, role)
      select ${tenant.id}, u, 'staff' from unnest(${staff}::uuid[]) u`
    await sql`
      insert into public.memberships (tenant_id, user_id, role)
      select ${tenant.id}, u, 'student' from unnest(${students}::uuid[]) u`
    // Ticket i is asked by student i and answered by staff member i mod staff.
    const tickets = await sql`
      insert into public.tickets (tenant_id, requester_id, subject, category)
      select ${tenant.id}, s.u, 'Bench ticket ' || s.n, 'technical'
      from unnest(${students}::uuid[]) with ordinality as s(u, n)
      returning id, requester_id`
    const ticketOf = new Map(tickets.map((t) => [t.requester_id as string, t.id as string]))
    await sql`analyze`
    progress(`${counts.tickets} open tickets, ${counts.staff} staff`)

    const key = await generateSigningKey()
    const signing = await importSigningKey(key.privateJwk)
    const issuer = issuerOf(SUPABASE_URL)
    const keys = await signApiKeys(signing, issuer)
    const sessionOf = new Map(sessions.map((s) => [s.user_id as string, s.id as string]))
    const now = Math.floor(Date.now() / 1000)
    const tokenOf = new Map<string, string>()
    await Promise.all(
      users.map(async (u) => {
        const claims: Claims = {
          iss: issuer,
          aud: 'authenticated',
          sub: u.id,
          email: u.email,
          phone: '',
          role: 'authenticated',
          session_id: sessionOf.get(u.id)!,
          app_metadata: { provider: 'email', providers: ['email'] },
          user_metadata: {},
          aal: 'aal1',
          amr: [{ method: 'password', timestamp: now }],
          is_anonymous: false,
          iat: now,
          exp: now + 4 * 3600,
        }
        tokenOf.set(u.id, await signJwt(claims, signing))
      }),
    )
    return {
      dbUrl: db.url,
      dataDir,
      env: {
        SUPABASE_URL,
        SUPABASE_DB_URL: db.url,
        SUPABASE_ANON_KEY: keys.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
        SUPABASE_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
        CORS_ORIGINS: SUPABASE_URL,
        DB_POOL_MAX: '10',
        REALTIME_HOST: '127.0.0.1',
        REALTIME_PORT: '0',
        SLA_JOB_MS: '0',
      },
      tickets: students.map((s, i) => ({
        id: ticketOf.get(s)!,
        requesterToken: tokenOf.get(s)!,
        staffToken: tokenOf.get(staff[i % staff.length])!,
      })),
      sql,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
