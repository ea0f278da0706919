import type { RubricBody } from '../../contract/assignments.ts'
import * as R from '../../contract/routes/assignments.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { conflict, forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { readRubric, rubricColumns, rubricOf, rubricQuery } from './queries.ts'

const tags = ['assignments']

const list = apiRoute(R.listRubrics, {
  tags,
  summary: "A school's rubrics (its teachers)",
  responses: { 200: 'The rubrics by title.' },
  errors: [400, 401, 403],
})
const create = apiRoute(R.createRubric, {
  tags,
  summary:
    'Add a rubric: criteria × levels with points, or BTEC criteria P1…, M1…, D1… (instructors, admins)',
  responses: { 201: 'The rubric.' },
  errors: [400, 401, 403],
})
const get = apiRoute(R.getRubric, {
  tags,
  summary: 'One rubric',
  responses: { 200: 'The rubric.' },
  errors: [400, 401, 404],
})
const replace = apiRoute(R.updateRubric, {
  tags,
  summary: 'Rewrite a rubric (instructors, admins); grades already given keep their numbers',
  responses: { 200: 'The rubric.' },
  errors: [400, 401, 403, 404],
})
const remove = apiRoute(R.deleteRubric, {
  tags,
  summary: 'Delete a rubric no assignment uses (instructors, admins)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404, 409],
})

const TEACHERS = ['owner', 'admin', 'staff', 'instructor']
const AUTHORS = ['owner', 'admin', 'instructor']

/** Whether the caller has one of the roles in the school; unsent. `requireRoleOf` answers. */
const roleQuery = (tx: Tx, tenantId: string, roles: string[]) =>
  tx<{ ok: boolean }[]>`select private.has_role(${tenantId}, ${roles}::public.tenant_role[]) as ok`

function requireRoleOf([row]: readonly { ok: boolean }[], action: string) {
  if (!row?.ok) throw forbidden('forbidden', `Only the school's instructors and admins can ${action}.`)
}

async function requireRole(tx: Tx, tenantId: string, roles: string[], action: string) {
  requireRoleOf(await roleQuery(tx, tenantId, roles), action)
}

/** Criteria with ids: the editor's (kept across edits) or c1, c2… and l1, l2… */
function withIds(body: RubricBody) {
  const ids = (items: { id?: string }[], prefix: string) => {
    const taken = new Set(items.flatMap((x) => (x.id ? [x.id] : [])))
    let n = 0
    return items.map((x) => {
      if (x.id) return x.id
      do n += 1
      while (taken.has(`${prefix}${n}`))
      taken.add(`${prefix}${n}`)
      return `${prefix}${n}`
    })
  }
  if (body.kind === 'btec') {
    const cids = ids(body.criteria, 'c')
    return body.criteria.map((c, i) => ({ id: cids[i], code: c.code, description: c.description }))
  }
  const cids = ids(body.criteria, 'c')
  return body.criteria.map((c, i) => {
    const lids = ids(c.levels, 'l')
    return {
      id: cids[i],
      title: c.title,
      description: c.description ?? '',
      levels: c.levels.map((l, j) => ({ id: lids[j], title: l.title, points: l.points })),
    }
  })
}

/** GET/POST /tenants/:id/rubrics, GET/PUT/DELETE /rubrics/:id. */
export function rubricRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [role, items] = await withUserRead(sql, c.var.claims, (tx) => [
        roleQuery(tx, id, TEACHERS),
        tx`select ${rubricColumns(tx)} from public.rubrics r where r.tenant_id = ${id} order by r.title, r.id`,
      ])
      requireRoleOf(role, 'see rubrics')
      return c.json({ items: [...items] } as never, 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const rubric = await withUser(sql, c.var.claims, async (tx) => {
        await requireRole(tx, id, AUTHORS, 'add rubrics')
        const [row] = await tx<{ id: string }[]>`insert into public.rubrics (tenant_id, kind, title, criteria)
          values (${id}, ${body.kind}, ${body.title}, ${tx.json(withIds(body) as never)}) returning id`
        return readRubric(tx, row?.id as string)
      })
      return c.json(rubric, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [rubricQuery(tx, id)])
      return c.json(rubricOf(rows), 200)
    })
    .openapi({ ...replace, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const rubric = await withUser(sql, c.var.claims, async (tx) => {
        const current = await readRubric(tx, id)
        await requireRole(tx, current.tenant_id, AUTHORS, 'change rubrics')
        if (current.used_by > 0 && current.kind !== body.kind) {
          throw conflict('rubric_in_use', 'An assignment uses this rubric: it cannot change kind.')
        }
        await tx`update public.rubrics set kind = ${body.kind}, title = ${body.title},
          criteria = ${tx.json(withIds(body) as never)} where id = ${id}`
        return readRubric(tx, id)
      })
      return c.json(rubric, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const current = await readRubric(tx, id)
        await requireRole(tx, current.tenant_id, AUTHORS, 'delete rubrics')
        if (current.used_by > 0) {
          throw conflict(
            'rubric_in_use',
            `${current.used_by} assignment(s) use this rubric: choose another for them first.`,
          )
        }
        await tx`delete from public.rubrics where id = ${id}`
      })
      return c.body(null, 204)
    })
}
