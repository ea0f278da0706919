import { Hono } from 'hono'
import Stripe from 'stripe'
import { z } from 'zod'
import { createDb } from '../lib/db.ts'
import { EdgeEnv, parseEnv } from '../lib/env.ts'
import { ApiError, errorBody, handleError } from '../lib/errors.ts'
import { apiSecurityHeaderList, apiSecurityHeaders, readBody } from '../lib/http.ts'
import { crashFields, createLogger, type Logger } from '../lib/log.ts'
import { stripeFrom } from '../payments/stripe.ts'
import { mapStripeEvent } from '../payments/stripe-events.ts'
import { createInboxWorker, receive } from './inbox.ts'
import { createReconciler, RECONCILE_MS } from './reconcile.ts'

/** Stripe's events are a few KiB; 1 MiB leaves room for big invoices and refuses anything else. */
export const MAX_BODY_BYTES = 1024 * 1024
/** How often the worker looks for events due later (waiting refunds, retries, lost claims). */
const SWEEP_MS = 5000

/** Seconds a signature stays valid (Stripe's default): older deliveries are refused as replays. */
export const TOLERANCE_SECONDS = 300

const unsetIfEmpty = (schema: z.ZodString) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** EdgeEnv plus Stripe's webhook signing secret (`whsec_…`); without it the function refuses every event. */
export const StripeWebhookEnv = EdgeEnv.extend({
  STRIPE_WEBHOOK_SECRET: unsetIfEmpty(z.string().min(10)),
})

const DECODER = new TextDecoder()

/**
 * The SDK's SubtleCrypto provider imports the secret as a key for every event; this SubtleCrypto
 * keeps the imported key (one secret per process), so a verification is one `sign`.
 */
function keyKeepingSubtle(subtle: SubtleCrypto): SubtleCrypto {
  const keys = new Map<string, Promise<CryptoKey>>()
  const importKey = (...args: Parameters<SubtleCrypto['importKey']>) => {
    const [format, data, algorithm, extractable, usages] = args
    if (format !== 'raw' || !ArrayBuffer.isView(data)) return subtle.importKey(...args)
    const id = `${JSON.stringify([algorithm, extractable, usages])}:${DECODER.decode(data)}`
    let key = keys.get(id)
    if (!key) {
      key = subtle.importKey(...args)
      key.catch(() => keys.delete(id))
      keys.set(id, key)
    }
    return key
  }
  // The provider calls only these two.
  return { importKey, sign: subtle.sign.bind(subtle) } as unknown as SubtleCrypto
}

const SUBTLE = Stripe.createSubtleCryptoProvider(keyKeepingSubtle(crypto.subtle))

/**
 * The `stripe-webhook` edge function: `POST /stripe-webhook` from Stripe. The raw body is
 * verified with the SDK (`constructEventAsync`, SubtleCrypto, 300 s tolerance) before anything is
 * read from it; an allow-listed event is stored in the inbox (one insert, keyed by its id) and
 * acknowledged, and the inbox worker applies it right after through the ledger's security-definer
 * functions on the privileged connection (no user here: the signature is the authorisation). A
 * redelivery is answered as a duplicate and changes nothing. Without STRIPE_WEBHOOK_SECRET it
 * answers 503 and writes nothing. `drain` applies what is due now (tests; the worker runs by itself).
 * With STRIPE_SECRET_KEY too, a reconciliation pass (reconcile.ts) fetches from Stripe's events API
 * what never reached the inbox.
 */
