// The grading queue in a process of its own, for the test that kills it (-9) mid-job. Reads
// GRADING_CHILD = { dbUrl, jobId, heartbeatMs, staleMs }: runs only that job, with an OCR handler
// that reports 20 % and then waits until stopped. Prints `started` once its workers run.
import { createDb } from '../../../edge/lib/db.ts'
import { silentLogger } from '../../../edge/lib/log.ts'
import { startGradingQueue } from './queue.ts'

const o = JSON.parse(process.env.GRADING_CHILD ?? '{}')
const sql = createDb(o.dbUrl, { max: 2 })
const queue = await startGradingQueue({
  sql,
  dbUrl: o.dbUrl,
  log: silentLogger,
  pollMs: 200,
  heartbeatMs: o.heartbeatMs,
  staleMs: o.staleMs,
  accept: (id) => id === o.jobId,
  handlers: {
    ocr: async (_job, ctx) => {
      await ctx.progress(20)
      await new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      )
    },
  },
})
console.log(`started ${queue.workerIds.join(',')}`)
process.stdin.on('end', async () => {
  await queue.stop()
  await sql.end()
  process.exit(0)
})
process.stdin.resume()
