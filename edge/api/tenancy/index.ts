import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminRoutes } from './admin.ts'
import { adminConsoleRoutes } from './admin-console.ts'
import { adminPlatformRoutes } from './admin-platform.ts'
import { auditRoutes } from './audit.ts'
import { classRoutes } from './classes.ts'
import { guardianRoutes } from './guardians.ts'
import { importRoutes } from './import.ts'
import { invitationAcceptRoutes } from './invitation-accept.ts'
import { invitationRoutes } from './invitations.ts'
import { meRoutes } from './me.ts'
import { memberRoutes } from './members.ts'
import { myDataRoutes } from './my-data.ts'
import { tenantRoutes } from './tenants.ts'

/** Tenancy: the signed-in user, schools, members and roles, invitations, the platform console. */
export function tenancyRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', meRoutes(deps))
    .route('/', tenantRoutes(deps))
    .route('/', memberRoutes(deps))
    .route('/', invitationRoutes(deps))
    .route('/', invitationAcceptRoutes(deps))
    .route('/', adminRoutes(deps))
    .route('/', adminConsoleRoutes(deps))
    .route('/', adminPlatformRoutes(deps))
    .route('/', guardianRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', myDataRoutes(deps))
    .route('/', classRoutes(deps))
    .route('/', importRoutes(deps))
}
