// The simulator's HTTP server and its handle: /v1 goes to the API (api.ts), /__stripe serves the
// browser pages that stand in for Checkout and the customer portal (pages.ts renders them; their
// buttons are form POSTs), and /__simulator lets Playwright press the same buttons over HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { apiHandler } from './api.ts'
import { failed, readBody, safeDecode, seeOther, sendHtml, sendJson, unrecognised } from './http.ts'
import { byId, DEFAULT_PLANS, MissingError, type SimPlan, type SimSession, StateError } from './model.ts'
import type { RefundObject, SessionObject, SubscriptionObject } from './objects.ts'
import {
  checkoutPage,
  closedCheckoutPage,
  messagePage,
  PORTAL_NOTICES,
  portalPage,
  portalPath,
} from './pages.ts'
import { Simulator } from './simulator.ts'
import { portalSubscription } from './subscriptions.ts'
import type { StripeDelivery, StripeEvent } from './webhooks.ts'

/** The secret key and webhook signing secret the simulator uses unless given others. */
export const SIM_SECRET_KEY = 'sk_test_kipindi_stripe_simulator'
export const SIM_WEBHOOK_SECRET = 'whsec_kipindi_stripe_simulator'

/** How startStripeSimulator sets the simulator up; every option has a default. */
export interface StripeSimulatorOptions {
  webhookUrl?: string
  /** Where browser URLs point (the gateway's origin); default: the simulator's own URL. */
  publicBase?: string
  /** Plans the portal offers; default free/standard/premium in USD. */
  plans?: Record<string, SimPlan>
  secretKey?: string
  webhookSecret?: string
  /** Waits between delivery attempts after a non-2xx or network error; default 100, 400, 1600 ms. */
  retryDelaysMs?: number[]
  port?: number
}

