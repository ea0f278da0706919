import type { ReportExport, WeekActivity } from '../../contract/reports.ts'
import * as R from '../../contract/routes/reports.ts'
import { type Sql, type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { type Period, reportPeriod } from '../../lib/reports.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { attendancePage, paymentsPage, progressPage, supportPage, tutorPage } from './queries.ts'
import './schemas.ts'

// Reports of a school (issue 20). public.attendance_report and public.progress_report apply what the
// caller's reports cover (owners, admins and staff: the school; instructors: their sessions and
// courses; parents: their children; students: themselves); exports are rows of public.report_exports
// that the realtime process makes (realtime/jobs/exports/), reading the report as the person who asked.

const tags = ['reports']
const SCOPES =
  'Owners, admins and staff see the school; instructors the sessions they run and those of the courses ' +
  'they write; parents their linked children; students themselves; partners nothing (403 `reports_forbidden`).'

const attendance = apiRoute(R.getAttendanceReport, {
  tags,
  summary: 'Attendance of tutoring sessions over a period, by session, student, class or seat',
  description:
    `${SCOPES} \`from\` and \`to\` are days in the school's time zone, both included (by default the ` +
    'last 30 days; at most a year, 422 `period_too_long`). A seat is a student booked in, or come to, ' +
    'a session that has started; present when they were in the room; minutes count overlapping stays once.',
  responses: { 200: 'One page of the report, with the totals of all of it.' },
  errors: [400, 401, 403, 404, 422],
})
const progress = apiRoute(R.getProgressReport, {
  tags,
  summary: 'Progress and grades of enrolled students over a period, by course, student, class or enrolment',
  description:
    'Owners, admins and staff see the school; instructors the courses they write (co-authors); parents ' +
    'their linked children; students themselves; partners nothing (403 `reports_forbidden`). `from` and ' +
    '`to` are days as for attendance. A row sums its enrolments (every student enrolled by the end of the ' +
    'period): published lessons (once per student), lessons marked done, quiz attempts handed in and their ' +
    'average score, assignments handed in and graded and the average points grade (percent of the maximum), ' +
    'and BTEC grades (null where no course of the row grades with a BTEC rubric). The work counted is the ' +
    'period’s; students and parents count released results only. Group work counts for each member.',
  responses: { 200: 'One page of the report, with the totals of all of it.' },
  errors: [400, 401, 403, 404, 422],
})
const payments = apiRoute(R.getPaymentsReport, {
  tags,
  summary: 'Payments taken over a period, by payment, day or course, per currency',
  description:
    'Owners and admins only (403 `payments_report_forbidden` for anyone else of the school). `from` and `to` ' +
    'are days as for attendance. The payments that brought money in (succeeded, partially refunded or ' +
    'refunded) started in the period: by payment its day, payer, what was bought, provider, reference and ' +
    'status; by day or course how many. Amounts, refunds and net (amount less refunds) are in minor units ' +
    'of the row’s currency; a day or course with two currencies is two rows, and the totals are one per ' +
    'currency (currencies are never added together).',
  responses: { 200: 'One page of the report, with the totals of all of it.' },
  errors: [400, 401, 403, 404, 422],
})
const support = apiRoute(R.getSupportDeskReport, {
  tags,
  summary: 'The support desk over a period: SLA and satisfaction by agent, category or ticket',
  description:
    'Owners, admins and staff (403 `support_staff_only` for anyone else of the school). `from` and `to` are ' +
    'days as for attendance. SLA figures count the tickets opened in the period (merged ones in the ticket ' +
    'they joined) by their current agent: median minutes to the first answer, median hours to resolution, ' +
    'SLA clocks met on time and breached. Satisfaction counts the ratings given in the period (by ticket: ' +
    'the ticket’s rating): how many, the average score (1–5) and how many were 4 or 5. The totals are the ' +
    'whole period’s (medians over all its tickets).',
  responses: { 200: 'One page of the report, with the totals of all of it.' },
  errors: [400, 401, 403, 404, 422],
})
const tutor = apiRoute(R.getTutorReport, {
  tags,
  summary: 'AI tutor use over a period, by course, student, day or provider',
  description:
    'Owners and admins see the school; instructors the conversations about the courses they write; anyone ' +
    'else 403 `tutor_report_forbidden`. `from` and `to` are days as for attendance. Counts are of the ' +
    'period’s messages: questions asked (by provider: those it answered or failed to), answers given and ' +
    'failed, messages flagged for a person, the answers’ tokens; students and conversations are those with ' +
    'a message in the row. The totals are the whole period’s (students and conversations counted once).',
  responses: { 200: 'One page of the report, with the totals of all of it.' },
  errors: [400, 401, 403, 404, 422],
})
const weekly = apiRoute(R.getWeeklyActivity, {
  tags,
  summary: 'Week-by-week activity of the last weeks, for charts',
  description:
    `${SCOPES} Per week (Monday to Sunday in the school's time zone): active students (opened or finished ` +
    'a lesson, came to a session, asked the tutor or wrote in a forum), lessons opened for the first time and ' +
    'finished, seats booked and attended, tutor questions, forum posts and enrolments; for owners, admins and ' +
    'staff also tickets opened (and how many of them breached an SLA clock) and money received in the most used currency (refunds taken off). With ' +
    '`course`, all of it within that course (tickets and money, the school’s, are then null; 404 ' +
    '`course_not_found` for a course of another school).',
  responses: { 200: 'The weeks, oldest first.' },
  errors: [400, 401, 403, 404],
})
const listExports = apiRoute(R.listReportExports, {
  tags,
  summary: 'Your exports of this school’s reports from the last 7 days, newest first',
  responses: { 200: 'The exports.' },
  errors: [400, 401, 404],
})
const requestExport = apiRoute(R.requestReportExport, {
  tags,
  summary:
    'Export a report (attendance, progress and grades, payments, support or AI tutor) as CSV, XLSX or PDF, made in the background',
  description:
    '`filters` are the report’s own (`report: progress` takes the progress report’s; `report: payments`, for ' +
    'owners and admins only, the payments report’s; `report: support` for owners, admins and staff; ' +
    '`report: tutor` for owners, admins and instructors). The export reads the report as you, when it runs: a right lost in between is lost for the export ' +
    'too. Follow `report_export` events on `user:<id>` for progress; once `done`, `object_name` is the ' +
    'file in the `report-exports` bucket (sign it to download; kept 7 days). At most 3 of yours wait ' +
    'or run at once (409 `exports_busy`). Missing days are fixed to the defaults when asked.',
  responses: { 202: 'The export, queued.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const exportColumns = (
  tx: Tx,
) => tx`e.id, e.report, e.format, e.locale, e.filters, e.status, e.progress::int as progress,
  e.row_count, e.byte_size::int as byte_size, e.object_name, e.error, e.created_at, e.finished_at, e.expires_at`

/** The period of a report the caller may read: 404 outside the school, 403 without a scope. */
async function readablePeriod(tx: Tx, tenantId: string, f: { from?: string; to?: string }): Promise<Period> {
  await tenantRole(tx, tenantId)
  const period = await reportPeriod(tx, tenantId, f)
  if (!period?.scope) {
    throw forbidden(
      'reports_forbidden',
      'Reports of this school are for its staff, teachers, students and parents.',
    )
  }
  return period
}

/** A report's answer, read as the caller: its days, scope and grouping, and the page `read` gives for the period. */
function reportPage<G extends string, P>(
  sql: Sql,
  claims: Claims,
  tenantId: string,
  query: { from?: string; to?: string; group: G },
  read: (tx: Tx, period: Period) => Promise<P>,
) {
  // withUser, not withUserRead: the page is read for the period's days, which reportPeriod reads first.
  return withUser(sql, claims, async (tx) => {
    const period = await readablePeriod(tx, tenantId, query)
    const { scope, ...days } = period
    return {
      ...days,
      scope: scope as NonNullable<typeof scope>,
      group: query.group,
      ...(await read(tx, period)),
    }
  })
}

/** GET /tenants/:id/reports/attendance, …/progress, …/payments, …/support and …/tutor, GET and POST /tenants/:id/reports/exports. */
export function reportRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...attendance, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const report = await reportPage(sql, c.var.claims, tenantId, query, (tx, period) =>
        attendancePage(tx, tenantId, period, query),
      )
      return c.json(report, 200)
    })
    .openapi({ ...progress, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const report = await reportPage(sql, c.var.claims, tenantId, query, (tx, period) =>
        progressPage(tx, tenantId, period, query),
      )
      return c.json(report, 200)
    })
    .openapi({ ...payments, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const report = await reportPage(sql, c.var.claims, tenantId, query, (tx, period) =>
        paymentsPage(tx, tenantId, period, query),
      )
      return c.json(report, 200)
    })
    .openapi({ ...support, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const report = await reportPage(sql, c.var.claims, tenantId, query, (tx, period) =>
        supportPage(tx, tenantId, period, query),
      )
      return c.json(report, 200)
    })
    .openapi({ ...tutor, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const report = await reportPage(sql, c.var.claims, tenantId, query, (tx, period) =>
        tutorPage(tx, tenantId, period, query),
      )
      return c.json(report, 200)
    })
    .openapi({ ...weekly, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { weeks, course } = c.req.valid('query')
      // withUser, not withUserRead: public.weekly_activity raises without a report scope, so the 404/403 answer first.
      const activity = await withUser(sql, c.var.claims, async (tx) => {
        const period = await readablePeriod(tx, tenantId, {})
        const rows = await tx<(WeekActivity & { currency: string | null })[]>`
          select week::text as week, active_students, lesson_reads, lessons_completed, seats_booked, seats_attended,
            tutor_questions, forum_posts, enrolments, tickets_opened, tickets_breached, revenue_minor::float8 as revenue_minor, currency
          from public.weekly_activity(${tenantId}, ${weeks}, ${course ?? null})`
        return {
          scope: period.scope as NonNullable<typeof period.scope>,
          currency: rows[0]?.currency ?? null,
          weeks: rows.map(({ currency: _, ...week }) => week),
        }
      })
      return c.json(activity, 200)
    })
    .openapi({ ...listExports, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, exports] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        tx<ReportExport[]>`select ${exportColumns(tx)} from public.report_exports e
          where e.tenant_id = ${tenantId} and e.expires_at > private.clock()
          order by e.created_at desc, e.id limit 50`,
      ])
      tenantRoleIn(role)
      return c.json({ exports: [...exports] }, 200)
    })
    .openapi({ ...requestExport, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const row = await withUser(sql, c.var.claims, async (tx) => {
        const period = await readablePeriod(tx, tenantId, body.filters)
        const filters = { ...body.filters, from: period.from_day, to: period.to_day }
        const [e] = await tx<ReportExport[]>`select ${exportColumns(tx)}
          from public.request_report_export(${tenantId}, ${body.report}, ${body.format}, ${tx.json(filters)},
            ${body.locale}) e`
        return e as ReportExport
      })
      return c.json(row, 202)
    })
}
