import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getMemberProfile } from './api.ts'

export { getMemberProfile }

/** Starts loading the member's card with the page code. */
export function preloadMemberProfile({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  const userId = params.userId ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => void getMemberProfile(t.id, userId).catch(() => {})),
  )
}
