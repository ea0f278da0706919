// Fixed values of grading jobs (issue 16; no zod: the web reads them without loading the schemas).

/** What a grading job does: OCR of a scanned submission, AI grade suggestions for one, a similarity check of an assignment. */
export const GRADING_JOB_KINDS = ['ocr', 'suggest', 'similarity'] as const
export type GradingJobKind = (typeof GRADING_JOB_KINDS)[number]

/** Where a job is: waiting (or waiting to be retried, with `error`), running, done, failed for good. */
export const GRADING_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type GradingJobStatus = (typeof GRADING_JOB_STATUSES)[number]

/** Times a job is tried before it fails for good (with exponential backoff between tries). */
export const GRADING_JOB_ATTEMPTS = 5

/**
 * The live topic of an assignment's grading jobs (realtime/live/assignment-topic.ts), for its
 * graders: `job {id, kind, submission_id, status, progress, error}` when a job is queued or changes.
 */
export const assignmentTopic = (assignmentId: string) => `assignment:${assignmentId}`
