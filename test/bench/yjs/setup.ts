// The Yjs benchmark's own database (test/bench/bench-db.ts) with one school, one course, its
// lessons, and instructors who are all co-editors, each with a live session and an access token.
import type postgres from 'postgres'
import { addBenchUsers, benchSigner, SUPABASE_URL, startBenchPostgres } from '../bench-db.ts'

export { SUPABASE_URL }

export interface YjsBenchDb {
  dbUrl: string
  dataDir: string
  /** What `realtime/main.ts` reads. */
  env: Record<string, string>
  /** Lessons of the bench course, in order. */
  lessons: string[]
  /** One access token per instructor (all editors of the course). */
  tokens: string[]
  sql: postgres.Sql
  stop(): Promise<void>
}

/** Starts and fills the database: `lessons` lessons, `users` co-editing instructors. */
export async function setupYjsBenchDb(
  root: string,
  progress: (m: string) => void,
  counts: { lessons: number; users: number },
): Promise<YjsBenchDb> {
  const pg = await startBenchPostgres(root, 'yjs-', progress)
  const { sql } = pg
  try {
    const users = await addBenchUsers(sql, 'author', 'Author', 1, counts.users)
    const owner = users[0].id
    const [tenant] = await sql`
      insert into public.tenants (name, slug, created_by) values ('Bench school', 'bench-yjs', ${owner}) returning id`
    await sql`
      insert into public.memberships (tenant_id, user_id, role)
      select ${tenant.id}, u, 'instructor' from unnest(${users.slice(1).map((u) => u.id)}::uuid[]) u`
    const [course] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, 'Bench course', ${owner})
      returning id`
    await sql`
      insert into public.course_authors (course_id, user_id, role, added_by)
      select ${course.id}, u, 'editor', ${owner} from unnest(${users.slice(1).map((u) => u.id)}::uuid[]) u`
    const lessons = await sql`
      insert into public.lessons (course_id, title, position, created_by)
      select ${course.id}, 'Lesson ' || n, n, ${owner} from generate_series(1, ${counts.lessons}) n
      returning id`
    await sql`analyze`
    progress(`${counts.users} co-editors, ${counts.lessons} lessons`)

    const signer = await benchSigner()
    const tokens = await Promise.all(users.map((u) => signer.tokenFor(u)))
    return {
      dbUrl: pg.dbUrl,
      dataDir: pg.dataDir,
      env: {
        SUPABASE_URL,
        SUPABASE_DB_URL: pg.dbUrl,
        SUPABASE_JWKS: signer.jwks,
        REALTIME_HOST: '127.0.0.1',
        REALTIME_PORT: '0',
      },
      lessons: lessons.map((l) => l.id as string),
      tokens,
      sql,
      stop: pg.stop,
    }
  } catch (error) {
    await pg.stop()
    throw error
  }
}
