// Where a provider's hosted page sends the payer back, read from the address: the pay page's
// `?payment=<id>` (`&cancelled=1` when they left the card checkout) and the billing page's
// `?checkout=done|cancelled`. Anything else in those parameters is ignored, as if absent.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Search = Record<string, string | string[] | undefined>

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/** The card payment the payer came back from, and whether they cancelled it; undefined for none. */
export function payReturn(search: Search): { paymentId: string; cancelled: boolean } | undefined {
  const id = first(search.payment)?.trim()
  if (!id || !UUID.test(id)) return undefined
  const cancelled = first(search.cancelled)
  return { paymentId: id.toLowerCase(), cancelled: cancelled === '1' || cancelled === 'true' }
}

/** How the plan checkout ended, when the admin is back from it. */
export function checkoutReturn(search: Search): 'done' | 'cancelled' | undefined {
  const value = first(search.checkout)
  return value === 'done' || value === 'cancelled' ? value : undefined
}
