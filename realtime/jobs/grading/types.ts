// The contract between the grading queue (queue.ts) and the work it runs (issue 16): OCR of scanned
// scripts, AI grade suggestions and similarity checks. A job is a row of public.grading_jobs (what
// teachers see, with its progress) executed through graphile-worker (durable, retried with backoff).
import type { Sql } from '../../../edge/lib/db.ts'
import type { Logger } from '../../core/log.ts'

export type GradingJobKind = 'ocr' | 'suggest' | 'similarity'

/** One row of public.grading_jobs as a handler gets it. */
export interface GradingJob {
  id: string
  kind: GradingJobKind
  tenantId: string
  courseId: string
  assignmentId: string
  /** The submission the job is about (ocr, suggest); null for an assignment-wide job (similarity). */
  submissionId: string | null
  /** 1 on the first run, counted up on every retry. */
  attempt: number
}

export interface GradingContext {
  /** The service connection (bypasses RLS): handlers check what they read belongs to job.tenantId. */
  sql: Sql
  log: Logger
  /** Records progress 0–100 (rounded, at most every 250 ms; teachers see it live). */
  progress(percent: number): Promise<void>
  /** Aborted when the worker stops (the job is then retried by the next worker). */
  signal: AbortSignal
}

/**
 * Does one job. Resolving marks it done; throwing marks the attempt failed (retried with backoff,
 * failed for good after the last attempt, its message shown to the teacher). Handlers must be
 * idempotent: a job may run again after a crash.
 */
export type GradingHandler = (job: GradingJob, ctx: GradingContext) => Promise<void>

/**
 * Thrown by a handler when trying again cannot help (no AI provider, nothing to read, a file that
 * is not an image): the job fails at once with this message instead of being retried.
 */
export class GradingStop extends Error {}
