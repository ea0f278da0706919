import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { isAdminRole } from '../../shell/state/TenantContext.tsx'
import { getAiSettings, getAiUsage } from './api.ts'

export { getAiSettings, getAiUsage }

/** Starts loading the providers, budget and usage with the page code (owners and admins). */
export function preloadAiSettings({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (!isAdminRole(t.role)) return
      void getAiSettings(t.id).catch(() => {})
      void getAiUsage(t.id).catch(() => {})
    }),
  )
}
