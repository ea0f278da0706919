import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Loaders of a school's people that only its admin pages use (members are shared: api/queries.ts).

/** Invitations of a school (owners and admins). */
export const getInvitations = query(
  (id: string) => api().get('/tenants/:id/invitations', { params: { id } }),
  'invitations',
)
