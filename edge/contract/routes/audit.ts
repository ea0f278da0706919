import * as A from '../audit.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// A school's audit log (owners, admins, superadmins) and the signed-in user's own data.

export const listAudit = route({
  method: 'get',
  path: '/tenants/{id}/audit',
  params: TenantParams,
  query: A.AuditQuery,
  responses: { 200: A.AuditPage },
})

/** The filtered entries as a CSV file (`text/csv`: no JSON body). */
export const exportAudit = route({
  method: 'get',
  path: '/tenants/{id}/audit/export',
  params: TenantParams,
  query: A.AuditExportQuery,
  responses: { 200: null },
})

/** Everything about the signed-in user as a JSON file to keep (sent as an attachment). */
export const exportMyData = route({ method: 'get', path: '/me/export', responses: { 200: A.MyData } })
