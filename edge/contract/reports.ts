// Reports of a school (issue 20): attendance of tutoring sessions over days of the school's calendar,
// and exports of a report as CSV, XLSX or PDF made in the background. What a person's reports cover
// is decided in Postgres (supabase/migrations/20261213000000_reports.sql): owners, admins and staff
// the school, an instructor their sessions and courses, a parent their children, a student themself.
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

export const AttendanceQuery = AttendanceFilters.extend({
  limit: z.coerce.number().int().min(1).max(REPORT_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})

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

export const AttendanceReport = z.object({
  /** The period as moments: `to` is the start of the day after the last day. */
  from: Timestamp,
  to: Timestamp,
  from_day: Day,
  to_day: Day,
  group: AttendanceGroup,
  scope: ReportScope,
  rows: z.array(AttendanceRow),
  /** Rows of the whole report (the page shows `limit` of them from `offset`). */
  total_rows: z.number().int(),
  totals: z.object({ booked: z.number().int(), present: z.number().int(), minutes: z.number().int() }),
})
export type AttendanceReport = z.infer<typeof AttendanceReport>

export const WeeklyQuery = z.strictObject({ weeks: z.coerce.number().int().min(1).max(52).default(12) })

/** One week (its Monday, in the school's calendar) of activity. Tickets and money: the school scope only. */
export const WeekActivity = z.object({
  week: Day,
  active_students: z.number().int(),
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

export const REPORT_KINDS = ['attendance'] as const
export const ReportKind = z.enum(REPORT_KINDS)
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportLocale = z.enum(['en', 'sw'])

export const NewExportBody = z.strictObject({
  report: ReportKind,
  format: ExportFormat,
  filters: AttendanceFilters,
  /** The language of the file's headings. */
  locale: ExportLocale.default('en'),
})
export type NewExportBody = z.infer<typeof NewExportBody>

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed'])
export type ExportStatus = z.infer<typeof ExportStatus>

export const ReportExport = z.object({
  id: Uuid,
  report: ReportKind,
  format: ExportFormat,
  locale: ExportLocale,
  filters: AttendanceFilters,
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
})
export type ReportExport = z.infer<typeof ReportExport>

export const ReportExportList = z.object({ exports: z.array(ReportExport) })
export type ReportExportList = z.infer<typeof ReportExportList>
