import { query, type RoutePreloadFuncArgs } from '@solidjs/router'
import { api, runtime } from '../../lib/runtime.ts'

/** Every school on the platform matching `q` (platform super-admins only). */
export const getAdminTenants = query(
  (q: string) => api().get('/admin/tenants', { query: { q: q || undefined, limit: 100 } }),
  'adminTenants',
)

export function preloadAdmin({ location }: RoutePreloadFuncArgs) {
  const q = new URLSearchParams(location.search).get('q') ?? ''
  // Only for super-admins: everyone else sees a "no access" page without asking the API.
  void runtime()
    .supabase.auth.getSession()
    .then(({ data }) => {
      if (data.session?.user.app_metadata?.platform_role === 'superadmin') return getAdminTenants(q)
    })
    .catch(() => {})
}
