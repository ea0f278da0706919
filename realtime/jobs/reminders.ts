// The reminder job (issue 12): every minute `select private.run_reminders(at)` with the privileged
// connection. It reminds the tutor and the booked students of each scheduled session 60 and 10
// minutes before its start (REMINDER_MINUTES). Each (session, person, minutes, start time) is
// claimed once by a unique key in private.session_reminders_sent, so every instance may run it at
// the same time and a restart never reminds twice — the SLA job's approach (sla.ts). On hosted
// Supabase pg_cron can run the same statement instead.
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import { startIntervalJob } from './interval.ts'

/** What `private.run_reminders()` answers. */
export interface ReminderRun {
  reminded: number
  at: string
}

export interface ReminderJob {
  /** Runs once now (unless a run is in flight: then that one's answer); undefined when it failed. */
  run(): Promise<ReminderRun | undefined>
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>
}

export interface ReminderJobOptions {
  sql: Sql
  log: Logger
  /** Period in ms (REMINDER_JOB_MS, default 60 000). */
  intervalMs: number
  /** The time a run counts from; default the database's clock (tests pass a fixed one). */
  clock?: () => Date
  /** The web app's public URL for the links in reminder emails (sets `kipindi.site_url` for the run). */
  siteUrl?: string
}

export function startReminderJob({ sql, log, intervalMs, clock, siteUrl }: ReminderJobOptions): ReminderJob {
  async function runOnce(): Promise<ReminderRun | undefined> {
    try {
      const at = clock ? clock().toISOString() : null
      const result = await sql.begin(async (tx) => {
        if (siteUrl) await tx`select set_config('kipindi.site_url', ${siteUrl}, true)`
        const [row] = await tx`select private.run_reminders(${at}::timestamptz) as result`
        return row.result as ReminderRun
      })
      if (result.reminded > 0) log.info('reminder job sent reminders', { ...result })
      return result
    } catch (error) {
      // A failed run is tried again at the next tick; what it claimed was rolled back with it.
      log.error('reminder job failed', { error })
      return undefined
    }
  }

  return startIntervalJob(intervalMs, runOnce)
}
