// The realtime app: the core (core/server.ts) with Kipindi's features mounted on it — the Yjs rooms,
// the live channel with its topic families, the access signals both follow, and the background jobs.
// `realtime/main.ts` (standalone) and the launcher (`npm start`) start it; so do the tests.
import type { Sql } from '../edge/lib/db.ts'
import type { Verifier } from '../edge/lib/jwt.ts'
import { type AccessSignals, listenAccessSignals } from './access-signals.ts'
import { createAuthExtension } from './core/auth.ts'
import { defaultInstanceId } from './core/instance-id.ts'
import { consoleLogger, type Logger } from './core/log.ts'
import { startCore } from './core/server.ts'
import type { Extension, Route } from './core/types.ts'
import { type DigestJob, startDigestJob } from './jobs/digests.ts'
import { type ExportJob, startExportJob } from './jobs/exports/job.ts'
import type { ExportStorage } from './jobs/exports/storage.ts'
import { type GradingQueue, type GradingQueueOptions, startGradingQueue } from './jobs/grading/queue.ts'
import { type OutboxJob, startOutboxJob } from './jobs/outbox.ts'
import { type ReminderJob, startReminderJob } from './jobs/reminders.ts'
import { type SchoolDeletionJob, startSchoolDeletionJob } from './jobs/school-deletions.ts'
import { type SlaJob, startSlaJob } from './jobs/sla.ts'
import type { SmtpConfig } from './jobs/smtp-config.ts'
import { startWalletJob, type WalletJob } from './jobs/wallets.ts'
import { type LiveAccessWatch, watchLiveAccess } from './live/access-watch.ts'
import { assignmentTopics } from './live/assignment-topic.ts'
import { courseTopics } from './live/course-topic.ts'
import { createHub, type LiveHub } from './live/hub.ts'
import { createLiveRoute, type PublishLimit } from './live/route.ts'
import { queueTopics, ticketTopics, userTopics } from './live/support-topics.ts'
import { tutoringTopics } from './live/tutoring-topic.ts'
import { createRealtimeMetrics } from './metrics.ts'
import { createYjsRoute, type YjsOptions, type YjsRoute } from './yjs/route.ts'

export interface RealtimeServerOptions {
  port: number
  host?: string
  verifier: Verifier
  /** When given, sessions are checked in the database (signed-out tokens are refused), and the features that need it are mounted. */
  sql?: Sql
  log?: Logger
  /** Prometheus metrics at /realtime/v1/metrics for a scraper with this bearer token; none: refused. */
  metricsToken?: string
  /** Behaviour added after auth: logging, persistence, scale-out. */
  extensions?: Extension[]
  /** Routes served beside the live channel (e.g. the Yjs rooms). */
  routes?: Route[]
  /** Ping interval; a socket that missed the previous pong is terminated. Default 30 s. */
  heartbeatMs?: number
  /** A socket not authenticated by then is closed with 4401. Default 10 s. */
  authTimeoutMs?: number
  /** Largest frame accepted; bigger ones close the socket with 1009. Default 64 KiB. */
  maxPayload?: number
  /**
   * The Yjs rooms at /realtime/v1/yjs/lesson:<uuid> (mounted when `sql` is given); options such
   * as flush and compaction timing, or false to leave them out.
   */
  yjs?: Partial<Omit<YjsOptions, 'sql' | 'log'>> | false
  /** Relay Yjs rooms between instances through Redis pub/sub (REDIS_URL). */
  redisUrl?: string
  /** This instance's name in the Yjs update log and on Redis. */
  instanceId?: string
  /** Events a live socket may publish (typing, signalling). Default 60 at once, 20 per second. */
  publishLimit?: PublishLimit
  /** Every live subscription's access is re-checked this often (the backstop of the access signals). Default 30 s. */
  liveRecheckMs?: number
  /** How often agents watching a support queue are marked online again. Default 30 s. */
  queuePresenceMs?: number
  /** Run the SLA job (`private.run_sla()`) this often, in ms; 0 or absent: not in this server. */
  slaJobMs?: number
  /**
   * Run the reminder job (`private.run_reminders()`) this often, in ms; 0: not in this server.
   * Absent: every minute wherever the SLA job runs. `clock` fixes the time a run counts from
   * (tests); `siteUrl` is the web app's address for the links in reminder emails.
   */
  reminders?: { intervalMs?: number; clock?: () => Date; siteUrl?: string }
  /**
   * Release instructors' held money (`private.release_pending()`) this often, in ms; 0: not in this
   * server. Absent: every 10 minutes wherever the SLA job runs.
   */
  wallets?: { intervalMs?: number; clock?: () => Date }
  /**
   * Send the parents' weekly digests (`private.run_parent_digests()`) this often, in ms; 0: not in
   * this server. Absent: every 10 minutes wherever the SLA job runs. `siteUrl` as for reminders.
   */
  digests?: { intervalMs?: number; clock?: () => Date; siteUrl?: string }
  /**
   * Make the report exports people ask for (jobs/exports/job.ts) every `intervalMs` (default 2 s; 0:
   * not in this server), writing the files through `storage` (null or absent: not in this server).
   */
  exports?: { intervalMs?: number; storage?: ExportStorage | null; tmpDir?: string }
  /**
   * Delete schools whose deletion grace period ended (`private.delete_due_schools()`) this often, in
   * ms; 0: not in this server. Absent: every hour wherever the SLA job runs.
   */
  schoolDeletions?: { intervalMs?: number; clock?: () => Date }
  /**
   * Send the emails of `private.outbox_emails` over SMTP (jobs/outbox.ts) every `smtp.intervalMs`;
   * absent, or an interval of 0: not in this server. `log` defaults to the server's.
   */
  outbox?: { smtp: SmtpConfig; log?: Logger }
  /**
   * Run the grading queue (jobs/grading/queue.ts: OCR, AI suggestions, similarity checks) here, on
   * `dbUrl` (graphile-worker opens its own pool there); `handlers` default to jobs/grading/handlers.ts's,
   * configured from `env` (default process.env: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, AI keys).
   * Absent or false: not in this server.
   */
  grading?:
    | false
    | ({ dbUrl: string; env?: Record<string, string | undefined> } & Partial<
        Omit<GradingQueueOptions, 'sql' | 'dbUrl'>
      >)
  /**
   * Record peer-to-peer room attendance when sockets join a tutoring room's topic. Off when LiveKit
   * serves the rooms (its webhooks record attendance; the topic then carries only chat and
   * moderation). Default true.
   */
  meshAttendance?: boolean
}

