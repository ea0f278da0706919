// The weekly digests job (issue 20): every 10 minutes, with the privileged connection,
// `private.run_parent_digests()` — on Sunday from 17:00 in a school's time zone each parent who asked
// for it hears how their linked children's week went — and `private.run_school_reports()` — on Monday
// from 07:00 each owner or admin who asked for it gets the school's week in figures. Each (person,
// school, week) is claimed by a unique key, so every instance may run it at once and a restart never
// sends twice. On hosted Supabase pg_cron can run the same statements instead.
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import { type IntervalJob, startIntervalJob } from './interval.ts'

export type DigestJob = IntervalJob<number | undefined>

export interface DigestJobOptions {
  sql: Sql
  log: Logger
  intervalMs: number
  /** The time a run counts from; default the database's clock (tests pass a Sunday evening). */
  clock?: () => Date
  /** The web app's public URL for the link in the emails (sets `kipindi.site_url` for the run). */
  siteUrl?: string
}

export function startDigestJob({ sql, log, intervalMs, clock, siteUrl }: DigestJobOptions): DigestJob {
  async function runOnce(): Promise<number | undefined> {
    try {
      const at = clock ? clock().toISOString() : null
      const sent = await sql.begin(async (tx) => {
        if (siteUrl) await tx`select set_config('kipindi.site_url', ${siteUrl}, true)`
        const [row] = await tx<{ parents: { sent: number }; schools: { sent: number } }[]>`
          select private.run_parent_digests(${at}::timestamptz) as parents,
            private.run_school_reports(${at}::timestamptz) as schools`
        return (row?.parents.sent ?? 0) + (row?.schools.sent ?? 0)
      })
      if (sent > 0) log.info('digest job sent weekly digests and school reports', { sent })
      return sent
    } catch (error) {
      // Tried again at the next tick; what it claimed was rolled back with it.
      log.error('digest job failed', { error })
      return undefined
    }
  }
  return startIntervalJob(intervalMs, runOnce)
}
