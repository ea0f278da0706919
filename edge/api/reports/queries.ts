import type {
  AttendanceFilters,
  AttendanceReport,
  AttendanceRow,
  PaymentsFilters,
  PaymentsReport,
  PaymentsRow,
  ProgressFilters,
  ProgressReport,
  ProgressRow,
  SupportFilters,
  SupportReport,
  SupportRow,
  TutorFilters,
  TutorReport,
  TutorRow,
} from '../../contract/reports.ts'
import type { Tx } from '../../lib/db.ts'
import { type Period, paymentsColumns, supportColumns, tutorColumns } from '../../lib/reports.ts'

// One page of a report for the API, with the whole report's totals (the period and the rows' query
// for exports: edge/lib/reports.ts).

type Page = { limit: number; offset: number }
type PageOf<R> = Omit<R, 'from' | 'to' | 'from_day' | 'to_day' | 'scope' | 'group'>

/** One page of the attendance report with the whole report's totals. */
export async function attendancePage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: AttendanceFilters & Page,
): Promise<PageOf<AttendanceReport>> {
  const [row] = await tx<{ rows: AttendanceRow[]; n: number; b: number; p: number; m: number }[]>`
    with r as materialized (
      select * from public.attendance_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date,
        ${f.group}, ${f.course ?? null}, ${f.class ?? null}, ${f.student ?? null})
    )
    select count(*)::int as n, coalesce(sum(r.booked), 0)::int as b, coalesce(sum(r.present), 0)::int as p,
      coalesce(sum(r.minutes), 0)::int as m,
      coalesce((select jsonb_agg(to_jsonb(x) - 'ordinal' order by x.ordinal)
                from (select * from r order by r.ordinal limit ${f.limit} offset ${f.offset}) x), '[]') as rows
    from r`
  return {
    rows: row?.rows ?? [],
    total_rows: row?.n ?? 0,
    totals: { booked: row?.b ?? 0, present: row?.p ?? 0, minutes: row?.m ?? 0 },
  }
}

/**
 * One page of the progress report with the whole report's totals: counts add up; an average weighs
 * each row's by how many it scored; BTEC counts stay null when no row's courses use BTEC.
 */
export async function progressPage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: ProgressFilters & Page,
): Promise<PageOf<ProgressReport>> {
  const [row] = await tx<{ rows: ProgressRow[]; n: number; totals: ProgressReport['totals'] }[]>`
    with r as materialized (
      select * from public.progress_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date,
        ${f.group}, ${f.course ?? null}, ${f.class ?? null}, ${f.student ?? null})
    )
    select count(*)::int as n,
      jsonb_build_object(
        'lessons_published', coalesce(sum(r.lessons_published), 0),
        'lessons_completed', coalesce(sum(r.lessons_completed), 0),
        'quiz_attempts', coalesce(sum(r.quiz_attempts), 0),
        'quizzes_scored', coalesce(sum(r.quizzes_scored), 0),
        'quiz_average', round((sum(r.quiz_average * r.quizzes_scored) / nullif(sum(r.quizzes_scored), 0))::numeric, 1),
        'assignments_submitted', coalesce(sum(r.assignments_submitted), 0),
        'assignments_graded', coalesce(sum(r.assignments_graded), 0),
        'grades_scored', coalesce(sum(r.grades_scored), 0),
        'grade_average', round((sum(r.grade_average * r.grades_scored) / nullif(sum(r.grades_scored), 0))::numeric, 1),
        'distinctions', sum(r.distinctions), 'merits', sum(r.merits), 'passes', sum(r.passes),
        'unclassified', sum(r.unclassified)) as totals,
      coalesce((select jsonb_agg(to_jsonb(x) - 'ordinal' order by x.ordinal)
                from (select * from r order by r.ordinal limit ${f.limit} offset ${f.offset}) x), '[]') as rows
    from r`
  return {
    rows: row?.rows ?? [],
    total_rows: row?.n ?? 0,
    totals: row?.totals as ProgressReport['totals'],
  }
}

/** One page of the payments report with the whole report's totals, one per currency. */
export async function paymentsPage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: PaymentsFilters & Page,
): Promise<PageOf<PaymentsReport>> {
  const [row] = await tx<{ rows: PaymentsRow[]; n: number; totals: PaymentsReport['totals'] }[]>`
    with r as materialized (
      select ${paymentsColumns(tx)}
      from public.payments_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date, ${f.group},
        ${f.course ?? null}) r
    )
    select count(*)::int as n,
      coalesce((select jsonb_agg(to_jsonb(t) order by t.currency)
                from (select r.currency, sum(r.payments)::int as payments, sum(r.amount_minor) as amount_minor,
                        sum(r.refunded_minor) as refunded_minor, sum(r.net_minor) as net_minor
                      from r group by r.currency) t), '[]') as totals,
      coalesce((select jsonb_agg(to_jsonb(x) - 'ordinal' order by x.ordinal)
                from (select * from r order by r.ordinal limit ${f.limit} offset ${f.offset}) x), '[]') as rows
    from r`
  return { rows: row?.rows ?? [], total_rows: row?.n ?? 0, totals: row?.totals ?? [] }
}

/** The rows of one page of `r` (a report's rows in a `with`), without their ordinal. */
const pageRows = (tx: Tx, f: Page) =>
  tx`coalesce((select jsonb_agg(to_jsonb(x) - 'ordinal' order by x.ordinal)
    from (select * from r order by r.ordinal limit ${f.limit} offset ${f.offset}) x), '[]')`

/** The figures of a report's `total` row (those `empty` names), or `empty` when the period has none. */
const totalsOf = <T extends object>(row: object | undefined, empty: T): T =>
  row
    ? (Object.fromEntries(Object.keys(empty).map((k) => [k, (row as Record<string, unknown>)[k]])) as T)
    : empty

/** One page of the support report with the whole period's figures (the group `total`). */
export async function supportPage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: SupportFilters & Page,
): Promise<PageOf<SupportReport>> {
  const read = (group: string) => tx`
    select ${supportColumns(tx)}
    from public.support_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date, ${group}) r`
  const [row] = await tx<{ rows: SupportRow[]; n: number }[]>`
    with r as materialized (${read(f.group)})
    select count(*)::int as n, ${pageRows(tx, f)} as rows from r`
  const [total] = await tx<SupportRow[]>`${read('total')}`
  const empty = {
    tickets: 0,
    first_response_minutes: null,
    resolution_hours: null,
    met: 0,
    breached: 0,
    ratings: 0,
    average_score: null,
    satisfied: 0,
  }
  return { rows: row?.rows ?? [], total_rows: row?.n ?? 0, totals: totalsOf(total, empty) }
}

/** One page of the AI tutor report with the whole period's figures (the group `total`). */
export async function tutorPage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: TutorFilters & Page,
): Promise<PageOf<TutorReport>> {
  const read = (group: string) => tx`
    select ${tutorColumns(tx)}
    from public.tutor_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date, ${group},
      ${f.course ?? null}) r`
  const [row] = await tx<{ rows: TutorRow[]; n: number }[]>`
    with r as materialized (${read(f.group)})
    select count(*)::int as n, ${pageRows(tx, f)} as rows from r`
  const [total] = await tx<TutorRow[]>`${read('total')}`
  const empty = {
    students: 0,
    conversations: 0,
    questions: 0,
    answers: 0,
    failed: 0,
    flagged: 0,
    tokens_in: 0,
    tokens_out: 0,
  }
  return { rows: row?.rows ?? [], total_rows: row?.n ?? 0, totals: totalsOf(total, empty) }
}
