import { z } from '@hono/zod-openapi'
import { ErrorBody } from '../contract/errors.ts'
import * as T from '../contract/tenancy.ts'

// The shared contract's schemas, named for the OpenAPI document (components/schemas/<Name>).

export const ErrorSchema = ErrorBody.openapi('Error')
export const HealthSchema = T.Health.openapi('Health')
export const MeSchema = T.MeResponse.openapi('Me')
export const MembershipSchema = T.Membership.openapi('Membership')
export const TenantSchema = T.Tenant.openapi('Tenant')
export const TenantListSchema = z.array(TenantSchema)
export const CreateTenantSchema = T.CreateTenantBody.openapi('CreateTenant')
export const UpdateTenantSchema = T.UpdateTenantBody.openapi('UpdateTenant')
export const MemberSchema = T.Member.openapi('Member')
export const MemberListSchema = z.array(MemberSchema)
export const UpdateMemberSchema = T.UpdateMemberBody.openapi('UpdateMember')
export const InvitationSchema = T.Invitation.openapi('Invitation')
export const InvitationListSchema = z.array(InvitationSchema)
export const CreatedInvitationSchema = T.CreatedInvitation.openapi('CreatedInvitation')
export const CreateInvitationSchema = T.CreateInvitationBody.openapi('CreateInvitation')
export const AcceptInvitationSchema = T.AcceptInvitationBody.openapi('AcceptInvitation')
export const InvitationPreviewSchema = T.InvitationPreview.openapi('InvitationPreview')
export const AdminTenantsSchema = T.AdminTenantsResponse.openapi('AdminTenants')
export const AdminTenantsQuerySchema = T.AdminTenantsQuery.extend({
  // The generator reads the coerced default as nullable; it is a plain integer.
  offset: T.AdminTenantsQuery.shape.offset.openapi({ type: 'integer' }),
})

const uuidParam = (name: string, description: string) =>
  T.Uuid.openapi({
    param: { name, in: 'path' },
    description,
    example: '10000000-0000-4000-a000-000000000001',
  })

/** Path parameters; a value that is not a UUID is a 400 naming the parameter. */
export const TenantParams = z.object({ id: uuidParam('id', 'The school (tenant) id.') })
export const MemberParams = TenantParams.extend({ userId: uuidParam('userId', "The member's user id.") })
export const InvitationParams = TenantParams.extend({ invId: uuidParam('invId', 'The invitation id.') })
