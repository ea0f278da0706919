import { query } from '@solidjs/router'
import type {
  CreateSponsorshipBody,
  SponsorshipCheckoutBody,
} from '../../../../edge/contract/sponsorships.ts'
import { api } from '../../lib/runtime.ts'

// Sponsorships' calls to the api function (edge/contract/routes/payments.ts, "sponsorships"):
// loaders (router queries) and actions. Partners and students to pick come from the members search.

/** A school's sponsorships the caller may see: all (owners, admins) or their own (a partner). */
export const getSponsorships = query(
  (tenantId: string) => api().get('/tenants/:tenantId/sponsorships', { params: { tenantId } }),
  'sponsorships',
)

/** One sponsorship; its students only for the school's admins. */
export const getSponsorship = query(
  (id: string) => api().get('/sponsorships/:id', { params: { id } }),
  'sponsorship',
)

/** How a sponsorship's students are doing, in numbers only. */
export const getSponsorshipProgress = query(
  (id: string) => api().get('/sponsorships/:id/progress', { params: { id } }),
  'sponsorshipProgress',
)

/** The school's partners, for the form (owners and admins see every member). */
export const getPartners = query(
  (tenantId: string) =>
    api().get('/tenants/:id/members/search', {
      params: { id: tenantId },
      query: { role: 'partner', limit: 100 },
    }),
  'sponsorPartners',
)

/** The school's courses, for the form. */
export const getSponsorCourses = query(
  (tenantId: string) => api().get('/tenants/:tenantId/courses', { params: { tenantId } }),
  'sponsorCourses',
)

/** A course's price (a sponsorship pays it for each seat). */
export const getSponsorCoursePrice = query(
  (courseId: string) => api().get('/courses/:id/price', { params: { id: courseId } }),
  'sponsorCoursePrice',
)

/** Students of the school whose name matches `q`, a page at a time. */
export const searchStudents = (tenantId: string, q: string, offset = 0) =>
  api().get('/tenants/:id/members/search', {
    params: { id: tenantId },
    query: { role: 'student', q: q || undefined, limit: 20, offset },
  })

/** Arranges a sponsorship (owners, admins). */
export const createSponsorship = (tenantId: string, body: CreateSponsorshipBody) =>
  api().post('/tenants/:tenantId/sponsorships', body, { params: { tenantId } })

/** The sponsor starts paying: an M-Pesa prompt, or a card checkout page. */
export const checkoutSponsorship = (id: string, body: SponsorshipCheckoutBody) =>
  api().post('/sponsorships/:id/checkout', body, { params: { id } })

/** One payment as it is now (followed while pending; never a cached one). */
export const fetchPayment = (id: string) => api().get('/payments/:id', { params: { id } })

/** The sponsor left the card checkout: the payment turns cancelled once Stripe confirms. */
export const cancelPayment = (id: string) => api().post('/payments/:id/cancel', {}, { params: { id } })
