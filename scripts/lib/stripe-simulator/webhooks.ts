// The webhook side: the events an action produces, in Stripe's event envelope, and their delivery
// to the webhook URL — one after another in the order of the actions, signed with the SDK's own
// test helper (generateTestHeaderString) for each attempt, and retried as Stripe retries.
import Stripe from 'stripe'
import { type Json, newId, nowS, type SimSubscription } from './model.ts'
import { subscriptionObject } from './objects.ts'

/** The version our events claim: after 2025-03-31, whose invoice and period shapes we send. */
export const SIM_API_VERSION = '2025-10-29.clover'

/** An event as Stripe POSTs it to a webhook endpoint. */
export interface StripeEvent {
  id: string
  object: 'event'
  api_version: string
  created: number
  livemode: false
  pending_webhooks: number
  request: { id: null; idempotency_key: null }
  type: string
  data: { object: Json; previous_attributes?: Json }
}

/** One event's delivery: status 0 when nothing answered (or no webhook URL is set). */
export interface StripeDelivery {
  eventId: string
  type: string
  status: number
  attempts: number
  /** The receiver's last answer, cut to 500 characters. */
  response?: string
}

// ---------------------------------------------------------------------------------------------
// Section: events

/** A new event about `object`; `previous` holds the changed fields' old values (*.updated). */
export function event(type: string, object: Json, previous?: Json): StripeEvent {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: SIM_API_VERSION,
    created: nowS(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: previous ? { object, previous_attributes: previous } : { object },
  }
}

/** customer.subscription.updated with the top-level fields that changed since `before`, or nothing. */
export function updatedEvent(sub: SimSubscription, before: Json): StripeEvent[] {
  const after = subscriptionObject(sub)
  const previous: Json = {}
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) previous[k] = before[k]
  }
  return Object.keys(previous).length ? [event('customer.subscription.updated', after, previous)] : []
}

// ---------------------------------------------------------------------------------------------
// Section: webhook deliveries

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(t)
      resolve()
    })
  })

/**
 * Sends events one after another (the order of actions, and of each action's events, is kept):
 * signed anew for each attempt, retried after a non-2xx answer or a network error as Stripe does.
 */
export class WebhookSender {
  webhookUrl: string | null = null
  /** Awaited after each acknowledged delivery: a test stack waits for the receiver's own queue there. */
  afterDelivery: (() => Promise<void>) | null = null
  readonly deliveries: StripeDelivery[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private readonly stop = new AbortController()
  private lastSecond = 0

  constructor(
    private readonly secret: string,
    private readonly retryDelaysMs: number[],
    /** Where each event goes as it is sent (the state's events, which GET /v1/events lists). */
    readonly sent: StripeEvent[] = [],
  ) {}

  /**
   * Queues one action's events; resolves when they are delivered (or given up on). Their
   * `created` is a second after the previous action's at least: Stripe's has whole seconds and
   * our mapper orders events of one second by type, so a test's quick actions (a plan change, then
   * a failed renewal) would otherwise share a second and lose their order. An action's own
   * events share their second, as Stripe's do.
   */
  send(events: StripeEvent[]): Promise<StripeDelivery[]> {
    this.lastSecond = Math.max(nowS(), this.lastSecond + 1)
    for (const e of events) e.created = this.lastSecond
    const run = this.queue.then(async () => {
      const out: StripeDelivery[] = []
      for (const e of events) out.push(await this.deliver(e))
      return out
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private async deliver(e: StripeEvent): Promise<StripeDelivery> {
    const d: StripeDelivery = { eventId: e.id, type: e.type, status: 0, attempts: 0 }
    this.sent.push(e)
    this.deliveries.push(d)
    const url = this.webhookUrl
    if (!url) return d
    const payload = JSON.stringify(e)
    for (const wait of [0, ...this.retryDelaysMs]) {
      if (wait) await sleep(wait, this.stop.signal)
      if (this.stop.signal.aborted) break
      d.attempts += 1
      const answer = await this.post(url, payload)
      d.status = answer.status
      d.response = answer.body.slice(0, 500)
      if (d.status >= 200 && d.status < 300) {
        await this.afterDelivery?.()
        break
      }
    }
    return d
  }

  private async post(url: string, payload: string): Promise<{ status: number; body: string }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret }),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(10_000)]),
      })
      return { status: res.status, body: await res.text() }
    } catch (error) {
      return { status: 0, body: String(error) }
    }
  }

  /** Stops retrying and waits for what is in flight. */
  async close(): Promise<void> {
    this.stop.abort()
    await this.queue
  }
}
