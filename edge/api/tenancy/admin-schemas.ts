import * as A from '../../contract/admin.ts'
import * as P from '../../contract/admin-platform.ts'
import { integerFields, named } from '../core/openapi.ts'

// The console's schemas as the OpenAPI document shows them; admin-console.ts imports this module
// before building its routes (as schemas.ts does for the rest of tenancy).

named(A.AdminSchool, 'AdminSchool')
named(A.AdminSchoolsResponse, 'AdminSchools')
integerFields(A.AdminSchoolsQuery, 'limit', 'offset')
named(A.CreateSchoolBody, 'CreateSchool')
named(A.CreatedSchool, 'CreatedSchool')
named(A.SchoolStatusBody, 'SetSchoolStatus')
named(A.SchoolPlanBody, 'SetSchoolPlan')
named(A.SchoolStatus, 'SchoolStatus')
named(P.PlatformWeekly, 'PlatformWeekly')
named(P.PlatformWeek, 'PlatformWeek')
named(P.PlatformTotals, 'PlatformTotals')
integerFields(P.PlatformWeeklyQuery, 'weeks')
