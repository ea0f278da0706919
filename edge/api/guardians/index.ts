import { type ApiDeps, newRouter } from '../core/router.ts'
import { guardianInvitationRoutes } from './invitations.ts'
import { childOverviewRoutes } from './overview.ts'

/**
 * Parents: link invitations (an admin or the student invites a parent, the parent accepts) and a
 * parent's read-only view of a linked child. Admins' direct links live with the members (tenancy).
 */
export function guardiansRoutes(deps: ApiDeps) {
  return newRouter().route('/', guardianInvitationRoutes(deps)).route('/', childOverviewRoutes(deps))
}
