import type { BtecGrade } from '../../../../edge/contract/assessments-values.ts'
import { formatNumber } from '../../lib/format.ts'

// A grade as one short text: "7.5 / 10" or the BTEC grade's name (the caller translates it).

/** Points as the reader writes numbers (at most two decimals). */
export const formatPoints = (points: number): string => formatNumber(Math.round(points * 100) / 100)

/** "7.5 / 10", or the BTEC grade's name by `btecName`; undefined when there is no grade. */
export function gradeText(
  g: { points: number | null; max_points?: number | null; btec_grade: string | null },
  btecName: (grade: BtecGrade) => string,
  max?: number | null,
): string | undefined {
  if (g.btec_grade) return btecName(g.btec_grade as BtecGrade)
  if (g.points === null) return undefined
  const most = g.max_points ?? max
  return most == null ? formatPoints(g.points) : `${formatPoints(g.points)} / ${formatPoints(most)}`
}