export function createStripeWebhookApp(
  source: Record<string, string | undefined>,
  opts: { log?: Logger; sweepMs?: number; reconcileMs?: number } = {},
) {
  const env = parseEnv(StripeWebhookEnv, source)
  const secret = env.STRIPE_WEBHOOK_SECRET
  const log = opts.log ?? createLogger('stripe-webhook')
  // Acknowledgements never queue behind the worker's transactions: each has its own connections.
  const acks = createDb(env.SUPABASE_DB_URL, { max: 2, prepare: env.DB_PREPARE })
  const lanes = Math.max(1, Math.min(env.DB_POOL_MAX, 3))
  // The worker's commits need not wait for the disk: the inbox row was durable before the ack, and
  // an effect lost in a crash is lost with its inbox mark (the WAL keeps commits in order), so the
  // event is still pending and is applied again. Its fsyncs would only queue the acks' own.
  const work = createDb(env.SUPABASE_DB_URL, {
    max: lanes,
    prepare: env.DB_PREPARE,
    settings: { synchronous_commit: 'off' },
  })
  const worker = createInboxWorker(work, { log, lanes, sweepMs: opts.sweepMs ?? SWEEP_MS })
  // With Stripe's API at hand, events that never reached the inbox are fetched (reconcile.ts).
  const stripe = stripeFrom(env)
  const reconciler =
    secret && stripe
      ? createReconciler(work, stripe, {
          log,
          everyMs: opts.reconcileMs ?? RECONCILE_MS,
          stored: () => keepAlive(worker.drain()),
        })
      : null

  /** POST /stripe-webhook, on the shortest path (no router, no middleware): Stripe waits for it. */
  async function deliver(req: Request): Promise<Response> {
    if (!secret) {
      return answer(
        503,
        errorBody(
          'payments_unavailable',
          'Stripe is not configured on this server (STRIPE_WEBHOOK_SECRET), so it accepts no Stripe events.',
        ),
      )
    }
    const raw = await readBody(req, MAX_BODY_BYTES)
    const signature = req.headers.get('stripe-signature')
    let event: unknown
    try {
      if (!signature) throw new Error('no Stripe-Signature header')
      event = await Stripe.webhooks.constructEventAsync(raw, signature, secret, TOLERANCE_SECONDS, SUBTLE)
    } catch (error) {
      // A valid signature over a body that is not JSON: signed by us, so a bug, not an attack.
      if (error instanceof SyntaxError) throw new ApiError(400, 'invalid_event', 'The event is not JSON.')
      const message = error instanceof Error ? error.message : String(error)
      log.warn('stripe event refused', { reason: message.slice(0, 200) })
      throw new ApiError(
        400,
        'invalid_signature',
        'The Stripe-Signature header does not match this body, or it is too old.',
      )
    }

    const mapped = mapStripeEvent(event)
    if (!mapped.handled || mapped.effects.length === 0) {
      if (mapped.reason !== 'event type not handled') {
        log.warn('stripe event ignored', { id: mapped.id, type: mapped.type, reason: mapped.reason })
      }
      return answer(200, IGNORED)
    }
    // The verified bytes are stored as they came (no second JSON.stringify of the event).
    const fresh = await receive(acks, mapped.id, mapped.type, DECODER.decode(raw))
    if (fresh) keepAlive(worker.take(mapped.id, mapped.type, mapped))
    return answer(200, fresh ? STORED : DUPLICATE)
  }

  // Everything else (wrong method or path) goes through Hono for the usual answers.
  const router = new Hono()
  router.use('*', apiSecurityHeaders())
  router.notFound((c) =>
    c.json(
      errorBody('not_found', `No route for ${c.req.method} ${c.req.path}; Stripe posts to /stripe-webhook.`),
      404,
    ),
  )
  router.onError((err, c) => handleError(err, c))

  async function fetch(req: Request): Promise<Response> {
    if (req.method !== 'POST' || !isDeliveryPath(req.url)) return router.fetch(req)
    try {
      return await deliver(req)
    } catch (error) {
      if (error instanceof ApiError) {
        return answer(error.status, errorBody(error.code, error.message, error.details))
      }
      // Postgres unreachable and the like: Stripe retries the delivery later.
      log.error('stripe event not stored', crashFields(error))
      return answer(500, errorBody('internal', 'Something went wrong on our side. Please try again.'))
    }
  }
  const app = {
    fetch,
    /** Like Hono's `app.request`: a path on this function, for tests. */
    request: (path: string, init?: RequestInit) =>
      fetch(new Request(new URL(path, 'http://localhost'), init)),
  }

  return {
    app,
    drain: worker.drain,
    /** One reconciliation pass now (tests); 0 when it is off (no STRIPE_SECRET_KEY). */
    reconcile: () => reconciler?.pass() ?? Promise.resolve(0),
    async close() {
      await reconciler?.stop()
      await worker.stop()
      await Promise.all([acks.end({ timeout: 5 }), work.end({ timeout: 5 })])
    },
  }
}

const STORED = JSON.stringify({ received: true, ignored: false, duplicate: false })
const DUPLICATE = JSON.stringify({ received: true, ignored: false, duplicate: true })
const IGNORED = JSON.stringify({ received: true, ignored: true })

/** `/stripe-webhook` as served locally, or `/functions/v1/stripe-webhook` and the like when hosted. */
function isDeliveryPath(url: string): boolean {
  const path = new URL(url).pathname
  return path === '/stripe-webhook' || path.endsWith('/stripe-webhook')
}

/** A JSON answer with the API's security headers (what apiSecurityHeaders sets on every Hono route). */
async function answer(status: number, body: string | object): Promise<Response> {
  const headers = new Headers(await apiSecurityHeaderList())
  headers.set('content-type', 'application/json')
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers })
}

/** The hosted edge runtime ends a request's work with its response unless told to wait for it. */
function keepAlive(work: Promise<void>) {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil?: (p: Promise<unknown>) => void } }).EdgeRuntime
  runtime?.waitUntil?.(work)
}
