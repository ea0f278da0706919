// The wallet job (issue 15): every 10 minutes `select private.release_pending()` with the
// privileged connection, moving instructors' shares whose hold has ended (7 days after the sale)
// from pending to available. Each sale is released once whatever runs it, so every instance may run
// it at the same time; on hosted Supabase pg_cron can run the same statement instead.
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import { type IntervalJob, startIntervalJob } from './interval.ts'

export type WalletJob = IntervalJob<number | undefined>

export interface WalletJobOptions {
  sql: Sql
  log: Logger
  intervalMs: number
  /** The time holds are compared with; default the database's clock (tests pass a later one). */
  clock?: () => Date
}

export function startWalletJob({ sql, log, intervalMs, clock }: WalletJobOptions): WalletJob {
  async function runOnce(): Promise<number | undefined> {
    try {
      const at = clock ? clock().toISOString() : null
      const [row] = await sql<
        { n: number }[]
      >`select private.release_pending(coalesce(${at}::timestamptz, now())) as n`
      const released = Number(row?.n ?? 0)
      if (released > 0) log.info('wallet job released held money', { sales: released })
      return released
    } catch (error) {
      // Tried again at the next tick; releasing is idempotent.
      log.error('wallet job failed', { error })
      return undefined
    }
  }
  return startIntervalJob(intervalMs, runOnce)
}
