// Fixed values of course completion and certificates (no zod: the web reads them without loading
// the schemas). The database checks the same (supabase/migrations/20261206210000_certificates.sql).

/** The characters of a certificate code: base32 without 0, O, 1 and I, which read alike. */
export const CERTIFICATE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A certificate code has this many characters (60 random bits). */
export const CERTIFICATE_CODE_LENGTH = 12

export const COMPLETION_DEFAULTS = {
  /** Percent of a quiz's or points assignment's maximum that passes it. */
  passPercent: 50,
  requireAllLessons: true,
  issueCertificates: true,
} as const

export const CERTIFICATE_LIMITS = {
  /** Longest reason for revoking a certificate. */
  reason: 500,
  /** Longest code accepted as typed (dashes and spaces included). */
  typedCode: 64,
} as const

/** A code as typed (any case, dashes or spaces) as stored: the database's normalise_certificate_code. */
export const normaliseCertificateCode = (typed: string): string =>
  typed.replace(/[^A-Za-z0-9]/g, '').toUpperCase()

/** A stored code in groups of four for people to read: ABCD-EFGH-JKLM. */
export const formatCertificateCode = (code: string): string => code.match(/.{1,4}/g)?.join('-') ?? code
