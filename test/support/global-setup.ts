import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { generateSigningKey } from '../../edge/lib/jwt.ts'
import { freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import {
  applyLocalPlatform,
  applyMigrations,
  applyQueueSchema,
  applySeed,
} from '../../scripts/lib/migrate.ts'

/** One real embedded Postgres per test run, migrated and seeded; removed at the end. */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..')
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-test-'))
  const db = await startEmbeddedDb({ dataDir: path.join(dir, 'pg'), port: await freePort() })
  const sql = postgres(db.url, { onnotice: () => {}, max: 1 })
  await applyLocalPlatform(sql, root)
  await applyMigrations(sql, root)
  await applyQueueSchema(db.url)
  await applySeed(sql, root)
  await sql.end()
  const key = await generateSigningKey()
  project.provide('dbUrl', db.url)
  project.provide('signingKey', key)
  return async () => {
    await db.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
