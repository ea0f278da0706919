// The export job (issue 20): makes the report exports people ask for (public.report_exports) in the
// background. Every `intervalMs` it removes expired exports, then claims queued ones one at a time
// (private.claim_report_export: `skip locked` with a lease, so instances share the work and an
// export whose maker died is made again once its lease runs out) and for each:
// - reads the report (attendance, or progress and grades: reports.ts) as the person who asked
//   (withUserId): a right lost since the request fails the export, it never leaks what they can no
//   longer see;
// - writes the file row by row from a cursor (formats.ts), telling its progress at most every 250 ms;
// - uploads it to the private bucket `report-exports` as `<school>/<export>.<format>` and marks it
//   done. Every change reaches the person live (the row's trigger: `report_export` on `user:<id>`).
// A refusal (no right, bad filters, too long for a PDF) fails the export with its reason; anything
// else (storage down) queues it again, a minute later per try made, and the third failed try fails it.
import { randomUUID } from 'node:crypto'
import { unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type postgres from 'postgres'
import type { ExportFormat, ReportKind } from '../../../edge/contract/reports.ts'
import { type Sql, withUserId } from '../../../edge/lib/db.ts'
import { reportPeriod } from '../../../edge/lib/reports.ts'
import type { Logger } from '../../core/log.ts'
import { type IntervalJob, startIntervalJob } from '../interval.ts'
import type { Locale } from './columns.ts'
import { CONTENT_TYPES, openWriter, TooManyRows } from './formats.ts'
import { type ExportedReport, type ReportFilters, withReport } from './reports.ts'
import type { ExportStorage } from './storage.ts'

export const EXPORT_BUCKET = 'report-exports'
const MAX_TRIES = 3
const BATCH = 500

export interface ExportJobOptions {
  sql: Sql
  log: Logger
  storage: ExportStorage
  intervalMs: number
  /** Where files are written before the upload. Default the OS's temporary directory. */
  tmpDir?: string
  /** How long a claim holds before another instance may take the export. Default 10 minutes. */
  leaseSeconds?: number
  /** Least time between two progress writes. Default 250 ms. */
  progressMs?: number
  /** Only this school's exports (tests sharing a database); default all. */
  tenantId?: string
}

interface ExportRow {
  id: string
  tenant_id: string
  requested_by: string
  report: ReportKind
  format: ExportFormat
  locale: Locale
  filters: unknown
  attempts: number
}

const FORBIDDEN = 'Reports of this school are for its staff, teachers, students and parents.'

/** A reason the export can never be made: it fails at once, with this message. */
class Refused extends Error {}

export type ExportJob = IntervalJob<number>

export function startExportJob(o: ExportJobOptions): ExportJob {
  const lease = `${o.leaseSeconds ?? 600} seconds`

  async function runOnce(): Promise<number> {
    let made = 0
    try {
      await removeExpired()
      for (;;) {
        const [row] = await o.sql<ExportRow[]>`
          select id, tenant_id, requested_by, report, format, locale, filters, attempts
          from private.claim_report_export(${lease}::interval, ${o.tenantId ?? null}) where id is not null`
        if (!row) break
        if (await make(row)) made += 1
      }
    } catch (error) {
      o.log.error('export job failed', { error })
    }
    return made
  }

  async function removeExpired() {
    const expired = await o.sql<{ id: string; object_name: string | null }[]>`
      select id, object_name from public.report_exports
      where expires_at < now() and (${o.tenantId ?? null}::uuid is null or tenant_id = ${o.tenantId ?? null})
      limit 500`
    if (expired.length === 0) return
    const names = expired.flatMap((e) => (e.object_name ? [e.object_name] : []))
    await o.storage.remove(EXPORT_BUCKET, names)
    await o.sql`delete from public.report_exports where id in ${o.sql(expired.map((e) => e.id))}`
  }

  /** Makes one export; true when it is done. */
  async function make(e: ExportRow): Promise<boolean> {
    const file = path.join(o.tmpDir ?? tmpdir(), `kipindi-export-${randomUUID()}.${e.format}`)
    try {
      const rows = await writeFile(e, file)
      const name = `${e.tenant_id}/${e.id}.${e.format}`
      const size = await o.storage.upload(EXPORT_BUCKET, name, file, CONTENT_TYPES[e.format])
      await o.sql`
        update public.report_exports set status = 'done', progress = 100, row_count = ${rows}, byte_size = ${size},
          object_name = ${name}, finished_at = now(), lease_until = null, error = null
        where id = ${e.id}`
      o.log.info('export made', { export: e.id, format: e.format, rows, bytes: size })
      return true
    } catch (error) {
      await giveUp(e, error)
      return false
    } finally {
      await unlink(file).catch(() => {})
    }
  }

  async function giveUp(e: ExportRow, error: unknown) {
    const refused = error instanceof Refused || error instanceof TooManyRows || isRefusal(error)
    const last = refused || e.attempts >= MAX_TRIES
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500)
    // A retry waits a minute per try made (its lease_until is when it may run again).
    await o.sql`
      update public.report_exports set status = ${last ? 'failed' : 'queued'}, error = ${message},
        lease_until = ${last ? null : o.sql`now() + make_interval(mins => ${e.attempts})`},
        finished_at = ${last ? o.sql`now()` : null}
      where id = ${e.id}`
    if (refused) o.log.info('export refused', { export: e.id, reason: message })
    else o.log.error('export failed', { export: e.id, attempt: e.attempts, error })
  }

  /** Writes the report into `file` as the person who asked; the number of rows. */
  async function writeFile(e: ExportRow, file: string): Promise<number> {
    const [school] = await o.sql<{ name: string; time_zone: string }[]>`
      select name, time_zone from public.tenants where id = ${e.tenant_id}`
    if (!school) throw new Refused('The school is gone.')
    return withReport(e.report, (report) => writeReport(report, e, school, file))
  }

  async function writeReport<F extends ReportFilters, R extends postgres.Row>(
    report: ExportedReport<F, R>,
    e: ExportRow,
    school: { name: string; time_zone: string },
    file: string,
  ): Promise<number> {
    const parsed = report.filters.safeParse(e.filters)
    if (!parsed.success) throw new Refused('The export’s filters are not valid.')
    return withUserId(o.sql, e.requested_by, async (tx) => {
      const period = await reportPeriod(tx, e.tenant_id, parsed.data)
      if (!period?.scope) throw new Refused(FORBIDDEN)
      const f = { ...parsed.data, from: period.from_day, to: period.to_day }
      const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`
        select count(*)::int as n from (${report.rows(tx, e.tenant_id, f)}) r`
      const layout = report.layout({
        group: f.group,
        locale: e.locale,
        school: school.name,
        fromDay: f.from,
        toDay: f.to,
        timeZone: school.time_zone,
      })
      const writer = await openWriter(e.format, file, layout)
      let done = 0
      let told = Date.now()
      try {
        await report.rows(tx, e.tenant_id, f).cursor(BATCH, async (rows) => {
          for (const r of rows) await writer.row(layout.cells(r))
          done += rows.length
          if (Date.now() - told >= (o.progressMs ?? 250)) {
            told = Date.now()
            await progress(e.id, Math.min(99, Math.floor((100 * done) / Math.max(n, 1))))
          }
        })
      } finally {
        await writer.close()
      }
      return done
    })
  }

  async function progress(id: string, percent: number) {
    await o.sql`update public.report_exports set progress = ${percent}, lease_until = now() + ${lease}::interval
      where id = ${id} and status = 'running'`
  }

  return startIntervalJob(o.intervalMs, runOnce)
}

/** Errors of the report itself (no right, a bad period or grouping): trying again changes nothing. */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code
  return code === '42501' || code === '22023' || code === '22P02'
}
