import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import type { Logger } from '../core/log.ts'
import { eventually } from '../live/testing.ts'
import { startTestServer } from '../testing.ts'
import { startReminderJob } from './reminders.ts'

// The reminder job with an injected clock. Its sessions start on one random day of 1993 (the
// migration's job looks only at sessions starting within the next hour of the clock), so no other
// file's session is ever reminded by these runs, and these runs remind only this file's sessions.

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

const sql = testDb(2)
afterAll(() => sql.end())

const DAY = Date.UTC(1993, 0, 1) + Math.floor(Math.random() * 360) * 86_400_000
/** A moment of the test day: `hour` o'clock UTC plus `minutes`. */
const at = (hour: number, minutes = 0) => new Date(DAY + hour * 3_600_000 + minutes * 60_000)

let owner: TestUser
let tutor: TestUser
let student: TestUser
let swStudent: TestUser
let unbooked: TestUser
let tenant: { id: string; slug: string }
beforeAll(async () => {
  owner = await createUser(sql)
  tutor = await createUser(sql, { name: 'Tutor' })
  student = await createUser(sql, { name: 'Student' })
  swStudent = await createUser(sql, { name: 'Mwanafunzi' })
  unbooked = await createUser(sql)
  await sql`update auth.users set raw_user_meta_data = raw_user_meta_data || '{"locale":"sw"}' where id = ${swStudent.id}`
  tenant = await createTenant(sql, owner, [
    [tutor, 'instructor'],
    [student, 'student'],
    [swStudent, 'student'],
    [unbooked, 'student'],
  ])
})

/** A scheduled session starting at `start`, with seats booked for `booked` (set up at the test clock). */
async function session(start: Date, ...booked: TestUser[]) {
  const [row] = await sql<{ id: string }[]>`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
    values (${tenant.id}, ${tutor.id}, 'Reading club', ${start}, 45, 5) returning id`
  const id = row?.id as string
  for (const b of booked) {
    await sql.begin(async (tx) => {
      await tx`select set_config('kipindi.clock', ${at(0).toISOString()}, true)`
      await tx`insert into public.session_bookings (session_id, user_id) values (${id}, ${b.id})`
    })
  }
  return id
}

/** The reminders in a person's bell for one session. */
async function reminders(user: TestUser, sessionId: string) {
  return sql<{ title: string; body: string; link: string }[]>`
    select title, body, link from public.notifications
    where user_id = ${user.id} and session_id = ${sessionId} and kind = 'session_reminder' order by id`
}

