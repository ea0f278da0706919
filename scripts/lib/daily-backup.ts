import { copyFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import postgres from 'postgres'
import { backupDatabase } from './backup.ts'

// The daily backup of `npm start` (KIPINDI_BACKUP_DIR): a backup at 02:00 on the machine's clock,
// as `npm run backup` makes it, into that directory, keeping the newest KIPINDI_BACKUP_KEEP (7).

const PREFIX = 'kipindi-'

/** The next time of day `hour`:00 after `now` (local time). */
export function nextRun(now: Date, hour = 2): Date {
  const next = new Date(now)
  next.setHours(hour, 0, 0, 0)
  if (next <= now) next.setDate(next.getDate() + 1)
  return next
}

/** A backup's directory name for a moment: kipindi-YYYYMMDD-HHMMSS (sorts by time). */
export function backupName(at: Date): string {
  return PREFIX + at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
}

/** Which of these directory names to delete so the newest `keep` backups stay (others untouched). */
export function toPrune(names: readonly string[], keep: number): string[] {
  const ours = names.filter((n) => /^kipindi-\d{8}-\d{6}$/.test(n)).sort()
  return ours.slice(0, Math.max(0, ours.length - keep))
}

export interface DailyBackups {
  stop(): void
}

/** Schedules the daily backups; failures are logged, and tried again the next day. */
export function startDailyBackups(opts: {
  url: string
  dataDir: string
  dir: string
  keep: number
  log: (message: string) => void
}): DailyBackups {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  async function run() {
    const target = path.join(opts.dir, backupName(new Date()))
    const sql = postgres(opts.url, { onnotice: () => {}, max: 1 })
    try {
      const made = await backupDatabase(sql, target, { storageDir: path.join(opts.dataDir, 'storage') })
      await copyFile(path.join(opts.dataDir, 'keys.json'), path.join(target, 'keys.json')).catch(() => {})
      for (const old of toPrune(await readdir(opts.dir), opts.keep)) {
        await rm(path.join(opts.dir, old), { recursive: true, force: true })
      }
      opts.log(`daily backup: ${target} (${made.tables.length} tables)`)
    } catch (error) {
      opts.log(`daily backup failed: ${(error as Error).message}`)
    } finally {
      await sql.end()
    }
  }
  function schedule() {
    if (stopped) return
    const wait = nextRun(new Date()).getTime() - Date.now()
    timer = setTimeout(() => void run().finally(schedule), wait)
    timer.unref()
  }
  schedule()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
