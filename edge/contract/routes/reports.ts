import { z } from 'zod'
import * as R from '../reports.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Reports of a school: attendance, progress and grades, payments, the support desk and the AI tutor's
// use, and exports of reports made in the background.

export const ReportsTenantParams = z.object({ tenantId: Uuid })

export const getAttendanceReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/attendance',
  params: ReportsTenantParams,
  query: R.AttendanceQuery,
  responses: { 200: R.AttendanceReport },
})

export const getProgressReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/progress',
  params: ReportsTenantParams,
  query: R.ProgressQuery,
  responses: { 200: R.ProgressReport },
})

export const getPaymentsReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/payments',
  params: ReportsTenantParams,
  query: R.PaymentsQuery,
  responses: { 200: R.PaymentsReport },
})

export const getSupportDeskReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/support',
  params: ReportsTenantParams,
  query: R.SupportQuery,
  responses: { 200: R.SupportReport },
})

export const getTutorReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/tutor',
  params: ReportsTenantParams,
  query: R.TutorQuery,
  responses: { 200: R.TutorReport },
})

export const getWeeklyActivity = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/weekly',
  params: ReportsTenantParams,
  query: R.WeeklyQuery,
  responses: { 200: R.WeeklyActivity },
})

export const listReportExports = route({
  method: 'get',
  path: '/tenants/{tenantId}/reports/exports',
  params: ReportsTenantParams,
  responses: { 200: R.ReportExportList },
})

export const requestReportExport = route({
  method: 'post',
  path: '/tenants/{tenantId}/reports/exports',
  params: ReportsTenantParams,
  body: R.NewExportBody,
  responses: { 202: R.ReportExport },
})
