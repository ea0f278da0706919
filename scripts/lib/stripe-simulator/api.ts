// The /v1 API the SDK calls: Stripe's authentication and idempotency keys in front of a table of
// routes, each reading its parameters and answering the object as Stripe would; the events a call
// causes are sent after its answer.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createCustomer,
  createPortal,
  createRefund,
  createSession,
  customerParams,
  expireSession,
} from './checkout.ts'
import { eventById, listEvents } from './events.ts'
import { readBody, safeDecode, sendJson, unrecognised } from './http.ts'
import { type Json, type State, StateError } from './model.ts'
import {
  chargeObject,
  customerObject,
  paymentIntentObject,
  portalObject,
  refundObject,
  sessionObject,
  subscriptionObject,
} from './objects.ts'
import { invalid, noSuch, parseForm, Reader, StripeApiError } from './params.ts'
import type { Simulator } from './simulator.ts'
import { cancelSubscription, updateSubscription } from './subscriptions.ts'
import type { StripeEvent } from './webhooks.ts'

/** Stripe's 401, unless the Authorization header carries `key` (Bearer, or Basic with the key as user). */
function authError(header: string | undefined, key: string): StripeApiError | null {
  const bearer = /^Bearer (.+)$/i.exec(header ?? '')?.[1]
  const basic = /^Basic (.+)$/i.exec(header ?? '')?.[1]
  const given = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined)
  if (!given) {
    return new StripeApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      undefined,
      undefined,
      'authentication_error',
    )
  }
  if (given === key) return null
  const masked = `${given.slice(0, 8)}${'*'.repeat(4)}${given.slice(-4)}`
  return new StripeApiError(
    401,
    `Invalid API Key provided: ${masked}`,
    'api_key_invalid',
    undefined,
    'authentication_error',
  )
}

interface ApiAnswer {
  body: Json
  events?: StripeEvent[]
}
type ApiHandler = (st: State, id: string, p: Reader) => ApiAnswer

function found<T>(items: T[], match: (x: T) => boolean, kind: string, id: string): T {
  const item = items.find(match)
  if (!item) throw noSuch(kind, id, 'id', 404)
  return item
}
const sessionById = (st: State, id: string) => found(st.sessions, (s) => s.id === id, 'checkout.session', id)
const subscriptionById = (st: State, id: string) =>
  found(st.subscriptions, (s) => s.id === id, 'subscription', id)

/** A state error from the API: Stripe's 400 for an action the object's state forbids. */
function asApi<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof StateError) throw invalid(error.message, undefined, 'resource_state_invalid')
    throw error
  }
}

/** The API's routes, by `METHOD /path` with `:id` for the object's id. */
const API: Record<string, ApiHandler> = {
  'POST /v1/customers': (st, _id, p) => ({ body: customerObject(createCustomer(st, customerParams(p))) }),
  'GET /v1/customers/:id': (st, id) => ({
    body: customerObject(found(st.customers, (c) => c.id === id, 'customer', id)),
  }),
  'POST /v1/checkout/sessions': (st, _id, p) => ({ body: sessionObject(st, createSession(st, p)) }),
  'GET /v1/checkout/sessions/:id': (st, id) => ({ body: sessionObject(st, sessionById(st, id)) }),
  'POST /v1/checkout/sessions/:id/expire': (st, id) => {
    const s = sessionById(st, id)
    return { events: asApi(() => expireSession(st, s)), body: sessionObject(st, s) }
  },
  'POST /v1/billing_portal/sessions': (st, _id, p) => ({ body: portalObject(st, createPortal(st, p)) }),
  'POST /v1/refunds': (st, _id, p) => {
    const { refund, events } = createRefund(st, p)
    return { body: refundObject(refund), events }
  },
  'GET /v1/refunds/:id': (st, id) => ({
    body: refundObject(found(st.refunds, (r) => r.id === id, 'refund', id)),
  }),
  'GET /v1/payment_intents/:id': (st, id) => ({
    body: paymentIntentObject(found(st.payments, (x) => x.intentId === id, 'payment_intent', id)),
  }),
  'GET /v1/charges/:id': (st, id) => ({
    body: chargeObject(
      st,
      found(st.payments, (x) => x.chargeId === id, 'charge', id),
    ),
  }),
  'GET /v1/events': (st, _id, p) => ({ body: listEvents(st, p) }),
  'GET /v1/events/:id': (st, id) => ({ body: eventById(st, id) as unknown as Json }),
  'GET /v1/subscriptions/:id': (st, id) => ({ body: subscriptionObject(subscriptionById(st, id)) }),
  'POST /v1/subscriptions/:id': (st, id, p) => {
    const sub = subscriptionById(st, id)
    return { events: updateSubscription(st, sub, p), body: subscriptionObject(sub) }
  },
  'DELETE /v1/subscriptions/:id': (st, id) => {
    const sub = subscriptionById(st, id)
    return { events: asApi(() => cancelSubscription(sub)), body: subscriptionObject(sub) }
  },
}

