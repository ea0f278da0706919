// Reports of a school (issue 20): attendance of tutoring sessions, progress and grades in courses, and
// payments (owners and admins only), over days of the school's calendar, and exports of a report as CSV, XLSX or PDF made in the
// background. What a person's reports cover is decided in Postgres
// (supabase/migrations/20261213000000_reports.sql, 20261214010000_progress_report.sql): owners, admins
// and staff the school, an instructor their sessions and courses, a parent their children, a student
// themself.
import { z } from 'zod'
import { Uuid } from './tenancy.ts'

const Timestamp = z.string()
const Day = z.iso.date()

export const ATTENDANCE_GROUPS = ['session', 'student', 'class', 'seat'] as const
export const AttendanceGroup = z.enum(ATTENDANCE_GROUPS)
export type AttendanceGroup = z.infer<typeof AttendanceGroup>

/** Rows a page shows at most; an export has them all. */
export const REPORT_PAGE_MAX = 200

/** The filters of the attendance report, as the URL and an export keep them. */
export const AttendanceFilters = z.strictObject({
  /** First day, in the school's time zone; by default 30 days before `to`. */
  from: Day.optional(),
  /** Last day, included; by default today. */
  to: Day.optional(),
  group: AttendanceGroup.default('session'),
  course: Uuid.optional(),
  class: Uuid.optional(),
  student: Uuid.optional(),
})
export type AttendanceFilters = z.infer<typeof AttendanceFilters>

/** A page of a report's rows. */
const Paging = {
  limit: z.coerce.number().int().min(1).max(REPORT_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}

export const AttendanceQuery = AttendanceFilters.extend(Paging)

export const ReportScope = z.enum(['school', 'teacher', 'guardian', 'self'])
export type ReportScope = z.infer<typeof ReportScope>

/**
 * One row: a session (detail: its tutor), a student (detail: their class), a class, or a seat (a
 * student in a session; detail: the session). `label` is null for students without a class.
 */
export const AttendanceRow = z.object({
  key: Uuid.nullable(),
  label: z.string().nullable(),
  detail: z.string().nullable(),
  starts_at: Timestamp.nullable(),
  students: z.number().int(),
  booked: z.number().int(),
  present: z.number().int(),
  minutes: z.number().int(),
})
export type AttendanceRow = z.infer<typeof AttendanceRow>

/** Whole percent of seats attended, or null when none were booked. */
export const attendanceRate = (r: { booked: number; present: number }): number | null =>
  r.booked > 0 ? Math.round((100 * r.present) / r.booked) : null

/** What every report's page holds besides its rows and totals. */
const ReportPage = {
  /** The period as moments: `to` is the start of the day after the last day. */
  from: Timestamp,
  to: Timestamp,
  from_day: Day,
  to_day: Day,
  scope: ReportScope,
  /** Rows of the whole report (the page shows `limit` of them from `offset`). */
  total_rows: z.number().int(),
}

export const AttendanceReport = z.object({
  ...ReportPage,
  group: AttendanceGroup,
  rows: z.array(AttendanceRow),
  totals: z.object({ booked: z.number().int(), present: z.number().int(), minutes: z.number().int() }),
})
export type AttendanceReport = z.infer<typeof AttendanceReport>

export const PROGRESS_GROUPS = ['course', 'student', 'class', 'enrolment'] as const
export const ProgressGroup = z.enum(PROGRESS_GROUPS)
export type ProgressGroup = z.infer<typeof ProgressGroup>

/** The filters of the progress and grades report, as the URL and an export keep them. */
export const ProgressFilters = z.strictObject({
  /** First day, in the school's time zone; by default 30 days before `to`. */
  from: Day.optional(),
  /** Last day, included; by default today. */
  to: Day.optional(),
  group: ProgressGroup.default('course'),
  course: Uuid.optional(),
  class: Uuid.optional(),
  student: Uuid.optional(),
})
export type ProgressFilters = z.infer<typeof ProgressFilters>

export const ProgressQuery = ProgressFilters.extend(Paging)

const Count = z.number().int()
/** Percent of the maximum, one decimal; null when nothing was scored. */
const Average = z.number().nullable()
/** A count of BTEC grades; null where none of the row's courses grades with a BTEC rubric. */
const BtecCount = z.number().int().nullable()

/**
 * One row: a course, a student (detail: their class), a class, or an enrolment (a student in a
 * course; detail: the course). Figures are sums over the row's enrolments; the work counted is the
 * period's (lessons marked done, quiz attempts and assignments handed in, grades given). A student
 * or parent counts only released results.
 */
export const ProgressRow = z.object({
  key: Uuid.nullable(),
  label: z.string().nullable(),
  detail: z.string().nullable(),
  students: Count,
  /** Published lessons of the row's courses, once for each enrolled student. */
  lessons_published: Count,
  lessons_completed: Count,
  quiz_attempts: Count,
  /** Attempts whose score counts in `quiz_average` (released ones, for a student or parent). */
  quizzes_scored: Count,
  quiz_average: Average,
  assignments_submitted: Count,
  assignments_graded: Count,
  /** Grades in points, which `grade_average` averages (BTEC grades are counted apart). */
  grades_scored: Count,
  grade_average: Average,
  distinctions: BtecCount,
  merits: BtecCount,
  passes: BtecCount,
  unclassified: BtecCount,
})
export type ProgressRow = z.infer<typeof ProgressRow>

/** Whole percent of the published lessons done, or null when there are none. */
export const completionRate = (r: { lessons_published: number; lessons_completed: number }): number | null =>
  r.lessons_published > 0 ? Math.round((100 * r.lessons_completed) / r.lessons_published) : null

export const ProgressReport = z.object({
  ...ReportPage,
  group: ProgressGroup,
  rows: z.array(ProgressRow),
  /** The whole report's figures; averages weigh each row by what it scored. */
  totals: ProgressRow.omit({ key: true, label: true, detail: true, students: true }),
})
export type ProgressReport = z.infer<typeof ProgressReport>

export const WeeklyQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  /** One course's activity (its lessons, sessions, tutor questions, forum and enrolments); the school's tickets and money are then left out. */
  course: Uuid.optional(),
})

