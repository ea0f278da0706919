import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getConversation, getConversations, type ListFilters } from './api.ts'

export { getConversation, getConversations }

/** The reviewers' list filters from the address (`?flagged=true&course=<id>`). */
export function reviewFilters(search: { flagged?: string; course?: string }): ListFilters {
  return {
    scope: 'review',
    ...(search.flagged === 'true' ? { flagged: 'true' as const } : {}),
    ...(search.course ? { course_id: search.course } : {}),
  }
}

/** Who reads their students' conversations: teachers of the course and the school's owners and admins. */
export const canReview = (role: Parameters<typeof inRoleGroup>[1]) => inRoleGroup(TEACHING_ROLES, role)

/** Starts loading the review list (with the address's filters) and the open conversation. */
export function preloadTutorReview({ params, location }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  const id = params.id
  const search = Object.fromEntries(new URLSearchParams(location.search))
  preloadSignedIn(() => {
    if (id) void getConversation(id).catch(() => {})
    return getTenantBySlug(slug).then((t) => {
      if (canReview(t.role)) void getConversations(t.id, reviewFilters(search)).catch(() => {})
    })
  })
}
