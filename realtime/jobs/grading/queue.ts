// The grading queue (issue 16): runs public.grading_jobs rows (OCR, AI suggestions, similarity)
// through graphile-worker's one task `grading`, whose payload is `{ id }` of the row
// (private.enqueue_grading_job queues it, job key `grading:<id>`, 5 attempts). A run marks the row
// running, calls the handler of its kind with throttled progress, and marks it done — or, when the
// handler throws, queued again with the error (graphile retries after e^attempts seconds) or
// failed after the last attempt. Teachers see every change live (the row's trigger).
//
// Crash recovery: graphile-worker 0.16 leaves the jobs of a worker killed with -9 locked for 4
// hours. This process writes its workers' ids into private.grading_workers every `heartbeatMs` and
// sweeps (private.sweep_grading_workers): jobs of workers unseen for `staleMs` are unlocked and run
// again. A graceful stop aborts the handlers (ctx.signal), puts their rows back to queued and gives
// their attempt back, so the next worker starts them at once.
import { EventEmitter } from 'node:events'
import {
  Logger as GraphileLogger,
  type JobHelpers,
  type LogLevel,
  type Runner,
  run,
  type WorkerEvents,
} from 'graphile-worker'
import type { Sql } from '../../../edge/lib/db.ts'
import type { Logger } from '../../core/log.ts'
import { isObject } from '../../live/topics.ts'
import {
  type GradingContext,
  type GradingHandler,
  type GradingJob,
  type GradingJobKind,
  GradingStop,
} from './types.ts'

export interface GradingQueueOptions {
  /** The service connection: rows are read and written bypassing RLS. */
  sql: Sql
  /** The database URL graphile-worker opens its own pool on (it also installs its schema there). */
  dbUrl: string
  log: Logger
  /** The work of each kind; a kind without one fails its jobs with a clear error. */
  handlers: Partial<Record<GradingJobKind, GradingHandler>>
  /** Jobs run at once in this process. Default 2. */
  concurrency?: number
  /** How often idle workers look for due jobs (retries; new jobs come by NOTIFY at once). Default 2 s. */
  pollMs?: number
  /** How often this process marks its workers alive and sweeps dead ones. Default 5 s. */
  heartbeatMs?: number
  /** A worker unseen this long is dead: its jobs are unlocked. Default 30 s. */
  staleMs?: number
  /** How long stop() waits for handlers to end after aborting them. Default 10 s. */
  stopTimeoutMs?: number
  /** Least time between two progress writes of one job. Default 250 ms. */
  progressMs?: number
  /**
   * Which grading_jobs ids this queue runs; others are given back untouched (tried again a second
   * later). Default all. For tests whose queue shares a database with other tests' jobs.
   */
  accept?: (id: string) => boolean
}

export interface GradingQueue {
  /** The graphile-worker ids of this process's workers. */
  readonly workerIds: readonly string[]
  /** Marks this process's workers alive and unlocks dead workers' jobs now; answers how many workers were dead. */
  sweep(): Promise<number>
  /** Aborts running handlers, releases their jobs and stops the workers. */
  stop(): Promise<void>
}

/** `{ id }` of a grading job's payload, or undefined. */
const jobIdOf = (payload: unknown): string | undefined =>
  isObject(payload) && typeof payload.id === 'string' && /^[0-9a-f-]{36}$/.test(payload.id)
    ? payload.id
    : undefined

/** The message a teacher sees for a failed attempt (the column holds 1000 characters). */
const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).trim().slice(0, 1000) || 'The job failed.'

/** graphile-worker's log lines through ours: warnings and errors (its per-job failures we log ourselves). */
function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
    if (meta?.failure) return
    if (level === 'error') log.error(`grading queue: ${message}`)
    else if (level === 'warning') log.warn(`grading queue: ${message}`)
  })
}

