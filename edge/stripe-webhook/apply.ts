// Applies a Stripe event's effects through the ledger's security-definer functions
// (private.record_payment_success, record_payment_failure, record_refund, apply_subscription), each
// of which records the event id with its effect: applying an event twice changes nothing. Used by
// the inbox worker (inbox.ts); no HTTP here.
import type { Sql, Tx } from '../lib/db.ts'
import type { StripeEffect } from '../payments/stripe-events.ts'

export type Outcome = 'applied' | 'duplicate' | 'ignored'

/** A database error the ledger functions raise on purpose (or postgres.js reports). */
interface PgError {
  code?: string
  hint?: string
  message?: string
}
const pg = (e: unknown): PgError => (e && typeof e === 'object' ? (e as PgError) : {})

/** The provider's report contradicts the payment (amount, currency, provider, another session). */
export class Mismatch extends Error {}
/** The event names something we do not have (payment, school): ignored, nothing written. */
export class Unknown extends Error {}
/** The event may apply later (a refund found only by a PaymentIntent not yet stored): it waits in the inbox. */
export class NotYet extends Error {
  constructor(
    message: string,
    /** The PaymentIntent the event waits for a payment to have. */
    readonly paymentIntent: string,
  ) {
    super(message)
  }
}

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
    throw new NotYet('no payment has this PaymentIntent (yet)', e.paymentIntent ?? '')
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
export async function applyEffects(sql: Sql, effects: StripeEffect[]): Promise<Outcome> {
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