const ROUTES = Object.entries(API).map(([route, handler]) => {
  const [method, path] = route.split(' ') as [string, string]
  return { method, path: new RegExp(`^${path.replace(':id', '([^/]+)')}$`), handler }
})

/** The route for a request and the id in its path. */
function apiRoute(method: string, pathname: string) {
  for (const r of ROUTES) {
    const m = r.method === method ? r.path.exec(pathname) : null
    if (m) return { handler: r.handler, id: safeDecode(m[1] ?? '') }
  }
  throw unrecognised(method, pathname)
}

/** Stripe's idempotency: a POST with a used key answers what the first answered, if the body is the same. */
class IdempotencyCache {
  static readonly MAX_KEYS = 10_000
  private readonly answers = new Map<string, { fingerprint: string; status: number; body: Json }>()

  replay(key: string | undefined, fingerprint: string): { status: number; body: Json } | null {
    const hit = key ? this.answers.get(key) : undefined
    if (!hit) return null
    if (hit.fingerprint !== fingerprint) {
      throw new StripeApiError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        undefined,
        undefined,
        'idempotency_error',
      )
    }
    return hit
  }

  remember(key: string | undefined, fingerprint: string, status: number, body: Json): void {
    if (!key) return
    this.answers.set(key, { fingerprint, status, body })
    // The SDK keys every POST: a long-running stack forgets the oldest (Stripe forgets after 24 h).
    if (this.answers.size > IdempotencyCache.MAX_KEYS)
      this.answers.delete(this.answers.keys().next().value as string)
  }
}

/** The API's request handler for `sim`, with its own idempotency keys. */
export function apiHandler(sim: Simulator, secretKey: string) {
  const idempotency = new IdempotencyCache()
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const auth = authError(req.headers.authorization, secretKey)
    if (auth) throw auth
    const method = req.method ?? 'GET'
    const raw = await readBody(req)
    const params = new Reader(parseForm(method === 'POST' ? raw : url.search.slice(1)))
    const { handler, id } = apiRoute(method, url.pathname)
    const header = req.headers['idempotency-key']
    const key = method === 'POST' && typeof header === 'string' ? header : undefined
    const fingerprint = `${method} ${url.pathname} ${raw}`
    const replay = idempotency.replay(key, fingerprint)
    if (replay) return sendJson(res, replay.status, replay.body, { 'idempotent-replayed': 'true' })
    const sessionsBefore = sim.st.sessions.length
    const answer = handler(sim.st, id, params)
    idempotency.remember(key, fingerprint, 200, answer.body)
    sendJson(res, 200, answer.body)
    sim.opened(sessionsBefore)
    // After the answer, as Stripe does: the caller never waits for its webhook.
    if (answer.events?.length) void sim.sender.send(answer.events)
  }
}
