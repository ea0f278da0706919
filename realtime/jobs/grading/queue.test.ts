// The grading queue against the real database and graphile-worker: a job runs with live progress,
// a throwing handler is retried with backoff and fails after the last attempt, a graceful stop
// gives the job back, and asking again reuses an unfinished job.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { silentLogger } from '../../../edge/lib/log.ts'
import { testDb } from '../../../test/support/fixtures.ts'
import { startTestServer } from '../../testing.ts'
import { type GradingQueue, startGradingQueue, throttledProgress } from './queue.ts'
import { gradingSchool, type LiveEvents, listenLive, waitUntil } from './testing.ts'
import { type GradingHandler, type GradingJobKind, GradingStop } from './types.ts'

const sql = testDb(6)
const dbUrl = inject('dbUrl')
let live: LiveEvents
afterAll(async () => {
  await live?.stop()
  await sql.end()
})
beforeAll(async () => {
  live = await listenLive(sql)
})

/** The queue on the test database with fast polling, running only the jobs in `mine`. */
async function queue(mine: Set<string>, handlers: Partial<Record<GradingJobKind, GradingHandler>>) {
  return startGradingQueue({
    sql,
    dbUrl,
    log: silentLogger,
    handlers,
    pollMs: 200,
    heartbeatMs: 500,
    accept: (id) => mine.has(id),
  })
}

const row = async (id: string) =>
  (
    await sql`select status, progress, attempts, error, finished_at from public.grading_jobs where id = ${id}`
  )[0]

/** The graphile-worker job of a grading job: its tries, who holds it, how long until it may run. */
const graphileJob = async (id: string) =>
  (
    await sql`select j.attempts, j.max_attempts, j.locked_by, extract(epoch from j.run_at - now())::float8 as wait
      from graphile_worker.jobs j where j.key = ${`grading:${id}`}`
  )[0]

/** Waits until try `attempt` failed and graphile-worker released the job. */
const failedTry = (id: string, attempt: number) =>
  waitUntil(async () => {
    const r = await row(id)
    const g = await graphileJob(id)
    return (
      r?.attempts === attempt && r?.status !== 'running' && g?.attempts === attempt && g?.locked_by === null
    )
  }, `try ${attempt} failed`)

/** Lets a job waiting for its backoff run now (the test does not wait e^n seconds). */
const runNow = (id: string) =>
  sql`select graphile_worker.reschedule_jobs(array(select j.id from graphile_worker.jobs j where j.key = ${`grading:${id}`}),
        run_at => now())`

