import * as R from '../../contract/routes/support.ts'
import type { CannedReply } from '../../contract/support.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRoleQuery } from '../tenancy/access.ts'
import { requireSupportStaff, supportStaffIn } from './access.ts'
import './schemas.ts'

const tags = ['support']

const list = apiRoute(R.listCannedReplies, {
  tags,
  summary: "The school's canned replies, by title (support staff)",
  responses: { 200: 'By title.' },
  errors: [400, 401, 403, 404],
})

const create = apiRoute(R.createCannedReply, {
  tags,
  summary:
    'Save a canned reply; {{requester_name}}, {{agent_name}}, {{ticket_number}}, {{school_name}} are filled in when used',
  responses: { 201: 'The saved reply.' },
  errors: [400, 401, 403, 404],
})

const update = apiRoute(R.updateCannedReply, {
  tags,
  summary: 'Change a canned reply (its author and the school admins)',
  responses: { 200: 'The changed reply.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.deleteCannedReply, {
  tags,
  summary: 'Delete a canned reply (its author and the school admins)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

const columns = (tx: Tx) => tx`id, tenant_id, title, body, created_by, created_at, updated_at`

/** 404 unless the caller sees the reply (support staff of its school). */
async function requireVisible(tx: Tx, id: string) {
  const [row] = await tx`select 1 from public.canned_replies where id = ${id}`
  if (!row) throw notFound('canned_reply_not_found', 'No such canned reply.')
}

const notYours = () =>
  forbidden('canned_reply_forbidden', 'Only its author and the school admins change a canned reply.')

/** GET/POST /tenants/:tenantId/canned-replies, PATCH/DELETE /canned-replies/:id. */
export function cannedReplyRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, replies] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        tx<CannedReply[]>`
          select ${columns(tx)} from public.canned_replies where tenant_id = ${tenantId}
          order by lower(title), id`,
      ])
      supportStaffIn(role)
      return c.json([...replies], 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { title, body } = c.req.valid('json')
      const reply = await withUser(sql, c.var.claims, async (tx) => {
        await requireSupportStaff(tx, tenantId)
        const [row] = await tx<CannedReply[]>`
          insert into public.canned_replies (tenant_id, title, body) values (${tenantId}, ${title}, ${body})
          returning ${columns(tx)}`
        return row as CannedReply
      })
      return c.json(reply, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const reply = await withUser(sql, c.var.claims, async (tx) => {
        await requireVisible(tx, id)
        const [row] = await tx<CannedReply[]>`
          update public.canned_replies set
            title = coalesce(${body.title ?? null}, title), body = coalesce(${body.body ?? null}, body)
          where id = ${id} returning ${columns(tx)}`
        if (!row) throw notYours()
        return row
      })
      return c.json(reply, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireVisible(tx, id)
        const deleted = await tx`delete from public.canned_replies where id = ${id} returning id`
        if (deleted.length === 0) throw notYours()
      })
      return c.body(null, 204)
    })
}
