// GET /v1/events as Stripe answers it: the account's events newest first, filtered by `created`
// (a timestamp or a gt/gte/lt/lte hash), `type` (with Stripe's `*` wildcard) or `types` (up to 20),
// a page of `limit` (1–100, default 10) after the `starting_after` cursor. The webhook's
// reconciliation pass reads it to find events it acknowledged and then lost.
import type { Json, State } from './model.ts'
import { invalid, noSuch, type Reader } from './params.ts'
import type { StripeEvent } from './webhooks.ts'

type Test = (created: number) => boolean

/** `created=…` or `created[gte]=…` and the like, as a test on an event's second. */
function createdTest(p: Reader): Test {
  const exact = p.hash('created') ? undefined : p.int('created', 0, 2 ** 40)
  if (exact !== undefined) return (c) => c === exact
  const h = p.hash('created')
  if (!h) return () => true
  const bound = (k: string) => h.int(k, 0, 2 ** 40)
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')]
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte)
}

/** `type` (one, `*` matching any run of characters) or `types[]` (several, exact); not both. */
function typeTest(p: Reader): (type: string) => boolean {
  const one = p.str('type', 200)
  const several = p.strings('types')
  if (one !== undefined && several.length > 0)
    throw invalid('You may only specify one of these parameters: type, types.', 'types')
  if (several.length > 20) throw invalid('Invalid array: types may have at most 20 elements.', 'types')
  if (several.length > 0) return (t) => several.includes(t)
  if (one === undefined) return () => true
  const pattern = new RegExp(`^${one.split('*').map(literal).join('.*')}$`)
  return (t) => pattern.test(t)
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The list object Stripe answers for GET /v1/events. */
export function listEvents(st: State, p: Reader): Json {
  const limit = p.int('limit', 1, 100) ?? 10
  const after = p.str('starting_after', 255)
  const created = createdTest(p)
  const typed = typeTest(p)
  const matching = st.events.filter((e) => created(e.created) && typed(e.type)).reverse()
  let from = 0
  if (after !== undefined) {
    const at = matching.findIndex((e) => e.id === after)
    if (at < 0) throw noSuch('event', after, 'starting_after')
    from = at + 1
  }
  const page = matching.slice(from, from + limit)
  return { object: 'list', url: '/v1/events', has_more: from + limit < matching.length, data: page }
}

/** GET /v1/events/:id. */
export function eventById(st: State, id: string): StripeEvent {
  const found = st.events.find((e) => e.id === id)
  if (!found) throw noSuch('event', id, 'id', 404)
  return found
}
