// The Stripe simulator's browser pages: stand-ins for Stripe Checkout and the customer portal.
// Plain HTML forms, no script, so they work as they are behind the stack's gateway, which
// proxies /__stripe/* here: every form posts to an absolute /__stripe/… path and every redirect
// is either such a path or a URL the app gave. Every value put into HTML goes through escapeHtml.
import {
  productName,
  type SimLineItem,
  type SimPlan,
  type SimSession,
  type SimSubscription,
} from './model.ts'

const MERCHANT = 'Kipindi'

/** Where a Checkout Session's page is, under the simulator's (or the gateway's) origin. */
export const checkoutPath = (sessionId: string) => `/__stripe/checkout/${encodeURIComponent(sessionId)}`
/** Where a portal session's page is. */
export const portalPath = (portalId: string) => `/__stripe/portal/${encodeURIComponent(portalId)}`

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Stripe's zero- and three-decimal currencies: amounts are in these units, not hundredths. */
const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '))
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '))

/** An amount in minor units as people read it, e.g. 4900 usd → "$49.00". */
export function formatMoney(amount: number, currency: string): string {
  const c = currency.toLowerCase()
  const digits = ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2
  const value = amount / 10 ** digits
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: c.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value)
  } catch {
    // A code Intl does not know: still readable.
    return `${value.toFixed(digits)} ${c.toUpperCase()}`
  }
}

