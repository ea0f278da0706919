// The reconciliation pass: events Stripe has that the inbox lacks, read from Stripe's events API
// (GET /v1/events, the types we act on) and stored as a delivery would store them. A delivery can
// miss the inbox for good: Stripe stops retrying after three days of failed attempts (the function
// or the database down, a signing secret rotated wrongly), and never resends an event it had a 200
// for, even if a restore from backup lost its row. The pass runs at start and every few minutes,
// reading from where the last pass got to (private.stripe_reconciliation, less an overlap: events are
// listed by creation, which comes before delivery); events already there are left alone.
import type Stripe from 'stripe'
import type { Sql } from '../lib/db.ts'
import type { Logger } from '../lib/log.ts'
import { unrefTimer } from '../lib/timer.ts'
import { mapStripeEvent, STRIPE_EVENT_TYPES } from '../payments/stripe-events.ts'

/** How often the pass runs. */
export const RECONCILE_MS = 5 * 60_000
/** The first pass ever looks back this far; Stripe's events API keeps 30 days, the most any pass reads. */
const FIRST_LOOK_BACK = '1 hour'
const KEPT_BY_STRIPE = '30 days'
/** Each pass reads again from this long before the previous one started. */
const OVERLAP = '10 minutes'
/** Events per page of the list (Stripe's most). */
const PAGE = 100

/** Stores the events of one page that the inbox lacks, in one statement; answers how many were new. */
async function storeMissing(sql: Sql, events: Stripe.Event[]): Promise<number> {
  const keep = events.filter((e) => {
    const mapped = mapStripeEvent(e)
    return mapped.handled && mapped.effects.length > 0
  })
  if (keep.length === 0) return 0
  const rows = await sql`insert into private.stripe_inbox (event_id, type, event)
    select * from unnest(${keep.map((e) => e.id)}::text[], ${keep.map((e) => e.type)}::text[],
                         ${keep.map((e) => JSON.stringify(e))}::text[]::jsonb[])
    on conflict (event_id) do nothing returning 1`
  return rows.length
}

export interface Reconciler {
  /** One pass now; resolves with the number of events it stored. */
  pass(): Promise<number>
  stop(): Promise<void>
}

/**
 * Runs a pass at once and every `everyMs`; `stored` is told when a pass stored events (the inbox
 * worker applies them). Passes never overlap; a failed pass (Stripe or Postgres unreachable) is
 * logged and the next one starts from the same point.
 */
export function createReconciler(
  sql: Sql,
  stripe: Stripe,
  opts: { log: Logger; everyMs: number; stored: () => void },
): Reconciler {
  let running: Promise<number> | null = null

  async function once(): Promise<number> {
    const [mark] = await sql<{ from: number; started: Date }[]>`
      select extract(epoch from greatest(
          coalesce((select read_from from private.stripe_reconciliation), now() - ${FIRST_LOOK_BACK}::interval),
          now() - ${KEPT_BY_STRIPE}::interval))::bigint as from,
        now() as started`
    const from = Number(mark?.from)
    let stored = 0
    let page: Stripe.Event[] = []
    const list = stripe.events.list({ created: { gte: from }, types: [...STRIPE_EVENT_TYPES], limit: PAGE })
    for await (const event of list) {
      page.push(event)
      if (page.length === PAGE) {
        stored += await storeMissing(sql, page)
        page = []
      }
    }
    stored += await storeMissing(sql, page)
    await sql`insert into private.stripe_reconciliation (read_from, recovered)
      values (${mark?.started as Date}::timestamptz - ${OVERLAP}::interval, ${stored})
      on conflict (id) do update set read_from = excluded.read_from, passed_at = now(),
        recovered = private.stripe_reconciliation.recovered + excluded.recovered`
    if (stored > 0) {
      opts.log.warn('stripe events recovered from the events API', { stored, from: new Date(from * 1000) })
      opts.stored()
    }
    return stored
  }

  function pass(): Promise<number> {
    running ??= once()
      .catch((error) => {
        opts.log.error('stripe reconciliation failed; the next pass tries again', { error })
        return 0
      })
      .finally(() => {
        running = null
      })
    return running
  }

  void pass()
  const timer = opts.everyMs > 0 ? setInterval(() => void pass(), opts.everyMs) : null
  if (timer !== null) unrefTimer(timer)
  return {
    pass,
    async stop() {
      if (timer !== null) clearInterval(timer)
      await running
    },
  }
}
