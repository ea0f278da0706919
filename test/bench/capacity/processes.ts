// The processes of the capacity benchmark: a realtime instance (`realtime/main.ts` as deployed, its own
// process) and a redis-server (Debian's, on a free port of 127.0.0.1, no persistence). Each is started
// as a child the caller keeps in its set, so that a signal or a failure stops it (stopChild).
import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../../scripts/lib/embedded-db.ts'

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server'

/** Waits for `pattern` in the child's output; its first group is the result. */
function readyLine(child: ChildProcess, what: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = ''
  return new Promise<string>((resolve, reject) => {
    let done = false
    const timer = setTimeout(
      () => finish(new Error(`${what} did not start\n${output.slice(-2000)}`)),
      timeoutMs,
    )
    const finish = (error: Error | null, value = '') => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: Buffer) => {
      // Keep reading (a full pipe would stall the child), keep only the tail.
      output = (output + chunk.toString()).slice(-8000)
      const m = pattern.exec(output)
      if (m) finish(null, m[1] ?? '')
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('error', (error) => finish(new Error(`cannot run ${what}: ${error.message}`)))
    child.once('exit', (code) => finish(new Error(`${what} exited (${code})\n${output.slice(-2000)}`)))
  })
}

/** Starts one realtime instance with `env`; resolves with its port once it listens. */
export async function startRealtime(
  root: string,
  env: Record<string, string>,
  children: Set<ChildProcess>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'realtime/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const port = Number(
    await readyLine(child, `realtime ${env.INSTANCE_ID ?? ''}`, /listening on ws:\/\/[^:]+:(\d+)/, 60_000),
  )
  return { child, port }
}

/** Starts redis-server on a free port of 127.0.0.1 (retrying if another process took the port first). */
export async function startRedisServer(
  dir: string,
  children: Set<ChildProcess>,
): Promise<{ child: ChildProcess; url: string }> {
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.add(child)
    try {
      await readyLine(child, 'redis-server', /(Ready to accept connections)/, 10_000)
      return { child, url: `redis://127.0.0.1:${port}` }
    } catch (error) {
      lastError = error
      child.kill('SIGKILL')
      children.delete(child)
    }
  }
  throw lastError
}
