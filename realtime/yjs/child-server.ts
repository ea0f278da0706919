// The realtime server as a separate process (`node --import tsx realtime/yjs/child-entry.ts`, which
// runs realtime/main.ts), for tests that kill it with SIGKILL. One node process (not the tsx CLI,
// which would leave its child running when killed), so a kill really ends the server. Every child
// started here is killed at process exit, and ends by itself when its stdin (our pipe) closes.
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { inject } from 'vitest'
import { SUPABASE_URL, testKeys } from '../../test/support/fixtures.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

export interface ChildServer {
  port: number
  pid: number
  /** Everything it printed (for failure messages). */
  output(): string
  /** SIGKILL: no flush, no goodbye; resolves once the process is gone. */
  kill(): Promise<void>
  /** SIGTERM: graceful shutdown (sockets closed with 1001, pending updates flushed). */
  stop(): Promise<void>
}

/** Starts `realtime/main.ts` against the test database; `port` 0 lets the OS choose. */
export async function startChildServer(
  opts: { port?: number; instanceId?: string; env?: Record<string, string> } = {},
): Promise<ChildServer> {
  const { jwks } = await testKeys()
  const child = spawn(process.execPath, ['--import', 'tsx', 'realtime/yjs/child-entry.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SUPABASE_URL,
      SUPABASE_DB_URL: inject('dbUrl'),
      SUPABASE_JWKS: JSON.stringify(jwks),
      REALTIME_HOST: '127.0.0.1',
      REALTIME_PORT: String(opts.port ?? 0),
      DB_POOL_MAX: '4',
      ...(opts.instanceId ? { INSTANCE_ID: opts.instanceId } : {}),
      ...opts.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  running.add(child)
  let out = ''
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString()
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`realtime server did not start:\n${out.slice(-3000)}`))
    }, 20_000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /listening on ws:\/\/[^:]+:(\d+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(
        new Error(`realtime server exited (${child.exitCode ?? child.signalCode}):\n${out.slice(-3000)}`),
      )
    })
  })
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return {
    port,
    pid: child.pid!,
    output: () => out,
    kill: () => end('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await end('SIGTERM')
      clearTimeout(timer)
    },
  }
}
