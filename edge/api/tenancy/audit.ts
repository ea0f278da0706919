import { AUDIT_EXPORT_MAX, type AuditEntry, type AuditExportQuery } from '../../contract/audit.ts'
import { csvLine } from '../../contract/csv.ts'
import * as R from '../../contract/routes/audit.ts'
import { type Sql, type Tx, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { isAdmin, type RoleRow, tenantRoleIn, tenantRoleQuery } from './access.ts'
import { csvAnswer } from './schemas.ts'

const tags = ['audit']

const filters =
  '`action` keeps one action (`member.role_changed`) or a family (`member`); `actor` one person; ' +
  "`target_type` one kind of target; `from` and `to` are days on the school's clock, both included."

const list = apiRoute(R.listAudit, {
  tags,
  summary: "A school's audit log, newest first, a page at a time (owners, admins, superadmins)",
  description: `${filters} \`before\` is the \`next_before\` of the previous page. Entries cannot be changed or removed by anyone.`,
  responses: { 200: 'A page of entries with actor names, and where the next page starts.' },
  errors: [400, 401, 403, 404],
})

const exportRoute = apiRoute(R.exportAudit, {
  tags,
  summary: "A school's audit log as a CSV file, with the page's filters (owners, admins, superadmins)",
  description: `${filters} At most the newest ${AUDIT_EXPORT_MAX} matching entries. Cells a spreadsheet would run as formulas start with an apostrophe.`,
  responses: { 200: 'text/csv, one line per entry.' },
  errors: [400, 401, 403, 404],
})
// The contract route has no JSON answer; the document shows the CSV.
const csv = {
  ...exportRoute,
  responses: { ...exportRoute.responses, 200: csvAnswer('The entries, text/csv.') },
}

type Filters = AuditExportQuery & { before?: number }

type EntryRow = Omit<AuditEntry, 'created_at'> & { id: string; created_at: Date }

/**
 * From tenantRoleQuery's rows: 404 when the school is not visible, 403 unless an owner or admin;
 * a superadmin (no role) may read.
 */
function requireAuditReader(roleRows: readonly RoleRow[]) {
  const role = tenantRoleIn(roleRows)
  if (role !== null && !isAdmin(role))
    throw forbidden('admins_only', 'Only owners and admins of this school can read its audit log.')
}

/**
 * Entries matching `f` through public.audit_entries (which decides access once), newest first,
 * unsent. Driven by the school's row as RLS shows it: the function runs (and may raise 403) only
 * for a school the caller can see, so a hidden school stays requireAuditReader's 404.
 */
function auditQuery(tx: Tx, tenantId: string, f: Filters, limit: number) {
  return tx<EntryRow[]>`
    select a.* from public.tenants t
    cross join lateral public.audit_entries(t.id, ${f.action ?? null}, ${f.actor ?? null}::uuid,
      ${f.target_type ?? null}, ${f.from ?? null}::date, ${f.to ?? null}::date, ${f.before ?? null}::bigint,
      ${limit}::int) a
    where t.id = ${tenantId}
    order by a.id desc`
}

/** The caller's audit entries of a school (404 or 403 as requireAuditReader), in one round trip. */
async function readAudit(sql: Sql, claims: Claims, tenantId: string, f: Filters, limit: number) {
  const [roleRows, rows] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    auditQuery(tx, tenantId, f, limit),
  ])
  requireAuditReader(roleRows)
  return rows.map((r): AuditEntry => ({ ...r, id: Number(r.id), created_at: r.created_at.toISOString() }))
}

const HEADER = [
  'time',
  'actor',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'ip',
  'details',
  'impersonator',
  'impersonator_id',
]

/** The entries as CSV: a header line, then one line per entry (details as JSON). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const line = (e: AuditEntry) =>
    csvLine([
      e.created_at,
      e.actor_name ?? '',
      e.actor_id ?? '',
      e.action,
      e.target_type,
      e.target_id ?? '',
      e.ip ?? '',
      JSON.stringify(e.details),
      e.impersonator_name ?? '',
      e.impersonator_id ?? '',
    ])
  return csvLine(HEADER) + entries.map(line).join('')
}

/** GET /tenants/:id/audit and GET /tenants/:id/audit/export. */
export function auditRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const q = c.req.valid('query')
      const entries = await readAudit(sql, c.var.claims, id, q, q.limit + 1)
      const more = entries.length > q.limit
      const page = more ? entries.slice(0, q.limit) : entries
      return c.json({ entries: page, next_before: more ? (page.at(-1)?.id ?? null) : null }, 200)
    })
    .openapi({ ...csv, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const q = c.req.valid('query')
      const entries = await readAudit(sql, c.var.claims, id, q, AUDIT_EXPORT_MAX)
      const day = new Date().toISOString().slice(0, 10)
      return c.body(auditCsv(entries), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-log-${day}.csv"`,
        'cache-control': 'private, no-store',
      })
    })
}
