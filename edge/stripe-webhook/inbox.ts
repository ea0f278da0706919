// The Stripe webhook's inbox (private.stripe_inbox, 20261206180000_stripe_inbox.sql). The HTTP
// handler only verifies, stores and acknowledges (`receive`); the worker (`createInboxWorker`)
// applies stored events in the same process right after, and again on a timer for what is due
// later: a refund waiting for its payment, a retry after a database error, a claim whose worker
// died. Claims use `for update skip locked` and a lease, so several instances share one inbox.
// An event is stored already claimed by the process that received it (its first lease): that
// process applies it from memory with the effects it mapped while verifying (`worker.take`), with no
// claim and no second read or mapping; if it dies first, the lease ends and any worker takes it.
import type { Sql } from '../lib/db.ts'
import type { Logger } from '../lib/log.ts'
import { unrefTimer } from '../lib/timer.ts'
import { mapStripeEvent } from '../payments/stripe-events.ts'
import { applyEffects, Mismatch, NotYet, Unknown } from './apply.ts'

/** Events claimed per round trip. */
const BATCH = 16
/** A claimed event is another worker's again after this long (its worker died or hung). */
const LEASE = '2 minutes'
/** Stripe itself gives up on a delivery after 3 days: so does the inbox. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3600 * 1000
/** Seconds before retry n (1, 2, …): 5, 10, 20, … up to an hour. */
export const retryDelayS = (attempt: number) => Math.min(5 * 2 ** Math.max(0, attempt - 1), 3600)
/** Applied, ignored and failed events are kept this long (support questions, audits), then removed. */
const KEEP_DONE = '30 days'

export type InboxState = 'pending' | 'applied' | 'duplicate' | 'ignored' | 'failed'

/**
 * Stores a verified event given as the JSON text Stripe signed, claimed by this process for one
 * lease (hand it to `worker.take`); false when its id is already there (a redelivery). One
 * statement. (`::text` first: a parameter Postgres infers as jsonb would be JSON-encoded again by
 * postgres.js, storing a string.)
 */
export async function receive(sql: Sql, id: string, type: string, json: string): Promise<boolean> {
  const rows = await sql`insert into private.stripe_inbox (event_id, type, event, attempts, next_attempt_at)
    values (${id}, ${type}, ${json}::text::jsonb, 1, now() + ${LEASE}::interval)
    on conflict (event_id) do nothing returning 1`
  return rows.length === 1
}

type Mapped = ReturnType<typeof mapStripeEvent>

interface Claimed {
  event_id: string
  type: string
  event: unknown
  attempts: number
  received_at: Date
  /** Its effects, when this process mapped them on receipt (the event itself is then not read back). */
  mapped?: Mapped
}

/** Events received here and not yet applied, kept in memory; past this, one waits for its lease to end. */
const MAX_TAKEN = 5000

async function claim(sql: Sql): Promise<Claimed[]> {
  return sql<Claimed[]>`
    update private.stripe_inbox i set attempts = i.attempts + 1,
      next_attempt_at = now() + ${LEASE}::interval
    where i.event_id in (
      select event_id from private.stripe_inbox
      where state = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${BATCH}
      for update skip locked)
    returning i.event_id, i.type, i.event, i.attempts, i.received_at`
}

/** How an applied (or given-up) event ended. */
interface Done {
  id: string
  state: Exclude<InboxState, 'pending'>
  error: string | null
  /** PaymentIntents a success gave a payment: refunds waiting for them are due. */
  intents: string[]
}

/** Marks a batch's finished events in one statement (one commit for the batch, not one per event). */
async function finishAll(sql: Sql, done: Done[]) {
  if (done.length === 0) return
  await sql`update private.stripe_inbox i set state = d.state, done_at = now(), last_error = d.error
    from unnest(${done.map((d) => d.id)}::text[], ${done.map((d) => d.state)}::text[],
                ${done.map((d) => d.error?.slice(0, 1000) ?? null)}::text[]) as d(id, state, error)
    where i.event_id = d.id`
  await wakeWaiting(
    sql,
    done.flatMap((d) => d.intents),
  )
}

/**
 * Puts an event back for later. A refund waiting for a PaymentIntent is due at once if a payment
 * got it meanwhile (its success committed while this attempt ran), else when its success wakes it
 * (`wakeWaiting`) or the delay ends.
 */
async function retryLater(sql: Sql, ev: Claimed, error: string, waitsFor: string | null) {
  await sql`update private.stripe_inbox set last_error = ${error.slice(0, 1000)}, waits_for = ${waitsFor},
    next_attempt_at = case
      when ${waitsFor}::text is not null and exists (select 1 from public.payments
        where provider = 'stripe' and provider_ref = ${waitsFor}) then now()
      else now() + make_interval(secs => ${retryDelayS(ev.attempts)}) end
    where event_id = ${ev.event_id}`
}

