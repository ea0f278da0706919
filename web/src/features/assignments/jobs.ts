import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js'
import type { GradingJob } from '../../../../edge/contract/assessments-jobs.ts'
import {
  assignmentTopic,
  type GradingJobKind,
  type GradingJobStatus,
} from '../../../../edge/contract/assessments-jobs-values.ts'
import { afterPageData } from '../../api/client.ts'
import { api } from '../../lib/runtime.ts'

// An assignment's grading jobs (OCR, AI suggestions, similarity checks), kept live for its graders:
//
//   const grading = createGradingJobs(() => assignmentId)
//   grading.jobs()                        // GradingJob[]: the latest per kind and submission
//   grading.job('ocr', submissionId)      // that one, or undefined
//   grading.loading() / grading.error()   // the first load; error: what GET answered (e.g. 403)
//   await grading.request('suggest', submissionId)   // POST, 202 with the job (throws ApiError)
//   grading.refresh()                     // GET again
//
// Loads GET /assignments/{id}/jobs, then follows `assignment:<id>` on the tab's live socket
// (`job {id, kind, submission_id, status, progress, error}` events); while the socket is not
// subscribed and a job is queued or running it polls the GET every 3 s instead. Call it inside a
// component (it cleans up with its owner). Shown by components/JobStatus.tsx.

/** How often jobs are polled while the live socket cannot tell. */
export const POLL_MS = 3000

/** What a `job` event carries. */
export interface JobEvent {
  id: string
  kind: GradingJobKind
  submission_id: string | null
  status: GradingJobStatus
  progress: number
  error: string | null
}

const KINDS: readonly string[] = ['ocr', 'suggest', 'similarity']
const STATUSES: readonly string[] = ['queued', 'running', 'done', 'failed']

/** A `job` event's data, checked; undefined when it is not one. */
export function parseJobEvent(event: string, data: unknown): JobEvent | undefined {
  if (event !== 'job' || typeof data !== 'object' || data === null) return undefined
  const d = data as Record<string, unknown>
  if (typeof d.id !== 'string' || !KINDS.includes(d.kind as string) || !STATUSES.includes(d.status as string))
    return undefined
  if (typeof d.progress !== 'number') return undefined
  if (d.submission_id !== null && typeof d.submission_id !== 'string') return undefined
  return {
    id: d.id,
    kind: d.kind as GradingJobKind,
    submission_id: d.submission_id,
    status: d.status as GradingJobStatus,
    progress: d.progress,
    error: typeof d.error === 'string' ? d.error : null,
  }
}

/** The jobs with an event applied; undefined when the event is about a job not in the list (reload). */
export function applyJobEvent(jobs: readonly GradingJob[], e: JobEvent): GradingJob[] | undefined {
  const i = jobs.findIndex((j) => j.id === e.id)
  if (i < 0) return undefined
  const next = [...jobs]
  next[i] = { ...(jobs[i] as GradingJob), status: e.status, progress: e.progress, error: e.error }
  return next
}

const STAGE: Record<GradingJobStatus, number> = { queued: 0, running: 1, done: 2, failed: 2 }

/**
 * A loaded list with each job kept as the page already saw it when that is further along: an event
 * can arrive while a GET is on its way, and the GET's older answer must not put a finished job back
 * to "queued" (a job's status never goes back; asking again makes a new job).
 */
export function mergeJobs(loaded: readonly GradingJob[], seen: readonly GradingJob[]): GradingJob[] {
  return loaded.map((j) => {
    const s = seen.find((x) => x.id === j.id)
    const ahead =
      s && (STAGE[s.status] > STAGE[j.status] || (s.status === j.status && s.progress > j.progress))
    return ahead ? s : j
  })
}

/** True while a job may still change. */
export const isActive = (job: Pick<GradingJob, 'status'>) =>
  job.status === 'queued' || job.status === 'running'

export interface GradingJobs {
  jobs: Accessor<GradingJob[]>
  job(kind: GradingJobKind, submissionId?: string | null): GradingJob | undefined
  loading: Accessor<boolean>
  error: Accessor<unknown>
  request(kind: GradingJobKind, submissionId?: string): Promise<GradingJob>
  refresh(): Promise<void>
}

export function createGradingJobs(assignmentId: () => string): GradingJobs {
  const [jobs, setJobs] = createSignal<GradingJob[]>([])
  const [loading, setLoading] = createSignal(true)
  const [error, setError] = createSignal<unknown>()
  const [live, setLive] = createSignal(false)
  const [ready, setReady] = createSignal(false)
  afterPageData(() => setReady(true))

  let generation = 0
  async function refresh(): Promise<void> {
    const id = assignmentId()
    const mine = ++generation
    try {
      const body = await api().get('/assignments/:id/jobs', { params: { id } })
      if (mine !== generation) return
      setJobs((seen) => mergeJobs(body.items, seen))
      setError(undefined)
    } catch (e) {
      if (mine === generation) setError(e)
    } finally {
      if (mine === generation) setLoading(false)
    }
  }

  /** Puts a job in place of the one of its kind and submission (a new request replaces a finished job). */
  function upsert(job: GradingJob) {
    setJobs((list) => [
      ...list.filter(
        (j) => j.id !== job.id && !(j.kind === job.kind && j.submission_id === job.submission_id),
      ),
      job,
    ])
  }

  // The list, again whenever the assignment changes.
  createEffect(() => {
    assignmentId()
    setLoading(true)
    setJobs([])
    void refresh()
  })

  // The live topic, once the page has its data (the live client is not on the first screen).
  createEffect(() => {
    const id = assignmentId()
    if (!ready() || !id) return
    let ended = false
    let stop: (() => void) | undefined
    let stopStatus: (() => void) | undefined
    let subscribes = 0
    void import('../../shell/state/live.ts').then(({ liveClient }) => {
      if (ended) return
      const client = liveClient()
      stopStatus = client.onStatus((status) => {
        if (status !== 'open') setLive(false)
      })
      stop = client.subscribe(assignmentTopic(id), {
        onEvent: (e) => {
          const parsed = parseJobEvent(e.event, e.data)
          if (!parsed) return
          const next = applyJobEvent(jobs(), parsed)
          if (next) setJobs(next)
          else void refresh()
        },
        onSubscribed: () => {
          setLive(true)
          // Events sent while the socket was down are lost: load what was missed.
          if (subscribes++ > 0) void refresh()
        },
        onRefused: () => setLive(false),
      })
    })
    onCleanup(() => {
      ended = true
      stop?.()
      stopStatus?.()
      setLive(false)
    })
  })

  // Without the live topic, poll while something may still change.
  createEffect(() => {
    if (live() || !jobs().some(isActive)) return
    const timer = setInterval(() => void refresh(), POLL_MS)
    onCleanup(() => clearInterval(timer))
  })

  return {
    jobs,
    job: (kind, submissionId = null) =>
      jobs().find((j) => j.kind === kind && j.submission_id === (submissionId ?? null)),
    loading,
    error,
    async request(kind, submissionId) {
      const job = await api().post(
        '/assignments/:id/jobs',
        submissionId ? { kind, submission_id: submissionId } : { kind },
        { params: { id: assignmentId() } },
      )
      upsert(job)
      return job
    },
    refresh,
  }
}