export interface RealtimeServer {
  /** The port it listens on (the OS's choice when given 0). */
  readonly port: number
  /** Open sockets, authenticated or not. */
  readonly connections: number
  /** The Yjs rooms, when mounted. */
  readonly yjs?: YjsRoute
  /** The live channel's subscriptions and delivery (with `sql`). */
  readonly live?: LiveHub
  /** Re-checks of live subscriptions after access changes (with `sql`). */
  readonly liveAccess?: LiveAccessWatch
  /** The SLA job, when `slaJobMs` is set. */
  readonly sla?: SlaJob
  /** The reminder job, when it runs here. */
  readonly reminders?: ReminderJob
  /** The wallet job (held money released), where it runs. */
  readonly wallets?: WalletJob
  /** The parents' weekly digest job, where it runs. */
  readonly digests?: DigestJob
  /** The report export job, where it runs. */
  readonly exports?: ExportJob
  /** The school deletion job, where it runs. */
  readonly schoolDeletions?: SchoolDeletionJob
  /** The outbox sender, when `outbox` is set with an interval. */
  readonly outbox?: OutboxJob
  /** The grading queue, when `grading` is set. */
  readonly grading?: GradingQueue
  /** Stops the jobs, closes every socket with 1001, then flushes and closes every feature. */
  close(): Promise<void>
}

/**
 * Starts the realtime server: the core with authentication, and — given `sql` — the Yjs rooms, the
 * live channel's topics, the access signals and the jobs asked for. Resolves once it listens.
 */
