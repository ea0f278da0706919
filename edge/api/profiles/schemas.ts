import * as P from '../../contract/profiles.ts'
import * as R from '../../contract/routes/profiles.ts'
import { named, pathParams } from '../core/openapi.ts'

// The profiles contract's schemas as the OpenAPI document shows them; every routes file of the
// feature imports this module before building its routes.

named(P.MyProfile, 'MyProfile')
named(P.UpdateProfileBody, 'UpdateProfile')
named(P.MemberProfile, 'MemberProfile')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.MemberProfileParams, {
  tenantId: uuid('The school (tenant) id.'),
  userId: uuid("The member's user id."),
})