/** One week (its Monday, in the school's calendar) of activity. Tickets and money: the school scope only. */
export const WeekActivity = z.object({
  week: Day,
  active_students: z.number().int(),
  /** Lessons opened for the first time that week. */
  lesson_reads: z.number().int(),
  lessons_completed: z.number().int(),
  seats_booked: z.number().int(),
  seats_attended: z.number().int(),
  tutor_questions: z.number().int(),
  forum_posts: z.number().int(),
  enrolments: z.number().int(),
  tickets_opened: z.number().int().nullable(),
  /** Money received that week in `currency`, minor units, refunds taken off; null without payments. */
  revenue_minor: z.number().int().nullable(),
})
export type WeekActivity = z.infer<typeof WeekActivity>

export const WeeklyActivity = z.object({
  scope: ReportScope,
  currency: z.string().nullable(),
  weeks: z.array(WeekActivity),
})
export type WeeklyActivity = z.infer<typeof WeeklyActivity>

export const PAYMENTS_GROUPS = ['payment', 'day', 'course'] as const
export const PaymentsGroup = z.enum(PAYMENTS_GROUPS)
export type PaymentsGroup = z.infer<typeof PaymentsGroup>

/** The filters of the payments report (owners and admins only), as the URL and an export keep them. */
export const PaymentsFilters = z.strictObject({
  /** First day, in the school's time zone; by default 30 days before `to`. */
  from: Day.optional(),
  /** Last day, included; by default today. */
  to: Day.optional(),
  group: PaymentsGroup.default('payment'),
  course: Uuid.optional(),
})
export type PaymentsFilters = z.infer<typeof PaymentsFilters>

