import { getMe } from '../../contract/routes/tenancy.ts'
import type { Membership } from '../../contract/tenancy.ts'
import { withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const me = apiRoute(getMe, {
  tags: ['me'],
  summary: 'The signed-in user and their schools',
  description: 'Profile (display name from `profiles`), platform role, and every membership with its role.',
  responses: { 200: 'The signed-in user.' },
  errors: [401],
})

interface ProfileRow {
  id: string
  /** Own email (private.contact_email: signed-in users cannot select profiles.email). */
  email: string | null
  display_name: string
  created_at: string
}

/** GET /me. */
export function meRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...me, middleware: auth }, async (c) => {
    const claims = c.var.claims
    const [[profile], memberships] = await withUserRead(sql, claims, (tx) => [
      tx<ProfileRow[]>`
        select p.id, private.contact_email(null, p.id) as email, p.display_name, p.created_at
        from public.profiles p where p.id = (select auth.uid())`,
      tx<Membership[]>`
        select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
        from public.memberships m join public.tenants t on t.id = m.tenant_id
        where m.user_id = (select auth.uid())
        order by lower(t.name), t.id`,
    ])
    const platformRole = claims.app_metadata?.platform_role
    const user = {
      id: claims.sub,
      email: profile?.email ?? claims.email,
      display_name: profile?.display_name ?? '',
      platform_role: typeof platformRole === 'string' ? platformRole : null,
      created_at: profile?.created_at ?? new Date(0).toISOString(),
    }
    return c.json({ user, memberships: [...memberships] }, 200)
  })
}
