import * as G from '../../contract/guardians.ts'
import * as R from '../../contract/routes/guardians.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute, named, pathParams } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminRoleIn, tenantRole, tenantRoleIn, tenantRoleQuery } from './access.ts'

// Parent–child links (public.guardian_links). The database decides everything: link_child and
// unlink_child check the admin and the two roles and audit; RLS shows the links. The routes only
// give readable answers.

named(G.Child, 'Child')
named(G.ChildList, 'ChildList')
named(G.GuardianLink, 'GuardianLink')
named(G.GuardianLinkList, 'GuardianLinkList')
named(G.CreateGuardianLinkBody, 'CreateGuardianLink')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.GuardianTenantParams, { tenantId: uuid('The school (tenant) id.') })
pathParams(R.GuardianLinkParams, {
  tenantId: uuid('The school (tenant) id.'),
  parentId: uuid("The parent's user id."),
  studentId: uuid("The child's user id."),
})

const tags = ['members']

const children = apiRoute(R.listChildren, {
  tags,
  summary: 'Your linked children in a school (parents), with the courses each is enrolled in',
  description: 'Empty for anyone who is not a linked parent.',
  responses: { 200: 'The children, by name.' },
  errors: [400, 401, 404],
})

const list = apiRoute(R.listGuardianLinks, {
  tags,
  summary: "A school's parent–child links (owners and admins)",
  description: '`parent_id` keeps one parent\u2019s children, `student_id` one student\u2019s parents.',
  responses: { 200: 'The links, by parent then child.' },
  errors: [400, 401, 403, 404],
})

const create = apiRoute(R.createGuardianLink, {
  tags,
  summary: 'Link a parent to a child (owners and admins)',
  description:
    'Both must be members of the school: `parent_id` a parent, `student_id` a student (422 ' +
    '`link_parent_only` / `link_student_only` otherwise). Linking twice changes nothing. Audited.',
  responses: { 201: 'The link.' },
  errors: [400, 401, 403, 404, 422],
})

const remove = apiRoute(R.removeGuardianLink, {
  tags,
  summary: 'Remove a parent–child link (owners and admins)',
  description: '404 `guardian_link_not_found` when there is no such link. Audited.',
  responses: { 204: 'Removed.' },
  errors: [400, 401, 403, 404],
})

/** Links of a school as RLS shows them, with both names; filtered by parent or student. */
function readLinks(tx: Tx, tenantId: string, f: { parent_id?: string; student_id?: string }) {
  return tx<G.GuardianLink[]>`
    select g.parent_id, coalesce(pp.display_name, '') as parent_name, g.student_id,
      coalesce(sp.display_name, '') as student_name, g.created_at
    from public.guardian_links g
    left join public.profiles pp on pp.id = g.parent_id
    left join public.profiles sp on sp.id = g.student_id
    where g.tenant_id = ${tenantId}
      and (${f.parent_id ?? null}::uuid is null or g.parent_id = ${f.parent_id ?? null}::uuid)
      and (${f.student_id ?? null}::uuid is null or g.student_id = ${f.student_id ?? null}::uuid)
    order by lower(coalesce(pp.display_name, '')), lower(coalesce(sp.display_name, '')), g.parent_id, g.student_id`
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))
const toLink = (row: G.GuardianLink): G.GuardianLink => ({ ...row, created_at: iso(row.created_at) })

/** GET /tenants/:tenantId/children; GET, POST /tenants/:tenantId/guardian-links; DELETE …/:parentId/:studentId. */
export function guardianRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...children, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        tx<
          G.Child[]
        >`select user_id, display_name, course_ids, courses from public.linked_children(${tenantId})`,
      ])
      tenantRoleIn(roleRows)
      return c.json(
        rows.map((r) => ({
          user_id: r.user_id,
          display_name: r.display_name,
          course_ids: [...r.course_ids],
          courses: r.courses.map((k) => ({ id: k.id, title: k.title })),
        })),
        200,
      )
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        readLinks(tx, tenantId, query),
      ])
      adminRoleIn(roleRows)
      return c.json(rows.map(toLink), 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const link = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        await tx`select public.link_child(${tenantId}, ${body.parent_id}, ${body.student_id})`
        const [row] = await readLinks(tx, tenantId, body)
        return row as G.GuardianLink
      })
      return c.json(toLink(link), 201)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { tenantId, parentId, studentId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        await tx`select public.unlink_child(${tenantId}, ${parentId}, ${studentId})`
      })
      return c.body(null, 204)
    })
}
