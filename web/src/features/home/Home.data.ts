import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { preloadDashboard } from '../tenancy/Dashboard.data.ts'
import { getStudentHome } from './api.ts'

export { getStudentHome, getTenantBySlug }

/** Starts loading the caller's home (a student's own, or the school dashboard) with the page code. */
export function preloadHome(args: RoutePreloadFuncArgs) {
  const slug = args.params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (t.role === 'student') void getStudentHome(t.id).catch(() => {})
      else preloadDashboard(args)
    }),
  )
}
