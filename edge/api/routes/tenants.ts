import { createRoute } from '@hono/zod-openapi'
import type { Tenant } from '../../contract/tenancy.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { onUnique, requireAdmin, tenantRole } from '../access.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import {
  CreateTenantSchema,
  TenantListSchema,
  TenantParams,
  TenantSchema,
  UpdateTenantSchema,
} from '../schemas.ts'

const slugTaken = onUnique({
  tenants_slug_key: { message: 'That address is taken. Try another one.', field: 'slug' },
})

const create = createRoute({
  method: 'post',
  path: '/tenants',
  tags: ['tenants'],
  summary: 'Create a school; you become its owner',
  security: bearer,
  request: { body: jsonBody(CreateTenantSchema) },
  responses: { 201: jsonResponse(TenantSchema, 'The new school.'), ...errorResponses(400, 401, 409, 413) },
})

const list = createRoute({
  method: 'get',
  path: '/tenants',
  tags: ['tenants'],
  summary: 'Schools you belong to, with your role',
  security: bearer,
  responses: { 200: jsonResponse(TenantListSchema, 'Your schools.'), ...errorResponses(401) },
})

const get = createRoute({
  method: 'get',
  path: '/tenants/{id}',
  tags: ['tenants'],
  summary: 'One school you can see',
  security: bearer,
  request: { params: TenantParams },
  responses: { 200: jsonResponse(TenantSchema, 'The school.'), ...errorResponses(400, 401, 404) },
})

const update = createRoute({
  method: 'patch',
  path: '/tenants/{id}',
  tags: ['tenants'],
  summary: 'Rename a school, change its address or time zone (owners and admins)',
  security: bearer,
  request: { params: TenantParams, body: jsonBody(UpdateTenantSchema) },
  responses: {
    200: jsonResponse(TenantSchema, 'The updated school.'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** A school with the caller's role, as RLS lets them see it. */
async function readTenant(tx: Tx, id: string): Promise<Tenant | undefined> {
  const [row] = await tx<Tenant[]>`
    select t.id, t.name, t.slug, t.time_zone, t.created_at, m.role
    from public.tenants t
    left join public.memberships m on m.tenant_id = t.id and m.user_id = (select auth.uid())
    where t.id = ${id}`
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
      const tenants = await withUser(
        sql,
        c.var.claims,
        (tx) => tx<Tenant[]>`
          select t.id, t.name, t.slug, t.time_zone, t.created_at, m.role
          from public.tenants t join public.memberships m on m.tenant_id = t.id
          where m.user_id = (select auth.uid())
          order by lower(t.name), t.id`,
      )
      return c.json([...tenants], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const tenant = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, id)
        return readTenant(tx, id)
      })
      return c.json(tenant as Tenant, 200)
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
            time_zone = coalesce(${body.time_zone ?? null}, time_zone)
          where id = ${id}
          returning id`
        if (changed.length === 0) throw forbidden('Only owners and admins of this school can do that.')
        return readTenant(tx, id)
      }).catch(slugTaken)
      return c.json(tenant as Tenant, 200)
    })
}
