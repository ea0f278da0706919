// Durability against a real crash: a grading queue in a process of its own is killed with SIGKILL
// in the middle of a job. graphile-worker alone would leave that job locked for 4 hours; the
// heartbeat sweep of the next queue unlocks it and the job completes.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { silentLogger } from '../../../edge/lib/log.ts'
import { testDb } from '../../../test/support/fixtures.ts'
import { type GradingQueue, startGradingQueue } from './queue.ts'
import { gradingSchool, waitUntil } from './testing.ts'

const sql = testDb(4)
const dbUrl = inject('dbUrl')
const HEARTBEAT_MS = 300
const STALE_MS = 2000
afterAll(() => sql.end())

/** The queue in a child process running only `jobId`; resolves with its worker ids once started. */
async function child(jobId: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'realtime/jobs/grading/queue-child.ts'], {
    env: {
      ...process.env,
      GRADING_CHILD: JSON.stringify({ dbUrl, jobId, heartbeatMs: HEARTBEAT_MS, staleMs: STALE_MS }),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const workers = await new Promise<string[]>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const m = /started (\S+)/.exec(d.toString())
      if (m) resolve((m[1] as string).split(','))
    })
    proc.once('exit', (code) => reject(new Error(`queue child exited ${code}`)))
  })
  return { proc, workers }
}

const row = async (id: string) =>
  (await sql`select status, progress, attempts from public.grading_jobs where id = ${id}`)[0]

describe('kill -9 of a grading queue', () => {
  let next: GradingQueue | undefined
  afterAll(() => next?.stop())

  it('runs the killed worker’s job again within seconds, in the next queue', async () => {
    const s = await gradingSchool(sql)
    const [{ id }] =
      await sql`select private.enqueue_grading_job('ocr', ${s.assignment}, ${s.submission}) as id`
    const { proc, workers } = await child(id)
    await waitUntil(async () => (await row(id))?.progress === 20, 'the child runs the job')
    const [locked] =
      await sql`select j.locked_by from graphile_worker.jobs j where j.key = ${`grading:${id}`}`
    expect(workers).toContain(locked?.locked_by)
    const [seen] =
      await sql`select count(*)::int as n from private.grading_workers where worker_id in ${sql(workers)}`
    expect(seen?.n).toBe(workers.length)

    proc.kill('SIGKILL')
    await new Promise((r) => proc.once('exit', r))
    const killedAt = Date.now()
    expect(await row(id)).toMatchObject({ status: 'running', attempts: 1 })

    const ran: number[] = []
    next = await startGradingQueue({
      sql,
      dbUrl,
      log: silentLogger,
      pollMs: 200,
      heartbeatMs: HEARTBEAT_MS,
      staleMs: STALE_MS,
      accept: (jobId) => jobId === id,
      handlers: {
        ocr: async (job, ctx) => {
          ran.push(job.attempt)
          await ctx.progress(90)
        },
      },
    })
    await waitUntil(async () => (await row(id))?.status === 'done', 'the job done by the next queue', 20_000)
    // Unlocked once the killed workers were unseen for the stale time (plus a sweep and a poll).
    expect(Date.now() - killedAt).toBeLessThan(STALE_MS + 5000)
    expect(ran).toEqual([2])
    expect(await row(id)).toMatchObject({ status: 'done', progress: 100, attempts: 2 })
    const [gone] =
      await sql`select count(*)::int as n from graphile_worker.jobs j where j.key = ${`grading:${id}`}`
    expect(gone?.n).toBe(0)
    const nextWorkers = next.workerIds
    await next.stop()
    next = undefined
    // A stopped queue takes its heartbeat away.
    const [left] =
      await sql`select count(*)::int as n from private.grading_workers where worker_id in ${sql([...nextWorkers])}`
    expect(left?.n).toBe(0)
  })
})
