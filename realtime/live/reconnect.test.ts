import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ticketTopic } from '../../edge/contract/support.ts'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { createDesk, type Desk, eventually, type LiveEventMessage, postMessage, recorder } from './testing.ts'

// The server's pool has its own application_name, so that only its LISTEN connection is killed
// (other test files' servers listen on the same database).
const APP = 'live-reconnect-test'

describe('the LISTEN connection dropping', () => {
  const sql = testDb(2)
  const serverSql = postgres(inject('dbUrl'), {
    max: 2,
    onnotice: () => {},
    connection: { application_name: APP },
  })
  let t: TestServer
  let desk: Desk

  beforeAll(async () => {
    t = await startTestServer({ sql: serverSql, yjs: false })
    desk = await createDesk(sql)
  })
  afterAll(async () => {
    await t.close()
    await serverSql.end()
    await sql.end()
  })

  it('listens again, tells subscribers to catch up, and delivers what comes after', async () => {
    const c = recorder(t.url(undefined, desk.requester.token))
    await c.subscribe(ticketTopic(desk.ticket))
    const killed = await sql`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where application_name = ${APP} and query ilike 'listen%'`
    expect(killed.length).toBeGreaterThan(0)
    // A second `subscribed` without an id: the client reloads what it may have missed.
    await c.waitFor((m) => m.type === 'subscribed' && !('id' in m && m.id), 'the catch-up cue', 10_000)
    await eventually(async () => {
      await postMessage(sql, desk.staff, desk.ticket, 'after the drop')
      await new Promise((r) => setTimeout(r, 100))
      return c
        .events('message')
        .some((m: LiveEventMessage) => (m.data as { body: string }).body === 'after the drop')
    }, 'a message after the LISTEN came back')
    c.close()
  })
})
