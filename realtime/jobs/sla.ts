// The SLA job (issue 4): every minute `select private.run_sla()` with the privileged connection. It
// flags clocks near breach and escalates breached ones exactly once each, so every instance may
// run it at the same time. On hosted Supabase pg_cron can run the same statement instead
// (realtime/README.md).
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import { startIntervalJob } from './interval.ts'

/** What `private.run_sla()` answers. */
export interface SlaRun {
  warned: number
  breached: number
  at: string
}

export interface SlaJob {
  /** Runs once now (unless a run is in flight: then that one's answer); undefined when it failed. */
  run(): Promise<SlaRun | undefined>
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>
}

export interface SlaJobOptions {
  sql: Sql
  log: Logger
  /** Period in ms (SLA_JOB_MS, default 60 000). */
  intervalMs: number
}

export function startSlaJob({ sql, log, intervalMs }: SlaJobOptions): SlaJob {
  async function runOnce(): Promise<SlaRun | undefined> {
    try {
      const [row] = await sql`select private.run_sla() as result`
      const result = row.result as SlaRun
      if (result.warned > 0 || result.breached > 0) log.info('SLA job fired', { ...result })
      return result
    } catch (error) {
      // A failed run is tried again at the next tick; the job is idempotent.
      log.error('SLA job failed', { error })
      return undefined
    }
  }

  return startIntervalJob(intervalMs, runOnce)
}
