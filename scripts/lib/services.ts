import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import type http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { mailboxRefusal } from '../../edge/auth/mailbox.ts'
import { issuerOf } from '../../edge/lib/env.ts'
import { createVerifier } from '../../edge/lib/jwt.ts'
import { isLoopbackAddress } from '../../edge/lib/loopback.ts'
import { METRICS_PATH } from '../../edge/lib/metrics.ts'
import { createRealtimeServer } from '../../realtime/app.ts'
import type { Logger } from '../../realtime/core/log.ts'
import { METRICS_PATH as REALTIME_METRICS_PATH } from '../../realtime/core/server.ts'
import { exportStorageFromEnv } from '../../realtime/jobs/exports/storage.ts'
import { describeSmtp, type SmtpConfig } from '../../realtime/jobs/smtp-config.ts'
import { type DarajaSimulator, SIM_B2C_ENV, startDarajaSimulator } from './daraja-simulator.ts'
import { createGateway, type GatewayTargets } from './gateway.ts'
import type { LocalKeys } from './keys.ts'
import { createStorageHost } from './storage-host.ts'
import { type StripeSimulator, startStripeSimulator } from './stripe-simulator.ts'
import { createTlsFront, type TlsFiles } from './tls-front.ts'

export interface ServicesOptions {
  root: string
  dbUrl: string
  /** Public origin, e.g. http://localhost:3000: the token issuer and the base of email links. */
  publicUrl: string
  keys: LocalKeys
  port: number
  host: string
  /** HTTPS (with HTTP/2) on this port too, with this certificate (tls-front.ts); the plain port stays for this machine's own calls. */
  tls?: TlsFiles & { port: number }
  /** The stack's data directory (the local store keeps its files in `storage/` below it); a temporary one when absent. */
  dataDir?: string
  webDist?: string
  /** Creates Vite's dev middleware for this server (`npm run dev`); it puts `config` into index.html as the gateway does. */
  dev?: (server: http.Server, config: GatewayTargets['config']) => Promise<GatewayTargets['devMiddleware']>
  /** Extra variables for the edge functions (rate limits, service keys…). */
  env?: Record<string, string>
  /** The bearer token of /metrics (loadOrCreateMetricsToken); none: metrics are refused. */
  metricsToken?: string
  /** SMTP settings (smtpConfigFrom): the outbox sender runs beside the realtime server. None: emails are only stored. */
  smtp?: SmtpConfig | null
  log?: (line: string) => void
}

export interface Services {
  functionsPort: number
  realtimePort: number
  gateway: http.Server
  /** Why the local mailbox is off (e.g. "HOST is 0.0.0.0"), or null when it is on. */
  mailboxOff: string | null
  /** How M-Pesa payments go (mpesaMode). */
  mpesa: MpesaMode
  /** How card payments go (cardMode). */
  cards: CardMode
  stop(): Promise<void>
}

/** Starts the Deno process that serves /auth/v1 and the edge functions; resolves with its port. */
function startFunctions(root: string, env: Record<string, string>, log: (l: string) => void) {
  const deno = path.join(root, 'node_modules/.bin/deno')
  const args = [
    'run',
    '--quiet',
    '--allow-net',
    '--allow-env',
    '--allow-read',
    '--allow-sys',
    'scripts/serve-functions.ts',
  ]
  const child = spawn(deno, args, {
    cwd: root,
    env: { ...process.env, ...env, FUNCTIONS_PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  return new Promise<{ port: number; child: ChildProcess }>((resolve, reject) => {
    let stderr = ''
    let ready = false
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString())
      if (m && !ready) {
        ready = true
        resolve({ port: Number(m[1]), child })
      } else log(`[functions] ${chunk.toString().trimEnd()}`)
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      log(`[functions] ${chunk.toString().trimEnd()}`)
    })
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`Edge functions exited (code ${code}).\n${stderr.slice(-2000)}`))
    })
  })
}

/** Stops a child with SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Why the local mailbox must be off for this stack, or null when it may be on: only when the gateway
 * listens on loopback, the public URL is on this machine and NODE_ENV is not production.
 */
export function mailboxOffReason(o: Pick<ServicesOptions, 'host' | 'publicUrl'>): string | null {
  return mailboxRefusal({ NODE_ENV: process.env.NODE_ENV, HOST: o.host, SUPABASE_URL: o.publicUrl })
}

