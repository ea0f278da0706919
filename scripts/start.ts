// `npm start`: the whole platform on the embedded default — real Postgres, edge functions under
// Deno, the realtime server and the web app behind one origin — then a status like `supabase status`.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { issuerOf } from '../edge/lib/env.ts'
import { createVerifier } from '../edge/lib/jwt.ts'
import { createRealtimeServer } from '../realtime/server.ts'
import { freePort, portInUse, startEmbeddedDb } from './lib/embedded-db.ts'
import { createGateway } from './lib/gateway.ts'
import { loadOrCreateKeys } from './lib/keys.ts'
import { applyLocalPlatform, applyMigrations, applySeed } from './lib/migrate.ts'
import { createProgress } from './lib/progress.ts'
import { ensureWebBuild } from './lib/web-build.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.resolve(process.env.KIPINDI_DATA_DIR ?? path.join(ROOT, '.data'))
const PORT = Number(process.env.PORT ?? 3000)
const HOST = process.env.HOST ?? '127.0.0.1'
const DEMO_PASSWORD = 'kipindi-demo-1'
const DEMO_SIGN_INS = [
  ['superadmin', 'superadmin@kipindi.test'],
  ['owner', 'owner@demo.kipindi.test'],
  ['admin', 'admin@demo.kipindi.test'],
  ['instructor', 'instructor1@demo.kipindi.test'],
  ['instructor', 'instructor2@demo.kipindi.test'],
  ['staff', 'staff@demo.kipindi.test'],
  ['student', 'student1@demo.kipindi.test'],
  ['student', 'student2@demo.kipindi.test'],
  ['parent', 'parent@demo.kipindi.test'],
]

const cleanups: (() => Promise<unknown> | unknown)[] = []
let stopping = false

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  console.log('\nStopping…')
  for (const cleanup of cleanups.reverse()) {
    await Promise.resolve()
      .then(cleanup)
      .catch((e) => console.error(`  while stopping: ${e instanceof Error ? e.message : e}`))
  }
  console.log('Stopped.')
  process.exit(code)
}

/** Starts the Deno process that serves /auth/v1 and the edge functions; resolves with its port. */
function startFunctions(env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const deno = path.join(ROOT, 'node_modules/.bin/deno')
  const args = ['run', '--quiet', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', 'scripts/serve-functions.ts']
  const child = spawn(deno, args, { cwd: ROOT, env: { ...process.env, ...env, FUNCTIONS_PORT: '0' }, stdio: ['pipe', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      const m = /listening (\d+)/.exec(text)
      if (m) resolve({ port: Number(m[1]), child })
      else process.stdout.write(`[functions] ${text}`)
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      process.stderr.write(`[functions] ${chunk}`)
    })
    child.once('exit', (code) => {
      if (!stopping) reject(new Error(`Edge functions exited (code ${code}).\n${output.slice(-2000)}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function main() {
  const step = createProgress(7)
  if (await portInUse(PORT)) {
    console.error(`Port ${PORT} is already in use. Stop whatever uses it, or start on another port: PORT=3001 npm start`)
    process.exit(1)
  }
  mkdirSync(DATA_DIR, { recursive: true })
  const publicUrl = process.env.SITE_URL ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST === '127.0.0.1' ? 'localhost' : HOST}:${PORT}`
  const keys = await loadOrCreateKeys(DATA_DIR, issuerOf(publicUrl))

  step('Postgres')
  const wantedDbPort = Number(process.env.DB_PORT ?? 54322)
  const dbPort = (await portInUse(wantedDbPort)) && !process.env.DB_PORT ? await freePort() : wantedDbPort
  const db = await startEmbeddedDb({ dataDir: path.join(DATA_DIR, 'postgres'), port: dbPort })
  cleanups.push(() => db.stop())
  step.done(`up on port ${db.port}${db.created ? ' (new cluster)' : ''}`)

  step('Migrations')
  const sql = postgres(db.url, { onnotice: () => {}, max: 1 })
  await applyLocalPlatform(sql, ROOT)
  const applied = await applyMigrations(sql, ROOT, (m) => step.detail(m))
  step.done(applied ? `${applied} applied` : 'up to date')

  step('Seed')
  const [{ seeded }] = await sql`select exists (select 1 from public.tenants where slug = 'demo-academy') as seeded`
  if (db.created || !seeded) {
    await applySeed(sql, ROOT)
    step.done('demo school created')
  } else step.done('kept existing data')
  await sql.end()

  step('Web app')
  const webDist = await ensureWebBuild(ROOT, (m) => step.detail(m))
  step.done(webDist.built ? 'built' : 'up to date')

  const env: Record<string, string> = {
    SUPABASE_URL: publicUrl,
    SITE_URL: publicUrl,
    SUPABASE_DB_URL: db.url,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SUPABASE_JWKS: JSON.stringify({ keys: [keys.signingKey.publicJwk] }),
    AUTH_SIGNING_JWK: JSON.stringify(keys.signingKey.privateJwk),
    CORS_ORIGINS: process.env.CORS_ORIGINS ?? publicUrl,
    LOCAL_MAILBOX: 'true',
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(AUTH_|DB_POOL|LIVEKIT_|STRIPE_|GEMINI_)/.test(k))) as Record<string, string>,
  }

  step('Edge functions (Deno)')
  const functions = await startFunctions(env)
  cleanups.push(() => stopChild(functions.child))
  step.done(`auth, api on 127.0.0.1:${functions.port}`)

  step('Realtime')
  const realtimeSql = postgres(db.url, { onnotice: () => {}, max: 4 })
  const verifier = createVerifier({ issuer: issuerOf(publicUrl), jwks: { keys: [keys.signingKey.publicJwk] } })
  const realtime = await createRealtimeServer({ port: 0, host: '127.0.0.1', verifier, sql: realtimeSql })
  cleanups.push(() => realtimeSql.end(), () => realtime.close())
  step.done(`on 127.0.0.1:${realtime.port}`)

  step('Gateway')
  const gateway = createGateway({
    functionsPort: functions.port,
    realtimePort: realtime.port,
    webDist: webDist.dir,
    config: { supabaseUrl: publicUrl, anonKey: keys.anonKey, localMailbox: true },
  })
  await new Promise<void>((resolve, reject) => {
    gateway.once('error', reject)
    gateway.listen(PORT, HOST, resolve)
  })
  cleanups.push(() => new Promise((r) => gateway.close(r)))
  step.done(`listening on ${HOST}:${PORT}`)

  printStatus(publicUrl, db.url, keys)
}

function printStatus(url: string, dbUrl: string, keys: { anonKey: string; serviceRoleKey: string }) {
  const row = (k: string, v: string) => console.log(`  ${k.padEnd(18)} ${v}`)
  console.log('\nKipindi is running.\n')
  row('App URL', url)
  row('API URL', url)
  row('Functions URL', `${url}/functions/v1`)
  row('API docs', `${url}/functions/v1/api/docs`)
  row('Realtime URL', `${url.replace(/^http/, 'ws')}/realtime/v1`)
  row('Mailbox', `${url}/mailbox`)
  row('DB URL', dbUrl)
  row('anon key', keys.anonKey)
  row('service_role key', keys.serviceRoleKey)
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`)
  for (const [role, email] of DEMO_SIGN_INS) row(role, email)
  console.log('\nPress Ctrl-C to stop.')
}

process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
main().catch(async (error) => {
  console.error(`\nCould not start: ${error instanceof Error ? error.message : error}`)
  await shutdown(1)
})
