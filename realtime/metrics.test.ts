// The realtime server's metrics (issue 20): refused without the token; with it, the sockets, rooms
// and subscriptions of this instance, the outbox and grading queues and the database's connections
// read at scrape time, and each error a background job logs counted as a failed run of that job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_PATH } from '../edge/contract/realtime.ts'
import { createTenant, createUser, testDb } from '../test/support/fixtures.ts'
import { METRICS_PATH } from './core/server.ts'
import { recorder } from './live/testing.ts'
import { createRealtimeMetrics } from './metrics.ts'
import { startTestServer, type TestServer } from './testing.ts'

const TOKEN = 'realtime-metrics-token'
let t: TestServer

beforeAll(async () => {
  t = await startTestServer({ metricsToken: TOKEN })
})
afterAll(() => t?.close())

const scrape = (token?: string) =>
  fetch(`http://127.0.0.1:${t.server.port}${METRICS_PATH}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('realtime metrics', () => {
  it('are refused without the token', async () => {
    const res = await scrape()
    expect(res.status).toBe(401)
    expect((await scrape('nope')).status).toBe(401)
  })

  it('count this instance’s sockets and the emails waiting, read when scraped', async () => {
    const sql = testDb(1)
    try {
      const owner = await createUser(sql)
      await createTenant(sql, owner)
      const client = recorder(`ws://127.0.0.1:${t.server.port}${LIVE_PATH}?token=${owner.token}`)
      await client.ping()
      const [{ pending }] = await sql<{ pending: number }[]>`
        select count(*)::int as pending from private.outbox_emails where status = 'pending'`
      const text = await (await scrape(TOKEN)).text()
      expect(value(text, 'kipindi_realtime_sockets')).toBeGreaterThanOrEqual(1)
      expect(value(text, 'kipindi_queue_depth{queue="outbox"}')).toBe(pending)
      expect(value(text, 'kipindi_db_connections{state="active"}')).toBeGreaterThanOrEqual(1)
      expect(text).toContain('kipindi_yjs_rooms')
      expect(text).toContain('kipindi_live_subscriptions')
      expect(text).toContain('kipindi_realtime_nodejs_eventloop_lag_seconds')
      client.close()
    } finally {
      await sql.end()
    }
  })

  it("counts each error a job's logger writes as a failed run of that job", async () => {
    const logged: string[] = []
    const metrics = createRealtimeMetrics(
      { connections: () => 0, yjsRooms: () => 0, liveSubscriptions: () => 0 },
      undefined,
      { info() {}, warn() {}, error: (m) => logged.push(m) },
    )
    const log = metrics.jobLog('outbox', { info() {}, warn() {}, error: (m) => logged.push(m) })
    log.error('outbox job failed')
    log.error('outbox job failed')
    log.warn('slow')
    const { text } = await metrics.render()
    expect(value(text, 'kipindi_job_failures_total{job="outbox"}')).toBe(2)
    expect(logged).toEqual(['outbox job failed', 'outbox job failed'])
  })
})