/** Starts the workers (installing graphile-worker's schema when missing) and the heartbeat. */
export async function startGradingQueue(opts: GradingQueueOptions): Promise<GradingQueue> {
  const { sql, log, handlers } = opts
  const heartbeatMs = opts.heartbeatMs ?? 5000
  const staleSeconds = Math.max(1, Math.round((opts.staleMs ?? 30_000) / 1000))
  const progressMs = opts.progressMs ?? 250
  const stopping = new AbortController()
  const workerIds = new Set<string>()
  /** Jobs a graceful stop interrupted: their attempt is given back once graphile released them. */
  const interrupted: { jobId: string; attempts: number }[] = []
  /** Jobs `accept` refused, given back (attempt and all) once graphile released them. */
  const refused = new Set<string>()

  async function runJob(payload: unknown, helpers: JobHelpers): Promise<void> {
    const id = jobIdOf(payload)
    if (!id) {
      log.warn('grading job without a grading_jobs id: dropped', { job: helpers.job.id })
      return
    }
    const { job: gj } = helpers
    if (opts.accept && !opts.accept(id)) {
      refused.add(gj.id)
      throw new Error('Left to another queue.')
    }
    // Writes count only while this graphile job still owns the row (asking again detaches it).
    const owns = () =>
      sql`exists (select 1 from graphile_worker.jobs j where j.id = ${gj.id} and j.key = ${`grading:${id}`})`
    const [row] = await sql<
      {
        kind: GradingJobKind
        tenant_id: string
        course_id: string
        assignment_id: string
        submission_id: string | null
      }[]
    >`
      update public.grading_jobs set status = 'running', attempts = ${gj.attempts}, progress = 0
      where id = ${id} and status in ('queued', 'running') and ${owns()}
      returning kind, tenant_id, course_id, assignment_id, submission_id`
    if (!row) return // gone (its assignment deleted), finished, or asked again: nothing to do
    const job: GradingJob = {
      id,
      kind: row.kind,
      tenantId: row.tenant_id,
      courseId: row.course_id,
      assignmentId: row.assignment_id,
      submissionId: row.submission_id,
      attempt: gj.attempts,
    }
    // Progress is for show: a failed write is logged, never the job's failure.
    const progress = throttledProgress(progressMs, (percent) =>
      sql`update public.grading_jobs set progress = ${percent}
            where id = ${id} and status = 'running' and progress <> ${percent} and ${owns()}`.then(
        () => {},
        (error) => log.warn('grading job progress not written', { id, error: errorText(error) }),
      ),
    )
    const signal = helpers.abortSignal
      ? AbortSignal.any([stopping.signal, helpers.abortSignal])
      : stopping.signal
    const ctx: GradingContext = { sql, log, progress: progress.report, signal }
    try {
      const handler = handlers[job.kind]
      if (!handler) throw new Error(`This server has no ${job.kind} worker.`)
      await handler(job, ctx)
    } catch (error) {
      progress.cancel()
      if (stopping.signal.aborted) {
        interrupted.push({ jobId: gj.id, attempts: gj.attempts - 1 })
        await sql`update public.grading_jobs set status = 'queued' where id = ${id} and status = 'running' and ${owns()}`
        throw error
      }
      // A GradingStop ends the job now; graphile gets a finished job, not one to retry.
      const stop = error instanceof GradingStop
      const last = stop || gj.attempts >= gj.max_attempts
      log.warn(`grading job ${last ? 'failed' : 'will be retried'}`, {
        id,
        kind: job.kind,
        attempt: gj.attempts,
        error: errorText(error),
      })
      await sql`update public.grading_jobs set status = ${last ? 'failed' : 'queued'}, error = ${errorText(error)}
        where id = ${id} and status = 'running' and ${owns()}`
      if (stop) return
      throw error
    }
    progress.cancel()
    await sql`update public.grading_jobs set status = 'done', progress = 100, error = null
      where id = ${id} and status = 'running' and ${owns()}`
  }

  const events = new EventEmitter() as WorkerEvents
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId)
    void beat()
  })
  events.on('worker:stop', ({ worker }) => {
    workerIds.delete(worker.workerId)
  })
  events.on('job:complete', ({ job }) => {
    if (!refused.delete(job.id)) return
    void sql`select graphile_worker.reschedule_jobs(array[${job.id}]::bigint[],
               run_at => now() + interval '1 second', attempts => ${job.attempts - 1})`.catch(() => {})
  })

  async function beat(): Promise<void> {
    if (workerIds.size > 0 && !stopping.signal.aborted)
      await sql`select private.grading_heartbeat(${[...workerIds]}::text[])`.catch((error) =>
        log.warn('grading queue heartbeat failed', { error: errorText(error) }),
      )
  }

  async function sweep(): Promise<number> {
    await beat()
    const [row] = await sql<{ dead: number }[]>`select private.sweep_grading_workers(${staleSeconds}) as dead`
    if (row.dead) log.info('grading queue: released the jobs of stopped workers', { workers: row.dead })
    return row.dead
  }

  const runner: Runner = await run(
    {
      connectionString: opts.dbUrl,
      concurrency: opts.concurrency ?? 2,
      pollInterval: opts.pollMs ?? 2000,
      maxPoolSize: (opts.concurrency ?? 2) + 2,
      noHandleSignals: true,
      logger: graphileLogger(log),
      events,
      taskList: { grading: runJob },
    },
    undefined,
    [],
  )
  // Rows queued before graphile-worker's schema existed (a hosted project's first start).
  const [adopted] = await sql<{ n: number }[]>`select private.adopt_grading_jobs() as n`
  if (adopted.n) log.info('grading queue: adopted queued jobs', { jobs: adopted.n })

  let sweeping: Promise<unknown> | undefined
  const timer = setInterval(() => {
    sweeping ??= sweep()
      .catch((error) => log.warn('grading queue sweep failed', { error: errorText(error) }))
      .finally(() => {
        sweeping = undefined
      })
  }, heartbeatMs)
  timer.unref()

  let stopped: Promise<void> | undefined
  async function stop(): Promise<void> {
    clearInterval(timer)
    await sweeping
    stopping.abort()
    const ids = [...workerIds]
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), opts.stopTimeoutMs ?? 10_000).unref(),
    )
    if ((await Promise.race([runner.stop().then(() => 'stopped' as const), timeout])) === 'timeout') {
      log.warn('grading queue: a handler ignored the stop; its job runs again after the stale time')
      return
    }
    try {
      for (const { jobId, attempts } of interrupted)
        await sql`select graphile_worker.reschedule_jobs(array[${jobId}]::bigint[], run_at => now(), attempts => ${attempts})`
      if (ids.length) await sql`delete from private.grading_workers where worker_id in ${sql(ids)}`
    } catch (error) {
      // The database went first (a whole stack stopping): the sweep of the next start tidies up.
      log.warn('grading queue: could not tidy up while stopping', { error: errorText(error) })
    }
  }

  return {
    get workerIds() {
      return [...workerIds]
    },
    sweep,
    stop() {
      stopped ??= stop()
      return stopped
    },
  }
}

/**
 * A job's progress writer: values rounded and clamped to 0–100, at most one write every `everyMs`;
 * a value reported within a window is written when it ends (only the latest). A report never waits
 * for a later window: it resolves at once, or when its own write is done. `cancel` drops a pending write.
 */
export function throttledProgress(everyMs: number, write: (percent: number) => Promise<void>) {
  let lastAt = Number.NEGATIVE_INFINITY
  let pending: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  function flush(): Promise<void> {
    timer = undefined
    const value = pending
    pending = undefined
    if (value === undefined) return Promise.resolve()
    lastAt = Date.now()
    return write(value)
  }

  return {
    report(percent: number): Promise<void> {
      if (!Number.isFinite(percent)) return Promise.resolve()
      pending = Math.min(100, Math.max(0, Math.round(percent)))
      if (timer) return Promise.resolve()
      const wait = lastAt + everyMs - Date.now()
      if (wait <= 0) return flush()
      timer = setTimeout(() => void flush(), wait)
      return Promise.resolve()
    },
    cancel() {
      if (timer) clearTimeout(timer)
      timer = undefined
      pending = undefined
    },
  }
}
