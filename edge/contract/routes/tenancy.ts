import { z } from 'zod'
import * as T from '../tenancy.ts'
import { route } from './route.ts'

// Schools (tenants), members, invitations and the platform admin's list.

/** Path parameters; a value that is not a UUID is a 400 naming the parameter. */
export const TenantParams = z.object({ id: T.Uuid })
export const MemberParams = TenantParams.extend({ userId: T.Uuid })
export const InvitationParams = TenantParams.extend({ invId: T.Uuid })

export const getMe = route({ method: 'get', path: '/me', responses: { 200: T.MeResponse } })

export const createTenant = route({
  method: 'post',
  path: '/tenants',
  body: T.CreateTenantBody,
  responses: { 201: T.Tenant },
})

export const listTenants = route({ method: 'get', path: '/tenants', responses: { 200: T.TenantList } })

export const getTenant = route({
  method: 'get',
  path: '/tenants/{id}',
  params: TenantParams,
  responses: { 200: T.Tenant },
})

export const updateTenant = route({
  method: 'patch',
  path: '/tenants/{id}',
  params: TenantParams,
  body: T.UpdateTenantBody,
  responses: { 200: T.Tenant },
})

export const listMembers = route({
  method: 'get',
  path: '/tenants/{id}/members',
  params: TenantParams,
  responses: { 200: T.MemberList },
})

export const searchMembers = route({
  method: 'get',
  path: '/tenants/{id}/members/search',
  params: TenantParams,
  query: T.MemberSearchQuery,
  responses: { 200: T.MemberPage },
})

export const countMembers = route({
  method: 'get',
  path: '/tenants/{id}/members/counts',
  params: TenantParams,
  responses: { 200: T.MemberCounts },
})

export const updateMember = route({
  method: 'patch',
  path: '/tenants/{id}/members/{userId}',
  params: MemberParams,
  body: T.UpdateMemberBody,
  responses: { 200: T.Member },
})

export const removeMember = route({
  method: 'delete',
  path: '/tenants/{id}/members/{userId}',
  params: MemberParams,
  responses: { 204: null },
})

export const createInvitation = route({
  method: 'post',
  path: '/tenants/{id}/invitations',
  params: TenantParams,
  body: T.CreateInvitationBody,
  responses: { 201: T.CreatedInvitation },
})

export const listInvitations = route({
  method: 'get',
  path: '/tenants/{id}/invitations',
  params: TenantParams,
  responses: { 200: T.InvitationList },
})

export const revokeInvitation = route({
  method: 'delete',
  path: '/tenants/{id}/invitations/{invId}',
  params: InvitationParams,
  responses: { 204: null },
})

export const acceptInvitation = route({
  method: 'post',
  path: '/invitations/accept',
  body: T.AcceptInvitationBody,
  responses: { 200: T.AcceptInvitationResponse },
})

export const previewInvitation = route({
  method: 'get',
  path: '/invitations/preview',
  query: T.InvitationPreviewQuery,
  responses: { 200: T.InvitationPreview },
})

export const listAllTenants = route({
  method: 'get',
  path: '/admin/tenants',
  query: T.AdminTenantsQuery,
  responses: { 200: T.AdminTenantsResponse },
})
