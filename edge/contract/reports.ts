// Reports of a school (issue 20): attendance of tutoring sessions, progress and grades in courses,
// payments (owners and admins only), the support desk (owners, admins and staff) and the AI tutor's use
// (owners, admins and the teachers of a course), over days of the school's calendar, and exports of a report as CSV, XLSX or PDF made in the
// background. What a person's reports cover is decided in Postgres
// (supabase/migrations/20261213000000_reports.sql, 20261214010000_progress_report.sql): owners, admins
// and staff the school, an instructor their sessions and courses, a parent their children, a student
// themself.
import { z } from 'zod'
import { TICKET_CATEGORIES } from './support-values.ts'
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
  /** Of those, the tickets that breached an SLA clock (first answer, next answer or resolution). */
  tickets_breached: z.number().int().nullable(),
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

export const SUPPORT_GROUPS = ['agent', 'category', 'ticket'] as const
export const SupportGroup = z.enum(SUPPORT_GROUPS)
export type SupportGroup = z.infer<typeof SupportGroup>

/** The filters of the support report (owners, admins and staff), as the URL and an export keep them. */
export const SupportFilters = z.strictObject({
  /** First day, in the school's time zone; by default 30 days before `to`. */
  from: Day.optional(),
  /** Last day, included; by default today. */
  to: Day.optional(),
  group: SupportGroup.default('agent'),
})
export type SupportFilters = z.infer<typeof SupportFilters>

export const SupportQuery = SupportFilters.extend(Paging)

/** Median minutes or hours, one decimal; null when no ticket of the row got there. */
const Median = z.number().nullable()

/**
 * One row: an agent (key null: tickets nobody works), a category, or a ticket (label: its subject;
 * detail: its agent). SLA figures count the tickets opened in the period (merged ones in the ticket they
 * joined) by their current agent: medians to the first answer and to resolution, SLA clocks met on time
 * and breached. Satisfaction counts the ratings given in the period (by ticket: the ticket's rating,
 * whenever given): how many, their average score (1–5) and how many were 4 or 5.
 */
export const SupportRow = z.object({
  key: Uuid.nullable(),
  label: z.string().nullable(),
  detail: z.string().nullable(),
  /** The ticket's number, by ticket. */
  number: Count.nullable(),
  category: z.enum(TICKET_CATEGORIES).nullable(),
  /** When the ticket was opened, by ticket. */
  opened_at: Timestamp.nullable(),
  tickets: Count,
  first_response_minutes: Median,
  resolution_hours: Median,
  met: Count,
  breached: Count,
  ratings: Count,
  average_score: z.number().nullable(),
  satisfied: Count,
})
export type SupportRow = z.infer<typeof SupportRow>

/** Whole percent of the SLA clocks decided that were met, or null when none was decided. */
export const slaMetRate = (r: { met: number; breached: number }): number | null =>
  r.met + r.breached > 0 ? Math.round((100 * r.met) / (r.met + r.breached)) : null

/** Whole percent of ratings that were 4 or 5, or null without ratings. */
export const satisfiedRate = (r: { ratings: number; satisfied: number }): number | null =>
  r.ratings > 0 ? Math.round((100 * r.satisfied) / r.ratings) : null

export const SupportReport = z.object({
  ...ReportPage,
  group: SupportGroup,
  rows: z.array(SupportRow),
  /** The whole period's figures: the medians over all its tickets, the average over all its ratings. */
  totals: SupportRow.pick({
    tickets: true,
    first_response_minutes: true,
    resolution_hours: true,
    met: true,
    breached: true,
    ratings: true,
    average_score: true,
    satisfied: true,
  }),
})
export type SupportReport = z.infer<typeof SupportReport>

export const TUTOR_GROUPS = ['course', 'student', 'day', 'provider'] as const
export const TutorGroup = z.enum(TUTOR_GROUPS)
export type TutorGroup = z.infer<typeof TutorGroup>

/** The filters of the AI tutor usage report (owners, admins and course teachers), as the URL and an export keep them. */
export const TutorFilters = z.strictObject({
  /** First day, in the school's time zone; by default 30 days before `to`. */
  from: Day.optional(),
  /** Last day, included; by default today. */
  to: Day.optional(),
  group: TutorGroup.default('course'),
  course: Uuid.optional(),
})
export type TutorFilters = z.infer<typeof TutorFilters>

export const TutorQuery = TutorFilters.extend(Paging)

/**
 * One row: a course (key and label null: conversations about no course), a student, a day, or a
 * provider (label: the model provider, or `lessons` and `safety` for answers made without one). Counts
 * are of the period's messages: questions asked (by provider: those it answered or failed to), answers
 * given and failed, messages flagged for a person, and the tokens the answers used; students and
 * conversations are those with a message in the row.
 */
export const TutorRow = z.object({
  key: Uuid.nullable(),
  /** The row's day in the school's time zone, by day. */
  day: Day.nullable(),
  label: z.string().nullable(),
  students: Count,
  conversations: Count,
  questions: Count,
  answers: Count,
  failed: Count,
  flagged: Count,
  tokens_in: Count,
  tokens_out: Count,
})
export type TutorRow = z.infer<typeof TutorRow>

export const TutorReport = z.object({
  ...ReportPage,
  group: TutorGroup,
  rows: z.array(TutorRow),
  /** The whole period's figures (students and conversations counted once). */
  totals: TutorRow.omit({ key: true, day: true, label: true }),
})
export type TutorReport = z.infer<typeof TutorReport>

export const REPORT_KINDS = ['attendance', 'progress', 'payments', 'support', 'tutor'] as const
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
  support: { report: z.literal('support'), filters: SupportFilters },
  tutor: { report: z.literal('tutor'), filters: TutorFilters },
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
  z.strictObject({ ...Exported.support, ...ExportRequest }),
  z.strictObject({ ...Exported.tutor, ...ExportRequest }),
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
  z.object({ ...Exported.support, ...ExportRow }),
  z.object({ ...Exported.tutor, ...ExportRow }),
])
export type ReportExport = z.infer<typeof ReportExport>

export const ReportExportList = z.object({ exports: z.array(ReportExport) })
export type ReportExportList = z.infer<typeof ReportExportList>
