import type { Sql } from 'postgres'
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { Logger } from './core/log.ts'

// What an operator watches on a realtime server (issue 20): its sockets, Yjs rooms and live
// subscriptions, the email outbox's queue and failures, the grading queue, the database
// connections, and the Node process itself. Gauges read their values when scraped; the database
// ones in one query that may not hold the scrape up for long.

/** What the gauges read from the running server. */
export interface RealtimeReadings {
  connections: () => number
  yjsRooms: () => number
  liveSubscriptions: () => number
}

const DB_TIMEOUT_MS = 2_000

export function createRealtimeMetrics(readings: RealtimeReadings, sql: Sql | undefined, log: Logger) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kipindi_realtime_' })
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read())
      },
    })
  gauge('kipindi_realtime_sockets', 'Open WebSockets (live channel and Yjs rooms).', readings.connections)
  gauge('kipindi_yjs_rooms', 'Lesson documents held in memory.', readings.yjsRooms)
  gauge(
    'kipindi_live_subscriptions',
    'Live channel subscriptions on this instance.',
    readings.liveSubscriptions,
  )
  const jobFailures = new Counter({
    name: 'kipindi_job_failures_total',
    help: 'Runs of a background job that failed, by job.',
    labelNames: ['job'] as const,
    registers: [registry],
  })

  const queue = new Gauge({
    name: 'kipindi_queue_depth',
    help: 'Work waiting: emails not yet sent (outbox), grading jobs not yet done (grading), report exports not yet made (exports).',
    labelNames: ['queue'] as const,
    registers: [registry],
  })
  const failed = new Gauge({
    name: 'kipindi_outbox_failed',
    help: 'Emails the outbox gave up on.',
    registers: [registry],
  })
  const connections = new Gauge({
    name: 'kipindi_db_connections',
    help: 'Connections to this database, by state (pg_stat_activity).',
    labelNames: ['state'] as const,
    registers: [registry],
  })

  async function readDatabase() {
    if (!sql) return
    const [row] = await sql<
      { pending: number; exports: number; failed: number; grading: boolean; states: Record<string, number> }[]
    >`
      select (select count(*)::int from private.outbox_emails where status = 'pending') as pending,
        (select count(*)::int from public.report_exports where status in ('queued', 'running')) as exports,
        (select count(*)::int from private.outbox_emails where status = 'failed') as failed,
        to_regclass('graphile_worker._private_jobs') is not null as grading,
        (select coalesce(jsonb_object_agg(state, n), '{}') from (
           select coalesce(a.state, 'other') as state, count(*)::int as n from pg_stat_activity a
           where a.datname = current_database() group by 1) s) as states`
    if (!row) return
    queue.set({ queue: 'outbox' }, row.pending)
    queue.set({ queue: 'exports' }, row.exports)
    // The grading queue's tables exist once a server has run it.
    const [jobs] = row.grading
      ? await sql<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs`
      : []
    queue.set({ queue: 'grading' }, jobs?.n ?? 0)
    failed.set(row.failed)
    connections.reset()
    for (const [state, n] of Object.entries(row.states)) connections.set({ state }, n)
  }

  return {
    registry,
    /** The job's logger, counting each error it logs as a failed run of the job. */
    jobLog: (job: string, jobLog: Logger): Logger => ({
      ...jobLog,
      error(message, fields) {
        jobFailures.inc({ job })
        jobLog.error(message, fields)
      },
    }),
    /** The exposition: the database readings first (logged and skipped when they fail or stall). */
    async render() {
      try {
        await withTimeout(readDatabase(), DB_TIMEOUT_MS)
      } catch (error) {
        log.warn('metrics: database readings skipped', { error })
      }
      return { contentType: registry.contentType, text: await registry.metrics() }
    },
  }
}
export type RealtimeMetrics = ReturnType<typeof createRealtimeMetrics>

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took longer than ${ms} ms`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
