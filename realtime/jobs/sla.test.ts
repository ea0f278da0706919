import postgres from 'postgres'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../../test/support/fixtures.ts'
import type { Logger } from '../core/log.ts'
import { eventually } from '../live/testing.ts'
import { startTestServer } from '../testing.ts'

// The job runs `private.run_sla()` against the shared test database, where other files' tickets
// live. Its pool sets `kipindi.clock` (the migration's test clock) to 1990, so it can only fire
// for the ticket this file opens in 1990 — never for anyone else's.
const CLOCK = '1990-01-10T12:00:00Z'

/** A logger that keeps what it was told. */
function recordingLog() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields })
    }
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') }
  return { log, lines }
}

describe('the SLA job runner', () => {
  const sql = testDb(2)
  afterAll(() => sql.end())

  it('runs private.run_sla() on its interval and escalates a breached ticket once; stops on close', async () => {
    const owner = await createUser(sql)
    const student = await createUser(sql)
    const tenant = await createTenant(sql, owner, [[student, 'student']])
    // Opened on Wednesday 3 January 1990, 09:00 in Nairobi: its first response was due that day.
    const ticket = await withUser(sql, student.claims, async (tx) => {
      await tx`select set_config('kipindi.clock', '1990-01-03T09:00:00+03:00', true)`
      const [t] = await tx`
        insert into public.tickets (tenant_id, subject, category) values (${tenant.id}, 'Old ticket', 'account')
        returning id`
      return t.id as string
    })
    const jobSql = postgres(inject('dbUrl'), {
      max: 2,
      onnotice: () => {},
      connection: { 'kipindi.clock': CLOCK },
    })
    const { log, lines } = recordingLog()
    const t = await startTestServer({ sql: jobSql, slaJobMs: 100, log, yjs: false })
    try {
      const fired = () => lines.find((l) => l.message === 'SLA job fired')
      await eventually(() => fired() !== undefined, 'the job to fire')
      expect(fired()!.fields).toMatchObject({
        breached: expect.any(Number),
        at: expect.stringContaining('1990-01-10'),
      })
      const [row] = await sql`
        select t.priority, t.sla_state, x.breached_at from public.tickets t
        join public.ticket_sla_targets x on x.ticket_id = t.id and x.target = 'first_response'
        where t.id = ${ticket}`
      expect(row).toMatchObject({ priority: 'high', sla_state: 'breached' })
      expect(row.breached_at).toBeInstanceOf(Date)
      // Later runs find nothing new: exactly once.
      const runs = await t.server.sla!.run()
      expect(runs).toMatchObject({ breached: 0 })
      const [again] = await sql`select priority from public.tickets where id = ${ticket}`
      expect(again.priority).toBe('high')
    } finally {
      await t.close()
      await jobSql.end()
    }
  })

  it('logs a failed run and keeps going; stops with the server', async () => {
    // A clock that is not a timestamp makes every run fail inside Postgres.
    const badSql = postgres(inject('dbUrl'), {
      max: 1,
      onnotice: () => {},
      connection: { 'kipindi.clock': 'not a time' },
    })
    const { log, lines } = recordingLog()
    const t = await startTestServer({ sql: badSql, slaJobMs: 50, log, yjs: false })
    const failures = () => lines.filter((l) => l.message === 'SLA job failed').length
    try {
      await eventually(() => failures() >= 2, 'two failed runs')
    } finally {
      await t.close()
      await badSql.end()
    }
    const after = failures()
    await new Promise((r) => setTimeout(r, 200))
    expect(failures()).toBe(after)
  })
})
