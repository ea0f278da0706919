// Helpers for the grading queue's tests: a school with an assignment and a submission, the live
// events the database publishes, and waiting for a condition.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Sql } from '../../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'

export interface GradingSchool {
  tenant: string
  course: string
  assignment: string
  submission: string
  owner: TestUser
  teacher: TestUser
  staff: TestUser
  student: TestUser
}

/** A school with an instructor's course, a published assignment and one student's submission. */
export async function gradingSchool(sql: Sql): Promise<GradingSchool> {
  const [owner, teacher, staff, student] = await Promise.all(
    ['Owner', 'Teacher', 'Staff', 'Student'].map((name) => createUser(sql, { name })),
  )
  const tenant = await createTenant(sql, owner, [
    [teacher, 'instructor'],
    [staff, 'staff'],
    [student, 'student'],
  ])
  const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${tenant.id}, 'Essays', ${teacher.id}) returning id`
  await sql`insert into public.enrolments (course_id, user_id) values (${course?.id}, ${student.id})`
  const [assignment] = await sql`insert into public.assignments (course_id, title, published_at)
    values (${course?.id}, 'My town', now()) returning id`
  const [submission] =
    await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
    values (${assignment?.id}, ${course?.id}, ${tenant.id}, ${student.id}, 'My town has a market.') returning id`
  return {
    tenant: tenant.id,
    course: course?.id,
    assignment: assignment?.id,
    submission: submission?.id,
    owner,
    teacher,
    staff,
    student,
  }
}

export interface LiveEvent {
  topic: string
  event: string
  data: Record<string, unknown>
}

export interface LiveEvents {
  /** The events of one topic so far, in order. */
  of(topic: string): LiveEvent[]
  stop(): Promise<void>
}

/** Records what the database publishes on the `live` channel (private.live_notify). */
export async function listenLive(sql: Sql): Promise<LiveEvents> {
  const got: LiveEvent[] = []
  const { unlisten } = await sql.listen('live', (payload) => {
    got.push(JSON.parse(payload) as LiveEvent)
  })
  return { of: (topic) => got.filter((e) => e.topic === topic), stop: unlisten }
}

/** Resolves once `check` is true (polled every 50 ms); throws naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}
