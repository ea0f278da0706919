import type { RoutePreloadFuncArgs } from '@solidjs/router'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { getTenantBySlug } from '../../api/queries.ts'
import { runtime } from '../../lib/runtime.ts'
import { preloadDashboard } from '../tenancy/Dashboard.data.ts'
import { getAdminHome, getStaffHome, getStudentHome, getTeacherHome } from './api.ts'
import { guessHome, rememberHome } from './home-guess.ts'

export { getTenantBySlug }

/** Each role's home loader (parents' home has no data yet). */
const HOMES: Partial<Record<TenantRole, (tenantId: string) => Promise<unknown>>> = {
  student: getStudentHome,
  instructor: getTeacherHome,
  staff: getStaffHome,
  admin: getAdminHome,
  owner: getAdminHome,
}

const loadHome = (id: string, role: TenantRole | null) => {
  const load = role ? HOMES[role] : undefined
  if (load) void load(id).catch(() => {})
  return !!load
}

/**
 * Starts loading the caller's home (their role's, or the school dashboard) with the page code: at
 * once for the school and role this device saw last time (home-guess.ts), and after /me otherwise
 * (or when /me says something else).
 */
export function preloadHome(args: RoutePreloadFuncArgs) {
  const slug = args.params.slug ?? ''
  void runtime()
    .supabase.auth.getSession()
    .then(({ data }) => {
      const userId = data.session?.user.id
      if (!userId) return // signed out: the page sends them to sign-in
      const guess = guessHome(() => localStorage, userId, slug)
      if (guess) loadHome(guess.id, guess.role)
      return getTenantBySlug(slug).then((t) => {
        rememberHome(() => localStorage, { userId, slug, id: t.id, role: t.role })
        if (guess?.id === t.id && guess.role === t.role) return
        if (!loadHome(t.id, t.role) && !t.role) preloadDashboard(args)
      })
    })
    .catch(() => {})
}
