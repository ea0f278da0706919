import { z } from 'zod'
import * as P from '../profiles.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Profiles: my own details with a visibility per field, and a member's card as I may see it.

export const MemberProfileParams = z.object({ tenantId: Uuid, userId: Uuid })

export const getMyProfile = route({
  method: 'get',
  path: '/me/profile',
  responses: { 200: P.MyProfile },
})

export const updateMyProfile = route({
  method: 'patch',
  path: '/me/profile',
  body: P.UpdateProfileBody,
  responses: { 200: P.MyProfile },
})

export const getMemberProfile = route({
  method: 'get',
  path: '/tenants/{tenantId}/profiles/{userId}',
  params: MemberProfileParams,
  responses: { 200: P.MemberProfile },
})