/** The start-up status of email: the Mailbox and Email rows, and a warning when nobody gets emails. */
export function emailStatus(
  url: string,
  mailboxOff: string | null,
  smtp: SmtpConfig | null | undefined,
): { mailbox: string; email: string; warning?: string } {
  const sender = smtp
    ? smtp.intervalMs
      ? `SMTP ${describeSmtp(smtp)}`
      : `SMTP ${describeSmtp(smtp)}, sent by another process (OUTBOX_JOB_MS=0)`
    : undefined
  if (!mailboxOff)
    return {
      mailbox: `${url}/mailbox (this machine only)`,
      email: sender ?? 'kept for the mailbox (SMTP_HOST not set)',
    }
  return {
    mailbox: `off (${mailboxOff}; ${smtp ? `emails go out by SMTP via ${smtp.host}:${smtp.port}` : 'emails are only stored'})`,
    email: sender ?? 'not configured',
    warning: smtp
      ? undefined
      : 'Emails (invitations, password resets) are only stored in private.outbox_emails: nobody receives ' +
        'them. Set SMTP_HOST, SMTP_FROM (and SMTP_USER, SMTP_PASS) to send them (README, "Email").',
  }
}

/** The edge-function environment of the local stack (what hosted Supabase sets for functions). */
export function functionsEnv(o: ServicesOptions): Record<string, string> {
  return {
    SUPABASE_URL: o.publicUrl,
    SITE_URL: o.publicUrl,
    SUPABASE_DB_URL: o.dbUrl,
    SUPABASE_ANON_KEY: o.keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: o.keys.serviceRoleKey,
    SUPABASE_JWKS: JSON.stringify({ keys: [o.keys.signingKey.publicJwk] }),
    AUTH_SIGNING_JWK: JSON.stringify(o.keys.signingKey.privateJwk),
    CORS_ORIGINS: o.publicUrl,
    LOCAL_MAILBOX: mailboxOffReason(o) ? 'false' : 'true',
    ...(o.metricsToken ? { KIPINDI_METRICS_TOKEN: o.metricsToken } : {}),
    ...o.env,
  }
}

/** The Daraja credentials: with all four set, M-Pesa goes to Daraja (DARAJA_BASE_URL). */
const DARAJA_KEYS = ['DARAJA_CONSUMER_KEY', 'DARAJA_CONSUMER_SECRET', 'DARAJA_SHORTCODE', 'DARAJA_PASSKEY']

/**
 * How the stack takes M-Pesa payments: `daraja` when any Daraja credential is set (the functions
 * validate them), `simulator` on a local stack without them (the local Daraja simulator, completed
 * on request through /__daraja/ on this machine only: the same rule as the mailbox), else `off`.
 */
export type MpesaMode = 'daraja' | 'simulator' | 'off'
export function mpesaMode(o: Pick<ServicesOptions, 'host' | 'publicUrl' | 'env'>): MpesaMode {
  const env = { ...process.env, ...o.env }
  if (DARAJA_KEYS.some((k) => env[k])) return 'daraja'
  return mailboxOffReason(o) ? 'off' : 'simulator'
}

/** The start-up line about M-Pesa, printed like LiveKit's and SMTP's. */
export function describeMpesa(mode: MpesaMode, env: Record<string, string | undefined> = {}): string {
  if (mode === 'simulator')
    return 'M-Pesa: local simulator (complete a push with POST /__daraja/stk/<CheckoutRequestID>/<success|cancelled|insufficient|timeout>)'
  if (mode === 'daraja')
    return `M-Pesa: Daraja at ${env.DARAJA_BASE_URL || 'https://sandbox.safaricom.co.ke'}`
  return 'M-Pesa: not configured (set DARAJA_CONSUMER_KEY, DARAJA_CONSUMER_SECRET, DARAJA_SHORTCODE, DARAJA_PASSKEY)'
}

/** The gateway's own origin on this machine (the simulator calls back through it, as Daraja would). */
function gatewayOrigin(o: Pick<ServicesOptions, 'host' | 'port'>): string {
  const host =
    o.host === '::1' || o.host === '[::1]' ? '[::1]' : o.host === 'localhost' ? 'localhost' : '127.0.0.1'
  return `http://${host}:${o.port}`
}

/** The local-only control of the Daraja simulator: POST /__daraja/stk/<id>/<outcome>, GET /__daraja/stk. */
const DARAJA_CONTROL =
  /^\/__daraja(\/stk(?:\/[^/?]+\/(?:success|cancelled|insufficient|timeout))?)\/?(?:\?.*)?$/

/**
 * How the stack takes cards: `stripe` when STRIPE_SECRET_KEY is set, `simulator` on a local stack
 * without it (the local test checkout: the Stripe simulator's pages at /__stripe/, for this machine
 * only, signing its events like Stripe), else `off`.
 */
