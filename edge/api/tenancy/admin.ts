import { listAllTenants } from '../../contract/routes/tenancy.ts'
import type { AdminTenant } from '../../contract/tenancy.ts'
import { type Tx, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const tenants = apiRoute(listAllTenants, {
  tags: ['platform admin'],
  summary: 'All schools with member counts and owners (platform super-admins)',
  description: '`q` matches anywhere in the name or address, ignoring case. Newest first.',
  responses: { 200: 'A page of schools and the total that match.' },
  errors: [400, 401, 403],
})

/** Schools whose name or address contains `needle` (every school when null). */
const matching = (tx: Tx, needle: string | null) => tx`(${needle}::text is null
  or strpos(lower(t.name), ${needle}::text) > 0 or strpos(t.slug, ${needle}::text) > 0)`

/** GET /admin/tenants. */
export function adminRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...tenants, middleware: auth }, async (c) => {
    const claims = c.var.claims
    // Checked here for a clear 403; RLS enforces it again (only super-admins see other schools).
    if (claims.app_metadata?.platform_role !== 'superadmin') {
      throw forbidden('superadmins_only', 'Only platform super-admins can list all schools.')
    }
    const { q, limit, offset } = c.req.valid('query')
    const needle = q ? q.toLowerCase() : null
    const [rows, [{ total }]] = await withUserRead(sql, claims, (tx) => [
      tx<AdminTenant[]>`
        select t.id, t.name, t.slug, t.time_zone, t.created_at,
          (select count(*)::int from public.memberships m where m.tenant_id = t.id) as member_count,
          array(select o.email from (
                  select private.contact_email(m.tenant_id, m.user_id) as email from public.memberships m
                  where m.tenant_id = t.id and m.role = 'owner') o
                where o.email is not null order by o.email) as owner_emails
        from public.tenants t
        where ${matching(tx, needle)}
        order by t.created_at desc, t.id
        limit ${limit} offset ${offset}`,
      tx<
        { total: number }[]
      >`select count(*)::int as total from public.tenants t where ${matching(tx, needle)}`,
    ])
    const result = { tenants: [...rows], total }
    return c.json(result, 200)
  })
}
