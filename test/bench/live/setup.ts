// The live benchmark's own database (test/bench/bench-db.ts) with one school, its support staff,
// students, and one open ticket per student — each user with a live session and an access token.
import type postgres from 'postgres'
import { addBenchUsers, benchSigner, SUPABASE_URL, startBenchPostgres } from '../bench-db.ts'

export { SUPABASE_URL }

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
  const pg = await startBenchPostgres(root, 'live-', progress)
  const { sql } = pg
  try {
    // User 0 owns the school, 1..staff answer, the rest ask.
    const users = await addBenchUsers(sql, 'live', 'Live', 0, counts.staff + counts.tickets)
    const owner = users[0].id
    const staff = users.slice(1, 1 + counts.staff).map((u) => u.id)
    const students = users.slice(1 + counts.staff).map((u) => u.id)
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

    const signer = await benchSigner()
    const tokenOf = new Map<string, string>()
    await Promise.all(users.map(async (u) => tokenOf.set(u.id, await signer.tokenFor(u))))
    return {
      dbUrl: pg.dbUrl,
      dataDir: pg.dataDir,
      env: {
        SUPABASE_URL,
        SUPABASE_DB_URL: pg.dbUrl,
        SUPABASE_ANON_KEY: signer.keys.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey,
        SUPABASE_JWKS: signer.jwks,
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
      stop: pg.stop,
    }
  } catch (error) {
    await pg.stop()
    throw error
  }
}