export type CardMode = 'stripe' | 'simulator' | 'off'
export function cardMode(o: Pick<ServicesOptions, 'host' | 'publicUrl' | 'env'>): CardMode {
  const env = { ...process.env, ...o.env }
  if (env.STRIPE_SECRET_KEY) return 'stripe'
  return mailboxOffReason(o) ? 'off' : 'simulator'
}

/** The start-up line about cards. */
export function describeCards(mode: CardMode): string {
  if (mode === 'simulator') return 'Cards: local test checkout (no real money; Stripe events signed locally)'
  if (mode === 'stripe') return 'Cards: Stripe'
  return 'Cards: not configured (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)'
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

const sendJson = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(body)
}
const notFoundBody = JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } })

/** /__daraja/stk… → the Daraja simulator's /__simulator/stk… (see DARAJA_CONTROL). */
function darajaControl(sim: DarajaSimulator): Handler {
  return (req, res) => {
    const m = DARAJA_CONTROL.exec(req.url ?? '')
    const allowed = (m?.[1]?.split('/').length === 2 ? 'GET' : 'POST') === req.method
    if (!m || !allowed) return sendJson(res, 404, notFoundBody)
    fetch(`${sim.url}/__simulator${m[1]}`, { method: req.method })
      .then(async (r) => sendJson(res, r.status, await r.text()))
      .catch((e) =>
        sendJson(res, 502, JSON.stringify({ error: { code: 'bad_gateway', message: String(e) } })),
      )
  }
}

