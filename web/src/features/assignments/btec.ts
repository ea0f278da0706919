import type { BtecGrade } from '../../../../edge/contract/assessments-values.ts'

// The BTEC unit grade, the rule the database applies (private.btec_grade in the assignments
// migration), so the grading page can preview what saving will store.

/** The band of a criterion code: "M2" → "M". */
export const bandOf = (code: string): 'P' | 'M' | 'D' | undefined => {
  const band = code.trim().charAt(0).toUpperCase()
  return band === 'P' || band === 'M' || band === 'D' ? band : undefined
}

/**
 * Pass needs every P criterion achieved, Merit every P and M, Distinction every P, M and D; a band
 * counts only when the rubric has criteria in it (a unit without D criteria gives no Distinction,
 * one without M criteria no Merit nor Distinction). Anything less is Unclassified.
 */
export function btecGrade(codes: readonly string[], achieved: readonly string[]): BtecGrade {
  const done = new Set(achieved)
  const all = (band: 'P' | 'M' | 'D') => codes.filter((c) => bandOf(c) === band).every((c) => done.has(c))
  const has = (band: 'M' | 'D') => codes.some((c) => bandOf(c) === band)
  if (!all('P')) return 'Unclassified'
  if (has('M') && all('M') && has('D') && all('D')) return 'Distinction'
  if (has('M') && all('M')) return 'Merit'
  return 'Pass'
}

const BAND_ORDER = { P: 0, M: 1, D: 2 } as const

/** Codes in the order a unit lists them: P1, P2, …, M1, …, D1, … */
export function byCode<T extends { code?: string }>(criteria: readonly T[]): T[] {
  const rank = (c: T) => {
    const code = c.code ?? ''
    return (BAND_ORDER[bandOf(code) ?? 'D'] ?? 3) * 1000 + (Number(code.slice(1)) || 0)
  }
  return [...criteria].sort((a, b) => rank(a) - rank(b))
}
