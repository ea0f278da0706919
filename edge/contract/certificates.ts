import { z } from 'zod'
import { CERTIFICATE_LIMITS } from './certificates-values.ts'

// Course completion and certificates (issue 16): a course's completion rules, a student's progress
// by them, the certificates earned, and the public answer of a verification. Certificates carry the
// names as they were when issued; a verification shows names and dates only.

export {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_LENGTH,
  CERTIFICATE_LIMITS,
  COMPLETION_DEFAULTS,
  formatCertificateCode,
  normaliseCertificateCode,
} from './certificates-values.ts'

const Id = z.uuid()
const Stamp = z.string()

// Section: completion rules

/** What completing a course takes. */
export const CompletionRules = z.object({
  /** Percent of a quiz's or points assignment's maximum that passes it (BTEC: Pass or better). */
  pass_percent: z.number().int(),
  /** Every published lesson must be marked done. */
  require_all_lessons: z.boolean(),
  /** Completing the course earns a certificate. */
  issue_certificates: z.boolean(),
})
export type CompletionRules = z.infer<typeof CompletionRules>

/** A course's rules as its teachers read them (the defaults until an editor sets them). */
export const CourseCompletionRules = CompletionRules.extend({
  course_id: Id,
  /** The caller may change them (the course's editors). */
  can_edit: z.boolean(),
  /** When an editor last set them; null while the course has the defaults. */
  updated_at: Stamp.nullable(),
})
export type CourseCompletionRules = z.infer<typeof CourseCompletionRules>

export const PutCompletionRulesBody = z.strictObject({
  pass_percent: z
    .number()
    .int('Use a whole number.')
    .min(0, 'Use a percent from 0 to 100.')
    .max(100, 'Use a percent from 0 to 100.'),
  require_all_lessons: z.boolean(),
  issue_certificates: z.boolean(),
})
export type PutCompletionRulesBody = z.infer<typeof PutCompletionRulesBody>

// Section: certificates

export const Certificate = z.object({
  id: Id,
  /** 12 characters from CERTIFICATE_CODE_ALPHABET; anyone checks it at `verify_url`. */
  code: z.string(),
  tenant_id: Id,
  /** Null once the course was deleted: the certificate stays valid. */
  course_id: Id.nullable(),
  user_id: Id,
  student_name: z.string(),
  course_title: z.string(),
  school_name: z.string(),
  issued_at: Stamp,
  revoked_at: Stamp.nullable(),
  revoked_reason: z.string().nullable(),
  /** The public verification page of this certificate. */
  verify_url: z.string(),
  /** The caller may revoke it (the course's editors, the school's owners and admins). */
  can_revoke: z.boolean(),
})
export type Certificate = z.infer<typeof Certificate>

export const CertificateList = z.object({ items: z.array(Certificate) })
export type CertificateList = z.infer<typeof CertificateList>

export const RevokeCertificateBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the certificate is revoked.')
    .max(CERTIFICATE_LIMITS.reason, `Use at most ${CERTIFICATE_LIMITS.reason} characters.`),
})
export type RevokeCertificateBody = z.infer<typeof RevokeCertificateBody>

// Section: progress

/** Whose progress: yours when left out; a child's (their parents) or a student's (the course's teachers). */
export const ProgressQuery = z.strictObject({ student: Id.optional() })
export type ProgressQuery = z.infer<typeof ProgressQuery>

/** A student's progress through a course by its completion rules. */
export const CourseProgress = z.object({
  course_id: Id,
  student_id: Id,
  /** Lessons with a published version, and how many of them the student marked done. */
  lessons_published: z.number().int(),
  lessons_done: z.number().int(),
  /** Published quizzes and assignments, and how many of them the student passed. */
  assessments_total: z.number().int(),
  assessments_passed: z.number().int(),
  /** Share of what the rules require that is done, rounded down (0 when nothing is required yet). */
  percent: z.number().int(),
  complete: z.boolean(),
  rules: CompletionRules,
  /** The student's certificate for the course, if they have one (revoked ones included). */
  certificate: Certificate.nullable(),
})
export type CourseProgress = z.infer<typeof CourseProgress>

// Section: verification (public)

/** What anyone sees of a certificate by its code: no ids, no emails. */
export const VerifiedCertificate = z.object({
  /** The code as stored (upper case, no dashes). */
  code: z.string(),
  student_name: z.string(),
  course_title: z.string(),
  school_name: z.string(),
  issued_at: Stamp,
  revoked: z.boolean(),
  revoked_at: Stamp.nullable(),
})
export type VerifiedCertificate = z.infer<typeof VerifiedCertificate>
