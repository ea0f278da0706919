import type {
  Certificate,
  CourseProgress,
  VerifiedCertificate,
} from '../../../../edge/contract/certificates.ts'
import {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_LENGTH,
  formatCertificateCode,
  normaliseCertificateCode,
} from '../../../../edge/contract/certificates-values.ts'

// The certificate pages' decisions, without the DOM: what the progress card shows, a certificate's
// state and file name, and what a typed code and a verification come to.

/** What the student's progress card shows below the bar. */
export type ProgressView =
  /** Nothing published yet: nothing to do. */
  | 'empty'
  | 'in_progress'
  /** Complete, and the course gives certificates: "Get certificate". */
  | 'can_get'
  /** Complete; the course gives no certificates. */
  | 'complete'
  | 'certified'
  | 'revoked'

export function progressView(p: CourseProgress): ProgressView {
  if (p.certificate) return p.certificate.revoked_at ? 'revoked' : 'certified'
  if (p.complete) return p.rules.issue_certificates ? 'can_get' : 'complete'
  return p.lessons_published + p.assessments_total === 0 ? 'empty' : 'in_progress'
}

/** The bar's width: the percent held between 0 and 100. */
export const barPercent = (percent: number): number => Math.min(100, Math.max(0, Math.round(percent)))

/** Whether the card counts lessons: they count when the rules require them, or when there are any. */
export const showsLessons = (p: CourseProgress): boolean =>
  p.rules.require_all_lessons && p.lessons_published > 0

export const certificateState = (c: Pick<Certificate, 'revoked_at'>): 'valid' | 'revoked' =>
  c.revoked_at ? 'revoked' : 'valid'

/** "certificate-ABCD-EFGH-JKLM.pdf". */
export const certificateFileName = (code: string): string => `certificate-${formatCertificateCode(code)}.pdf`

/** The public verification page of a code, in this app. */
export const verifyPath = (code: string): string =>
  `/verify/${formatCertificateCode(normaliseCertificateCode(code))}`

/**
 * A code as typed: the stored form when it could be one (12 characters of the alphabet, any case,
 * dashes and spaces ignored), else undefined.
 */
export function typedCode(typed: string): string | undefined {
  const code = normaliseCertificateCode(typed)
  if (code.length !== CERTIFICATE_CODE_LENGTH) return undefined
  return [...code].every((ch) => CERTIFICATE_CODE_ALPHABET.includes(ch)) ? code : undefined
}

/** A verification's answer: a certificate (valid or revoked), or no certificate with the code. */
export type VerifyOutcome = { state: 'found'; certificate: VerifiedCertificate } | { state: 'not_found' }

/** The certificate a verification found, if any. */
export const foundCertificate = (outcome: VerifyOutcome): VerifiedCertificate | undefined =>
  outcome.state === 'found' ? outcome.certificate : undefined

export { formatCertificateCode }
