// `npm run backup [-- <dir>]`: every table of the local database (in one snapshot, while the
// platform keeps running), the stored files and the project's keys, into a new directory (default
// backups/kipindi-<date>-<time>). `DATABASE_URL` backs up another database instead (its files are
// not on this machine). See docs/operations.md.
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import postgres from 'postgres'
import { backupDatabase } from './lib/backup.ts'
import { backupName } from './lib/daily-backup.ts'
import { openLocalDb } from './lib/local-db.ts'
import { createProgress } from './lib/progress.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.resolve(process.env.KIPINDI_DATA_DIR ?? path.join(ROOT, '.data'))
const target = path.resolve(process.argv[2] ?? path.join(ROOT, 'backups', backupName(new Date())))

const step = createProgress(2)
step('Database')
const external = process.env.DATABASE_URL
const local = external ? undefined : await openLocalDb(DATA_DIR)
step.done(external ? 'DATABASE_URL' : local?.running ? 'the running npm start' : 'started for the backup')
const sql = postgres(external ?? (local?.url as string), { onnotice: () => {}, max: 1 })
try {
  step(`Backup into ${target}`)
  const made = await backupDatabase(sql, target, {
    storageDir: external ? undefined : path.join(DATA_DIR, 'storage'),
    progress: (m) => step.detail(m),
  })
  // The local project's signing and API keys: sessions and keys stay valid after a restore.
  if (!external)
    await copyFile(path.join(DATA_DIR, 'keys.json'), path.join(target, 'keys.json')).catch(() => {})
  const rows = made.tables.reduce((n, t) => n + t.rows, 0)
  step.done(`${made.tables.length} tables, ${rows} rows${made.storage ? ', stored files' : ''}`)
  console.log(`Restore it with: npm run restore -- ${path.relative(process.cwd(), target) || target}`)
} catch (error) {
  console.error(`\nThe backup failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await sql.end()
  await local?.stop()
}
