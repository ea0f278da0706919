import {
  ASSIGNMENT_LIMITS,
  SUBMISSION_BUCKET,
  SUBMISSION_FILE_TYPES,
} from '../../../../edge/contract/assessments-values.ts'
import type { SubmitBody } from '../../../../edge/contract/assignments.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'
import type { FileRef } from '../files/AttachmentList.tsx'
import type { AttachmentRules } from '../files/attachment-draft.ts'
import type { Bucket } from '../files/storage.ts'

// The student's submit form without the page: where their files go, the checks the API makes of a
// submission, and the body of PUT /assignments/{id}/submission.

/** The largest file a submission takes: the assignment-files bucket's limit (20 MiB). */
export const SUBMISSION_FILE_BYTES = 20 * 1024 * 1024

/** Types the phone camera button takes (a photo of a handwritten page). */
export const PHOTO_TYPES = SUBMISSION_FILE_TYPES.filter((type) => type.startsWith('image/'))

/**
 * Where a student's files for an assignment go (`assignment-files/<school>/<assignment>/<student>/…`,
 * the folder the storage policy lets them write), and how many more they may add beside `kept`.
 */
export function submissionFiles(
  tenantId: string,
  assignmentId: string,
  userId: string,
  kept: number,
): AttachmentRules {
  return {
    // files/storage.ts names the buckets it knew before assignments; the path shape is the same.
    bucket: SUBMISSION_BUCKET as Bucket,
    folder: `${tenantId}/${assignmentId}/${userId}`,
    max: Math.max(0, ASSIGNMENT_LIMITS.files - kept),
    maxBytes: SUBMISSION_FILE_BYTES,
    accept: [...SUBMISSION_FILE_TYPES],
  }
}

export interface SubmitValues {
  text: string
  files: readonly FileRef[]
  allowText: boolean
  allowFiles: boolean
}

export interface SubmitWords {
  empty: string
  tooLong: (max: number) => string
  tooMany: (max: number) => string
}

/** The body to send (only what the assignment takes), or a message at `body`, `files` or `(body)`. */
export function checkSubmission(v: SubmitValues, w: SubmitWords): Validated<SubmitBody> {
  const errors: FieldErrors = {}
  const text = v.allowText ? v.text.trim() : ''
  const files = v.allowFiles ? v.files.map((f) => ({ path: f.path, name: f.name })) : []
  if (text.length > ASSIGNMENT_LIMITS.body) errors.body = w.tooLong(ASSIGNMENT_LIMITS.body)
  if (files.length > ASSIGNMENT_LIMITS.files) errors.files = w.tooMany(ASSIGNMENT_LIMITS.files)
  if (!text && files.length === 0) errors[v.allowText ? 'body' : 'files'] = w.empty
  const body: SubmitBody = {}
  if (v.allowText) body.body = text
  if (v.allowFiles) body.files = files
  return checked(errors, body)
}
