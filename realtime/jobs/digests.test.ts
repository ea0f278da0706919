import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { silentLogger } from '../core/log.ts'
import { startDigestJob } from './digests.ts'

// The parents' weekly digest with an injected clock, in a week of March 1994 (Monday 7 to Sunday 13,
// Nairobi) so no other file's data is in it: a parent who asked for it hears on Sunday from 17:00
// what their child finished and opened that week and which sessions are booked for the next, once;
// a parent who did not ask hears nothing; Saturday is too early.

const sql = testDb(2)
afterAll(() => sql.end())

const nairobi = (day: number, hour: number, minute = 0) => new Date(Date.UTC(1994, 2, day, hour - 3, minute))
let parent: TestUser
let quiet: TestUser
let child: TestUser
let tenant: { id: string; slug: string }
let owner: TestUser
let teacher: TestUser

beforeAll(async () => {
  ;[owner, teacher] = [await createUser(sql), await createUser(sql, { name: 'Teacher' })]
  parent = await createUser(sql, { name: 'Parent' })
  quiet = await createUser(sql, { name: 'Quiet parent' })
  child = await createUser(sql, { name: 'Amani' })
  tenant = await createTenant(sql, owner, [
    [teacher, 'instructor'],
    [parent, 'parent'],
    [quiet, 'parent'],
    [child, 'student'],
  ])
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values
    (${tenant.id}, ${parent.id}, ${child.id}, null), (${tenant.id}, ${quiet.id}, ${child.id}, null)`
  await sql`insert into public.notification_settings (user_id, kind, in_app, email) values (${parent.id}, 'weekly_digest', true, false)`
  const [course] = await sql<{ id: string }[]>`
    insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, 'Science', ${teacher.id}) returning id`
  const lessons = await sql<{ id: string; title: string }[]>`
    insert into public.lessons (course_id, title, position)
    values (${course?.id ?? ''}, 'The cell', 1), (${course?.id ?? ''}, 'Plants', 2), (${course?.id ?? ''}, 'Older', 3)
    returning id, title`
  for (const l of lessons) {
    await sql`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, completed_at)
              values (${child.id}, ${l.id}, ${course?.id ?? ''}, ${tenant.id}, now())`
  }
  // The times of that week (the progress trigger stamps now(): set them as a restore would).
  const when = (title: string, read: Date, done: Date | null) =>
    sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update public.lesson_progress p set last_read_at = ${read}, completed_at = ${done}
               from public.lessons l where l.id = p.lesson_id and l.title = ${title} and p.user_id = ${child.id}`
    })
  await when('The cell', nairobi(8, 10), nairobi(8, 11))
  await when('Plants', nairobi(10, 16), null)
  await when('Older', nairobi(1, 9), nairobi(1, 9))
  const [session] = await sql<{ id: string }[]>`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
    values (${tenant.id}, ${teacher.id}, 'Fractions clinic', ${nairobi(15, 14)}, 45, 5) returning id`
  await sql.begin(async (tx) => {
    await tx`select set_config('kipindi.clock', ${nairobi(12, 9).toISOString()}, true)`
    await tx`insert into public.session_bookings (session_id, user_id) values (${session?.id ?? ''}, ${child.id})`
  })
})

const digests = (who: TestUser) =>
  sql<{ title: string; body: string; link: string }[]>`
    select title, body, link from public.notifications where user_id = ${who.id} and kind = 'weekly_digest'`

describe('the weekly digest job', () => {
  it('waits for Sunday 17:00 in the school’s time zone', async () => {
    const job = startDigestJob({
      sql,
      log: silentLogger,
      intervalMs: 3_600_000,
      clock: () => nairobi(13, 16, 50),
    })
    await job.run()
    await job.stop()
    expect(await digests(parent)).toEqual([])
  })

  it('tells the parent who asked how the child’s week went, once', async () => {
    const job = startDigestJob({
      sql,
      log: silentLogger,
      intervalMs: 3_600_000,
      clock: () => nairobi(13, 17, 10),
    })
    await job.run()
    await job.run()
    await job.stop()
    const [digest, ...more] = await digests(parent)
    expect(more).toEqual([])
    expect(digest?.title).toBe("Your child's week (from 07/03)")
    expect(digest?.body).toContain('Amani')
    expect(digest?.body).toContain('Lessons finished: The cell')
    expect(digest?.body).not.toContain('Older')
    expect(digest?.body).toContain('Lessons opened: 2')
    expect(digest?.body).toMatch(/Sessions next week: Fractions clinic \(.+\)/)
    expect(digest?.link).toBe(`/t/${tenant.slug}/children`)
    expect(await digests(quiet)).toEqual([])
  })
})

describe('the weekly school report', () => {
  const reports = (who: TestUser) =>
    sql<{ title: string; body: string; link: string }[]>`
      select title, body, link from public.notifications where user_id = ${who.id} and kind = 'school_report'`
  const runAt = async (at: Date) => {
    const job = startDigestJob({ sql, log: silentLogger, intervalMs: 3_600_000, clock: () => at })
    await job.run()
    await job.stop()
  }

  it('tells an owner who asked for it how the school’s week went on Monday from 07:00, once; not a teacher', async () => {
    await sql`insert into public.notification_settings (user_id, kind, in_app, email) values
      (${owner.id}, 'school_report', true, false), (${teacher.id}, 'school_report', true, false)`
    await runAt(nairobi(14, 6, 50))
    expect(await reports(owner)).toEqual([])
    await runAt(nairobi(14, 7, 10))
    await runAt(nairobi(14, 9, 0))
    const [report, ...more] = await reports(owner)
    expect(more).toEqual([])
    expect(report?.title).toBe("Your school's week (from 07/03)")
    expect(report?.body.split('\n')).toEqual([
      'Active students: 1',
      'Lessons finished: 1',
      'Tutoring seats attended: 0 of 0 (—)',
      'Tutor questions: 0',
      'Forum posts: 0',
      'New enrolments: 0',
      'Support tickets opened: 0 (SLA breached: 0)',
    ])
    expect(report?.link).toBe(`/t/${tenant.slug}/reports`)
    expect(await reports(teacher)).toEqual([])
  })
})
