import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getInvitations, getMemberPage, MEMBER_PAGE_SIZE } from './api.ts'
import { type MemberParams, readMemberFilters } from './member-filters.ts'

export { getInvitations, getMemberPage, MEMBER_PAGE_SIZE }

/** Starts loading the page of members the URL asks for and (admins) invitations with the page code. */
export function preloadMembers({ params, location }: RoutePreloadFuncArgs) {
  const { q, role, page } = readMemberFilters(location.query as MemberParams)
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMemberPage(t.id, q, role, page).catch(() => {})
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}
