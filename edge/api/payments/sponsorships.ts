import * as R from '../../contract/routes/payments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { unprocessable } from '../../lib/errors.ts'
import { apiRoute, ErrorSchema, jsonResponse } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { cardCheckout, mpesaCheckout, unavailable } from './provider-checkout.ts'
import type { PaymentsSetup } from './queries.ts'
import {
  listSponsorshipsQuery,
  progressIn,
  progressQuery,
  readSponsorship,
  readSponsorshipDetail,
  sponsorshipDetailIn,
  sponsorshipDetailQueries,
  sponsorshipsIn,
  startSponsorshipPayment,
} from './sponsorship-queries.ts'
import './schemas.ts'

const tags = ['sponsorships']

const list = apiRoute(R.listSponsorships, {
  tags,
  summary: "A school's sponsorships: all of them (owners, admins), or yours (a partner)",
  description:
    'Newest first, at most 500. `amount_minor` is the payment\u2019s while it is pending or paid, else the ' +
    'course\u2019s price now \u00d7 the seats. Other members get an empty list.',
  responses: { 200: 'The sponsorships.' },
  errors: [400, 401, 404],
})

const create = apiRoute(R.createSponsorship, {
  tags,
  summary:
    'Arrange a sponsorship: a partner of the school pays for seats in a priced course (owners, admins)',
  description:
    'The sponsor must be a member with the role `partner` (422 `sponsor_not_partner`); the course one of the ' +
    'school\u2019s with a price (404 `course_not_found`, 409 `course_free`); the students 1 to 1000 students of ' +
    'the school (duplicates ignored; 422 `sponsored_not_students`, 422 `sponsored_already_enrolled` with ' +
    '`details.count`). It is `pending` until the sponsor pays (POST /sponsorships/{id}/checkout).',
  responses: { 201: 'The sponsorship, with its students.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const get = apiRoute(R.getSponsorship, {
  tags,
  summary: 'One sponsorship (its sponsor; the school\u2019s owners and admins)',
  description:
    '`students` (who, and whether each is enrolled) only for the school\u2019s owners and admins; null for ' +
    'the sponsor, who sees how the students do in numbers only (GET /sponsorships/{id}/progress).',
  responses: { 200: 'The sponsorship and how it can be paid here.' },
  errors: [400, 401, 404],
})

const checkout = apiRoute(R.checkoutSponsorship, {
  tags,
  summary: 'Pay for a sponsorship: an M-Pesa prompt on the phone, or a card checkout (the sponsor)',
  description:
    'The amount is the course\u2019s price now \u00d7 the seats, never the client\u2019s. As the course checkout: ' +
    '`mpesa` (KES prices only) answers a pending payment to follow with GET /payments/{id}; `card` the Stripe ' +
    'Checkout page, which sends the sponsor back to /t/<school>/sponsorships/<id>?payment=<id>. A paid ' +
    'sponsorship enrols its students. 403 `sponsors_only` for anyone but the sponsor; 409 `sponsorship_paid`, ' +
    '`sponsorship_cancelled`, `course_free`.',
  responses: {
    201: 'The pending payment and what to show: `customer_message` (M-Pesa) or `checkout_url` (card).',
  },
  errors: [400, 401, 403, 404, 409, 422, 503],
  more: {
    502: jsonResponse(
      ErrorSchema,
      'M-Pesa or Stripe refused or could not be reached: the payment is failed (`details.payment_id`).',
    ),
  },
})

const progress = apiRoute(R.getSponsorshipProgress, {
  tags,
  summary:
    'How a sponsorship\u2019s students do, in numbers only (the sponsor; the school\u2019s owners and admins)',
  description:
    'Seats, students enrolled, published lessons, how many started, lessons done on average, how many ' +
    'finished, and how many are at 0%, 1\u201349%, 50\u201399% and 100% of the lessons; never names or ids. ' +
    'For the sponsor, the figures of fewer than `min_group` (5) enrolled students are withheld ' +
    '(`suppressed`, figures null): a number about one or two children is a fact about them.',
  responses: { 200: 'The figures.' },
  errors: [400, 401, 404],
})

/** Where Stripe sends the sponsor back: the sponsorship's page, following this payment. */
export function sponsorshipReturnUrls(
  siteUrl: string,
  slug: string,
  sponsorshipId: string,
  paymentId: string,
) {
  const page = `${siteUrl}/t/${slug}/sponsorships/${sponsorshipId}?payment=${paymentId}`
  return { successUrl: page, cancelUrl: `${page}&cancelled=1` }
}

/** GET/POST /tenants/:tenantId/sponsorships, GET /sponsorships/:id (+ /progress), POST /sponsorships/:id/checkout. */
export function sponsorshipRoutes(deps: ApiDeps, setup: PaymentsSetup) {
  const { sql, auth } = deps
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        listSponsorshipsQuery(tx, tenantId),
      ])
      tenantRoleIn(role)
      return c.json(sponsorshipsIn(rows), 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const [row] = await tx<{ id: string }[]>`
          select public.create_sponsorship(${tenantId}, ${body.sponsor_id}, ${body.organisation},
            ${body.course_id}, ${body.student_ids}::uuid[]) as id`
        return readSponsorshipDetail(tx, row?.id as string, setup)
      })
      return c.json(detail, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const answers = await withUserRead(sql, c.var.claims, (tx) => sponsorshipDetailQueries(tx, id))
      return c.json(sponsorshipDetailIn(answers, setup), 200)
    })
    .openapi({ ...checkout, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const claims = c.var.claims
      // 404 before anything else for whoever may not see it; the function refuses the rest.
      const s = await withUser(sql, claims, (tx) => readSponsorship(tx, id))
      if (body.method === 'card') {
        const answer = await cardCheckout(deps, setup, {
          claims,
          start: (tx) => startSponsorshipPayment(tx, id, 'stripe'),
          returnUrls: (p) => sponsorshipReturnUrls(deps.siteUrl, p.slug, id, p.id),
        })
        return c.json(answer, 201)
      }
      if (!setup.daraja) throw unavailable('M-Pesa payments are not available here.')
      if (s.currency && s.currency !== 'KES')
        throw unprocessable('payments_unavailable', 'M-Pesa takes prices in Kenyan shillings only.')
      const answer = await mpesaCheckout(deps, setup, {
        claims,
        phone: body.phone,
        description: 'Sponsorship',
        start: async (tx, hash) => {
          const p = await startSponsorshipPayment(tx, id, 'mpesa', hash)
          return { id: p.id, amountMinor: p.amount_minor }
        },
      })
      return c.json(answer, 201)
    })
    .openapi({ ...progress, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [progressQuery(tx, id)])
      return c.json(progressIn(rows), 200)
    })
}
