// The storage benchmark (`npm run bench -- storage`): uploads and downloads of 1 MB and 50 MB objects
// through the gateway and the local store (JWT, RLS insert/select, content check, MD5, temp file +
// fsync + rename) against writing and reading the same bytes with `fs` in the same run, and 200
// concurrent downloads of a small object (p50/p99).
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os, { tmpdir } from 'node:os'
import path from 'node:path'
import { createVerifier } from '../../../edge/lib/jwt.ts'
import { createGateway } from '../../../scripts/lib/gateway.ts'
import { createStorageHost } from '../../../scripts/lib/storage-host.ts'
import { addBenchUsers, benchSigner, startBenchPostgres } from '../bench-db.ts'

export interface SizeResult {
  label: string
  bytes: number
  rounds: number
  /** MB/s (10^6 bytes per second), median of the rounds. */
  upload: number
  download: number
  fsWrite: number
  fsRead: number
  /** HTTP alone (the same client and bytes, a bare Node server: no auth, database or disk), MB/s. */
  httpUpload: number
  httpDownload: number
}

export interface StorageBenchResult {
  sizes: SizeResult[]
  small: { concurrency: number; bytes: number; p50: number; p99: number; max: number }
  machine: { cpus: number; cpuModel: string; load: number }
}

const MB = 1_000_000
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]

/** A PDF-looking buffer of `bytes` (the course-materials bucket takes PDFs). */
function pdfOf(bytes: number): Buffer {
  const b = Buffer.alloc(bytes)
  b.write('%PDF-1.7\n')
  for (let i = 9; i < bytes; i += 4096) b[i] = i % 251
  return b
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  target: string,
  token: string,
  body?: Buffer,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path: target,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body
            ? { 'content-type': 'application/pdf', 'content-length': body.length, 'x-upsert': 'true' }
            : {}),
        },
      },
      (res) => {
        let bytes = 0
        res.on('data', (d: Buffer) => {
          bytes += d.length
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * The ceiling for any HTTP store on this machine: a bare `http` server on loopback that reads an
 * upload's bytes and drops them, and answers a download from memory.
 */
async function startBareServer(body: () => Buffer): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      req.on('data', () => {})
      req.on('end', () => res.end('{}'))
      return
    }
    const bytes = body()
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length })
    res.end(bytes)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

export async function runStorageBench(o: {
  root: string
  log: (l: string) => void
}): Promise<StorageBenchResult> {
  const db = await startBenchPostgres(o.root, 'storage', o.log)
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-bench-files-'))
  const signer = await benchSigner()
  const [owner, instructor] = await addBenchUsers(db.sql, 'files', 'Files', 1, 2)
  const [tenant] = await db.sql`
    insert into public.tenants (name, slug, created_by) values ('Bench School', 'bench-files', ${owner.id}) returning id`
  await db.sql`insert into public.memberships (tenant_id, user_id, role) values (${tenant.id}, ${instructor.id}, 'instructor')`
  const [course] = await db.sql`
    insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, 'Bench', ${instructor.id}) returning id`
  await db.sql`insert into private.storage_limits (tenant_id, limit_bytes) values (${tenant.id}, ${10 * 1024 ** 3})`
  const token = await signer.tokenFor(instructor)
  const host = await createStorageHost({
    dbUrl: db.dbUrl,
    dir: path.join(dir, 'store'),
    publicUrl: 'http://127.0.0.1',
    signingKey: signer.signingKey,
    verifier: createVerifier({ issuer: signer.issuer, jwks: JSON.parse(signer.jwks) }),
  })
  const gateway = createGateway({
    functionsPort: 9,
    storage: host.handle,
    config: {},
    log: { info() {}, warn() {}, error() {} } as never,
  })
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r))
  const port = (gateway.address() as AddressInfo).port
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  let bareBody: Buffer = Buffer.alloc(0)
  const bare = await startBareServer(() => bareBody)
  const objectPath = (name: string) => `/storage/v1/object/course-materials/${tenant.id}/${course.id}/${name}`
  try {
    const sizes: SizeResult[] = []
    for (const [label, bytes, rounds] of [
      ['1 MB', MB, 20],
      ['50 MB', 50 * MB, 5],
    ] as const) {
      const body = pdfOf(bytes)
      bareBody = body
      const up: number[] = []
      const down: number[] = []
      const fsW: number[] = []
      const fsR: number[] = []
      const httpUp: number[] = []
      const httpDown: number[] = []
      for (let i = 0; i < rounds; i++) {
        const file = path.join(dir, `fs-${i}.pdf`)
        fsW.push(
          await timed(async () => {
            await writeFile(file, body)
            // The store fsyncs before its rename; so does the baseline.
            const { open } = await import('node:fs/promises')
            const h = await open(file, 'r')
            await h.sync()
            await h.close()
            createHash('md5').update(body).digest('hex')
          }),
        )
        fsR.push(await timed(() => readFile(file)))
        httpUp.push(await timed(() => request(agent, bare.port, 'POST', '/', token, body)))
        httpDown.push(await timed(() => request(agent, bare.port, 'GET', '/', token)))
        const name = `bench-${label.replace(' ', '')}-${i}.pdf`
        up.push(
          await timed(async () => {
            const res = await request(agent, port, 'POST', objectPath(name), token, body)
            if (res.status !== 200) throw new Error(`upload answered ${res.status}`)
          }),
        )
        down.push(
          await timed(async () => {
            const res = await request(agent, port, 'GET', objectPath(name), token)
            if (res.status !== 200 || res.bytes !== bytes)
              throw new Error(`download answered ${res.status}, ${res.bytes} bytes`)
          }),
        )
        await rm(file)
      }
      const rate = (ms: number[]) => bytes / MB / (median(ms) / 1000)
      sizes.push({
        label,
        bytes,
        rounds,
        upload: rate(up),
        download: rate(down),
        fsWrite: rate(fsW),
        fsRead: rate(fsR),
        httpUpload: rate(httpUp),
        httpDownload: rate(httpDown),
      })
      o.log(
        `${label}: upload ${rate(up).toFixed(0)} MB/s (fs ${rate(fsW).toFixed(0)}, HTTP alone ${rate(httpUp).toFixed(0)}), ` +
          `download ${rate(down).toFixed(0)} MB/s (fs ${rate(fsR).toFixed(0)}, HTTP alone ${rate(httpDown).toFixed(0)})`,
      )
    }

    const smallBytes = 10 * 1024
    await request(agent, port, 'POST', objectPath('small.pdf'), token, pdfOf(smallBytes))
    const latencies: number[] = []
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          latencies.push(await timed(() => request(agent, port, 'GET', objectPath('small.pdf'), token)))
        }),
      )
    }
    const small = {
      concurrency: 200,
      bytes: smallBytes,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
    }
    o.log(`200 concurrent 10 KiB downloads: p50 ${small.p50.toFixed(1)} ms, p99 ${small.p99.toFixed(1)} ms`)
    return {
      sizes,
      small,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', load: os.loadavg()[0] },
    }
  } finally {
    agent.destroy()
    await bare.close()
    await new Promise((r) => gateway.close(r))
    await host.close()
    await db.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
