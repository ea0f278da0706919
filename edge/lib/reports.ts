import type {
  AttendanceFilters,
  AttendanceRow,
  PaymentsFilters,
  PaymentsRow,
  ProgressFilters,
  ProgressRow,
  ReportScope,
  SupportFilters,
  SupportRow,
  TutorFilters,
  TutorRow,
} from '../contract/reports.ts'
import type { Tx } from './db.ts'

// Reading reports, shared by the API (edge/api/reports) and the realtime export job
// (realtime/jobs/exports): the period's days with their defaults, and the rows of the attendance and
// the progress, the payments, the support and the AI tutor report through public.attendance_report,
// public.progress_report, public.payments_report, public.support_report and public.tutor_report, which
// apply the caller's scope.

export interface Period {
  from_day: string
  to_day: string
  from: string
  to: string
  scope: ReportScope | null
}

/**
 * The report's days in the school's calendar (today and the 30 days before by default), the same
 * days as moments, and what the caller's reports cover (null: none); undefined when the caller does
 * not see the school.
 */
export async function reportPeriod(
  tx: Tx,
  tenantId: string,
  f: { from?: string; to?: string },
): Promise<Period> {
  const [row] = await tx<Period[]>`
    with d as (
      select coalesce(${f.to ?? null}::date, (private.clock() at time zone t.time_zone)::date) as to_day, t.time_zone
      from public.tenants t where t.id = ${tenantId}
    ), p as (select coalesce(${f.from ?? null}::date, d.to_day - 30) as from_day, d.to_day, d.time_zone from d)
    select p.from_day::text as from_day, p.to_day::text as to_day,
      to_json(p.from_day::timestamp at time zone p.time_zone) #>> '{}' as from,
      to_json((p.to_day + 1)::timestamp at time zone p.time_zone) #>> '{}' as to,
      private.report_scope(${tenantId}) as scope
    from p`
  return row
}

/** The report's rows in order, as the database streams them (an export reads them in batches). */
export const attendanceRows = (
  tx: Tx,
  tenantId: string,
  f: AttendanceFilters & { from: string; to: string },
) =>
  tx<(AttendanceRow & { ordinal: string })[]>`
    select r.ordinal, r.key, r.label, r.detail, r.starts_at, r.students, r.booked, r.present, r.minutes
    from public.attendance_report(${tenantId}, ${f.from}::date, ${f.to}::date, ${f.group},
      ${f.course ?? null}, ${f.class ?? null}, ${f.student ?? null}) r
    order by r.ordinal`

/** The progress report's rows in order, as the database streams them. */
export const progressRows = (tx: Tx, tenantId: string, f: ProgressFilters & { from: string; to: string }) =>
  tx<(ProgressRow & { ordinal: string })[]>`
    select r.ordinal, r.key, r.label, r.detail, r.students, r.lessons_published, r.lessons_completed,
      r.quiz_attempts, r.quizzes_scored, r.quiz_average, r.assignments_submitted, r.assignments_graded,
      r.grades_scored, r.grade_average, r.distinctions, r.merits, r.passes, r.unclassified
    from public.progress_report(${tenantId}, ${f.from}::date, ${f.to}::date, ${f.group},
      ${f.course ?? null}, ${f.class ?? null}, ${f.student ?? null}) r
    order by r.ordinal`

/**
 * The payments report's columns (money as numbers: minor units fit a double exactly). Its rows for an
 * export; the API pages them (edge/api/reports/queries.ts).
 */
export const paymentsColumns = (tx: Tx) =>
  tx`r.ordinal, r.key, r.day::text as day, r.label, r.detail, r.reference, r.provider, r.status, r.currency,
    r.payments, r.amount_minor::float8 as amount_minor, r.refunded_minor::float8 as refunded_minor,
    r.net_minor::float8 as net_minor`

/** The payments report's rows in order, as the database streams them. */
export const paymentsRows = (tx: Tx, tenantId: string, f: PaymentsFilters & { from: string; to: string }) =>
  tx<(PaymentsRow & { ordinal: string })[]>`
    select ${paymentsColumns(tx)}
    from public.payments_report(${tenantId}, ${f.from}::date, ${f.to}::date, ${f.group}, ${f.course ?? null}) r
    order by r.ordinal`

/** The support report's columns (the group `total` gives the whole period's figures in one row). */
export const supportColumns = (tx: Tx) =>
  tx`r.ordinal, r.key, r.label, r.detail, r.number, r.category, r.opened_at, r.tickets, r.first_response_minutes,
    r.resolution_hours, r.met, r.breached, r.ratings, r.average_score, r.satisfied`

/** The support report's rows in order, as the database streams them. */
export const supportRows = (
  tx: Tx,
  tenantId: string,
  f: { from: string; to: string; group: SupportFilters['group'] | 'total' },
) =>
  tx<(SupportRow & { ordinal: string })[]>`
    select ${supportColumns(tx)}
    from public.support_report(${tenantId}, ${f.from}::date, ${f.to}::date, ${f.group}) r
    order by r.ordinal`

/** The AI tutor report's columns (tokens as numbers; the group `total` gives the whole period in one row). */
export const tutorColumns = (tx: Tx) =>
  tx`r.ordinal, r.key, r.day::text as day, r.label, r.students, r.conversations, r.questions, r.answers,
    r.failed, r.flagged, r.tokens_in::float8 as tokens_in, r.tokens_out::float8 as tokens_out`

/** The AI tutor report's rows in order, as the database streams them. */
export const tutorRows = (tx: Tx, tenantId: string, f: TutorFilters & { from: string; to: string }) =>
  tx<(TutorRow & { ordinal: string })[]>`
    select ${tutorColumns(tx)}
    from public.tutor_report(${tenantId}, ${f.from}::date, ${f.to}::date, ${f.group}, ${f.course ?? null}) r
    order by r.ordinal`
