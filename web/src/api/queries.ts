import { query } from '@solidjs/router'
import type { TenantRole } from '../../../edge/contract/tenancy.ts'
import { api, runtime } from '../lib/runtime.ts'
import { ApiError } from './errors.ts'

// Loaders shared by several pages; each page's <Page>.data.ts re-exports what it uses.

/** The signed-in user and their schools. */
export const getMe = query(() => api().get('/me'), 'me')

/** Schools the caller can see (all of them for a platform super-admin). */
export const getTenants = query(() => api().get('/tenants'), 'tenants')

/** One school, with the caller's role in it. */
export const getTenant = query((id: string) => api().get('/tenants/:id', { params: { id } }), 'tenant')

/** Members of a school. */
export const getMembers = query(
  (id: string) => api().get('/tenants/:id/members', { params: { id } }),
  'members',
)

/** A school the caller can open at /t/<slug>, with their role there (null: super-admin visitor). */
export interface TenantRef {
  id: string
  name: string
  slug: string
  role: TenantRole | null
}

/** The school at /t/<slug>: one of the caller's memberships, or (super-admins) any school; else 404. */
export const getTenantBySlug = query(async (slug: string): Promise<TenantRef> => {
  const me = await getMe()
  // Not in the cached list? Ask again: the school may have just been created, joined or renamed.
  const m =
    me.memberships.find((x) => x.tenant_slug === slug) ??
    (await api().get('/me')).memberships.find((x) => x.tenant_slug === slug)
  if (m) return { id: m.tenant_id, name: m.tenant_name, slug: m.tenant_slug, role: m.role }
  if (me.user.platform_role === 'superadmin') {
    const { tenants } = await api().get('/admin/tenants', { query: { q: slug } })
    const t = tenants.find((x) => x.slug === slug)
    if (t) return { id: t.id, name: t.name, slug: t.slug, role: null }
  }
  throw new ApiError({
    status: 404,
    code: 'not_found',
    message: `You are not a member of a school at “${slug}”. Check the address, or ask the school for an invitation.`,
  })
}, 'tenantBySlug')

/** Query keys that depend on who belongs where; revalidated after joining, creating or renaming. */
export const membershipKeys = [getMe.key, getTenantBySlug.key, getTenants.key]

/**
 * Runs a route's preload only for a signed-in visitor: signed out, the page sends them to sign-in
 * anyway, and asking the API first would only earn a 401.
 */
export function preloadSignedIn(load: () => unknown) {
  void runtime()
    .supabase.auth.getSession()
    .then(({ data }) => data.session && load())
    .catch(() => {})
}
