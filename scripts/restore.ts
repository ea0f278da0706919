// `npm run restore -- <dir>`: puts a backup made by `npm run backup` back into the local database
// (created if the data dir has none, migrated to the backup's version), replacing every table's
// rows and the stored files. Stop `npm start` first. Every table's row count and checksum are
// checked before anything is kept. `DATABASE_URL` restores into another database instead (already
// migrated to the backup's version). See docs/operations.md.
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import postgres from 'postgres'
import { readManifest, restoreDatabase } from './lib/backup.ts'
import { openLocalDb } from './lib/local-db.ts'
import { applyLocalPlatform, applyMigrations, applyQueueSchema } from './lib/migrate.ts'
import { createProgress } from './lib/progress.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.resolve(process.env.KIPINDI_DATA_DIR ?? path.join(ROOT, '.data'))
const source = process.argv[2]

async function main() {
  if (!source) throw new Error('Say which backup: npm run restore -- backups/kipindi-<date>-<time>')
  const manifest = await readManifest(path.resolve(source))
  const step = createProgress(3)
  step('Database')
  const external = process.env.DATABASE_URL
  const local = external ? undefined : await openLocalDb(DATA_DIR)
  if (local?.running) {
    throw new Error('npm start is running on this data: stop it (Ctrl-C), then restore.')
  }
  const url = external ?? (local?.url as string)
  const sql = postgres(url, { onnotice: () => {}, max: 1 })
  try {
    step.done(external ? 'DATABASE_URL' : DATA_DIR)
    step(`Migrations to the backup's version (${manifest.migrations.at(-1) ?? 'none'})`)
    if (!external) {
      await applyLocalPlatform(sql, ROOT)
      const applied = await applyMigrations(sql, ROOT, (m) => step.detail(m), new Set(manifest.migrations))
      await applyQueueSchema(url)
      step.done(`${applied} applied`)
    } else step.done('as they are')
    step(`Restore from ${source}`)
    await restoreDatabase(sql, path.resolve(source), {
      storageDir: external ? undefined : path.join(DATA_DIR, 'storage'),
      progress: (m) => step.detail(m),
    })
    if (!external) {
      await copyFile(path.join(path.resolve(source), 'keys.json'), path.join(DATA_DIR, 'keys.json')).catch(
        () => {},
      )
    }
    step.done(`${manifest.tables.length} tables checked (${manifest.created_at})`)
    console.log('Restored. `npm start` serves it (and applies any newer migrations).')
  } finally {
    await sql.end()
    await local?.stop()
  }
}

await main().catch((error: Error) => {
  console.error(`\nThe restore failed; the data was not changed: ${error.message}`)
  process.exitCode = 1
})
