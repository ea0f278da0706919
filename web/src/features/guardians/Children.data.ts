import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getChildOverview, getChildren } from './api.ts'

export { getChildOverview, getChildren }

/** Starts loading a parent's children and the chosen one's overview (the first child without one). */
export function preloadChildren({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug)
      .then(async (tenant) => {
        if (tenant.role !== 'parent') return
        const child = params.studentId ?? (await getChildren(tenant.id))[0]?.user_id
        if (child) await getChildOverview(tenant.id, child)
      })
      .catch(() => {}),
  )
}
