// The bench's own stack: `scripts/start.ts` with its own data directory, port and web build, so a
// developer's `npm start` (and its web/dist) is left alone. Stopped with SIGTERM, as a person would.
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export interface BenchStack {
  /** Where the browser goes: the HTTPS origin when the stack serves one. */
  url: string
  /** Plain HTTP on the same stack, for this process's own calls (Node does not trust the test certificate). */
  apiUrl: string
  stop(): Promise<void>
}

/** The test certificate for localhost (test/fixtures/tls: public, for tests and benchmarks only). */
const TLS_FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/tls')

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode}) before it was up`)
    const ok = await fetch(`${url}/functions/v1/api/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the stack was not up after ${timeoutMs / 1000} s`)
}

/**
 * Starts the stack serving `webDist` (built there when missing) and waits until the API answers.
 * `tlsPort`: HTTPS with HTTP/2 there too (scripts/lib/tls-front.ts), with the test certificate.
 */
export async function startStack(
  root: string,
  opts: { port: number; tlsPort?: number; dataDir: string; webDist: string; log: (m: string) => void },
): Promise<BenchStack> {
  const tls = opts.tlsPort
    ? {
        KIPINDI_TLS_CERT: path.join(TLS_FIXTURES, 'localhost-cert.pem'),
        KIPINDI_TLS_KEY: path.join(TLS_FIXTURES, 'localhost-key.pem'),
        TLS_PORT: String(opts.tlsPort),
      }
    : {}
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      KIPINDI_DATA_DIR: opts.dataDir,
      KIPINDI_WEB_DIST: opts.webDist,
      ...tls,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The run ends early (browser.ts turns Ctrl-C and SIGTERM into an exit): stop the stack with it.
  process.once('exit', () => child.kill('SIGTERM'))
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const apiUrl = `http://localhost:${opts.port}`
  const url = opts.tlsPort ? `https://localhost:${opts.tlsPort}` : apiUrl
  try {
    await waitForHealth(apiUrl, child, 300_000)
  } catch (error) {
    child.kill('SIGTERM')
    throw new Error(`${(error as Error).message}\n${output}`)
  }
  opts.log(`  stack up at ${url} (web build ${opts.webDist})`)
  return {
    url,
    apiUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
