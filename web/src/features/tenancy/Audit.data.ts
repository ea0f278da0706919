import { query, type RoutePreloadFuncArgs } from '@solidjs/router'
import { downloadFile, queryString } from '../../api/download.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { api } from '../../lib/runtime.ts'
import { type AuditFilters, type AuditParams, auditQuery, readAuditFilters } from './audit-filters.ts'

/** Entries one page of the audit log shows. */
export const AUDIT_PAGE_SIZE = 50

/** One page of a school's audit log as the URL filters it. */
export const getAuditPage = query(
  (id: string, f: AuditFilters) =>
    api().get('/tenants/:id/audit', { params: { id }, query: { ...auditQuery(f), limit: AUDIT_PAGE_SIZE } }),
  'auditPage',
)

/** Starts loading the page the URL asks for with the page code. */
export function preloadAudit({ params, location }: RoutePreloadFuncArgs) {
  const filters = readAuditFilters(location.query as AuditParams)
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => void getAuditPage(t.id, filters).catch(() => {})),
  )
}

/** Downloads the filtered log (every page, not only the one shown) as `audit-log-<school>-<day>.csv`. */
export function downloadAuditCsv(id: string, slug: string, f: AuditFilters): Promise<void> {
  const { before: _page, ...filters } = auditQuery(f)
  const day = new Date().toISOString().slice(0, 10)
  return downloadFile(
    `/tenants/${encodeURIComponent(id)}/audit/export${queryString(filters)}`,
    `audit-log-${slug}-${day}.csv`,
  )
}
