import { Hono } from 'hono'
import Stripe from 'stripe'
import { z } from 'zod'
import { createDb, type Sql, type Tx } from '../lib/db.ts'
import { EdgeEnv, parseEnv } from '../lib/env.ts'
import { ApiError, errorBody, handleError } from '../lib/errors.ts'
import { apiSecurityHeaders, limitBody } from '../lib/http.ts'
import { createLogger, type Logger } from '../lib/log.ts'
import { mapStripeEvent, type StripeEffect } from '../payments/stripe-events.ts'

/** Stripe's events are a few KiB; 1 MiB leaves room for big invoices and refuses anything else. */
export const MAX_BODY_BYTES = 1024 * 1024
/** Seconds a signature stays valid (Stripe's default): older deliveries are refused as replays. */
export const TOLERANCE_SECONDS = 300

const unsetIfEmpty = (schema: z.ZodString) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** EdgeEnv plus Stripe's webhook signing secret (`whsec_…`); without it the function refuses every event. */
export const StripeWebhookEnv = EdgeEnv.extend({
  STRIPE_WEBHOOK_SECRET: unsetIfEmpty(z.string().min(10)),
})

type Outcome = 'applied' | 'duplicate' | 'ignored'

/** A database error the ledger functions raise on purpose (or postgres.js reports). */
interface PgError {
  code?: string
  hint?: string
  message?: string
}
const pg = (e: unknown): PgError => (e && typeof e === 'object' ? (e as PgError) : {})

/** The provider's report contradicts the payment (amount, currency, provider, another session). */
class Mismatch extends Error {}
/** The event names something we do not have (payment, school): acknowledged, nothing written. */
class Unknown extends Error {}
/** The event may apply later (a refund found only by a PaymentIntent not yet stored): Stripe retries. */
class NotYet extends Error {}

const SUBTLE = Stripe.createSubtleCryptoProvider()
const RETRIES = 3

async function applyOne(tx: Tx | Sql, e: StripeEffect): Promise<Outcome> {
  switch (e.kind) {
    case 'success': {
      // provider_ref: the session id when the API attached it, else the PaymentIntent (see StripeEffect).
      const [r] = await tx<{ r: Outcome }[]>`select private.record_payment_success('stripe', ${e.eventId},
        ${e.paymentId},
        (select case when p.provider_ref = ${e.sessionId} then p.provider_ref else coalesce(${e.paymentIntent}, ${e.sessionId}) end
         from public.payments p where p.id = ${e.paymentId}),
        ${e.amountMinor}, ${e.currency}) as r`
      return r?.r ?? 'ignored'
    }
    case 'failure': {
      const [r] = await tx<{ r: Outcome }[]>`select private.record_payment_failure('stripe', ${e.eventId},
        ${e.paymentId}, ${e.status}, ${e.reason}) as r`
      return r?.r ?? 'ignored'
    }
    case 'subscription': {
      const [r] = await tx<{ r: Outcome }[]>`select private.apply_subscription('stripe', ${e.eventId},
        ${e.tenantId}, ${e.plan}, ${e.status}, ${e.currentPeriodEnd}, ${e.customerId}, ${e.subscriptionId},
        ${e.eventAt}) as r`
      return r?.r ?? 'ignored'
    }
    case 'refunds':
      return applyRefunds(tx, e)
  }
}

/**
 * One charge.refunded: the payment (by metadata.payment_id, else by provider_ref = the
 * PaymentIntent) is locked, the event id recorded, then each listed refund is recorded by its re_…
 * id (the SQL counts a refund id once, whichever event brings it) and whatever the charge says was
 * refunded beyond the listed ones (the list is paginated) once more without an id. No event takes
 * the payment's refunded total beyond the charge's amount_refunded, so events carrying the same
 * refunds with or without their list, in any order, end at the same total.
 */
async function applyRefunds(tx: Tx | Sql, e: Extract<StripeEffect, { kind: 'refunds' }>): Promise<Outcome> {
  const [p] = e.paymentId
    ? await tx<{ id: string; provider: string; refunded: string }[]>`
        select id, provider, refunded_minor::text as refunded from public.payments where id = ${e.paymentId} for update`
    : await tx<{ id: string; provider: string; refunded: string }[]>`
        select id, provider, refunded_minor::text as refunded from public.payments
        where provider = 'stripe' and provider_ref = ${e.paymentIntent} for update`
  if (!p) {
    // A payment id we do not have: not ours (payments exist before their sessions). Only a
    // PaymentIntent: its payment may not know it yet (the session's completion comes later).
    if (e.paymentId) throw new Unknown('no payment for this charge')
    throw new NotYet('no payment has this PaymentIntent (yet)')
  }
  if (p.provider !== 'stripe') throw new Mismatch(`payment ${p.id} is not a Stripe payment`)
  const [fresh] = await tx<
    { r: boolean }[]
  >`select private.record_event('stripe', ${e.eventId}, 'charge.refunded',
    ${p.id}) as r`
  if (!fresh?.r) return 'duplicate'
  let room = e.amountRefunded - Number(p.refunded)
  let applied = 0
  const record = async (suffix: string, amount: number, ref: string | null) => {
    const [r] = await tx<
      { r: string }[]
    >`select private.record_refund('stripe', ${`${e.eventId}:${suffix}`}, ${p.id},
      ${amount}, ${ref}, null, 'Refunded in Stripe') as r`
    const n = Number(r?.r ?? 0)
    room -= n
    applied += n
  }
  for (const refund of e.refunds) {
    const amount = Math.min(refund.amountMinor, room)
    if (amount > 0) await record(refund.id, amount, refund.id)
  }
  if (room > 0) await record('rest', room, null)
  return applied > 0 ? 'applied' : 'ignored'
}

