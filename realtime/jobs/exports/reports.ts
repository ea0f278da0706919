// The reports an export can be of, each with its filters, its rows (public.attendance_report,
// public.progress_report, public.payments_report, public.support_report or public.tutor_report through edge/lib/reports.ts, read as the person
// who asked) and the layout of its file (columns.ts). The job (job.ts) knows no report by name: a new one is a case here.
import type postgres from 'postgres'
import type { z } from 'zod'
import {
  AttendanceFilters,
  type AttendanceRow,
  PaymentsFilters,
  type PaymentsRow,
  ProgressFilters,
  type ProgressRow,
  type ReportKind,
  SupportFilters,
  type SupportRow,
  TutorFilters,
  type TutorRow,
} from '../../../edge/contract/reports.ts'
import type { Tx } from '../../../edge/lib/db.ts'
import {
  attendanceRows,
  paymentsRows,
  progressRows,
  supportRows,
  tutorRows,
} from '../../../edge/lib/reports.ts'
import {
  attendanceLayout,
  type ExportLayout,
  type LayoutOptions,
  paymentsLayout,
  progressLayout,
} from './columns.ts'
import { supportLayout } from './support-layout.ts'
import { tutorLayout } from './tutor-layout.ts'

/** What every report's filters hold: a grouping, and days that default to the last 30. */
export type ReportFilters = { group: string; from?: string; to?: string }

/** A report as an export reads it. */
export interface ExportedReport<Filters extends ReportFilters, Row extends postgres.Row> {
  filters: z.ZodType<Filters>
  /** Its rows in order (the days filled in): the job counts them, then reads them with a cursor. */
  rows(tx: Tx, tenantId: string, f: Filters & { from: string; to: string }): postgres.PendingQuery<Row[]>
  layout(o: LayoutOptions<Filters['group']>): ExportLayout<Row>
}

/** Rows as the report functions give them, with their place. */
type Ordered<Row> = Row & { ordinal: string }

const attendance: ExportedReport<AttendanceFilters, Ordered<AttendanceRow>> = {
  filters: AttendanceFilters,
  rows: attendanceRows,
  layout: attendanceLayout,
}
const progress: ExportedReport<ProgressFilters, Ordered<ProgressRow>> = {
  filters: ProgressFilters,
  rows: progressRows,
  layout: progressLayout,
}

const payments: ExportedReport<PaymentsFilters, Ordered<PaymentsRow>> = {
  filters: PaymentsFilters,
  rows: paymentsRows,
  layout: paymentsLayout,
}

const support: ExportedReport<SupportFilters, Ordered<SupportRow>> = {
  filters: SupportFilters,
  rows: supportRows,
  layout: supportLayout,
}

const tutor: ExportedReport<TutorFilters, Ordered<TutorRow>> = {
  filters: TutorFilters,
  rows: tutorRows,
  layout: tutorLayout,
}

/** Hands `use` the export of report `kind`, with that report's own filter and row types. */
export function withReport<T>(
  kind: ReportKind,
  use: <F extends ReportFilters, R extends postgres.Row>(report: ExportedReport<F, R>) => T,
): T {
  switch (kind) {
    case 'attendance':
      return use(attendance)
    case 'progress':
      return use(progress)
    case 'payments':
      return use(payments)
    case 'support':
      return use(support)
    case 'tutor':
      return use(tutor)
  }
}
