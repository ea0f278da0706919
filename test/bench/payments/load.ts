// The Stripe side of the payments benchmark: checkout.session.completed events as Stripe sends them,
// a delivery schedule with duplicates, and an open-loop sender that signs each delivery with the SDK's
// test-header helper right before it goes out (so the 300 s tolerance always holds).
import http from 'node:http'
import Stripe from 'stripe'

/** A pending Stripe course payment, as the checkout route leaves it (the session id attached). */
export interface PendingPayment {
  id: string
  session: string
  amountMinor: number
  currency: string
}

/** The JSON Stripe posts for a completed Checkout Session of a course payment (~1.5 KB, like Stripe's). */
export function checkoutCompleted(eventId: string, p: PendingPayment, created: number): string {
  return JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: {
      object: {
        id: p.session,
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        amount_subtotal: p.amountMinor,
        amount_total: p.amountMinor,
        currency: p.currency.toLowerCase(),
        payment_intent: `pi_${p.session.slice(3)}`,
        customer: null,
        customer_creation: 'if_required',
        customer_details: {
          email: 'student@bench.kipindi.test',
          name: 'Bench Student',
          phone: null,
          address: { city: null, country: 'KE', line1: null, line2: null, postal_code: null, state: null },
          tax_exempt: 'none',
          tax_ids: [],
        },
        client_reference_id: null,
        created: created - 40,
        expires_at: created + 86_360,
        locale: null,
        metadata: { payment_id: p.id },
        payment_method_types: ['card'],
        payment_method_collection: 'if_required',
        payment_intent_data: null,
        success_url: 'https://kipindi.example/payments/return?session_id={CHECKOUT_SESSION_ID}',
        cancel_url: 'https://kipindi.example/courses',
        submit_type: null,
        subscription: null,
        total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
        url: null,
      },
    },
  })
}

/** How a delivery relates to its event: the first, or a duplicate sent with it, 5 ms after it, or later. */
export type DeliveryKind = 'original' | 'concurrent' | 'next' | 'replay'

export interface Delivery {
  /** Index of the event (and of its payment). */
  event: number
  /** When to send it, ms from the start. */
  at: number
  kind: DeliveryKind
}

/**
 * `rate` deliveries a second for `durationMs`; every fifth is a duplicate, so 20% of the sends. The
 * duplicates cycle through: sent in the same tick as the original (both in flight together), in the
 * next slot (5 ms later at 200/s, usually while the original is still being applied), and twice a
 * replay of a random earlier event (as Stripe's retries are). A seeded generator keeps runs alike.
 */
export function schedule(rate: number, durationMs: number): { deliveries: Delivery[]; events: number } {
  const slots = Math.round((rate * durationMs) / 1000)
  const gap = 1000 / rate
  const deliveries: Delivery[] = []
  let events = 0
  let seed = 15
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const kinds: DeliveryKind[] = ['concurrent', 'next', 'replay', 'replay']
  for (let i = 0; i < slots; i++) {
    if (i % 5 < 4 || events === 0) {
      deliveries.push({ event: events++, at: i * gap, kind: 'original' })
      continue
    }
    const kind = kinds[Math.floor(i / 5) % kinds.length]
    if (kind === 'concurrent') {
      const original = deliveries[deliveries.length - 1]
      deliveries.push({ event: original.event, at: original.at, kind })
    } else if (kind === 'next') deliveries.push({ event: events - 1, at: i * gap, kind })
    else deliveries.push({ event: Math.floor(random() * events), at: i * gap, kind })
  }
  return { deliveries, events }
}

export interface Sent {
  delivery: Delivery
  status: number
  /** What the answer said: queued or duplicate (the webhook), received (the baseline), or the error code. */
  outcome: string
  /** Send → response complete, ms. */
  ms: number
  /** How late the generator sent it against its schedule, ms. */
  lag: number
}

/** Signs `payload` now and posts it to /stripe-webhook; resolves when the whole answer is read. */
export function deliver(
  agent: http.Agent,
  port: number,
  payload: string,
  secret: string,
): Promise<{ status: number; outcome: string; ms: number }> {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret })
  const start = performance.now()
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/stripe-webhook',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          'stripe-signature': signature,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          text += d
        })
        res.on('end', () => {
          const ms = performance.now() - start
          let outcome = 'unreadable'
          try {
            const body = JSON.parse(text) as { duplicate?: boolean; code?: string; received?: boolean }
            // The webhook: a new event is stored ('queued'), a redelivery answered 'duplicate'.
            if (typeof body.duplicate === 'boolean') outcome = body.duplicate ? 'duplicate' : 'queued'
            else outcome = body.code ?? (body.received ? 'received' : 'unreadable')
          } catch {
            // stays unreadable
          }
          resolve({ status: res.statusCode ?? 0, outcome, ms })
        })
        res.on('error', () => resolve({ status: 0, outcome: 'broken', ms: performance.now() - start }))
      },
    )
    req.on('error', (e) => resolve({ status: 0, outcome: e.message, ms: performance.now() - start }))
    req.end(payload)
  })
}

/** Sends each event once, one after another (closed loop): the time of a delivery with no queue. */
export async function oneByOne(
  port: number,
  events: number[],
  payloadOf: (event: number) => string,
  secret: string,
): Promise<{ ms: number[]; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const ms: number[] = []
  let failed = 0
  try {
    for (const event of events) {
      const r = await deliver(agent, port, payloadOf(event), secret)
      ms.push(r.ms)
      if (r.status !== 200) failed++
    }
    return { ms, failed }
  } finally {
    agent.destroy()
  }
}

/**
 * Sends the deliveries open-loop (on schedule, whatever the answers take) to the server on `port`,
 * `payloadOf(event)` being each event's body. `progress` is called every 5 s with what is done.
 */
export async function drive(
  port: number,
  deliveries: Delivery[],
  payloadOf: (event: number) => string,
  secret: string,
  progress?: (done: Sent[], elapsedS: number) => void,
): Promise<Sent[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const inFlight: Promise<void>[] = []
  const done: Sent[] = []
  const start = performance.now()
  let next = 0
  let reported = 0
  try {
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now() - start
        while (next < deliveries.length && deliveries[next].at <= now) {
          const delivery = deliveries[next++]
          const lag = performance.now() - start - delivery.at
          inFlight.push(
            deliver(agent, port, payloadOf(delivery.event), secret).then((r) => {
              done.push({ delivery, lag, ...r })
            }),
          )
        }
        if (progress && now - reported >= 5000) {
          reported += 5000
          progress(done, reported / 1000)
        }
        if (next >= deliveries.length) resolve()
        else setTimeout(tick, Math.max(0, deliveries[next].at - (performance.now() - start) - 0.5))
      }
      tick()
    })
    await Promise.all(inFlight)
    return done
  } finally {
    agent.destroy()
  }
}

export interface Dist {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentiles of `xs` (ms). */
export function dist(xs: number[]): Dist {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? NaN }
}