/** One statement is its own transaction: a single success, failure or subscription needs no BEGIN/COMMIT round trips. */
const oneStatement = (effects: StripeEffect[]) => effects.length === 1 && effects[0]?.kind !== 'refunds'

/** Applies an event's effects in one transaction (all or nothing), retrying deadlocks and serialisation failures. */
async function apply(sql: Sql, effects: StripeEffect[]): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcomes = oneStatement(effects)
        ? [await applyOne(sql, effects[0] as StripeEffect)]
        : ((await sql.begin(async (tx) => {
            const out: Outcome[] = []
            for (const e of effects) out.push(await applyOne(tx, e))
            return out
          })) as Outcome[])
      if (outcomes.includes('applied')) return 'applied'
      return outcomes.every((o) => o === 'duplicate') ? 'duplicate' : 'ignored'
    } catch (error) {
      const { code, hint } = pg(error)
      if ((code === '40P01' || code === '40001') && attempt < RETRIES) continue
      if (hint === 'payment_mismatch') throw new Mismatch(pg(error).message ?? 'mismatch')
      // Unknown payment (P0002), school (23503), plan or status (22023 without a hint).
      if (code === 'P0002' || code === '23503' || (code === '22023' && !hint)) {
        throw new Unknown(pg(error).message ?? 'unknown reference')
      }
      throw error
    }
  }
}

/**
 * The `stripe-webhook` edge function: `POST /stripe-webhook` from Stripe. The raw body is
 * verified with the SDK (`constructEventAsync`, SubtleCrypto, 300 s tolerance) before anything is
 * read from it; allow-listed events are applied through the ledger's security-definer functions on
 * the privileged connection (no user here: the signature is the authorisation), each recording the
 * event id with its effect, so replays change nothing. Without STRIPE_WEBHOOK_SECRET it answers
 * 503 and writes nothing.
 */
export function createStripeWebhookApp(
  source: Record<string, string | undefined>,
  opts: { log?: Logger } = {},
) {
  const env = parseEnv(StripeWebhookEnv, source)
  const secret = env.STRIPE_WEBHOOK_SECRET
  const log = opts.log ?? createLogger('stripe-webhook')
  const sql = createDb(env.SUPABASE_DB_URL, { max: Math.min(env.DB_POOL_MAX, 4), prepare: env.DB_PREPARE })

  const app = new Hono()
  app.use('*', apiSecurityHeaders())
  app.post('/stripe-webhook', limitBody(MAX_BODY_BYTES), async (c) => {
    if (!secret) {
      return c.json(
        errorBody(
          'payments_unavailable',
          'Stripe is not configured on this server (STRIPE_WEBHOOK_SECRET), so it accepts no Stripe events.',
        ),
        503,
      )
    }
    const raw = new Uint8Array(await c.req.arrayBuffer())
    const signature = c.req.header('stripe-signature')
    let event: unknown
    try {
      if (!signature) throw new Error('no Stripe-Signature header')
      event = await Stripe.webhooks.constructEventAsync(raw, signature, secret, TOLERANCE_SECONDS, SUBTLE)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      // A valid signature over a body that is not JSON: signed by us, so a bug, not an attack.
      if (error instanceof SyntaxError) throw new ApiError(400, 'invalid_event', 'The event is not JSON.')
      log.warn('stripe event refused', { reason: message.slice(0, 200) })
      throw new ApiError(
        400,
        'invalid_signature',
        'The Stripe-Signature header does not match this body, or it is too old.',
      )
    }

    const mapped = mapStripeEvent(event)
    if (!mapped.handled) {
      if (mapped.reason !== 'event type not handled') {
        log.warn('stripe event ignored', { id: mapped.id, type: mapped.type, reason: mapped.reason })
      }
      return c.json({ received: true, ignored: true }, 200)
    }
    if (mapped.effects.length === 0) {
      log.warn('stripe event ignored', { id: mapped.id, type: mapped.type, reason: mapped.reason })
      return c.json({ received: true, ignored: true }, 200)
    }
    try {
      const outcome = await apply(sql, mapped.effects)
      return c.json({ received: true, ignored: false, outcome }, 200)
    } catch (error) {
      if (error instanceof Mismatch) {
        log.error('stripe event contradicts the payment', { id: mapped.id, type: mapped.type, error })
        return c.json(errorBody('payment_mismatch', error.message), 400)
      }
      if (error instanceof NotYet) {
        log.warn('stripe event deferred', { id: mapped.id, type: mapped.type, reason: error.message })
        return c.json(errorBody('payment_not_found', `${error.message}; Stripe will deliver it again.`), 409)
      }
      if (error instanceof Unknown) {
        log.warn('stripe event ignored', { id: mapped.id, type: mapped.type, reason: error.message })
        return c.json({ received: true, ignored: true }, 200)
      }
      throw error
    }
  })
  app.notFound((c) =>
    c.json(
      errorBody('not_found', `No route for ${c.req.method} ${c.req.path}; Stripe posts to /stripe-webhook.`),
      404,
    ),
  )
  app.onError((err, c) => handleError(err, c))

  return { app, close: () => sql.end({ timeout: 5 }) }
}