describe('the grading queue', () => {
  let q: GradingQueue | undefined
  afterAll(() => q?.stop())

  it('runs a job: running, throttled progress live, done at 100 %', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const seen: string[] = []
    q = await queue(mine, {
      suggest: async (job, ctx) => {
        seen.push(`${job.kind}:${job.submissionId}:${job.attempt}:${job.tenantId === s.tenant}`)
        for (let p = 1; p <= 60; p++) {
          await ctx.progress(p + 0.4)
          await sleep(10)
        }
        await gate
      },
    })
    const [{ id }] =
      await sql`select private.enqueue_grading_job('suggest', ${s.assignment}, ${s.submission}) as id`
    mine.add(id)
    // A job queued before the queue noticed it runs by the next poll at the latest.
    await waitUntil(async () => (await row(id))?.progress === 60, 'progress 60')
    expect(await row(id)).toMatchObject({ status: 'running', attempts: 1, error: null, finished_at: null })
    release()
    await waitUntil(async () => (await row(id))?.status === 'done', 'done')
    expect(await row(id)).toMatchObject({ progress: 100, attempts: 1, error: null })
    expect((await row(id))?.finished_at).toBeInstanceOf(Date)
    expect(seen).toEqual([`suggest:${s.submission}:1:true`])

    // Teachers heard it: queued, running, a few progress steps (60 reports 10 ms apart, written at
    // most every 250 ms), done.
    const events = live.of(`assignment:${s.assignment}`).filter((e) => e.data.id === id)
    expect(events[0]?.data).toMatchObject({ kind: 'suggest', submission_id: s.submission, status: 'queued' })
    expect(events.at(-1)?.data).toMatchObject({ status: 'done', progress: 100, error: null })
    const steps = events.filter((e) => e.data.status === 'running').map((e) => e.data.progress as number)
    expect(steps.length).toBeGreaterThan(1)
    expect(steps.length).toBeLessThan(20)
    expect(steps.at(-1)).toBe(60)
    expect(steps.every((p, i) => i === 0 || p > (steps[i - 1] as number))).toBe(true)
    await q.stop()
    q = undefined
  })

  it('retries a throwing handler with backoff, then fails it after the fifth attempt', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    let calls = 0
    q = await queue(mine, {
      ocr: async (job) => {
        calls++
        throw new Error(`The scan is unreadable (try ${job.attempt}).`)
      },
    })
    const [{ id }] =
      await sql`select private.enqueue_grading_job('ocr', ${s.assignment}, ${s.submission}) as id`
    mine.add(id)
    await failedTry(id, 1)
    expect(await row(id)).toMatchObject({ status: 'queued', error: 'The scan is unreadable (try 1).' })
    // graphile-worker's backoff: the next try waits e^1 seconds.
    const waiting = await graphileJob(id)
    expect(waiting).toMatchObject({ attempts: 1, max_attempts: 5 })
    expect(waiting?.wait).toBeGreaterThan(1.5)
    for (let attempt = 2; attempt <= 5; attempt++) {
      await runNow(id)
      await failedTry(id, attempt)
    }
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      error: 'The scan is unreadable (try 5).',
    })
    expect(calls).toBe(5)
    const failed = live
      .of(`assignment:${s.assignment}`)
      .filter((e) => e.data.id === id)
      .at(-1)
    expect(failed?.data).toMatchObject({ status: 'failed', error: 'The scan is unreadable (try 5).' })
    // graphile-worker gave up on it too.
    const [gone] =
      await sql`select j.attempts, j.locked_by from graphile_worker.jobs j where j.key = ${`grading:${id}`}`
    expect(gone).toMatchObject({ attempts: 5, locked_by: null })
    await q.stop()
    q = undefined
  })

  it('fails the jobs of a kind this server has no handler for, with a clear error', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    q = await queue(mine, {})
    const [{ id }] = await sql`select private.enqueue_grading_job('similarity', ${s.assignment}, null) as id`
    mine.add(id)
    await waitUntil(
      async () => (await row(id))?.attempts === 1 && (await row(id))?.status === 'queued',
      'try 1',
    )
    expect((await row(id))?.error).toBe('This server has no similarity worker.')
    await q.stop()
    q = undefined
  })

  it('fails a job at once when its handler says trying again cannot help (GradingStop)', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    q = await queue(mine, {
      similarity: async () => {
        throw new GradingStop('Nothing to compare yet.')
      },
    })
    const [{ id }] = await sql`select private.enqueue_grading_job('similarity', ${s.assignment}, null) as id`
    mine.add(id)
    await waitUntil(async () => (await row(id))?.status === 'failed', 'failed')
    expect(await row(id)).toMatchObject({ attempts: 1, error: 'Nothing to compare yet.' })
    // graphile-worker holds no job left to retry.
    await waitUntil(async () => (await graphileJob(id)) === undefined, 'graphile job gone')
    await q.stop()
    q = undefined
  })

  it('gives a job back on a graceful stop: queued, its attempt returned, run at once by the next queue', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    let aborted = false
    q = await queue(mine, {
      ocr: (_job, ctx) =>
        new Promise((_resolve, reject) => {
          void ctx.progress(30)
          ctx.signal.addEventListener('abort', () => {
            aborted = true
            reject(new Error('stopping'))
          })
        }),
    })
    const [{ id }] =
      await sql`select private.enqueue_grading_job('ocr', ${s.assignment}, ${s.submission}) as id`
    mine.add(id)
    await waitUntil(async () => (await row(id))?.progress === 30, 'running at 30 %')
    await q.stop()
    q = undefined
    expect(aborted).toBe(true)
    expect(await row(id)).toMatchObject({ status: 'queued', error: null })
    const [gj] = await sql`select j.attempts, j.locked_by, j.run_at <= now() as due
      from graphile_worker.jobs j where j.key = ${`grading:${id}`}`
    expect(gj).toMatchObject({ attempts: 0, locked_by: null, due: true })

    q = await queue(mine, { ocr: async (_job, ctx) => ctx.progress(50) })
    await waitUntil(async () => (await row(id))?.status === 'done', 'done by the next queue')
    expect(await row(id)).toMatchObject({ attempts: 1, progress: 100 })
    await q.stop()
    q = undefined
  })

  it('reuses an unfinished job when asked again, and queues a new one once it is finished', async () => {
    const s = await gradingSchool(sql)
    const [{ id: first }] =
      await sql`select private.enqueue_grading_job('suggest', ${s.assignment}, ${s.submission}) as id`
    await sql`update public.grading_jobs set status = 'running', progress = 40 where id = ${first}`
    const [{ id: again }] =
      await sql`select private.enqueue_grading_job('suggest', ${s.assignment}, ${s.submission}) as id`
    expect(again).toBe(first)
    expect(await row(first)).toMatchObject({ status: 'queued', progress: 0 })
    await sql`update public.grading_jobs set status = 'done', progress = 100 where id = ${first}`
    const [{ id: next }] =
      await sql`select private.enqueue_grading_job('suggest', ${s.assignment}, ${s.submission}) as id`
    expect(next).not.toBe(first)
    // The same submission in another assignment is refused.
    const other = await gradingSchool(sql)
    await expect(
      sql`select private.enqueue_grading_job('ocr', ${other.assignment}, ${s.submission})`,
    ).rejects.toThrow('No such submission of this assignment.')
    // Jobs of no test's queue wait for one: take them out of other queues' way.
    await sql`select graphile_worker.complete_jobs(array(select j.id from graphile_worker.jobs j
               where j.key in ${sql([`grading:${first}`, `grading:${next}`])}))`
  })
})

