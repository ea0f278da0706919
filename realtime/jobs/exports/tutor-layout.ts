// The AI tutor report's file: by course, student, day or provider, what was asked and answered and the
// tokens it took, headings in English or Kiswahili.
import type { TutorGroup, TutorRow } from '../../../edge/contract/reports.ts'
import { type Cell, type ExportLayout, exportHead, type LayoutOptions } from './columns.ts'

const WORDS = {
  en: {
    title: 'AI tutor',
    course: 'Course',
    noCourse: 'No course',
    student: 'Student',
    day: 'Date',
    provider: 'Answered by',
    providers: { lessons: 'The lessons (no model)', safety: 'Safety answer' } as Record<string, string>,
    students: 'Students',
    conversations: 'Conversations',
    questions: 'Questions',
    answers: 'Answers',
    failed: 'Failed',
    flagged: 'Flagged',
    tokensIn: 'Tokens in',
    tokensOut: 'Tokens out',
    by: { course: 'by course', student: 'by student', day: 'by day', provider: 'by provider' },
  },
  sw: {
    title: 'Mkufunzi wa AI',
    course: 'Kozi',
    noCourse: 'Bila kozi',
    student: 'Mwanafunzi',
    day: 'Tarehe',
    provider: 'Alijibu',
    providers: { lessons: 'Masomo (bila modeli)', safety: 'Jibu la usalama' } as Record<string, string>,
    students: 'Wanafunzi',
    conversations: 'Mazungumzo',
    questions: 'Maswali',
    answers: 'Majibu',
    failed: 'Yaliyoshindwa',
    flagged: 'Yaliyoalamishwa',
    tokensIn: 'Tokeni zilizoingia',
    tokensOut: 'Tokeni zilizotoka',
    by: { course: 'kwa kozi', student: 'kwa mwanafunzi', day: 'kwa siku', provider: 'kwa mtoaji' },
  },
} as const

/** The AI tutor report: the course, student, day or provider, then its counts and tokens. */
export function tutorLayout(o: LayoutOptions<TutorGroup>): ExportLayout<TutorRow> {
  const w = WORDS[o.locale]
  const lead = {
    course: { column: w.course, cell: (r: TutorRow) => (r.key === null ? w.noCourse : r.label) },
    student: { column: w.student, cell: (r: TutorRow) => r.label },
    day: { column: w.day, cell: (r: TutorRow) => r.day },
    provider: {
      column: w.provider,
      cell: (r: TutorRow) => (r.label ? (w.providers[r.label] ?? r.label) : null),
    },
  }[o.group]
  return {
    ...exportHead(o, w.title, w.by[o.group]),
    columns: [
      lead.column,
      w.students,
      w.conversations,
      w.questions,
      w.answers,
      w.failed,
      w.flagged,
      w.tokensIn,
      w.tokensOut,
    ],
    widths: [o.group === 'day' ? 1.4 : 2.8, 1, 1.2, 1, 1, 1, 1, 1.2, 1.2],
    cells: (r): Cell[] => [
      lead.cell(r),
      r.students,
      r.conversations,
      r.questions,
      r.answers,
      r.failed,
      r.flagged,
      r.tokens_in,
      r.tokens_out,
    ],
  }
}
