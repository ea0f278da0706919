import { z } from '@hono/zod-openapi'
import * as A from '../../contract/audit.ts'
import * as R from '../../contract/routes/tenancy.ts'
import * as T from '../../contract/tenancy.ts'
import { integerFields, named, pathParams, showAs } from '../core/openapi.ts'

// The tenancy contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

export const MeSchema = named(T.MeResponse, 'Me')
export const MembershipSchema = named(T.Membership, 'Membership')
export const TenantSchema = named(T.Tenant, 'Tenant')
export const TenantListSchema = showAs(T.TenantList, z.array(TenantSchema))
named(T.CreateTenantBody, 'CreateTenant')
named(T.UpdateTenantBody, 'UpdateTenant')
export const MemberSchema = named(T.Member, 'Member')
export const MemberListSchema = showAs(T.MemberList, z.array(MemberSchema))
export const MemberPageSchema = named(T.MemberPage, 'MemberPage')
integerFields(T.MemberSearchQuery, 'limit', 'offset')
export const MemberCountsSchema = named(T.MemberCounts, 'MemberCounts')
named(T.UpdateMemberBody, 'UpdateMember')
export const InvitationSchema = named(T.Invitation, 'Invitation')
showAs(T.InvitationList, z.array(InvitationSchema))
named(T.CreatedInvitation, 'CreatedInvitation')
named(T.CreateInvitationBody, 'CreateInvitation')
named(T.AcceptInvitationBody, 'AcceptInvitation')
named(T.InvitationPreview, 'InvitationPreview')
named(T.AdminTenantsResponse, 'AdminTenants')
integerFields(T.AdminTenantsQuery, 'offset')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })

pathParams(R.TenantParams, { id: uuid('The school (tenant) id.') })
pathParams(R.MemberParams, { id: uuid('The school (tenant) id.'), userId: uuid("The member's user id.") })
pathParams(R.InvitationParams, { id: uuid('The school (tenant) id.'), invId: uuid('The invitation id.') })

named(A.AuditEntry, 'AuditEntry')
named(A.AuditPage, 'AuditPage')
integerFields(A.AuditQuery, 'before', 'limit')
named(A.MyData, 'MyData')

/** A CSV answer as the document shows it (the contract route has no JSON body). */
export const csvAnswer = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() } },
})
