// The school deletion job (issue 17): every hour `select private.delete_due_schools()` with the
// privileged connection, deleting the schools whose 30-day grace period has ended (an owner asked,
// nobody cancelled). Each school is deleted once whatever runs it (rows are locked, skipped when
// locked), so every instance may run it; on hosted Supabase pg_cron can run the same statement.
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import { type IntervalJob, startIntervalJob } from './interval.ts'

export type SchoolDeletionJob = IntervalJob<number | undefined>

export interface SchoolDeletionJobOptions {
  sql: Sql
  log: Logger
  intervalMs: number
  /** The time due dates are compared with; default the database's clock (tests pass a later one). */
  clock?: () => Date
}

export function startSchoolDeletionJob({
  sql,
  log,
  intervalMs,
  clock,
}: SchoolDeletionJobOptions): SchoolDeletionJob {
  async function runOnce(): Promise<number | undefined> {
    try {
      const at = clock ? clock().toISOString() : null
      const [row] = await sql<
        { n: number }[]
      >`select private.delete_due_schools(coalesce(${at}::timestamptz, now())) as n`
      const deleted = Number(row?.n ?? 0)
      if (deleted > 0) log.info('school deletion job deleted schools', { schools: deleted })
      return deleted
    } catch (error) {
      // Tried again at the next tick; a school deleted is not deleted twice.
      log.error('school deletion job failed', { error })
      return undefined
    }
  }
  return startIntervalJob(intervalMs, runOnce)
}