describe('the reminder job', () => {
  it('reminds the tutor and each booked student 60 and 10 minutes before, once each, in their language', async () => {
    const start = at(10)
    const id = await session(start, student, swStudent)
    let now = at(8)
    const job = startReminderJob({ sql, log: recordingLog().log, intervalMs: 3_600_000, clock: () => now })
    try {
      // Two hours before: nothing yet.
      expect(await job.run()).toMatchObject({ reminded: 0 })
      now = at(9, 1) // 59 minutes before
      expect(await job.run()).toMatchObject({ reminded: 3 })
      // Once only: the same window again, and a second job (another instance) at the same time.
      const other = startReminderJob({
        sql,
        log: recordingLog().log,
        intervalMs: 3_600_000,
        clock: () => now,
      })
      const [a, b] = await Promise.all([job.run(), other.run()])
      await other.stop()
      expect((a?.reminded ?? 0) + (b?.reminded ?? 0)).toBe(0)
      expect(await reminders(student, id)).toEqual([
        {
          title: 'Starts in 59 minutes: Reading club',
          body: expect.stringMatching(/^\w{3} \d+ \w{3} 1993, 13:00 Nairobi time \(UTC\+3\), 45 minutes\. /),
          link: `/t/${tenant.slug}/sessions/${id}`,
        },
      ])
      expect((await reminders(swStudent, id))[0]?.title).toBe('Kinaanza baada ya dakika 59: Reading club')
      expect(await reminders(tutor, id)).toHaveLength(1)
      expect(await reminders(unbooked, id)).toEqual([])

      now = at(9, 51) // 9 minutes before
      // Two instances running the same window at once send each reminder once between them.
      const twin = startReminderJob({ sql, log: recordingLog().log, intervalMs: 3_600_000, clock: () => now })
      const both = await Promise.all([job.run(), twin.run()])
      await twin.stop()
      expect(both.reduce((sum, r) => sum + (r?.reminded ?? 0), 0)).toBe(3)
      expect(await job.run()).toMatchObject({ reminded: 0 })
      expect((await reminders(student, id)).map((r) => r.title)).toEqual([
        'Starts in 59 minutes: Reading club',
        'Starts in 9 minutes: Reading club',
      ])
      // Reminders are emailed by default (the tutor's too), in the recipient's language.
      const [mail] = await sql`
        select subject from private.outbox_emails where to_email = ${swStudent.email} and kind = 'notification'
        order by created_at desc limit 1`
      expect(mail?.subject).toBe('Kinaanza baada ya dakika 9: Reading club')
      now = at(10, 1) // started: nothing more
      expect(await job.run()).toMatchObject({ reminded: 0 })
    } finally {
      await job.stop()
    }
  })

  it('sends none after a cancellation or to a student whose booking was removed', async () => {
    const cancelled = await session(at(14), student)
    const unbookedSession = await session(at(15), student, swStudent)
    await sql`update public.tutoring_sessions set status = 'cancelled' where id = ${cancelled}`
    await sql`delete from public.session_bookings where session_id = ${unbookedSession} and user_id = ${student.id}`
    let now = at(13, 30)
    const job = startReminderJob({ sql, log: recordingLog().log, intervalMs: 3_600_000, clock: () => now })
    try {
      await job.run()
      now = at(14, 30)
      await job.run()
      expect(await reminders(student, cancelled)).toEqual([])
      expect(await reminders(tutor, cancelled)).toEqual([])
      expect(await reminders(student, unbookedSession)).toEqual([])
      expect(await reminders(swStudent, unbookedSession)).toHaveLength(1)
    } finally {
      await job.stop()
    }
  })

  it('reminds again of a session moved to a later time', async () => {
    const id = await session(at(18), student)
    let now = at(17, 30)
    const job = startReminderJob({ sql, log: recordingLog().log, intervalMs: 3_600_000, clock: () => now })
    try {
      await job.run()
      expect(await reminders(student, id)).toHaveLength(1)
      await sql`update public.tutoring_sessions set starts_at = ${at(20)} where id = ${id}`
      now = at(19, 30)
      await job.run()
      await job.run()
      expect((await reminders(student, id)).map((r) => r.title)).toEqual([
        'Starts in 30 minutes: Reading club',
        'Starts in 30 minutes: Reading club',
      ])
    } finally {
      await job.stop()
    }
  })

  it('runs in the realtime server on its interval and stops with it', async () => {
    const id = await session(at(22), student)
    const { log, lines } = recordingLog()
    const t = await startTestServer({
      slaJobMs: 0,
      reminders: { intervalMs: 50, clock: () => at(21, 55), siteUrl: 'https://kipindi.example' },
      log,
      yjs: false,
    })
    try {
      await eventually(
        () => lines.some((l) => l.message === 'reminder job sent reminders'),
        'the job to remind',
      )
      expect(await reminders(student, id)).toHaveLength(1)
      // Its emails link to the site URL it was given.
      const [mail] = await sql`
        select action_url from private.outbox_emails where to_email = ${student.email} and kind = 'notification'
        order by created_at desc limit 1`
      expect(mail?.action_url).toBe(`https://kipindi.example/t/${tenant.slug}/sessions/${id}`)
    } finally {
      await t.close()
    }
    expect(t.server.reminders).toBeDefined()
  })
})