/** A recurring amount as people read it, e.g. "$49.00 / month" or "$49.00 every 3 months". */
function recurringMoney(amount: number, currency: string, r: { interval: string; intervalCount: number }) {
  const every = r.intervalCount === 1 ? `/ ${r.interval}` : `every ${r.intervalCount} ${r.interval}s`
  return `${formatMoney(amount, currency)} ${every}`
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' })
const formatDate = (unixSeconds: number) => dateFormat.format(new Date(unixSeconds * 1000))

/** Only an http(s) origin made of host characters goes into the CSP (a URL's host may hold `;`). */
function cspOrigin(url: string | null): string | null {
  if (!url) return null
  try {
    const origin = new URL(url).origin
    return /^https?:\/\/[a-z0-9.:[\]-]+$/i.test(origin) ? origin : null
  } catch {
    return null
  }
}

/**
 * Headers of every page: no caching, no framing, no script. `redirectTargets` are the URLs a form
 * may end up at through a redirect: browsers apply form-action to a form's redirects too, so the
 * success and cancel URLs' origins must be allowed besides 'self'.
 */
export function pageHeaders(redirectTargets: (string | null)[] = []): Record<string, string> {
  const origins = [...new Set(redirectTargets.map(cspOrigin).filter((o) => o !== null))]
  const formAction = ["'self'", ...origins].join(' ')
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  }
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
header{background:#fff4d6;border-bottom:1px solid #e8c36a;padding:.6rem 1rem;text-align:center}
header p{margin:0}
main{max-width:32rem;margin:1.5rem auto;padding:1.25rem;background:#fff;border:1px solid #d8dee4;border-radius:.5rem}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
ul{list-style:none;padding:0;margin:0}
li,.total{display:flex;justify-content:space-between;gap:1rem;padding:.4rem 0}
.total{border-top:1px solid #d8dee4;font-weight:600}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dt{color:#4f566b}
dd{margin:0;font-weight:600}
form{margin:.5rem 0}
button{width:100%;min-height:2.75rem;font:inherit;border-radius:.375rem;border:1px solid #8792a2;background:#fff;color:#1a1f36;cursor:pointer}
button.primary{background:#4b3fd1;border-color:#4b3fd1;color:#fff;font-weight:600}
button.danger{border-color:#b3261e;color:#b3261e}
button:focus-visible,a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
a{color:#3c2fc0}
.alert{background:#fdecea;border:1px solid #b3261e;color:#8c1d18;padding:.6rem .8rem;border-radius:.375rem}
.notice{background:#e7f5ec;border:1px solid #1e7b45;color:#14532d;padding:.6rem .8rem;border-radius:.375rem}
.hint{color:#4f566b;font-size:.9rem;margin:.25rem 0 1rem}
`

function layout(title: string, banner: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><p><strong>${escapeHtml(banner)}</strong></p></header>
<main>
${body}
</main>
</body>
</html>
`
}

const CHECKOUT_BANNER = 'Test checkout — no real money moves'
const PORTAL_BANNER = 'Test billing portal — no real money moves'
const TEST_BANNER = 'Stripe test mode — no real money moves'

const postButton = (action: string, label: string, className = '') =>
  `<form method="post" action="${escapeHtml(action)}"><button type="submit"${className ? ` class="${className}"` : ''}>${escapeHtml(label)}</button></form>`

function itemPrice(item: SimLineItem): string {
  const total = item.unitAmount * item.quantity
  return item.recurring
    ? recurringMoney(total, item.currency, item.recurring)
    : formatMoney(total, item.currency)
}

function itemRow(item: SimLineItem): string {
  const label = item.quantity === 1 ? item.name : `${item.name} × ${item.quantity}`
  return `<li><span>${escapeHtml(label)}</span><span>${escapeHtml(itemPrice(item))}</span></li>`
}

/** The open session's checkout: the order, and Pay / Decline / Cancel. `declined` shows the card's refusal. */
export function checkoutPage(s: SimSession, opts: { declined?: boolean } = {}): string {
  const base = checkoutPath(s.id)
  const first = s.items[0]
  const total = s.items.length === 1 && first ? itemPrice(first) : formatMoney(s.amountTotal, s.currency)
  const body = `<h1>Checkout</h1>
<section aria-labelledby="order">
<h2 id="order">Your order</h2>
<ul>
${s.items.map(itemRow).join('\n')}
</ul>
<p class="total"><span>Total</span><span>${escapeHtml(total)}</span></p>
</section>
${opts.declined ? '<p class="alert" role="alert">Your card was declined.</p>' : ''}
<section aria-labelledby="pay">
<h2 id="pay">Pay</h2>
<p class="hint">Test card 4242 4242 4242 4242 — nothing is charged.</p>
${postButton(`${base}/pay`, 'Pay with test card', 'primary')}
${postButton(`${base}/decline`, 'Decline card')}
${s.cancelUrl ? postButton(`${base}/cancel`, 'Cancel and go back') : ''}
</section>`
  return layout(`Checkout — ${first?.name ?? MERCHANT}`, CHECKOUT_BANNER, body)
}

/** A completed or expired session's page: what happened, and the way back. */
export function closedCheckoutPage(s: SimSession, backUrl: string | null): string {
  const done = s.status === 'complete'
  const title = done ? 'This checkout is complete' : 'This checkout has expired'
  const text = done
    ? 'The payment went through. You can go back now.'
    : 'It was not completed in time. Go back to start again.'
  const link = backUrl ? `<p><a href="${escapeHtml(backUrl)}">Return to ${MERCHANT}</a></p>` : ''
  return layout(title, CHECKOUT_BANNER, `<h1>${title}</h1>\n<p>${text}</p>\n${link}`)
}

/** A page with a heading, a sentence and an optional link back (unknown links, refusals). */
export function messagePage(title: string, text: string, back?: { href: string; label: string }): string {
  const link = back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>` : ''
  return layout(title, TEST_BANNER, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>\n${link}`)
}

const STATUS_NAMES: Record<SimSubscription['status'], string> = {
  active: 'Active',
  past_due: 'Past due — the last renewal failed',
  canceled: 'Canceled',
}

/** What the portal says after each action (the redirect's `done` query). */
export const PORTAL_NOTICES: Record<string, string> = {
  plan: 'Your plan was changed.',
  cancel: 'Your subscription was canceled.',
  'fail-renewal': 'The renewal payment failed (simulated).',
  renew: 'The renewal was paid (simulated).',
}

export interface PortalView {
  portalId: string
  subscription: SimSubscription | null
  plans: Record<string, SimPlan>
  returnUrl: string | null
  notice?: string
}

function subscriptionFacts(sub: SimSubscription, plans: Record<string, SimPlan>): string {
  const planName = productName(plans, sub.metadata.plan, sub)
  const price = recurringMoney(sub.price.unitAmount * sub.quantity, sub.price.currency, sub.price)
  const end = sub.status === 'canceled' ? 'Ended' : sub.cancelAtPeriodEnd ? 'Ends on' : 'Renews on'
  const endAt = sub.status === 'canceled' ? (sub.canceledAt ?? sub.periodEnd) : sub.periodEnd
  return `<dl>
<dt>Plan</dt><dd>${escapeHtml(planName)}</dd>
<dt>Price</dt><dd>${escapeHtml(price)}</dd>
<dt>Status</dt><dd>${escapeHtml(STATUS_NAMES[sub.status])}</dd>
<dt>${end}</dt><dd>${escapeHtml(formatDate(endAt))}</dd>
</dl>`
}

function subscriptionActions(base: string, sub: SimSubscription, plans: Record<string, SimPlan>): string {
  if (sub.status === 'canceled') return ''
  const others = Object.entries(plans).filter(([id]) => id !== sub.metadata.plan)
  const switches = others.map(([id, p]) =>
    postButton(
      `${base}/plan/${encodeURIComponent(id)}`,
      `Switch to ${p.name} — ${recurringMoney(p.unit_amount, p.currency, sub.price)}`,
    ),
  )
  return `<section aria-labelledby="change">
<h2 id="change">Change plan</h2>
${switches.join('\n')}
</section>
<section aria-labelledby="cancel">
<h2 id="cancel">Cancel</h2>
${postButton(`${base}/cancel`, 'Cancel subscription', 'danger')}
</section>
<section aria-labelledby="renewals">
<h2 id="renewals">Test renewals</h2>
<p class="hint">Act as if the next renewal came now.</p>
${postButton(`${base}/fail-renewal`, 'Simulate a failed renewal')}
${postButton(`${base}/renew`, 'Simulate a paid renewal')}
</section>`
}

/** The customer portal: the subscription, plan switches, cancel, simulated renewals, the way back. */
export function portalPage(v: PortalView): string {
  const base = portalPath(v.portalId)
  const notice = v.notice ? `<p class="notice" role="status">${escapeHtml(v.notice)}</p>` : ''
  const sub = v.subscription
  const content = sub
    ? `${subscriptionFacts(sub, v.plans)}\n${subscriptionActions(base, sub, v.plans)}`
    : '<p>There is no subscription for this customer yet.</p>'
  const back = v.returnUrl ? `<p><a href="${escapeHtml(v.returnUrl)}">Return to ${MERCHANT}</a></p>` : ''
  return layout(
    'Your subscription',
    PORTAL_BANNER,
    `<h1>Your subscription</h1>\n${notice}\n${content}\n${back}`,
  )
}
