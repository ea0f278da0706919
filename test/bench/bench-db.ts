// What every benchmark's own database shares: a fresh embedded Postgres (temp dir, free port),
// migrated and seeded; bench users with live sessions; a signing key with the tokens and keys
// the servers under test accept.
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { MiddlewareHandler } from 'hono'
import postgres from 'postgres'
import type { ApiDeps } from '../../edge/api/core/router.ts'
import type { UserEnv } from '../../edge/lib/auth-middleware.ts'
import type { Sql } from '../../edge/lib/db.ts'
import { issuerOf } from '../../edge/lib/env.ts'
import {
  type Claims,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  signApiKeys,
  signJwt,
} from '../../edge/lib/jwt.ts'
import { freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import {
  applyLocalPlatform,
  applyMigrations,
  applyQueueSchema,
  applySeed,
} from '../../scripts/lib/migrate.ts'
import { stopChild } from '../../scripts/lib/services.ts'

export const SUPABASE_URL = 'http://127.0.0.1:54321'

export interface BenchPostgres {
  dbUrl: string
  dataDir: string
  sql: postgres.Sql
  /** Closes `sql`, stops Postgres and removes its directory. */
  stop(): Promise<void>
}

/** Starts a migrated and seeded Postgres for one benchmark (`name` shows in the temp dir). */
export async function startBenchPostgres(
  root: string,
  name: string,
  progress: (m: string) => void,
  poolMax = 4,
): Promise<BenchPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), `kipindi-bench-${name}`))
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
    sql = postgres(db.url, { onnotice: () => {}, max: poolMax })
    await applyLocalPlatform(sql, root)
    await applyMigrations(sql, root)
    await applyQueueSchema(db.url)
    await applySeed(sql, root)
    return { dbUrl: db.url, dataDir, sql, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

export interface BenchUser {
  id: string
  email: string
  sessionId: string
}

/** Users `<prefix><i>@bench.kipindi.test` for i in [from, to], in that order, each with a live session. */
export async function addBenchUsers(
  sql: postgres.Sql,
  prefix: string,
  displayName: string,
  from: number,
  to: number,
): Promise<BenchUser[]> {
  const users = await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
           ${prefix} || i || '@bench.kipindi.test', '', now(), '{"provider":"email"}',
           jsonb_build_object('display_name', ${displayName} || ' ' || i), now(), now()
    from generate_series(${from}::int, ${to}::int) i
    returning id, email`
  const number = (email: string) => Number(email.slice(prefix.length, email.indexOf('@')))
  users.sort((a, b) => number(a.email) - number(b.email))
  const sessions = await sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    select gen_random_uuid(), u, now(), now(), 'aal1' from unnest(${users.map((u) => u.id)}::uuid[]) u
    returning id, user_id`
  const sessionOf = new Map(sessions.map((s) => [s.user_id as string, s.id as string]))
  return users.map((u) => ({ id: u.id, email: u.email, sessionId: sessionOf.get(u.id)! }))
}

export interface BenchSigner {
  issuer: string
  /** The public key set the servers verify tokens with (SUPABASE_JWKS). */
  jwks: string
  /** The anon and service_role keys. */
  keys: Awaited<ReturnType<typeof signApiKeys>>
  /** The key pair itself (the local store signs its URLs with it). */
  signingKey: SigningKey
  /** An access token of a bench user, valid for four hours. */
  tokenFor(user: BenchUser): Promise<string>
  sign(claims: Claims): Promise<string>
}

/** The claims local auth puts in a bench user's access token (valid four hours from now). */
export function benchClaims(user: BenchUser, issuer = `${SUPABASE_URL}/auth/v1`): Claims {
  const now = Math.floor(Date.now() / 1000)
  return {
    iss: issuer,
    aud: 'authenticated',
    sub: user.id,
    email: user.email,
    phone: '',
    role: 'authenticated',
    session_id: user.sessionId,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    is_anonymous: false,
    iat: now,
    exp: now + 4 * 3600,
  }
}

/** A fresh signing key, as the local auth would have, for the bench's tokens. */
export async function benchSigner(): Promise<BenchSigner> {
  const key = await generateSigningKey()
  const signing = await importSigningKey(key.privateJwk)
  const issuer = issuerOf(SUPABASE_URL)
  const keys = await signApiKeys(signing, issuer)
  return {
    issuer,
    jwks: JSON.stringify({ keys: [key.publicJwk] }),
    keys,
    signingKey: key,
    sign: (claims) => signJwt(claims, signing),
    tokenFor: (user) => signJwt(benchClaims(user, issuer), signing),
  }
}

/**
 * Until the returned function is called, Ctrl-C or SIGTERM stops the benchmark's child processes,
 * then runs `cleanup` (stopping its Postgres), and exits with 130.
 */
export function stopOnSignal(
  children: Set<ChildProcess>,
  cleanup: () => Promise<void> | undefined,
): () => void {
  const onSignal = () => {
    void Promise.allSettled([...children].map((c) => stopChild(c)))
      .then(cleanup)
      .finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * The api's dependencies for routes mounted in the benchmark's process: auth replaced by the claims
 * of the user the request names in `x-bench-user` (401 for anyone else), so each request runs as its
 * user (`withUser`, RLS) without signing tokens.
 */
export function benchDeps(sql: Sql, claims: Map<string, Claims>, extra: Partial<ApiDeps> = {}): ApiDeps {
  const auth: MiddlewareHandler<UserEnv> = async (c, next) => {
    const who = claims.get(c.req.header('x-bench-user') ?? '')
    if (!who) return c.json({ error: { code: 'unauthorized', message: 'no bench user' } }, 401)
    c.set('claims', who)
    await next()
  }
  return { sql, auth, ...extra } as Pick<ApiDeps, 'sql' | 'auth'> as ApiDeps
}
