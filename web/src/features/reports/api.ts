import { query } from '@solidjs/router'
import type { NewExportBody } from '../../../../edge/contract/reports.ts'
import { api } from '../../lib/runtime.ts'
import { signedUrls } from '../files/storage.ts'
import {
  type AttendanceView,
  type PaymentsView,
  type ProgressView,
  queryOf,
  type SupportView,
  type TutorView,
} from './report-url.ts'

// Reports' calls to the api function (edge/contract/routes/reports.ts) and the download of an export
// (a signed URL of its file in the `report-exports` bucket, which only the person who asked may read).

/** One page of the attendance report for a view of it. */
export const getAttendance = query(
  (tenantId: string, view: AttendanceView) =>
    api().get('/tenants/:tenantId/reports/attendance', { params: { tenantId }, query: queryOf(view) }),
  'attendance-report',
)

/** One page of the progress and grades report for a view of it. */
export const getProgress = query(
  (tenantId: string, view: ProgressView) =>
    api().get('/tenants/:tenantId/reports/progress', { params: { tenantId }, query: queryOf(view) }),
  'progress-report',
)

/** One page of the payments report (owners and admins) for a view of it. */
export const getPayments = query(
  (tenantId: string, view: PaymentsView) =>
    api().get('/tenants/:tenantId/reports/payments', { params: { tenantId }, query: queryOf(view) }),
  'payments-report',
)

/** One page of the support desk report (owners, admins and staff) for a view of it. */
export const getSupportReport = query(
  (tenantId: string, view: SupportView) =>
    api().get('/tenants/:tenantId/reports/support', { params: { tenantId }, query: queryOf(view) }),
  'support-report',
)

/** One page of the AI tutor's use (owners, admins and instructors) for a view of it. */
export const getTutorReport = query(
  (tenantId: string, view: TutorView) =>
    api().get('/tenants/:tenantId/reports/tutor', { params: { tenantId }, query: queryOf(view) }),
  'tutor-report',
)

/** Week-by-week activity of the last 12 weeks (of one course, or all), for the charts. */
export const getWeekly = query(
  (tenantId: string, course?: string) =>
    api().get('/tenants/:tenantId/reports/weekly', {
      params: { tenantId },
      query: { weeks: 12, ...(course ? { course } : {}) },
    }),
  'weekly-activity',
)

/** My exports of this school's reports from the last 7 days. */
export const getExports = query(
  (tenantId: string) => api().get('/tenants/:tenantId/reports/exports', { params: { tenantId } }),
  'report-exports',
)

export const requestExport = (tenantId: string, body: NewExportBody) =>
  api().post('/tenants/:tenantId/reports/exports', body, { params: { tenantId } })

/** A link that downloads the export's file under `fileName`, or undefined when it cannot be signed. */
export async function exportLink(objectName: string, fileName: string): Promise<string | undefined> {
  const path = `report-exports/${objectName}`
  const url = (await signedUrls([path])).get(path)
  return url ? `${url}&download=${encodeURIComponent(fileName)}` : undefined
}