/** A running simulator: its URL and env for the api, its objects, and its buttons for tests. */
export interface StripeSimulator {
  /** http://127.0.0.1:<port> */
  url: string
  env: { STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; STRIPE_API_BASE: string }
  /**
   * Where events go; `afterDelivery` is awaited after each acknowledged one, so an action's
   * promise (pay, changePlan…) also covers the receiver's work when it applies events after answering.
   */
  setWebhookUrl(url: string, afterDelivery?: () => Promise<void>): void
  setPublicBase(url: string): void
  /** Every Checkout Session as GET /v1/checkout/sessions/:id answers it now, oldest first. */
  readonly sessions: SessionObject[]
  readonly refunds: RefundObject[]
  readonly subscriptions: SubscriptionObject[]
  /** Every event's delivery so far, in order (live). */
  readonly deliveries: StripeDelivery[]
  /** As the Pay button; resolves after the events are delivered. */
  pay(sessionId: string): Promise<void>
  /** Expires an open session as Stripe does at expires_at; resolves after the event is delivered. */
  expire(sessionId: string): Promise<void>
  changePlan(subscriptionId: string, plan: string): Promise<void>
  cancelSubscription(subscriptionId: string): Promise<void>
  failRenewal(subscriptionId: string): Promise<void>
  renew(subscriptionId: string): Promise<void>
  /** Waits for a Checkout Session to be created (the nth from 1, or the next one). */
  waitForSession(n?: number, timeoutMs?: number): Promise<SessionObject>
  /** The events sent so far (all of them, or of one type), in order. */
  eventsSent(type?: string): StripeEvent[]
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Section: routes

const CHECKOUT_PATH = /^\/__stripe\/checkout\/([^/]+)(?:\/(pay|decline|cancel))?$/
const PORTAL_PATH = /^\/__stripe\/portal\/([^/]+)(?:\/(cancel|fail-renewal|renew|plan\/[^/]+))?$/
const CONTROL_PATH =
  /^\/__simulator\/(sessions|subscriptions)\/([^/]+)\/(pay|expire|cancel|fail-renewal|renew|plan\/[^/]+)$/

/** Where the Pay button sends the browser: success_url with the session's id put in. */
const successLocation = (s: SimSession) =>
  s.successUrl ? new URL(s.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', s.id)).href : null
const cancelLocation = (s: SimSession) => (s.cancelUrl ? new URL(s.cancelUrl).href : null)

/** Routes a request: /v1 to the API, /__stripe to the pages, /__simulator to the control. */
function router(sim: Simulator, secretKey: string) {
  const api = apiHandler(sim, secretKey)
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(`http://simulator${req.url ?? '/'}`)
    if (url.pathname.startsWith('/v1/')) return api(req, res, url)
    if (url.pathname.startsWith('/__stripe/')) return servePage(sim, req, res, url)
    if (url.pathname.startsWith('/__simulator/')) return serveControl(sim, req, res, url)
    throw unrecognised(req.method ?? 'GET', url.pathname)
  }
}

/** /__stripe/…: the checkout and portal pages and their buttons. */
async function servePage(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const post = req.method === 'POST'
  if (post) await readBody(req)
  // The forms are the simulator's own: another site may not press its buttons.
  if (post && req.headers['sec-fetch-site'] === 'cross-site') {
    return sendHtml(
      res,
      403,
      messagePage('Not allowed', 'These buttons work only from the simulator’s own pages.'),
    )
  }
  const checkout = CHECKOUT_PATH.exec(url.pathname)
  const portal = PORTAL_PATH.exec(url.pathname)
  // A GET shows a page, a POST presses one of its buttons.
  if (checkout && post === !!checkout[2])
    return serveCheckout(sim, res, safeDecode(checkout[1] as string), checkout[2])
  if (portal && post === !!portal[2])
    return servePortal(sim, res, safeDecode(portal[1] as string), portal[2], url)
  sendHtml(res, 404, messagePage('Page not found', 'The Stripe simulator has no such page.'))
}

/** A Checkout Session's page, or its Pay, Decline or Cancel button. */
async function serveCheckout(
  sim: Simulator,
  res: ServerResponse,
  id: string,
  action: string | undefined,
): Promise<void> {
  const s = byId(sim.st.sessions, id)
  if (!s) {
    return sendHtml(
      res,
      404,
      messagePage('This checkout link is not valid', 'Start the payment again from Kipindi.'),
    )
  }
  const targets = [s.successUrl, s.cancelUrl]
  if (s.status !== 'open') {
    const back = s.status === 'complete' ? successLocation(s) : cancelLocation(s)
    return sendHtml(res, action ? 409 : 200, closedCheckoutPage(s, back))
  }
  if (action === 'pay') {
    // Stripe redirects at once; the simulator waits for the webhook so the page the browser
    // lands on already knows the payment (the events stay asynchronous for API callers).
    await sim.pay(s.id)
    const location = successLocation(s)
    return location ? seeOther(res, location) : sendHtml(res, 200, closedCheckoutPage(s, null))
  }
  const back = action === 'cancel' ? cancelLocation(s) : null
  if (back) return seeOther(res, back)
  sendHtml(res, 200, checkoutPage(s, { declined: action === 'decline' }), targets)
}

/** A portal session's page, or one of its subscription buttons. */
async function servePortal(
  sim: Simulator,
  res: ServerResponse,
  id: string,
  action: string | undefined,
  url: URL,
): Promise<void> {
  const portal = byId(sim.st.portals, id)
  if (!portal)
    return sendHtml(
      res,
      404,
      messagePage('This portal link is not valid', 'Open the billing portal again from Kipindi.'),
    )
  const sub = portalSubscription(sim.st, portal.customer)
  const base = portalPath(portal.id)
  if (!action) {
    const notice = PORTAL_NOTICES[url.searchParams.get('done') ?? '']
    const view = {
      portalId: portal.id,
      subscription: sub,
      plans: sim.st.plans,
      returnUrl: portal.returnUrl,
      notice,
    }
    return sendHtml(res, 200, portalPage(view))
  }
  try {
    if (!sub) throw new StateError('This customer has no subscription.')
    await sim.subscriptionAction(sub.id, action)
  } catch (error) {
    if (!(error instanceof StateError)) throw error
    const back = { href: base, label: 'Back to your subscription' }
    return sendHtml(res, 409, messagePage('That did not work', error.message, back))
  }
  seeOther(res, `${base}?done=${action.startsWith('plan/') ? 'plan' : action}`)
}

/** GET /__simulator/state, and POST /__simulator/<sessions|subscriptions>/<id>/<action>. */
async function serveControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method === 'POST') await readBody(req)
  if (req.method === 'GET' && url.pathname === '/__simulator/state') {
    return sendJson(res, 200, { ...sim.objects(), deliveries: sim.sender.deliveries })
  }
  const m = CONTROL_PATH.exec(url.pathname)
  if (req.method !== 'POST' || !m) throw unrecognised(req.method ?? 'GET', url.pathname)
  const [, kind, id, action] = m as unknown as [string, string, string, string]
  try {
    const deliveries =
      kind === 'subscriptions'
        ? await sim.subscriptionAction(safeDecode(id), action)
        : action === 'pay' || action === 'expire'
          ? await sim[action](safeDecode(id))
          : []
    sendJson(res, 200, { deliveries })
  } catch (error) {
    if (!(error instanceof StateError)) throw error
    sendJson(res, error instanceof MissingError ? 404 : 409, {
      error: { type: 'invalid_request_error', message: error.message },
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Section: starting

/** The plans as given, checked, their currencies lowercased as Stripe keeps them. */
function normalisePlans(plans: Record<string, SimPlan>): Record<string, SimPlan> {
  const out: Record<string, SimPlan> = {}
  for (const [id, p] of Object.entries(plans)) {
    if (!Number.isSafeInteger(p.unit_amount) || p.unit_amount < 0)
      throw new Error(`Plan ${id}: unit_amount must be an integer ≥ 0`)
    out[id] = { name: p.name, unit_amount: p.unit_amount, currency: p.currency.toLowerCase() }
  }
  return out
}

/** Starts a local Stripe on 127.0.0.1 (a free port unless `port`); see StripeSimulator. */
export async function startStripeSimulator(opts: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const secretKey = opts.secretKey ?? SIM_SECRET_KEY
  const webhookSecret = opts.webhookSecret ?? SIM_WEBHOOK_SECRET
  const sim = new Simulator(
    webhookSecret,
    normalisePlans(opts.plans ?? DEFAULT_PLANS),
    opts.retryDelaysMs ?? [100, 400, 1600],
  )
  const route = router(sim, secretKey)
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error) => failed(res, error))
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const trim = (u: string) => u.replace(/\/+$/, '')
  sim.st.publicBase = trim(opts.publicBase ?? url)
  sim.sender.webhookUrl = opts.webhookUrl ?? null
  const { st, sender } = sim

  return {
    url,
    env: { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: url },
    setWebhookUrl: (u, afterDelivery) => {
      sender.webhookUrl = u
      if (afterDelivery) sender.afterDelivery = afterDelivery
    },
    setPublicBase: (u) => {
      st.publicBase = trim(u)
    },
    get sessions() {
      return sim.objects().sessions
    },
    get refunds() {
      return sim.objects().refunds
    },
    get subscriptions() {
      return sim.objects().subscriptions
    },
    deliveries: sender.deliveries,
    pay: async (id) => void (await sim.pay(id)),
    expire: async (id) => void (await sim.expire(id)),
    changePlan: async (id, plan) =>
      void (await sim.subscriptionAction(id, `plan/${encodeURIComponent(plan)}`)),
    cancelSubscription: async (id) => void (await sim.subscriptionAction(id, 'cancel')),
    failRenewal: async (id) => void (await sim.subscriptionAction(id, 'fail-renewal')),
    renew: async (id) => void (await sim.subscriptionAction(id, 'renew')),
    waitForSession: (n, timeoutMs = 5000) => sim.waitForSession(n, timeoutMs),
    eventsSent: (type) => sender.sent.filter((e) => type === undefined || e.type === type),
    close: async () => {
      await sim.close()
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}
