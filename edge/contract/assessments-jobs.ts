import { z } from 'zod'
import { GRADING_JOB_KINDS, GRADING_JOB_STATUSES } from './assessments-jobs-values.ts'

// Grading jobs (issue 16): OCR of scanned submissions, AI grade suggestions and similarity checks
// run in the background (realtime/jobs/grading); the course's graders list an assignment's jobs,
// ask for one, and follow them live on `assignment:<id>`.

export {
  assignmentTopic,
  GRADING_JOB_ATTEMPTS,
  GRADING_JOB_KINDS,
  GRADING_JOB_STATUSES,
  type GradingJobKind,
  type GradingJobStatus,
} from './assessments-jobs-values.ts'

export const GradingJob = z.object({
  id: z.uuid(),
  kind: z.enum(GRADING_JOB_KINDS),
  assignment_id: z.uuid(),
  /** The submission it is about; null for a similarity check (the whole assignment). */
  submission_id: z.uuid().nullable(),
  status: z.enum(GRADING_JOB_STATUSES),
  /** 0–100. */
  progress: z.number().int().min(0).max(100),
  /** Tries so far (retried with backoff, 5 at most). */
  attempts: z.number().int(),
  /** The last try's error: with `queued` it will be retried, with `failed` it was the last. */
  error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
})
export type GradingJob = z.infer<typeof GradingJob>

export const GradingJobList = z.object({
  /** The latest job of each kind and submission, oldest first. */
  items: z.array(GradingJob),
})
export type GradingJobList = z.infer<typeof GradingJobList>

export const RequestGradingJobBody = z.strictObject({
  kind: z.enum(GRADING_JOB_KINDS),
  /** Required for ocr and suggest (a submission of this assignment); left out for similarity. */
  submission_id: z.uuid().optional(),
})
export type RequestGradingJobBody = z.infer<typeof RequestGradingJobBody>
