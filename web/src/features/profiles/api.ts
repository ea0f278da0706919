import { query } from '@solidjs/router'
import type { UpdateProfileBody } from '../../../../edge/contract/profiles.ts'
import { api } from '../../lib/runtime.ts'

// Profiles' calls to the api function (edge/contract/routes/profiles.ts).

/** My profile details and who sees each field. */
export const getMyProfile = query(() => api().get('/me/profile'), 'myProfile')

/** Saves the fields sent; answers my details as now saved. */
export const saveMyProfile = (body: UpdateProfileBody) => api().patch('/me/profile', body)

/** A member's card in a school, with the fields the caller may see. */
export const getMemberProfile = query(
  (tenantId: string, userId: string) =>
    api().get('/tenants/:tenantId/profiles/:userId', { params: { tenantId, userId } }),
  'memberProfile',
)