export const PaymentsQuery = PaymentsFilters.extend(Paging)

export const PAYMENT_PROVIDERS = ['mpesa', 'stripe', 'test'] as const
/** Minor units (cents) of the row's currency. */
const Minor = z.number().int()

/**
 * One row: a payment (label: the payer; detail: the course or plan bought; its provider, reference and
 * status), a day, or a course (key and label null for payments without a course), in one currency.
 * Only payments that brought money in (succeeded, partially refunded, refunded) started in the period.
 */
export const PaymentsRow = z.object({
  key: Uuid.nullable(),
  /** The payment's or the row's day in the school's time zone; null by course. */
  day: Day.nullable(),
  label: z.string().nullable(),
  detail: z.string().nullable(),
  reference: z.string().nullable(),
  provider: z.enum(PAYMENT_PROVIDERS).nullable(),
  status: z.enum(['succeeded', 'partially_refunded', 'refunded']).nullable(),
  currency: z.string(),
  payments: Count,
  amount_minor: Minor,
  refunded_minor: Minor,
  /** Amount less refunds. */
  net_minor: Minor,
})
export type PaymentsRow = z.infer<typeof PaymentsRow>

/** The whole report's figures in one currency (currencies are never added together). */
export const PaymentsTotal = PaymentsRow.pick({
  currency: true,
  payments: true,
  amount_minor: true,
  refunded_minor: true,
  net_minor: true,
})
export type PaymentsTotal = z.infer<typeof PaymentsTotal>

export const PaymentsReport = z.object({
  ...ReportPage,
  group: PaymentsGroup,
  rows: z.array(PaymentsRow),
  /** One per currency, in alphabetical order. */
  totals: z.array(PaymentsTotal),
})
export type PaymentsReport = z.infer<typeof PaymentsReport>

export const REPORT_KINDS = ['attendance', 'progress', 'payments'] as const
export const ReportKind = z.enum(REPORT_KINDS)
export type ReportKind = z.infer<typeof ReportKind>
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportLocale = z.enum(['en', 'sw'])

/** An export's report and its filters. */
const Exported = {
  attendance: { report: z.literal('attendance'), filters: AttendanceFilters },
  progress: { report: z.literal('progress'), filters: ProgressFilters },
  payments: { report: z.literal('payments'), filters: PaymentsFilters },
}

const ExportRequest = {
  format: ExportFormat,
  /** The language of the file's headings. */
  locale: ExportLocale.default('en'),
}

export const NewExportBody = z.discriminatedUnion('report', [
  z.strictObject({ ...Exported.attendance, ...ExportRequest }),
  z.strictObject({ ...Exported.progress, ...ExportRequest }),
  z.strictObject({ ...Exported.payments, ...ExportRequest }),
])
export type NewExportBody = z.infer<typeof NewExportBody>

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed'])
export type ExportStatus = z.infer<typeof ExportStatus>

const ExportRow = {
  id: Uuid,
  format: ExportFormat,
  locale: ExportLocale,
  status: ExportStatus,
  /** 0–100 while running. */
  progress: z.number().int(),
  row_count: z.number().int().nullable(),
  byte_size: z.number().int().nullable(),
  /** The file in the `report-exports` bucket once done (a signed URL of it downloads it). */
  object_name: z.string().nullable(),
  error: z.string().nullable(),
  created_at: Timestamp,
  finished_at: Timestamp.nullable(),
  expires_at: Timestamp,
}

export const ReportExport = z.discriminatedUnion('report', [
  z.object({ ...Exported.attendance, ...ExportRow }),
  z.object({ ...Exported.progress, ...ExportRow }),
  z.object({ ...Exported.payments, ...ExportRow }),
])
export type ReportExport = z.infer<typeof ReportExport>

export const ReportExportList = z.object({ exports: z.array(ReportExport) })
export type ReportExportList = z.infer<typeof ReportExportList>
