// An assignment's live topic (issue 16): the course's graders follow its grading jobs; its
// students, the school's staff, other schools and unknown assignments are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignmentTopic } from '../../edge/contract/assessments-jobs-values.ts'
import { createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { gradingSchool } from '../jobs/grading/testing.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { type Recorder, recorder } from './testing.ts'

describe('the assignment topic', () => {
  const sql = testDb(4)
  let t: TestServer
  const clients: Recorder[] = []
  const jobs: string[] = []
  const open = (user: TestUser) => {
    const c = recorder(t.url(undefined, user.token))
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    t = await startTestServer({ liveRecheckMs: 0 })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    // No queue runs these jobs: keep them out of the queue tests' way.
    await sql`select graphile_worker.complete_jobs(array(select j.id from graphile_worker.jobs j
      where j.key in ${sql(jobs.map((id) => `grading:${id}`))}))`
    await sql.end()
  })

  it('tells the graders of the course each change of a job, and nobody else', async () => {
    const s = await gradingSchool(sql)
    const topic = assignmentTopic(s.assignment)
    const graders = [s.teacher, s.owner].map(open)
    for (const g of graders) expect(await g.subscribe(topic)).toMatchObject({ type: 'subscribed' })
    const [student, staff, outsider] = [s.student, s.staff, await createUser(sql)].map(open)
    expect(await student.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(await staff.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(await outsider.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(await outsider.subscribe(assignmentTopic('00000000-0000-4000-8000-000000000000'))).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'No such assignment.',
    })

    const [{ id }] =
      await sql`select private.enqueue_grading_job('ocr', ${s.assignment}, ${s.submission}) as id`
    jobs.push(id)
    await sql`update public.grading_jobs set status = 'running', progress = 35 where id = ${id}`
    await sql`update public.grading_jobs set updated_at = now() where id = ${id}` // no change seen: no event
    await sql`update public.grading_jobs set status = 'failed', error = 'Unreadable.' where id = ${id}`
    for (const g of graders)
      await g.waitFor(
        (m) => m.type === 'event' && (m.data as { status?: string }).status === 'failed',
        'failed',
      )
    expect(graders[0]?.events('job', topic).map((e) => e.data)).toEqual([
      { id, kind: 'ocr', submission_id: s.submission, status: 'queued', progress: 0, error: null },
      { id, kind: 'ocr', submission_id: s.submission, status: 'running', progress: 35, error: null },
      { id, kind: 'ocr', submission_id: s.submission, status: 'failed', progress: 35, error: 'Unreadable.' },
    ])
    for (const c of [student, staff, outsider]) {
      await c?.ping()
      expect(c?.events('job')).toHaveLength(0)
    }
  })

  it('ends the subscription of an instructor who leaves the school, at once (public.live_access)', async () => {
    const s = await gradingSchool(sql)
    const topic = assignmentTopic(s.assignment)
    const other = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant}, ${other.id}, 'instructor')`
    const c = open(other)
    expect(await c.subscribe(topic)).toMatchObject({ type: 'subscribed' })
    await sql`delete from public.memberships where tenant_id = ${s.tenant} and user_id = ${other.id}`
    await c.waitFor((m) => m.type === 'unsubscribed' && m.topic === topic, 'the topic ended', 3000)
    expect(await c.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
  })
})
