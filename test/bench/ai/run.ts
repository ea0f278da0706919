// The AI benchmark (`npm run bench -- ai`): 200 concurrent answers streamed through the ai-tutor
// function (under Deno, as deployed) from the fake provider sending a chunk every 20 ms, against the
// same 200 streams read from the fake directly, in the same run. The fake stamps each chunk with its
// send time (performance.now() of this process, which is also the client), so the forwarding delay
// of every chunk is measured on one clock. Then the answer from published lessons alone (no
// provider), over a school with 1,000 published lessons.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { aiKeysSecret, createSecretBox } from '../../../edge/lib/secret-box.ts'
import { stopChild } from '../../../scripts/lib/services.ts'
import { startFakeAiProvider } from '../../support/fake-ai-provider.ts'
import { addBenchUsers, benchSigner, SUPABASE_URL, startBenchPostgres, stopOnSignal } from '../bench-db.ts'

export interface Dist {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
}

export interface AiBenchResult {
  streams: number
  chunks: number
  intervalMs: number
  direct: { ttfb: Dist; chunk: Dist; failed: number }
  tutor: { ttfb: Dist; chunk: Dist; failed: number; beforeProvider: Dist }
  /** The same streams through a bare Deno proxy (bare-proxy.ts): the ceiling for any proxy here. */
  bare: { ttfb: Dist; chunk: Dist; failed: number }
  /** RSS of the Deno process: before the measured round, its peak, after it, and after each further round. */
  rssMb: { before: number; after: number; peak: number; rounds: number[] }
  /** ai-tutor's heap in use after a full collection (MB): after the measured round and each further round. */
  heapMb: number[]
  retrieval: { lessons: number; requests: number; total: Dist; failed: number }
  machine: { cpus: number; cpuModel: string; load: number }
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
function dist(xs: number[]): Dist {
  const s = sorted(xs)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? NaN }
}

const STAMP = /<t(\d+\.\d+)>/g
/** Further rounds of the same streams after the measured one, to see whether RSS keeps growing. */
const RSS_ROUNDS = 3

interface StreamResult {
  ok: boolean
  ttfb: number
  delays: number[]
  sentAt: number
}

/** One streaming POST; every stamp seen is compared with the time its bytes arrived. */
function stream(
  agent: http.Agent,
  port: number,
  pathname: string,
  headers: Record<string, string>,
  body: string,
) {
  return new Promise<StreamResult>((resolve) => {
    const sentAt = performance.now()
    const delays: number[] = []
    let ttfb = Number.NaN
    let tail = ''
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: pathname,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          const now = performance.now()
          const text = tail + d
          let last = 0
          for (const m of text.matchAll(STAMP)) {
            if (Number.isNaN(ttfb)) ttfb = now - sentAt
            delays.push(now - Number(m[1]))
            last = (m.index ?? 0) + m[0].length
          }
          tail = text.slice(Math.max(last, text.length - 40))
        })
        res.on('end', () =>
          resolve({ ok: res.statusCode === 200 && delays.length > 0, ttfb, delays, sentAt }),
        )
        res.on('error', () => resolve({ ok: false, ttfb, delays, sentAt }))
      },
    )
    req.on('error', () => resolve({ ok: false, ttfb, delays, sentAt }))
    req.end(body)
  })
}

/** A round's first-chunk times, chunk delays and failures. */
function figures(results: StreamResult[]) {
  return {
    ttfb: dist(results.map((r) => r.ttfb)),
    chunk: dist(results.flatMap((r) => r.delays)),
    failed: results.filter((r) => !r.ok).length,
  }
}

/** deno-server.ts's heap in use after a full collection, MB. */
function heapAfterGc(agent: http.Agent, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ agent, host: '127.0.0.1', port, path: '/__bench/heap' }, (res) => {
        let text = ''
        res.on('data', (d: Buffer) => {
          text += d.toString()
        })
        res.on('end', () => resolve((JSON.parse(text) as { heapUsed: number }).heapUsed / 2 ** 20))
      })
      .on('error', reject)
  })
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

function startDeno(root: string, script: string, env: Record<string, string>, children: Set<ChildProcess>) {
  const child = spawn(
    path.join(root, 'node_modules/.bin/deno'),
    ['run', '--quiet', '-A', '--v8-flags=--expose-gc', script],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  children.add(child)
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    let err = ''
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString())
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.once('exit', (code) =>
      reject(new Error(`${script} under Deno exited (${code}): ${err.slice(-2000)}`)),
    )
  })
}

