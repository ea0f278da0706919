import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Logger, runMigrations } from 'graphile-worker'
import type postgres from 'postgres'

type Sql = postgres.Sql

export type Progress = (message: string) => void

function sqlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
}

/** Applies supabase/local/*.sql (idempotent, every time): what hosted Supabase provides. */
export async function applyLocalPlatform(sql: Sql, root: string, progress: Progress = () => {}) {
  const dir = path.join(root, 'supabase/local')
  for (const file of sqlFiles(dir)) {
    await sql.unsafe(readFileSync(path.join(dir, file), 'utf8'))
    progress(`platform ${file}`)
  }
}

/**
 * Applies supabase/migrations/*.sql not yet recorded in supabase_migrations.schema_migrations,
 * each in its own transaction, as the Supabase CLI does. Returns how many were applied.
 */
export async function applyMigrations(
  sql: Sql,
  root: string,
  progress: Progress = () => {},
  /** Only these versions (a restore brings a database to its backup's version, no further). */
  only?: ReadonlySet<string>,
): Promise<number> {
  await sql.unsafe(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text
    );`)
  const dir = path.join(root, 'supabase/migrations')
  const files = sqlFiles(dir)
  const done = new Set(
    (await sql`select version from supabase_migrations.schema_migrations`).map((r) => r.version as string),
  )
  let applied = 0
  for (const [i, file] of files.entries()) {
    const [version, ...rest] = file.replace(/\.sql$/, '').split('_')
    if (done.has(version) || (only && !only.has(version as string))) continue
    const body = readFileSync(path.join(dir, file), 'utf8')
    await sql.begin(async (tx) => {
      await tx.unsafe(body)
      await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
               values (${version}, ${rest.join('_')}, ${[body]})`
    })
    applied++
    progress(`migration ${i + 1}/${files.length} ${file}`)
  }
  return applied
}

/**
 * Installs or upgrades graphile-worker's schema (graphile_worker), the grading queue's
 * (realtime/jobs/grading/queue.ts). Run after applyMigrations and before the seed: triggers queue
 * jobs through it. On hosted Supabase the realtime server's queue does this when it starts.
 */
export async function applyQueueSchema(url: string): Promise<void> {
  await runMigrations({ connectionString: url, logger: new Logger(() => () => {}) })
}

/** Runs supabase/seed.sql. */
export async function applySeed(sql: Sql, root: string) {
  await sql.unsafe(readFileSync(path.join(root, 'supabase/seed.sql'), 'utf8'))
}