export async function createRealtimeServer(opts: RealtimeServerOptions): Promise<RealtimeServer> {
  const log = opts.log ?? consoleLogger
  const { sql } = opts
  const auth = createAuthExtension({ verifier: opts.verifier, sql, log })
  // Read when scraped: the features below exist by then.
  const metrics = createRealtimeMetrics(
    {
      connections: () => core.connections,
      yjsRooms: () => yjs?.rooms ?? 0,
      liveSubscriptions: () => live?.all().length ?? 0,
    },
    sql,
    log,
  )

  // Access changes from the database (NOTIFY access): the Yjs rooms and the live hub re-check.
  const signals: AccessSignals | undefined = sql ? listenAccessSignals(sql, log) : undefined

  // Section: the Yjs rooms (yjs/)
  const yjs =
    sql && opts.yjs !== false
      ? createYjsRoute({
          ...opts.yjs,
          sql,
          log,
          signals,
          redisUrl: opts.redisUrl ?? opts.yjs?.redisUrl,
          instanceId: opts.instanceId ?? opts.yjs?.instanceId,
        })
      : undefined

  // Section: the live channel (live/) — its topics need the database (access, LISTEN); without
  // it every topic is unknown.
  const topics = sql
    ? [
        ticketTopics(sql),
        queueTopics({ sql, log, presenceMs: opts.queuePresenceMs }),
        userTopics(),
        tutoringTopics({ sql, log, meshAttendance: opts.meshAttendance ?? true }),
        courseTopics(sql),
        assignmentTopics(sql),
      ]
    : []
  const live = sql
    ? createHub({
        sql,
        log,
        handlers: topics,
        instanceId: opts.instanceId ?? yjs?.instanceId ?? defaultInstanceId(),
        redisUrl: opts.redisUrl,
      })
    : undefined
  const liveAccess =
    live && sql ? watchLiveAccess({ hub: live, sql, log, signals, recheckMs: opts.liveRecheckMs }) : undefined
  const liveRoute = createLiveRoute({
    auth,
    hub: live,
    access: liveAccess,
    topics,
    publishLimit: opts.publishLimit,
  })

  // Section: jobs (jobs/) — they stop when the server starts closing. An SLA run in flight (one
  // statement) is awaited before the sockets close; emails being sent hold up neither the sockets
  // nor the flush of the Yjs rooms, only the end of close().
  const sla =
    sql && opts.slaJobMs
      ? startSlaJob({ sql, log: metrics.jobLog('sla', log), intervalMs: opts.slaJobMs })
      : undefined
  const reminderMs = opts.reminders?.intervalMs ?? (opts.slaJobMs ? 60_000 : 0)
  const reminders =
    sql && reminderMs
      ? startReminderJob({
          sql,
          log: metrics.jobLog('reminders', log),
          ...opts.reminders,
          intervalMs: reminderMs,
        })
      : undefined
  const digestMs = opts.digests?.intervalMs ?? (opts.slaJobMs ? 600_000 : 0)
  const digests =
    sql && digestMs
      ? startDigestJob({
          sql,
          log: metrics.jobLog('digests', log),
          siteUrl: opts.reminders?.siteUrl,
          ...opts.digests,
          intervalMs: digestMs,
        })
      : undefined
  const walletMs = opts.wallets?.intervalMs ?? (opts.slaJobMs ? 600_000 : 0)
  const wallets =
    sql && walletMs
      ? startWalletJob({ sql, log: metrics.jobLog('wallets', log), ...opts.wallets, intervalMs: walletMs })
      : undefined
  const exportMs = opts.exports?.intervalMs ?? 2_000
  const exportJob =
    sql && opts.exports?.storage && exportMs
      ? startExportJob({
          sql,
          log: metrics.jobLog('exports', log),
          storage: opts.exports.storage,
          tmpDir: opts.exports.tmpDir,
          intervalMs: exportMs,
        })
      : undefined
  const schoolDeletionMs = opts.schoolDeletions?.intervalMs ?? (opts.slaJobMs ? 3_600_000 : 0)
  const schoolDeletions =
    sql && schoolDeletionMs
      ? startSchoolDeletionJob({
          sql,
          log: metrics.jobLog('school_deletions', log),
          ...opts.schoolDeletions,
          intervalMs: schoolDeletionMs,
        })
      : undefined
  const outbox =
    sql && opts.outbox?.smtp.intervalMs
      ? startOutboxJob({ sql, log: metrics.jobLog('outbox', opts.outbox.log ?? log), smtp: opts.outbox.smtp })
      : undefined
  let outboxStopped: Promise<void> | undefined
  // The grading queue: handlers are loaded only where it runs (OCR pulls in tesseract.js).
  const gradingWork =
    sql && opts.grading && !opts.grading.handlers ? await import('./jobs/grading/handlers.ts') : undefined
  const grading =
    sql && opts.grading
      ? await startGradingQueue({
          ...opts.grading,
          handlers: opts.grading.handlers ?? gradingWork!.createGradingHandlers(opts.grading.env),
          sql,
          log: metrics.jobLog('grading', opts.grading.log ?? log),
        })
      : undefined
  let gradingStopped: Promise<void> | undefined
  const jobs: Extension = {
    name: 'jobs',
    async beforeClose() {
      outboxStopped = outbox?.stop()
      gradingStopped = grading?.stop().then(() => gradingWork?.stopGradingHandlers())
      await sla?.stop()
      await reminders?.stop()
      await wallets?.stop()
      await digests?.stop()
      await exportJob?.stop()
      await schoolDeletions?.stop()
    },
  }

  const core = await startCore({
    port: opts.port,
    host: opts.host,
    log,
    heartbeatMs: opts.heartbeatMs,
    authTimeoutMs: opts.authTimeoutMs,
    maxPayload: opts.maxPayload,
    extensions: [auth, ...(signals ? [signals] : []), jobs, ...(opts.extensions ?? [])],
    routes: [...(opts.routes ?? []), ...(yjs ? [yjs] : []), liveRoute],
    metrics: { token: opts.metricsToken, render: metrics.render },
  })

  return {
    port: core.port,
    get connections() {
      return core.connections
    },
    yjs,
    live,
    liveAccess,
    sla,
    reminders,
    wallets,
    digests,
    exports: exportJob,
    schoolDeletions,
    outbox,
    grading,
    async close() {
      await core.close()
      await outboxStopped
      await gradingStopped
    },
  }
}
