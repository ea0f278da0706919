import { BTEC_GRADES } from '../../../../edge/contract/assessments-values.ts'
import { formatNumber } from '../../lib/format.ts'
import { intlLocale, translator } from '../../lib/i18n/i18n.ts'
import type { CsvWords } from './csv.ts'
import type { CellView } from './grades.ts'
import { percentText } from './grades.ts'
import { messages } from './messages.ts'

// The gradebook's catalogue bound once, and the few sentences several of its parts say the same way.

export const t = translator(messages)

/** A BTEC grade's name in the reader's language (a grade newer than this build: as sent). */
export const btecName = (grade: string): string =>
  (BTEC_GRADES as readonly string[]).includes(grade)
    ? t(`btec.${grade as (typeof BTEC_GRADES)[number]}`)
    : grade

/** A cell's result in words: "83.3%", "Merit", "missing", "Not graded yet". */
export function resultText(view: CellView, locale = intlLocale()): string {
  switch (view.kind) {
    case 'percent':
      return percentText(view.percent, locale)
    case 'btec':
      return btecName(view.grade)
    case 'missing':
      return t('cell.missing')
    default:
      return t('cell.pending')
  }
}

/** Points as the reader writes numbers, at most two decimals. */
export const pointsText = (points: number): string => formatNumber(Math.round(points * 100) / 100)

/** The CSV's header and non-number cells in the reader's language. */
export const csvWords = (): CsvWords => ({
  student: t('csv.student'),
  average: (name) => t('csv.average', { name }),
  total: t('csv.total'),
  attended: t('csv.attended'),
  booked: t('csv.booked'),
  missing: t('csv.missing'),
  btec: btecName,
})
