// `npm start`: the whole platform on the embedded default — real Postgres, edge functions under
// Deno, the realtime server and the web app behind one origin — then a status like `supabase status`.
import { mkdirSync } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import postgres from 'postgres'
import { P2P_MAX_PEERS } from '../edge/contract/tutoring.ts'
import { issuerOf } from '../edge/lib/env.ts'
import { liveKitConfigFrom } from '../edge/lib/livekit.ts'
import { createLogger } from '../edge/lib/log.ts'
import { isLoopbackUrl } from '../edge/lib/loopback.ts'
import { keepRunningOnUncaught } from '../realtime/core/log.ts'
import { describeSmtp, type SmtpConfig, smtpConfigFrom } from '../realtime/jobs/smtp-config.ts'
import { startDailyBackups } from './lib/daily-backup.ts'
import { seedDemoAssessments } from './lib/demo-assessments.ts'
import { seedDemoContent } from './lib/demo-content.ts'
import { freePort, portInUse, startEmbeddedDb, stopStaleServer } from './lib/embedded-db.ts'
import { injectConfig } from './lib/index-html.ts'
import { loadOrCreateKeys, loadOrCreateMetricsToken } from './lib/keys.ts'
import { applyLocalPlatform, applyMigrations, applyQueueSchema, applySeed } from './lib/migrate.ts'
import { createProgress } from './lib/progress.ts'
import {
  cardMode,
  describeCards,
  describeMpesa,
  emailStatus,
  mpesaMode,
  startServices,
} from './lib/services.ts'
import { tlsFilesFrom } from './lib/tls-front.ts'
import { ensureWebBuild } from './lib/web-build.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.resolve(process.env.KIPINDI_DATA_DIR ?? path.join(ROOT, '.data'))
const PORT = Number(process.env.PORT ?? 3000)
const HOST = process.env.HOST ?? '127.0.0.1'
/** HTTPS (HTTP/2) beside the plain port when KIPINDI_TLS_CERT and KIPINDI_TLS_KEY are set (README, "HTTPS"). */
const TLS_PORT = Number(process.env.TLS_PORT ?? PORT + 443)
const DEV = process.argv.includes('--dev')
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
  ['partner', 'partner@demo.kipindi.test'],
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

async function main() {
  const step = createProgress(8)
  // Reported once, before anything starts (a partial LiveKit setting stops here with its reason).
  const liveKit = liveKitConfigFrom(process.env)
  console.log(
    liveKit
      ? `LiveKit: ${liveKit.url}`
      : `LiveKit: not configured — rooms of up to ${P2P_MAX_PEERS} people use peer-to-peer video`,
  )
  // SMTP too: a partial setting stops here with its reason.
  const smtp = smtpConfigFrom(process.env)
  console.log(smtp ? `SMTP: ${describeSmtp(smtp)}` : 'SMTP: not configured')
  console.log(
    process.env.GEMINI_API_KEY
      ? 'AI tutor: the platform Gemini key is set (schools without a provider of their own use it)'
      : 'AI tutor: no GEMINI_API_KEY — answers come from published lessons unless a school adds a provider (Settings → AI tutor)',
  )
  if (await portInUse(PORT)) {
    console.error(
      `Port ${PORT} is already in use. Stop whatever uses it, or start on another port: PORT=3001 npm start`,
    )
    process.exit(1)
  }
  // `npm run dev` serves Vite's HMR on the plain port only.
  const tlsFiles = DEV ? undefined : tlsFilesFrom(process.env)
  if (tlsFiles && (await portInUse(TLS_PORT))) {
    console.error(`Port ${TLS_PORT} for HTTPS is already in use. Set TLS_PORT to another port.`)
    process.exit(1)
  }
  mkdirSync(DATA_DIR, { recursive: true })
  const hostName = HOST === '0.0.0.0' || HOST === '127.0.0.1' ? 'localhost' : HOST
  const publicUrl =
    process.env.SITE_URL ?? (tlsFiles ? `https://${hostName}:${TLS_PORT}` : `http://${hostName}:${PORT}`)
  if (tlsFiles) console.log(`HTTPS: with HTTP/2 on port ${TLS_PORT} (KIPINDI_TLS_CERT, KIPINDI_TLS_KEY)`)
  const keys = await loadOrCreateKeys(DATA_DIR, issuerOf(publicUrl))
  // M-Pesa: Daraja with its keys; without them the local simulator on a stack of this machine.
  console.log(describeMpesa(mpesaMode({ host: HOST, publicUrl }), process.env))
  console.log(describeCards(cardMode({ host: HOST, publicUrl })))

  step('Postgres')
  await stopStaleServer(path.join(DATA_DIR, 'postgres')) // left by a launcher killed with -9
  const wantedDbPort = Number(process.env.DB_PORT ?? 54322)
  const dbPort = (await portInUse(wantedDbPort)) && !process.env.DB_PORT ? await freePort() : wantedDbPort
  const db = await startEmbeddedDb({ dataDir: path.join(DATA_DIR, 'postgres'), port: dbPort })
  cleanups.push(() => db.stop())
  step.done(`up on port ${db.port}${db.created ? ' (new cluster)' : ''}`)

  step('Migrations')
  const sql = postgres(db.url, { onnotice: () => {}, max: 1 })
  await applyLocalPlatform(sql, ROOT)
  const applied = await applyMigrations(sql, ROOT, (m) => step.detail(m))
  await applyQueueSchema(db.url)
  step.done(applied ? `${applied} applied` : 'up to date')

  step('Seed')
  const [{ seeded }] =
    await sql`select exists (select 1 from public.tenants where slug = 'demo-academy') as seeded`
  if (db.created || !seeded) {
    await applySeed(sql, ROOT)
    await seedDemoContent(sql)
    await seedDemoAssessments(sql)
    step.done('demo school created')
  } else step.done('kept existing data')
  await sql.end()

  step('Web app')
  const webDist = DEV ? { dir: undefined, built: false } : await ensureWebBuild(ROOT, (m) => step.detail(m))
  step.done(DEV ? 'Vite dev server with hot reload' : webDist.built ? 'built' : 'up to date')

  const passThrough = Object.entries(process.env).filter(
    ([k, v]) => v && /^(AUTH_|DB_POOL|LIVEKIT_|ICE_SERVERS|STRIPE_|GEMINI_|CORS_ORIGINS|DARAJA_)/.test(k),
  )
  const services = await startServices(
    {
      root: ROOT,
      dbUrl: db.url,
      publicUrl,
      keys,
      port: PORT,
      host: HOST,
      tls: tlsFiles ? { ...tlsFiles, port: TLS_PORT } : undefined,
      dataDir: DATA_DIR,
      webDist: webDist.dir,
      dev: DEV ? viteMiddleware : undefined,
      env: Object.fromEntries(passThrough) as Record<string, string>,
      smtp,
      metricsToken: loadOrCreateMetricsToken(DATA_DIR),
    },
    { begin: step, done: step.done },
  )
  cleanups.push(() => services.stop())
  if (process.env.KIPINDI_BACKUP_DIR) {
    const backups = startDailyBackups({
      url: db.url,
      dataDir: DATA_DIR,
      dir: path.resolve(process.env.KIPINDI_BACKUP_DIR),
      keep: Number(process.env.KIPINDI_BACKUP_KEEP ?? 7) || 7,
      log: (m) => console.log(m),
    })
    cleanups.push(() => backups.stop())
  }
  // Serving from here on: no request may stop this process (it hosts the gateway and the realtime
  // server, and Deno stops when its stdin closes), so what escapes every handler is logged instead.
  keepRunningOnUncaught(createLogger('launcher'))

  printStatus(publicUrl, db.url, keys, services.mailboxOff, smtp)
}

