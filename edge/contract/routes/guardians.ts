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
