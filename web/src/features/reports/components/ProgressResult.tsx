import GraduationCap from 'lucide-solid/icons/graduation-cap'
import {
  completionRate,
  type ProgressGroup,
  type ProgressReport,
  type ProgressRow,
} from '../../../../../edge/contract/reports.ts'
import { formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { type Column, captionArgs, percentText, ReportResult, ReportTable, Stat } from './ReportTable.tsx'

const t = translator(messages)

const BTEC = ['Distinction', 'Merit', 'Pass', 'Unclassified'] as const
const BTEC_FIELD = {
  Distinction: 'distinctions',
  Merit: 'merits',
  Pass: 'passes',
  Unclassified: 'unclassified',
} as const

const count = (value: number | null) => (value === null ? '—' : formatNumber(value))

/** The row's own columns: its course, student or class, and what is next to it. */
function leading(group: ProgressGroup): Column<ProgressRow>[] {
  const name = (v: string | null) => v ?? t('table.unknown')
  const students = {
    head: t('table.students'),
    cell: (r: ProgressRow) => formatNumber(r.students),
    numeric: true,
  }
  switch (group) {
    case 'course':
      return [{ head: t('progress.table.course'), cell: (r) => name(r.label) }, students]
    case 'student':
      return [
        { head: t('table.student'), cell: (r) => name(r.label) },
        { head: t('table.class'), cell: (r) => r.detail ?? t('table.noClass') },
      ]
    case 'class':
      return [{ head: t('table.class'), cell: (r) => r.label ?? t('table.noClass') }, students]
    case 'enrolment':
      return [
        { head: t('table.student'), cell: (r) => name(r.label) },
        { head: t('progress.table.course'), cell: (r) => name(r.detail) },
      ]
  }
}

/** The figures: lessons, quizzes, assignments, and BTEC grades when the report has any. */
function figures(btec: boolean): Column<ProgressRow>[] {
  const columns: Column<ProgressRow>[] = [
    {
      head: t('progress.table.lessons'),
      cell: (r) =>
        t('progress.table.lessonsOf', {
          done: formatNumber(r.lessons_completed),
          total: formatNumber(r.lessons_published),
        }),
      numeric: true,
    },
    { head: t('progress.table.completion'), cell: (r) => percentText(completionRate(r)), numeric: true },
    { head: t('progress.table.attempts'), cell: (r) => formatNumber(r.quiz_attempts), numeric: true },
    { head: t('progress.table.quizAverage'), cell: (r) => percentText(r.quiz_average), numeric: true },
    {
      head: t('progress.table.submitted'),
      cell: (r) => formatNumber(r.assignments_submitted),
      numeric: true,
    },
    { head: t('progress.table.graded'), cell: (r) => formatNumber(r.assignments_graded), numeric: true },
    { head: t('progress.table.gradeAverage'), cell: (r) => percentText(r.grade_average), numeric: true },
  ]
  const grades = BTEC.map((grade) => ({
    head: t(`progress.table.btec.${grade}`),
    cell: (r: ProgressRow) => count(r[BTEC_FIELD[grade]]),
    numeric: true,
  }))
  return btec ? [...columns, ...grades] : columns
}

/**
 * The progress report's totals (lessons done, quiz average, assignments graded, average grade), then
 * its rows as a table a page at a time. The BTEC columns show when any of the report's courses grades
 * with a BTEC rubric.
 */
export function ProgressResult(props: {
  report: ProgressReport
  page: number
  onPage: (page: number) => void
}) {
  const r = () => props.report
  const caption = () => t('progress.caption', captionArgs(t(`progress.group.${r().group}`), r()))
  return (
    <ReportResult
      report={r()}
      icon={<GraduationCap size={28} />}
      emptyTitle={t('progress.empty.title')}
      emptyText={t('progress.empty.text')}
    >
      <dl class="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('progress.summary.completion')} value={percentText(completionRate(r().totals))} />
        <Stat label={t('progress.summary.quizzes')} value={percentText(r().totals.quiz_average)} />
        <Stat label={t('progress.summary.graded')} value={formatNumber(r().totals.assignments_graded)} />
        <Stat label={t('progress.summary.grades')} value={percentText(r().totals.grade_average)} />
      </dl>
      <ReportTable
        id="progress-table"
        caption={caption()}
        columns={[...leading(r().group), ...figures(r().totals.distinctions !== null)]}
        rows={r().rows}
        page={props.page}
        totalRows={r().total_rows}
        onPage={props.onPage}
      />
    </ReportResult>
  )
}
