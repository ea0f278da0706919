import { query } from '@solidjs/router'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { api } from '../../lib/runtime.ts'

// Loaders of a school's people that only its admin pages use (members are shared: api/queries.ts).

/** Invitations of a school (owners and admins). */
export const getInvitations = query(
  (id: string) => api().get('/tenants/:id/invitations', { params: { id } }),
  'invitations',
)

/** How many members a school has, in all and per role (the dashboard's numbers, not the list). */
export const getMemberCounts = query(
  (id: string) => api().get('/tenants/:id/members/counts', { params: { id } }),
  'memberCounts',
)

/** Members one page of the members page shows. */
export const MEMBER_PAGE_SIZE = 20

/** One page (from 1) of a school's members as the members page filters them (`?q=&role=&page=`). */
export const getMemberPage = query(
  (id: string, q: string, role: TenantRole | undefined, page: number) =>
    api().get('/tenants/:id/members/search', {
      params: { id },
      query: { q, role, limit: MEMBER_PAGE_SIZE, offset: (page - 1) * MEMBER_PAGE_SIZE },
    }),
  'memberPage',
)
