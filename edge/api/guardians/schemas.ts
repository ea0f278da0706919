import * as G from '../../contract/guardians.ts'
import * as R from '../../contract/routes/guardians.ts'
import { named, pathParams } from '../core/openapi.ts'

// Names and parameter descriptions of the guardians feature's schemas in the OpenAPI document.

named(G.CreateGuardianInvitationBody, 'CreateGuardianInvitation')
named(G.GuardianInvitation, 'GuardianInvitation')
named(G.GuardianInvitationList, 'GuardianInvitationList')
named(G.CreatedGuardianInvitation, 'CreatedGuardianInvitation')
named(G.GuardianInvitationPreview, 'GuardianInvitationPreview')
named(G.AcceptedGuardianInvitation, 'AcceptedGuardianInvitation')
named(G.ChildOverview, 'ChildOverview')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.GuardianInvitationParams, {
  tenantId: uuid('The school (tenant) id.'),
  invitationId: uuid('The guardian invitation id.'),
})
pathParams(R.ChildParams, {
  tenantId: uuid('The school (tenant) id.'),
  studentId: uuid("The child's user id."),
})
