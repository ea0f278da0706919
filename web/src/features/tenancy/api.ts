import { query } from '@solidjs/router'
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
