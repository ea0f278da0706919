import type { RoutePreloadFuncArgs } from '@solidjs/router'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { preloadDashboard } from '../tenancy/Dashboard.data.ts'
import { getAdminHome, getStaffHome, getStudentHome, getTeacherHome } from './api.ts'

export { getTenantBySlug }

/** Each role's home loader (parents' home has no data yet). */
const HOMES: Partial<Record<TenantRole, (tenantId: string) => Promise<unknown>>> = {
  student: getStudentHome,
  instructor: getTeacherHome,
  staff: getStaffHome,
  admin: getAdminHome,
  owner: getAdminHome,
}

/** Starts loading the caller's home (their role's, or the school dashboard) with the page code. */
export function preloadHome(args: RoutePreloadFuncArgs) {
  const slug = args.params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      const load = t.role ? HOMES[t.role] : undefined
      if (load) void load(t.id).catch(() => {})
      else if (!t.role) preloadDashboard(args)
    }),
  )
}
