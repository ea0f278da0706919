// The Yjs benchmark's own database: a fresh embedded Postgres (temp dir, free port), migrated and
// seeded, with one school, one course, its lessons, and instructors who are all co-editors, each
// with a live session and a signed access token.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { issuerOf } from '../../../edge/lib/env.ts'
import { type Claims, generateSigningKey, importSigningKey, signJwt } from '../../../edge/lib/jwt.ts'
import { freePort, startEmbeddedDb } from '../../../scripts/lib/embedded-db.ts'
import { applyLocalPlatform, applyMigrations, applySeed } from '../../../scripts/lib/migrate.ts'

export const SUPABASE_URL = 'http://127.0.0.1:54321'

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
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-bench-yjs-'))
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
             'author' || i || '@bench.kipindi.test', '', now(), '{"provider":"email"}',
             jsonb_build_object('display_name', 'Author ' || i), now(), now()
      from generate_series(1, ${counts.users}) i
      returning id, email`
    const sessions = await sql`
      insert into auth.sessions (id, user_id, created_at, updated_at, aal)
      select gen_random_uuid(), u, now(), now(), 'aal1' from unnest(${users.map((u) => u.id)}::uuid[]) u
      returning id, user_id`
    const owner = users[0].id as string
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

    const key = await generateSigningKey()
    const signing = await importSigningKey(key.privateJwk)
    const issuer = issuerOf(SUPABASE_URL)
    const sessionOf = new Map(sessions.map((s) => [s.user_id as string, s.id as string]))
    const now = Math.floor(Date.now() / 1000)
    const tokens = await Promise.all(
      users.map((u) => {
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
        return signJwt(claims, signing)
      }),
    )
    return {
      dbUrl: db.url,
      dataDir,
      env: {
        SUPABASE_URL,
        SUPABASE_DB_URL: db.url,
        SUPABASE_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
        REALTIME_HOST: '127.0.0.1',
        REALTIME_PORT: '0',
      },
      lessons: lessons.map((l) => l.id as string),
      tokens,
      sql,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
