import type { GradingJob } from '../../contract/assessments-jobs.ts'
import * as R from '../../contract/routes/assessments-jobs.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { assignmentOf, assignmentQuery, readAssignment } from './queries.ts'

// An assignment's grading jobs (OCR, AI suggestions, similarity checks) for the course's graders:
// public.assignment_grading_jobs and public.request_grading_job decide who may, once per call
// (403 `grading_forbidden`); the realtime server's queue runs the jobs and the topic
// `assignment:<id>` tells their progress.

const tags = ['assignments']

const list = apiRoute(R.listGradingJobs, {
  tags,
  summary: "An assignment's grading jobs: the latest per kind and submission (the course's graders)",
  description:
    'Status `queued` with an `error` is a failed try waiting to be retried (with backoff, 5 tries at most); ' +
    '`failed` was the last. Follow `assignment:<id>` on the live channel for each change (`job` events).',
  responses: { 200: 'The jobs, oldest first.' },
  errors: [400, 401, 403, 404],
})
const request = apiRoute(R.requestGradingJob, {
  tags,
  summary: 'Queue OCR or AI suggestions for a submission, or a similarity check of the assignment (graders)',
  description:
    '`ocr` and `suggest` need `submission_id` (a submission of this assignment); `similarity` takes none ' +
    '(422 `grading_target_invalid`). An unfinished job of the same kind and target is reused (queued again ' +
    'from 0 %); a finished one is kept and a new job queued.',
  responses: { 202: 'The queued job.' },
  errors: [400, 401, 403, 404, 422],
})

const jobColumns = (
  tx: Tx,
) => tx`j.id, j.kind, j.assignment_id, j.submission_id, j.status, j.progress::int as progress,
  j.attempts, j.error, j.created_at, j.updated_at, j.finished_at`

/** GET and POST /assignments/:id/jobs. */
export function gradingJobRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [assignment, items] = await withUserRead(sql, c.var.claims, (tx) => [
        assignmentQuery(tx, id),
        // Through the assignment as RLS shows it: a hidden one is a 404 (below), not the function's answer.
        tx<GradingJob[]>`select ${jobColumns(tx)}
          from public.assignments a cross join lateral public.assignment_grading_jobs(a.id) j
          where a.id = ${id} order by j.created_at, j.id`,
      ])
      assignmentOf(assignment)
      return c.json({ items }, 200)
    })
    .openapi({ ...request, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const job = await withUser(sql, c.var.claims, async (tx) => {
        await readAssignment(tx, id)
        const [row] = await tx<GradingJob[]>`select ${jobColumns(tx)}
          from public.request_grading_job(${body.kind}, ${id}, ${body.submission_id ?? null}) j`
        return row as GradingJob
      })
      return c.json(job, 202)
    })
}