/** A payment now knows these PaymentIntents: refunds waiting for them are due. */
async function wakeWaiting(sql: Sql, paymentIntents: string[]) {
  if (paymentIntents.length === 0) return
  await sql`update private.stripe_inbox set next_attempt_at = now()
    where state = 'pending' and waits_for in ${sql(paymentIntents)}`
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Applies one claimed event: how it ended, or null when it was put back for later. Never throws for
 * the event's own reasons.
 */
async function applyClaimed(sql: Sql, ev: Claimed, log: Logger): Promise<Done | null> {
  const done = (state: Done['state'], error: string | null = null, intents: string[] = []): Done => ({
    id: ev.event_id,
    state,
    error,
    intents,
  })
  const mapped = ev.mapped ?? mapStripeEvent(ev.event)
  if (!mapped.handled || mapped.effects.length === 0) {
    log.warn('stripe event ignored', { id: ev.event_id, type: ev.type, reason: mapped.reason })
    return done('ignored', mapped.reason ?? null)
  }
  try {
    const outcome = await applyEffects(sql, mapped.effects)
    const intents =
      outcome === 'applied'
        ? mapped.effects.flatMap((e) => (e.kind === 'success' && e.paymentIntent ? [e.paymentIntent] : []))
        : []
    return done(outcome, null, intents)
  } catch (error) {
    if (error instanceof Mismatch) {
      log.error('stripe event contradicts the payment', { id: ev.event_id, type: ev.type, error })
      return done('failed', error.message)
    }
    if (error instanceof Unknown) {
      log.warn('stripe event ignored', { id: ev.event_id, type: ev.type, reason: error.message })
      return done('ignored', error.message)
    }
    if (Date.now() - ev.received_at.getTime() > GIVE_UP_AFTER_MS) {
      log.error('stripe event given up', { id: ev.event_id, type: ev.type, attempts: ev.attempts, error })
      return done('failed', message(error))
    }
    if (error instanceof NotYet) {
      log.warn('stripe event waits', { id: ev.event_id, type: ev.type, reason: error.message })
      await retryLater(sql, ev, error.message, error.paymentIntent || null)
      return null
    }
    log.error('stripe event failed, will retry', {
      id: ev.event_id,
      type: ev.type,
      attempts: ev.attempts,
      error,
    })
    await retryLater(sql, ev, message(error), null)
    return null
  }
}

/** Runs `fn` over `items`, at most `n` at a time. */
async function inParallel<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  let next = 0
  const lane = async () => {
    while (next < items.length) out.push(await fn(items[next++] as T))
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane))
  return out
}

export interface InboxWorker {
  /** Applies everything due; resolves when nothing due is left (also what a delivery triggers). */
  drain(): Promise<void>
  /** Applies an event `receive` just stored (and claimed) here, from its mapped effects; then drains. */
  take(id: string, type: string, mapped: Mapped): Promise<void>
  /** Stops the timer and waits for the running pass. */
  stop(): Promise<void>
}

/**
 * The worker: `drain` after each stored event (nothing waits for it), and every `sweepMs` for events
 * due later; removes done events older than 30 days once an hour. `lanes` events are applied at
 * once (the connections of its pool).
 */
export function createInboxWorker(
  sql: Sql,
  opts: { log: Logger; lanes: number; sweepMs: number },
): InboxWorker {
  let running: Promise<void> | null = null
  let again = false
  let lastCleanup = 0

  /** Received here, claimed at their insert: applied before anything is claimed from the table. */
  const taken: Claimed[] = []
  const next = () => (taken.length > 0 ? Promise.resolve(taken.splice(0, BATCH)) : claim(sql))

  async function pass() {
    for (let batch = await next(); batch.length > 0; batch = await next()) {
      const done = await inParallel(batch, opts.lanes, (ev) => applyClaimed(sql, ev, opts.log))
      await finishAll(
        sql,
        done.filter((d): d is Done => d !== null),
      )
    }
    if (Date.now() - lastCleanup > 3600_000) {
      lastCleanup = Date.now()
      await sql`delete from private.stripe_inbox where done_at < now() - ${KEEP_DONE}::interval`
    }
  }

  // `again`: a drain asked for while a pass ran (its event may have been stored after the pass's
  // last claim). `running` is cleared in the same step as the last check, so no request is lost.
  async function loop() {
    for (;;) {
      again = false
      try {
        await pass()
      } catch (error) {
        opts.log.error('stripe inbox pass failed', { error })
      }
      if (!again) {
        running = null
        return
      }
    }
  }

  function drain(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = loop()
    return running
  }

  const timer = opts.sweepMs > 0 ? setInterval(() => void drain(), opts.sweepMs) : null
  if (timer !== null) unrefTimer(timer)

  return {
    drain,
    take(id, type, mapped) {
      if (taken.length < MAX_TAKEN) {
        taken.push({ event_id: id, type, event: null, attempts: 1, received_at: new Date(), mapped })
      }
      return drain()
    },
    async stop() {
      if (timer !== null) clearInterval(timer)
      await running
    },
  }
}
