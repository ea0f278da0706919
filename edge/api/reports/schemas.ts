import * as M from '../../contract/reports.ts'
import * as R from '../../contract/routes/reports.ts'
import { named, pathParams } from '../core/openapi.ts'

// The reports contract's schemas as the OpenAPI document shows them.

named(M.AttendanceReport, 'AttendanceReport')
named(M.AttendanceRow, 'AttendanceRow')
named(M.AttendanceFilters, 'AttendanceFilters')
named(M.ProgressReport, 'ProgressReport')
named(M.ProgressRow, 'ProgressRow')
named(M.ProgressFilters, 'ProgressFilters')
named(M.PaymentsReport, 'PaymentsReport')
named(M.PaymentsRow, 'PaymentsRow')
named(M.PaymentsTotal, 'PaymentsTotal')
named(M.PaymentsFilters, 'PaymentsFilters')
named(M.SupportReport, 'SupportReport')
named(M.SupportRow, 'SupportRow')
named(M.SupportFilters, 'SupportFilters')
named(M.TutorReport, 'TutorReport')
named(M.TutorRow, 'TutorRow')
named(M.TutorFilters, 'TutorFilters')
named(M.WeeklyActivity, 'WeeklyActivity')
named(M.WeekActivity, 'WeekActivity')
named(M.NewExportBody, 'NewReportExport')
named(M.ReportExport, 'ReportExport')
named(M.ReportExportList, 'ReportExportList')
pathParams(R.ReportsTenantParams, {
  tenantId: { description: 'The school (tenant) id.', example: '10000000-0000-4000-a000-000000000001' },
})
