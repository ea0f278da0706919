import { z } from 'zod'
import * as G from '../guardians.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Parent–child links: a parent's children, and the links admins make and remove.

export const GuardianTenantParams = z.object({ tenantId: Uuid })
export const GuardianLinkParams = GuardianTenantParams.extend({ parentId: Uuid, studentId: Uuid })

export const listChildren = route({
  method: 'get',
  path: '/tenants/{tenantId}/children',
  params: GuardianTenantParams,
  responses: { 200: G.ChildList },
})

export const listGuardianLinks = route({
  method: 'get',
  path: '/tenants/{tenantId}/guardian-links',
  params: GuardianTenantParams,
  query: G.GuardianLinkQuery,
  responses: { 200: G.GuardianLinkList },
})

export const createGuardianLink = route({
  method: 'post',
  path: '/tenants/{tenantId}/guardian-links',
  params: GuardianTenantParams,
  body: G.CreateGuardianLinkBody,
  responses: { 201: G.GuardianLink },
})

export const removeGuardianLink = route({
  method: 'delete',
  path: '/tenants/{tenantId}/guardian-links/{parentId}/{studentId}',
  params: GuardianLinkParams,
  responses: { 204: null },
})

// Link invitations and a parent's view of a child.

export const GuardianInvitationParams = GuardianTenantParams.extend({ invitationId: Uuid })
export const ChildParams = GuardianTenantParams.extend({ studentId: Uuid })

export const createGuardianInvitation = route({
  method: 'post',
  path: '/tenants/{tenantId}/guardian-invitations',
  params: GuardianTenantParams,
  body: G.CreateGuardianInvitationBody,
  responses: { 201: G.CreatedGuardianInvitation },
})

export const listGuardianInvitations = route({
  method: 'get',
  path: '/tenants/{tenantId}/guardian-invitations',
  params: GuardianTenantParams,
  query: G.GuardianInvitationQuery,
  responses: { 200: G.GuardianInvitationList },
})

export const revokeGuardianInvitation = route({
  method: 'delete',
  path: '/tenants/{tenantId}/guardian-invitations/{invitationId}',
  params: GuardianInvitationParams,
  responses: { 204: null },
})

export const previewGuardianInvitation = route({
  method: 'get',
  path: '/guardian-invitations/preview',
  query: G.GuardianInvitationToken,
  responses: { 200: G.GuardianInvitationPreview },
})

export const acceptGuardianInvitation = route({
  method: 'post',
  path: '/guardian-invitations/accept',
  body: G.GuardianInvitationToken,
  responses: { 200: G.AcceptedGuardianInvitation },
})

export const childOverview = route({
  method: 'get',
  path: '/tenants/{tenantId}/children/{studentId}',
  params: ChildParams,
  responses: { 200: G.ChildOverview },
})
