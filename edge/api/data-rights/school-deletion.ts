import type { PendingSchoolDeletion, SchoolDeletion } from '../../contract/data-rights.ts'
import * as R from '../../contract/routes/data-rights.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

// A school's deletion: asked by an owner for 30 days later, cancelled by any owner before then,
// carried out by the realtime server's job (realtime/jobs/school-deletions.ts). The database
// decides who may (supabase/migrations/20261208090000_data_rights.sql) and audits each step.

const tags = ['schools']

const read = apiRoute(R.getSchoolDeletion, {
  tags,
  summary: "The school's planned deletion, if any (owners, admins, superadmins)",
  responses: { 200: 'When the data will be deleted and who asked; `due_at` null when nothing is planned.' },
  errors: [400, 401, 403],
})

const request = apiRoute(R.requestSchoolDeletion, {
  tags,
  summary: 'Ask to delete the school and all its data in 30 days (owners)',
  description:
    'Any owner can cancel before the date. Export the data first: after the date it is gone. ' +
    'Payments and ledger records are kept (the law and other schools’ totals need them) under a ' +
    '"Deleted school" with no members. 409 `deletion_already_requested` when already planned.',
  responses: { 201: 'The planned deletion.' },
  errors: [400, 401, 403, 409],
})

const cancel = apiRoute(R.cancelSchoolDeletion, {
  tags,
  summary: "Cancel the school's planned deletion (owners)",
  description: '409 `no_deletion_pending` when nothing is planned.',
  responses: { 200: 'Nothing planned any more.' },
  errors: [400, 401, 403, 409],
})

const pending = apiRoute(R.listPendingSchoolDeletions, {
  tags: ['platform admin'],
  summary: 'Every school whose deletion is planned, soonest first (superadmins)',
  responses: { 200: 'The schools with their dates.' },
  errors: [401, 403],
})

type Row = { due_at: Date; requested_at: Date; requested_by_name: string | null }

const none: SchoolDeletion = { due_at: null, requested_at: null, requested_by_name: null }

/** A school's planned deletion, unsent (toDeletion reads it). */
const deletionQuery = (tx: Tx, tenant: string) => tx<Row[]>`
  select due_at, requested_at, requested_by_name from public.school_deletion(${tenant}::uuid)`

/** The deletion of deletionQuery's rows: all null when none is planned. */
function toDeletion([row]: readonly Row[]): SchoolDeletion {
  if (!row) return none
  return {
    due_at: row.due_at.toISOString(),
    requested_at: row.requested_at.toISOString(),
    requested_by_name: row.requested_by_name,
  }
}

/** The school's deletion, after a change in the same transaction. */
async function readDeletion(tx: Tx, tenant: string): Promise<SchoolDeletion> {
  return toDeletion(await deletionQuery(tx, tenant))
}

/** GET, POST and DELETE /tenants/:id/deletion; GET /admin/school-deletions. */
export function schoolDeletionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...read, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [deletionQuery(tx, id)])
      return c.json(toDeletion(rows), 200)
    })
    .openapi({ ...request, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = await withUser(sql, c.var.claims, async (tx) => {
        await tx`select public.request_school_deletion(${id}::uuid)`
        return readDeletion(tx, id)
      })
      return c.json(body, 201)
    })
    .openapi({ ...cancel, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, (tx) => tx`select public.cancel_school_deletion(${id}::uuid)`)
      return c.json(none, 200)
    })
    .openapi({ ...pending, middleware: auth }, async (c) => {
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<(Row & { id: string; name: string; slug: string })[]>`
          select id, name, slug, due_at, requested_at, requested_by_name from public.pending_school_deletions()`,
      ])
      const schools: PendingSchoolDeletion[] = rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        due_at: r.due_at.toISOString(),
        requested_at: r.requested_at.toISOString(),
        requested_by_name: r.requested_by_name,
      }))
      return c.json({ schools }, 200)
    })
}
