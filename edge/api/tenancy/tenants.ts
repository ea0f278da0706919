import * as R from '../../contract/routes/tenancy.ts'
import type { Tenant } from '../../contract/tenancy.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, schoolNotFound } from './access.ts'
import './schemas.ts'

const tags = ['tenants']

const slugTaken = onUnique({
  tenants_slug_key: { code: 'slug_taken', message: 'That address is taken. Try another one.', field: 'slug' },
})

const create = apiRoute(R.createTenant, {
  tags,
  summary: 'Create a school; you become its owner',
  responses: { 201: 'The new school.' },
  errors: [400, 401, 409, 413],
})

const list = apiRoute(R.listTenants, {
  tags,
  summary: 'Schools you belong to, with your role',
  responses: { 200: 'Your schools.' },
  errors: [401],
})

const get = apiRoute(R.getTenant, {
  tags,
  summary: 'One school you can see',
  responses: { 200: 'The school.' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateTenant, {
  tags,
  summary: 'Rename a school, change its address or time zone, require MFA for admins (owners and admins)',
  responses: { 200: 'The updated school.' },
  errors: [400, 401, 403, 404, 409],
})

/** A school with the caller's role, as RLS lets them see it; unsent. */
const tenantQuery = (tx: Tx, id: string) => tx<Tenant[]>`
  select t.id, t.name, t.slug, t.time_zone, t.created_at, m.role, t.require_mfa_for_admins
  from public.tenants t
  left join public.memberships m on m.tenant_id = t.id and m.user_id = (select auth.uid())
  where t.id = ${id}`

/** The school of tenantQuery, after a change in the same transaction. */
async function readTenant(tx: Tx, id: string): Promise<Tenant | undefined> {
  const [row] = await tenantQuery(tx, id)
  return row
}

/** POST/GET /tenants, GET/PATCH /tenants/:id. */
export function tenantRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { name, slug } = c.req.valid('json')
      const id = crypto.randomUUID()
      const tenant = await withUser(sql, c.var.claims, async (tx) => {
        // No RETURNING: the row becomes readable only once the trigger has made us its owner.
        await tx`insert into public.tenants (id, name, slug) values (${id}, ${name}, ${slug})`
        return readTenant(tx, id)
      }).catch(slugTaken)
      return c.json(tenant as Tenant, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const [tenants] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<Tenant[]>`
          select t.id, t.name, t.slug, t.time_zone, t.created_at, m.role
          from public.tenants t join public.memberships m on m.tenant_id = t.id
          where m.user_id = (select auth.uid())
          order by lower(t.name), t.id`,
      ])
      return c.json([...tenants], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [[tenant]] = await withUserRead(sql, c.var.claims, (tx) => [tenantQuery(tx, id)])
      if (!tenant) throw schoolNotFound()
      return c.json(tenant, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const tenant = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, id)
        const changed = await tx`
          update public.tenants set
            name = coalesce(${body.name ?? null}, name),
            slug = coalesce(${body.slug ?? null}, slug),
            time_zone = coalesce(${body.time_zone ?? null}, time_zone),
            require_mfa_for_admins = coalesce(${body.require_mfa_for_admins ?? null}, require_mfa_for_admins)
          where id = ${id}
          returning id`
        if (changed.length === 0)
          throw forbidden('admins_only', 'Only owners and admins of this school can do that.')
        return readTenant(tx, id)
      }).catch(slugTaken)
      return c.json(tenant as Tenant, 200)
    })
}