/**
 * `npm run dev`: Vite in middleware mode on the gateway's own server, so HMR shares the origin.
 * Its index.html gets the runtime config inline, by the same function as the gateway's.
 */
async function viteMiddleware(server: http.Server, config: Record<string, unknown>) {
  const { createServer } = await import('vite')
  const vite = await createServer({
    configFile: path.join(ROOT, 'web/vite.config.ts'),
    server: { middlewareMode: true, hmr: { server } },
    appType: 'spa',
    plugins: [{ name: 'kipindi-runtime-config', transformIndexHtml: (html) => injectConfig(html, config) }],
  })
  cleanups.push(() => vite.close())
  return vite.middlewares
}

function printStatus(
  url: string,
  dbUrl: string,
  keys: { anonKey: string; serviceRoleKey: string },
  mailboxOff: string | null,
  smtp: SmtpConfig | null,
) {
  const row = (k: string, v: string) => console.log(`  ${k.padEnd(18)} ${v}`)
  const email = emailStatus(url, mailboxOff, smtp)
  console.log('\nKipindi is running.\n')
  row('App URL', url)
  row('API URL', url)
  row('Functions URL', `${url}/functions/v1`)
  row('API docs', `${url}/functions/v1/api/docs`)
  row('Realtime URL', `${url.replace(/^http/, 'ws')}/realtime/v1`)
  row('Metrics', `${url}/metrics (Prometheus; bearer token in ${path.join(DATA_DIR, 'metrics-token')})`)
  row('Mailbox', email.mailbox)
  row('Email', email.email)
  row('DB URL', dbUrl)
  row('anon key', keys.anonKey)
  row('service_role key', keys.serviceRoleKey)
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`)
  for (const [role, address] of DEMO_SIGN_INS) row(role, address)
  console.log(
    `  The parent also signs in by phone at ${url}/signin/phone: 0700 000 009 (without an SMS provider the code lands in the mailbox).`,
  )
  if (email.warning) console.log(`\n${email.warning}`)
  if (mailboxOff && isLoopbackUrl(url))
    console.log(
      `\nLinks in emails point to ${url}: set SITE_URL to the address people use to reach this machine.`,
    )
  console.log('\nPress Ctrl-C to stop.')
}

process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
main().catch(async (error) => {
  console.error(`\nCould not start: ${error instanceof Error ? error.message : error}`)
  await shutdown(1)
})
