import Bot from 'lucide-solid/icons/bot'
import type { TutorGroup, TutorReport, TutorRow } from '../../../../../edge/contract/reports.ts'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { type Column, captionArgs, ReportResult, ReportTable, Stat } from './ReportTable.tsx'

const t = translator(messages)

/** A provider by its name; the answers made without one (from the lessons, safety) in words. */
function providerName(label: string | null): string {
  if (label === 'lessons') return t('tutor.provider.lessons')
  if (label === 'safety') return t('tutor.provider.safety')
  return label ?? '—'
}

/** The row's own columns: the course, the student, the day or the provider, with its students. */
function leading(group: TutorGroup): Column<TutorRow>[] {
  const students = {
    head: t('table.students'),
    cell: (r: TutorRow) => formatNumber(r.students),
    numeric: true,
  }
  switch (group) {
    case 'course':
      return [
        {
          head: t('tutor.table.course'),
          cell: (r) => (r.key === null ? t('tutor.noCourse') : (r.label ?? '—')),
        },
        students,
      ]
    case 'student':
      return [{ head: t('table.student'), cell: (r) => r.label ?? t('table.unknown') }]
    case 'day':
      return [{ head: t('tutor.table.day'), cell: (r) => formatDate(r.day) }, students]
    case 'provider':
      return [{ head: t('tutor.table.provider'), cell: (r) => providerName(r.label) }, students]
  }
}

const COUNTS = [
  ['tutor.table.conversations', 'conversations'],
  ['tutor.table.questions', 'questions'],
  ['tutor.table.answers', 'answers'],
  ['tutor.table.failed', 'failed'],
  ['tutor.table.flagged', 'flagged'],
  ['tutor.table.tokensIn', 'tokens_in'],
  ['tutor.table.tokensOut', 'tokens_out'],
] as const

/** The row's counts: conversations, questions, answers, failed, flagged, tokens in and out. */
const figures = (): Column<TutorRow>[] =>
  COUNTS.map(([head, field]) => ({ head: t(head), cell: (r) => formatNumber(r[field]), numeric: true }))

/**
 * The AI tutor's use: the period's totals (students, conversations, questions, answers; failed,
 * flagged and tokens under them), then its rows by course, student, day or provider as a table a page
 * at a time.
 */
export function TutorResult(props: { report: TutorReport; page: number; onPage: (page: number) => void }) {
  const r = () => props.report
  const totals = () => r().totals
  const caption = () => t('tutor.caption', captionArgs(t(`tutor.group.${r().group}`), r()))
  return (
    <ReportResult
      report={r()}
      icon={<Bot size={28} />}
      emptyTitle={t('tutor.empty.title')}
      emptyText={t('tutor.empty.text')}
    >
      <div>
        <dl class="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat label={t('tutor.summary.students')} value={formatNumber(totals().students)} />
          <Stat label={t('tutor.summary.conversations')} value={formatNumber(totals().conversations)} />
          <Stat label={t('tutor.summary.questions')} value={formatNumber(totals().questions)} />
          <Stat label={t('tutor.summary.answers')} value={formatNumber(totals().answers)} />
        </dl>
        <p class="mt-2 px-1 text-xs text-muted">
          {t('tutor.summary.detail', {
            failed: formatNumber(totals().failed),
            flagged: formatNumber(totals().flagged),
            tokensIn: formatNumber(totals().tokens_in),
            tokensOut: formatNumber(totals().tokens_out),
          })}
        </p>
      </div>
      <ReportTable
        id="tutor-table"
        caption={caption()}
        columns={[...leading(r().group), ...figures()]}
        rows={r().rows}
        page={props.page}
        totalRows={r().total_rows}
        onPage={props.onPage}
      />
    </ReportResult>
  )
}