describe('the grading queue in the realtime server', () => {
  it('runs with the server when `grading` is given and stops with it', async () => {
    const s = await gradingSchool(sql)
    const mine = new Set<string>()
    const t = await startTestServer({
      grading: { dbUrl, pollMs: 200, accept: (id) => mine.has(id), handlers: { similarity: async () => {} } },
    })
    const workers = t.server.grading?.workerIds ?? []
    expect(workers.length).toBe(2)
    const [{ id }] = await sql`select private.enqueue_grading_job('similarity', ${s.assignment}, null) as id`
    mine.add(id)
    await waitUntil(async () => (await row(id))?.status === 'done', 'done')
    await t.close()
    const [left] =
      await sql`select count(*)::int as n from private.grading_workers where worker_id in ${sql(workers)}`
    expect(left?.n).toBe(0)
    // Without the option (every other realtime test) there is no queue.
    const plain = await startTestServer()
    expect(plain.server.grading).toBeUndefined()
    await plain.close()
  })
})

describe('throttledProgress', () => {
  it('writes at most once per window, the latest value rounded and clamped, and settles every report', async () => {
    const writes: number[] = []
    const p = throttledProgress(100, async (v) => {
      writes.push(v)
    })
    await Promise.all([p.report(10.4), p.report(20.6), p.report(150), p.report(Number.NaN)])
    expect(writes).toEqual([10])
    await sleep(150)
    expect(writes).toEqual([10, 100])
    await p.report(-5)
    await p.report(7)
    p.cancel()
    await sleep(150)
    expect(writes).toEqual([10, 100])
  })
})