/** 100 made-up subject words (three syllables each): a question about one matches ~1% of the lessons. */
const SYLLABLES = ['ka', 'mo', 'ri', 'ta', 'lu', 'ne', 'si', 'po', 'ze', 'vu']
const TOPICS = Array.from(
  { length: 100 },
  (_, i) => `${SYLLABLES[i % 10]}${SYLLABLES[Math.floor(i / 10)]}${SYLLABLES[(i * 3) % 10]}ology`,
)
/** Everyday words of the lesson text around the subject word. */
const WORDS =
  'learners observe describe compare measure record water energy plants animals people community farm school market river hill forest town light sound heat air rain sun moon soil rock seed leaf food health family work play song story number shape time money'.split(
    ' ',
  )

export async function runAiBench(o: {
  root: string
  streams?: number
  chunks?: number
  intervalMs?: number
  lessons?: number
  retrievalRequests?: number
  log: (l: string) => void
}): Promise<AiBenchResult> {
  const streams = o.streams ?? 200
  const chunks = o.chunks ?? 50
  const intervalMs = o.intervalMs ?? 20
  const lessons = o.lessons ?? 1000
  const retrievalRequests = o.retrievalRequests ?? 100
  const db = await startBenchPostgres(o.root, 'ai', o.log)
  const children = new Set<ChildProcess>()
  const fake = await startFakeAiProvider()
  const release = stopOnSignal(children, () => db.stop())
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 })
  try {
    const signer = await benchSigner()
    const secret = 'bench-ai-keys-secret-0123456789abcdef'
    // The streaming student and the library's reader are different people, so the streams' lesson
    // search runs over their own (empty) course and the figures show the streaming path itself.
    const [owner, instructor, student, reader] = await addBenchUsers(db.sql, 'ai', 'AI', 1, 4)
    const school = async (slug: string, learner: typeof student) => {
      const [t] =
        await db.sql`insert into public.tenants (name, slug, created_by) values (${slug}, ${slug}, ${owner.id}) returning id`
      await db.sql`insert into public.memberships (tenant_id, user_id, role) values (${t.id}, ${instructor.id}, 'instructor'), (${t.id}, ${learner.id}, 'student')`
      await db.sql`insert into private.ai_settings (tenant_id, student_daily_limit, monthly_token_budget) values (${t.id}, 1000000, 100000000000)`
      const [c] =
        await db.sql`insert into public.courses (tenant_id, title, level, created_by) values (${t.id}, 'Science', 'Grade 6', ${instructor.id}) returning id`
      await db.sql`insert into public.enrolments (course_id, user_id) values (${c.id}, ${learner.id})`
      return { tenant: t.id as string, course: c.id as string }
    }
    const streaming = await school('bench-ai-stream', student)
    const library = await school('bench-ai-lessons', reader)
    // 1,000 published lessons of three sections each (the trigger indexes their passages).
    o.log(`publishing ${lessons} lessons`)
    await db.sql`
      with l as (
        insert into public.lessons (course_id, title, position, created_by)
        select ${library.course}, 'Lesson ' || i, i, ${instructor.id} from generate_series(1, ${lessons}::int) i
        returning id, position)
      insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
      select l.id, 1, 'Lesson ' || l.position,
        (select string_agg('<h2>' || initcap((${TOPICS}::text[])[1 + l.position % 100]) || ' part ' || s || '</h2><p>' ||
           (select string_agg((${WORDS}::text[])[1 + (l.position * 7 + s * 13 + w * 11) % ${WORDS.length}::int] ||
                   case when w % 10 = 0 then ' ' || (${TOPICS}::text[])[1 + l.position % 100] else '' end, ' ')
            from generate_series(1, 60) w) || '</p>', '')
         from generate_series(1, 3) s),
        '', '\\x00', ${instructor.id}
      from l`
    const [{ n: passages }] = await db.sql`select count(*)::int as n from public.lesson_passages`
    o.log(`${passages} passages indexed`)

    const box = await createSecretBox(
      aiKeysSecret({ AI_KEYS_SECRET: secret, SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey }),
    )
    const key = 'bench-provider-key'
    await db.sql`insert into private.ai_providers (tenant_id, position, kind, label, base_url, models, api_key_sealed, key_last4)
      values (${streaming.tenant}, 0, 'openai', 'Fake', ${fake.openaiUrl}, ${db.sql.json({ general: 'fake-model' })},
              ${Buffer.from(await box.seal(key))}, 'key1')`
    fake.script(key, {
      kind: 'stream',
      chunks,
      intervalMs,
      textOf: () => `<t${performance.now().toFixed(3)}> `,
    })

    const deno = await startDeno(
      o.root,
      'test/bench/ai/deno-server.ts',
      {
        SUPABASE_URL,
        SUPABASE_DB_URL: db.dbUrl,
        SUPABASE_ANON_KEY: signer.keys.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey,
        SUPABASE_JWKS: signer.jwks,
        AI_KEYS_SECRET: secret,
        DB_POOL_MAX: '10',
      },
      children,
    )
    o.log(`ai-tutor under Deno on port ${deno.port}`)
    const bare = await startDeno(
      o.root,
      'test/bench/ai/bare-proxy.ts',
      { BARE_PROXY_UPSTREAM: `${fake.url}/v1/chat/completions` },
      children,
    )
    const token = await signer.tokenFor(student)
    const fakePort = Number(new URL(fake.url).port)
    const directBody = JSON.stringify({
      model: 'fake-model',
      stream: true,
      messages: [{ role: 'user', content: 'What is a noun?' }],
    })
    /** One stream asked in the provider's own format: from the fake itself, or through the bare proxy. */
    const providerStream = (port: number) => () =>
      stream(
        agent,
        port,
        '/v1/chat/completions',
        { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        directBody,
      )
    const direct = providerStream(fakePort)
    const tutorBody = JSON.stringify({
      tenant_id: streaming.tenant,
      course_id: streaming.course,
      message: 'What is a noun?',
    })
    const tutor = () =>
      stream(
        agent,
        deno.port,
        '/ai-tutor/chat',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        tutorBody,
      )

    const throughBare = providerStream(bare.port)

    // Warm-up (connections, JIT, pools), then the measured rounds: direct, the bare proxy, the tutor.
    await Promise.all(Array.from({ length: 20 }, direct))
    await Promise.all(Array.from({ length: 20 }, throughBare))
    await Promise.all(Array.from({ length: 20 }, tutor))
    await new Promise((r) => setTimeout(r, 500))
    const rssBefore = rssMb(deno.child.pid!)
    let peak = rssBefore
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(deno.child.pid!))
    }, 100)

    o.log(`${streams} streams straight from the fake`)
    const d = await Promise.all(Array.from({ length: streams }, direct))
    o.log(`${streams} streams through a bare Deno proxy`)
    const b = await Promise.all(Array.from({ length: streams }, throughBare))
    o.log(`${streams} streams through ai-tutor`)
    const before = fake.requests.length
    const t = await Promise.all(Array.from({ length: streams }, tutor))
    const providerCalls = fake.requests.slice(before)
    clearInterval(sampler)
    await new Promise((r) => setTimeout(r, 2000))
    const rssAfter = rssMb(deno.child.pid!)
    const heapMb: number[] = [await heapAfterGc(agent, deno.port)]
    // Flat or growing: the same round again, RSS read once each has settled.
    const rounds: number[] = []
    for (let i = 0; i < RSS_ROUNDS; i++) {
      o.log(`RSS round ${i + 1} of ${RSS_ROUNDS}: ${streams} more streams through ai-tutor`)
      await Promise.all(Array.from({ length: streams }, tutor))
      await new Promise((r) => setTimeout(r, 2000))
      rounds.push(rssMb(deno.child.pid!))
      heapMb.push(await heapAfterGc(agent, deno.port))
    }
    // Time from our request to the provider's request arriving: the work before the provider is asked.
    const starts = sorted(t.map((r) => r.sentAt))
    const arrivals = sorted(providerCalls.map((c) => c.at))
    const beforeProvider = arrivals.map((a, i) => a - starts[i])

    o.log(`answers from ${lessons} lessons, ${retrievalRequests} questions one after another`)
    const lessonToken = await signer.tokenFor(reader)
    const totals: number[] = []
    let retrievalFailed = 0
    for (let i = 0; i < retrievalRequests; i++) {
      const q = `What is ${TOPICS[(i * 37) % TOPICS.length]}? Nieleze tafadhali`
      const body = JSON.stringify({ tenant_id: library.tenant, course_id: library.course, message: q })
      const start = performance.now()
      const ok = await new Promise<boolean>((resolve) => {
        const req = http.request(
          {
            agent,
            host: '127.0.0.1',
            port: deno.port,
            method: 'POST',
            path: '/ai-tutor/chat',
            headers: {
              authorization: `Bearer ${lessonToken}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => {
              text += c
            })
            res.on('end', () =>
              resolve(
                res.statusCode === 200 &&
                  text.includes('"source":"lessons"') &&
                  text.includes('event: citation'),
              ),
            )
          },
        )
        req.on('error', () => resolve(false))
        req.end(body)
      })
      totals.push(performance.now() - start)
      if (!ok) retrievalFailed++
    }

    return {
      streams,
      chunks,
      intervalMs,
      direct: figures(d),
      bare: figures(b),
      tutor: { ...figures(t), beforeProvider: dist(beforeProvider) },
      rssMb: { before: rssBefore, after: rssAfter, peak, rounds },
      heapMb,
      retrieval: { lessons, requests: retrievalRequests, total: dist(totals), failed: retrievalFailed },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', load: os.loadavg()[0] },
    }
  } finally {
    release()
    agent.destroy()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await fake.close()
    await db.stop()
  }
}