/** /__stripe/… → the Stripe simulator's pages, as they are (HTML forms, 303 redirects to our pages). */
function stripePages(sim: StripeSimulator): Handler {
  return (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks)
      fetch(`${sim.url}${req.url}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      })
        .then(async (r) => {
          const headers: Record<string, string> = {}
          for (const [k, v] of r.headers)
            if (k !== 'content-length' && k !== 'transfer-encoding') headers[k] = v
          res.writeHead(r.status, headers)
          res.end(Buffer.from(await r.arrayBuffer()))
        })
        .catch((e) =>
          sendJson(res, 502, JSON.stringify({ error: { code: 'bad_gateway', message: String(e) } })),
        )
    })
  }
}

/**
 * Puts the simulators' local pages in front of the gateway's own routes: each prefix goes to its
 * handler, answered only to requests from this machine (404 otherwise, as if it did not exist).
 */
function mountLocalOnly(gateway: http.Server, routes: [prefix: string, handler: Handler][]) {
  if (!routes.length) return
  const [gatewayHandler] = gateway.listeners('request') as Handler[]
  if (!gatewayHandler) throw new Error('The gateway has no request handler.')
  gateway.removeAllListeners('request')
  gateway.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const route = routes.find(([prefix]) => req.url === prefix || req.url?.startsWith(`${prefix}/`))
    if (!route) return gatewayHandler(req, res)
    if (!isLoopbackAddress(req.socket.remoteAddress ?? '')) return sendJson(res, 404, notFoundBody)
    route[1](req, res)
  })
}

/** Reports each start-up step (the launcher prints them as numbered progress lines). */
export interface StepReporter {
  begin(name: string): void
  done(result: string): void
}

/** Edge functions (Deno), realtime server and the gateway in front of them, on one origin. */
export async function startServices(o: ServicesOptions, step?: StepReporter): Promise<Services> {
  const log = o.log ?? ((l: string) => console.log(l))
  const stops: (() => Promise<unknown>)[] = []
  const stop = async () => {
    for (const s of stops.reverse())
      await s().catch((e) => log(`while stopping: ${e instanceof Error ? e.message : e}`))
  }
  try {
    // M-Pesa offline: the local Daraja simulator, called back through the gateway's origin; B2C
    // payouts and reversals complete by themselves (nobody is there to answer them).
    const mpesa = mpesaMode(o)
    let sim: DarajaSimulator | undefined
    if (mpesa === 'simulator') {
      const started = await startDarajaSimulator({ autoSettle: { delayMs: 1500 } })
      sim = started
      stops.push(() => started.close())
    }
    const darajaEnv: Record<string, string> = sim
      ? { ...sim.env, ...SIM_B2C_ENV, DARAJA_CALLBACK_BASE: gatewayOrigin(o) }
      : {}
    // Cards offline: the local test checkout, posting signed events to our stripe-webhook.
    const cards = cardMode(o)
    let stripeSim: StripeSimulator | undefined
    if (cards === 'simulator') {
      const started = await startStripeSimulator({
        webhookUrl: `${gatewayOrigin(o)}/functions/v1/stripe-webhook`,
        publicBase: o.publicUrl.replace(/\/$/, ''),
      })
      stripeSim = started
      stops.push(() => started.close())
    }
    const stripeEnv: Record<string, string> = stripeSim ? { ...stripeSim.env } : {}

    step?.begin('Edge functions (Deno)')
    const functions = await startFunctions(o.root, { ...functionsEnv(o), ...darajaEnv, ...stripeEnv }, log)
    stops.push(() => stopChild(functions.child))
    step?.done(`auth, api on 127.0.0.1:${functions.port}`)

    step?.begin('Realtime')

    const sql = postgres(o.dbUrl, { onnotice: () => {}, max: 4 })
    stops.push(() => sql.end())
    const verifier = createVerifier({
      issuer: issuerOf(o.publicUrl),
      jwks: { keys: [o.keys.signingKey.publicJwk] },
    })
    // The support desk's SLA job runs here every minute (SLA_JOB_MS=0 turns it off).
    const slaJobMs = Number(process.env.SLA_JOB_MS ?? 60_000)
    // The outbox sender (SMTP_HOST…) drains private.outbox_emails in it; OUTBOX_JOB_MS=0 leaves it to another process.
    const realtime = await createRealtimeServer({
      port: 0,
      host: '127.0.0.1',
      verifier,
      sql,
      slaJobMs,
      // Session reminders run beside the SLA job; their emails link to this address.
      reminders: { siteUrl: o.publicUrl.replace(/\/$/, '') },
      outbox: o.smtp ? { smtp: o.smtp, log: prefixed(log, '[outbox]') } : undefined,
      // Grading jobs (OCR, AI suggestions, similarity) run here from the graphile-worker queue.
      grading: {
        dbUrl: o.dbUrl,
        env: { ...process.env, ...functionsEnv(o) },
        log: prefixed(log, '[grading]'),
      },
      // Report exports are made here and written through the gateway's /storage/v1.
      exports: { storage: exportStorageFromEnv(functionsEnv(o)) },
      meshAttendance: !process.env.LIVEKIT_URL,
      metricsToken: o.metricsToken,
    })
    stops.push(() => realtime.close())
    step?.done(`on 127.0.0.1:${realtime.port}${realtime.outbox ? ', outbox sender on' : ''}`)

    step?.begin('Storage')
    const storageDir = o.dataDir
      ? path.join(o.dataDir, 'storage')
      : await mkdtemp(path.join(tmpdir(), 'kipindi-storage-'))
    const storage = await createStorageHost({
      dbUrl: o.dbUrl,
      dir: storageDir,
      publicUrl: o.publicUrl,
      signingKey: o.keys.signingKey,
      verifier,
    })
    stops.push(() => storage.close())
    step?.done(`files in ${storageDir}`)

    step?.begin('Gateway')

    const targets: GatewayTargets = {
      functionsPort: functions.port,
      realtimePort: realtime.port,
      storage: storage.handle,
      webDist: o.webDist,
      config: { supabaseUrl: o.publicUrl, anonKey: o.keys.anonKey, localMailbox: !mailboxOffReason(o) },
      metrics: {
        token: o.metricsToken,
        sources: [
          `http://127.0.0.1:${realtime.port}${REALTIME_METRICS_PATH}`,
          `http://127.0.0.1:${functions.port}${METRICS_PATH}`,
        ],
      },
    }
    const gateway = createGateway(targets)
    mountLocalOnly(gateway, [
      ...(sim ? [['/__daraja', darajaControl(sim)] as [string, Handler]] : []),
      ...(stripeSim ? [['/__stripe', stripePages(stripeSim)] as [string, Handler]] : []),
    ])
    if (o.dev) targets.devMiddleware = await o.dev(gateway, targets.config)
    await new Promise<void>((resolve, reject) => {
      gateway.once('error', reject)
      gateway.listen(o.port, o.host, resolve)
    })
    stops.push(() => new Promise((r) => gateway.close(r)))
    if (o.tls) {
      const front = createTlsFront(gateway, o.tls)
      await new Promise<void>((resolve, reject) => {
        front.once('error', reject)
        front.listen(o.tls?.port, o.host, resolve)
      })
      stops.push(() => new Promise((r) => front.close(r)))
    }
    step?.done(`listening on ${o.host}:${o.port}${o.tls ? `, HTTPS on ${o.host}:${o.tls.port}` : ''}`)
    return {
      functionsPort: functions.port,
      realtimePort: realtime.port,
      gateway,
      mailboxOff: mailboxOffReason(o),
      mpesa,
      cards,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A realtime Logger that writes through the launcher's line log (errors as name and message). */
function prefixed(log: (line: string) => void, prefix: string): Logger {
  const errors = (_key: string, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v)
  const line = (message: string, fields?: Record<string, unknown>) =>
    log(`${prefix} ${message}${fields ? ` ${JSON.stringify(fields, errors)}` : ''}`)
  return { info: line, warn: line, error: line }
}
