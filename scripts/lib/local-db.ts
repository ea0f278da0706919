import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type EmbeddedDb, freePort, startEmbeddedDb } from './embedded-db.ts'

// The local database of `npm start` for one-off commands (backup, restore): the one `npm start`
// is running on the data dir, or the data dir's cluster started for the command and stopped after.

/** The port of a Postgres running on `pgDir` (its postmaster.pid), or undefined. */
export function runningPort(pgDir: string): number | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const lines = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(lines[0])
  try {
    process.kill(pid, 0)
  } catch {
    return undefined
  }
  const port = Number(lines[3])
  return Number.isInteger(port) && port > 0 ? port : undefined
}

/** A connection URL to the data dir's database, and `stop` (a no-op when `npm start` runs it). */
export async function openLocalDb(
  dataDir: string,
): Promise<{ url: string; running: boolean; stop: () => Promise<void> }> {
  const pgDir = path.join(dataDir, 'postgres')
  const port = runningPort(pgDir)
  if (port) {
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
      running: true,
      stop: async () => {},
    }
  }
  const db: EmbeddedDb = await startEmbeddedDb({ dataDir: pgDir, port: await freePort() })
  return { url: db.url, running: false, stop: () => db.stop() }
}
