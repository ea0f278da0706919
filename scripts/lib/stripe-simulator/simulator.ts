// The simulator without its HTTP: the state, the webhook sender, and the actions tests, buttons and
// POST /__simulator/… take by id (pay, expire, the portal's subscription actions), each resolving
// once its events are delivered. It also expires open sessions at expires_at, as Stripe does.
import { expireSession, paySession } from './checkout.ts'
import { safeDecode } from './http.ts'
import {
  byId,
  MissingError,
  type SimPlan,
  type SimSession,
  type SimSubscription,
  type State,
  StateError,
} from './model.ts'
import { refundObject, type SessionObject, sessionObject, subscriptionObject } from './objects.ts'
import { cancelSubscription, changePlan, renewal } from './subscriptions.ts'
import { type StripeDelivery, WebhookSender } from './webhooks.ts'

/** The state and the deliveries; server.ts puts the routes in front. */
export class Simulator {
  readonly st: State
  readonly sender: WebhookSender
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>()
  private readonly waiters = new Set<() => void>()

  constructor(webhookSecret: string, plans: Record<string, SimPlan>, retryDelaysMs: number[]) {
    this.st = {
      plans,
      publicBase: '',
      customers: [],
      sessions: [],
      payments: [],
      refunds: [],
      subscriptions: [],
      invoices: [],
      portals: [],
      products: new Set(),
      events: [],
    }
    this.sender = new WebhookSender(webhookSecret, retryDelaysMs, this.st.events)
  }

  session(id: string): SimSession {
    const s = byId(this.st.sessions, id)
    if (!s) throw new MissingError(`No Checkout Session ${id}`)
    return s
  }

  subscription(id: string): SimSubscription {
    const sub = byId(this.st.subscriptions, id)
    if (!sub) throw new MissingError(`No subscription ${id}`)
    return sub
  }

  async pay(id: string): Promise<StripeDelivery[]> {
    return this.sender.send(paySession(this.st, this.session(id)))
  }

  async expire(id: string): Promise<StripeDelivery[]> {
    return this.sender.send(expireSession(this.st, this.session(id)))
  }

  /** A portal action on a subscription: `plan/<plan>`, `cancel`, `fail-renewal` or `renew`. */
  async subscriptionAction(id: string, action: string): Promise<StripeDelivery[]> {
    const sub = this.subscription(id)
    if (action.startsWith('plan/'))
      return this.sender.send(changePlan(this.st, sub, safeDecode(action.slice(5))))
    if (action === 'cancel') return this.sender.send(cancelSubscription(sub))
    if (action === 'fail-renewal' || action === 'renew')
      return this.sender.send(renewal(this.st, sub, action === 'renew'))
    throw new StateError(`No subscription action ${action}`)
  }

  async waitForSession(n: number | undefined, timeoutMs: number): Promise<SessionObject> {
    const want = n ?? this.st.sessions.length + 1
    const deadline = Date.now() + timeoutMs
    while (this.st.sessions.length < want) {
      if (Date.now() > deadline) throw new Error(`No Checkout Session #${want} within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done)
          resolve()
        }
        this.waiters.add(done)
        setTimeout(done, 50)
      })
    }
    return sessionObject(this.st, this.st.sessions[want - 1] as SimSession)
  }

  /** The objects as the API answers them now (the handle's getters, GET /__simulator/state). */
  objects() {
    const { st } = this
    return {
      sessions: st.sessions.map((s) => sessionObject(st, s)),
      subscriptions: st.subscriptions.map(subscriptionObject),
      refunds: st.refunds.map(refundObject),
    }
  }

  /** After an API call: the sessions it opened (those from index `from` on) get their expiry, and waitForSession looks again. */
  opened(from: number): void {
    const created = this.st.sessions.slice(from)
    for (const s of created) this.scheduleExpiry(s)
    if (created.length > 0) for (const w of this.waiters) w()
  }

  /** Stripe expires an open session at expires_at and tells the webhook. */
  private scheduleExpiry(s: SimSession): void {
    const timer = setTimeout(
      () => {
        this.expiryTimers.delete(s.id)
        if (s.status === 'open') void this.sender.send(expireSession(this.st, s))
      },
      Math.max(0, s.expiresAt * 1000 - Date.now()),
    )
    timer.unref()
    this.expiryTimers.set(s.id, timer)
  }

  async close(): Promise<void> {
    for (const t of this.expiryTimers.values()) clearTimeout(t)
    await this.sender.close()
  }
}
