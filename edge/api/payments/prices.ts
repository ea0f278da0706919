import * as R from '../../contract/routes/payments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery } from '../courses/access.ts'
import { type PaymentsSetup, priceAnswer, priceAnswerIn, priceQuery } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const get = apiRoute(R.getCoursePrice, {
  tags,
  summary:
    "A course's price, how it can be paid here, and whether you already have it (members of its school)",
  description:
    '`price` is null for a free course. `methods`: `mpesa` for KES prices when M-Pesa (Daraja) is set up, ' +
    '`card` when Stripe is. `owned`: you are enrolled, or a payment of yours for it succeeded.',
  responses: { 200: 'The price, the ways to pay and whether you own the course.' },
  errors: [400, 401, 404],
})

const set = apiRoute(R.setCoursePrice, {
  tags,
  summary: 'Price a course (its managers: its instructors who edit it, school admins)',
  description:
    'Amounts are integer minor units; KES prices are whole shillings (M-Pesa takes whole shillings).',
  responses: { 200: 'The new price.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.removeCoursePrice, {
  tags,
  summary: "Remove a course's price: it becomes free to buy (its managers)",
  description: 'Whether students may then join it themselves stays as the course says (`is_free`).',
  responses: { 200: 'The course without a price.' },
  errors: [400, 401, 403, 404],
})

const managersOnly = () =>
  forbidden('course_managers_only', "Only the course's instructors and the school's admins can price it.")

/** GET/PUT/DELETE /courses/:id/price. */
export function priceRoutes({ sql, auth }: ApiDeps, setup: PaymentsSetup) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rights, price] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        priceQuery(tx, id),
      ])
      courseRightsOf(rights)
      return c.json(priceAnswerIn(price, setup), 200)
    })
    .openapi({ ...set, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { currency, amount_minor } = c.req.valid('json')
      const answer = await withUser(sql, c.var.claims, async (tx) => {
        if (!(await courseRights(tx, id)).manage) throw managersOnly()
        await tx`insert into public.course_prices (course_id, currency, amount_minor)
          values (${id}, ${currency}, ${amount_minor})
          on conflict (course_id) do update set currency = excluded.currency, amount_minor = excluded.amount_minor`
        return priceAnswer(tx, id, setup)
      })
      return c.json(answer, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const answer = await withUser(sql, c.var.claims, async (tx) => {
        if (!(await courseRights(tx, id)).manage) throw managersOnly()
        await tx`delete from public.course_prices where course_id = ${id}`
        return priceAnswer(tx, id, setup)
      })
      return c.json(answer, 200)
    })
}
