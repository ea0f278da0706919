import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getAgents, getCannedReplies, getSlaSettings } from './api.ts'
import { isSupportStaff } from './support-context.ts'

export { getAgents, getCannedReplies, getSlaSettings }

/** Starts loading SLA settings, canned replies and agents with the page code (support staff). */
export function preloadSupportSettings({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      if (!isSupportStaff(t.role)) return
      void getSlaSettings(t.id).catch(() => {})
      void getCannedReplies(t.id).catch(() => {})
      void getAgents(t.id).catch(() => {})
    }),
  )
}
