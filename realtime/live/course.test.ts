// A course's live topic (issue 12): its readers may follow it and hear a lesson published and the
// outline change; people outside it are refused, and unenrolling ends a student's subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseTopic } from '../../edge/contract/courses-values.ts'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { type Recorder, recorder } from './testing.ts'

describe('the course topic', () => {
  const sql = testDb(4)
  let t: TestServer
  const clients: Recorder[] = []
  const open = (user: TestUser) => {
    const c = recorder(t.url(undefined, user.token))
    clients.push(c)
    return c
  }

  /** A school with a teacher's course of one lesson, an enrolled student, a classmate who is not, and someone from elsewhere. */
  async function school() {
    const [owner, teacher, staff, student, classmate, outsider] = await Promise.all(
      ['Owner', 'Teacher', 'Staff', 'Student', 'Classmate', 'Outsider'].map((name) =>
        createUser(sql, { name }),
      ),
    )
    const tenant = await createTenant(sql, owner, [
      [teacher, 'instructor'],
      [staff, 'staff'],
      [student, 'student'],
      [classmate, 'student'],
    ])
    await createTenant(sql, outsider)
    const [course] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, 'Telling time', ${teacher.id})
      returning id`
    const [lesson] = await sql`
      insert into public.lessons (course_id, title, created_by) values (${course.id}, 'Clocks', ${teacher.id})
      returning id`
    await sql`insert into public.enrolments (course_id, user_id) values (${course.id}, ${student.id})`
    return {
      tenant,
      owner,
      teacher,
      staff,
      student,
      classmate,
      outsider,
      course: course.id as string,
      lesson: lesson.id as string,
    }
  }

  const publish = (user: TestUser, lesson: string, text: string) =>
    withUser(
      sql,
      user.claims,
      (tx) => tx`
        insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
        values (${lesson}, 0, 'Clocks', ${`<p>${text}</p>`}, ${text}, '\\x00'::bytea, ${user.id})`,
    )

  beforeAll(async () => {
    // The periodic backstop is off: only the database's signal can end these subscriptions.
    t = await startTestServer({ liveRecheckMs: 0 })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('lets the course’s readers follow it and tells them of a new version and outline changes', async () => {
    const s = await school()
    const topic = courseTopic(s.course)
    const readers = [s.student, s.teacher, s.owner, s.staff].map(open)
    for (const r of readers) expect(await r.subscribe(topic)).toMatchObject({ type: 'subscribed' })

    await publish(s.teacher, s.lesson, 'The long hand shows the minutes.')
    for (const r of readers)
      await r.waitFor(
        (m) => m.type === 'event' && m.event === 'published' && m.topic === topic,
        'the published event',
      )
    expect(readers[0].events('published', topic)[0].data).toMatchObject({
      course_id: s.course,
      lesson_id: s.lesson,
      version: 1,
    })

    // A reorder of several lessons is one `outline` event.
    await withUser(sql, s.teacher.claims, async (tx) => {
      await tx`insert into public.lessons (course_id, title) values (${s.course}, 'Half past')`
      await tx`update public.lessons set position = position + 1 where course_id = ${s.course}`
    })
    await readers[0].waitFor((m) => m.type === 'event' && m.event === 'outline', 'the outline event')
    await readers[0].ping()
    expect(readers[0].events('outline', topic)).toHaveLength(1)
  })

  it('refuses a student not enrolled, a member of another school and an unknown course', async () => {
    const s = await school()
    const topic = courseTopic(s.course)
    const classmate = open(s.classmate)
    const outsider = open(s.outsider)
    expect(await classmate.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(await outsider.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(await outsider.subscribe(courseTopic('00000000-0000-4000-8000-000000000000'))).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'No such course.',
    })
    // Nothing published reaches them.
    await publish(s.teacher, s.lesson, 'Quarter to.')
    await classmate.ping()
    expect(JSON.stringify(classmate.got)).not.toContain('published')
  })

  it('ends the subscription of a student who is unenrolled, at once', async () => {
    const s = await school()
    const topic = courseTopic(s.course)
    const student = open(s.student)
    expect(await student.subscribe(topic)).toMatchObject({ type: 'subscribed' })
    await withUser(
      sql,
      s.teacher.claims,
      (tx) => tx`delete from public.enrolments where course_id = ${s.course} and user_id = ${s.student.id}`,
    )
    await publish(s.teacher, s.lesson, 'Five past.')
    await student.waitFor((m) => m.type === 'unsubscribed' && m.topic === topic, 'the topic ended', 2000)
    await student.ping()
    expect(student.events('published')).toHaveLength(0)
    expect(await student.subscribe(topic)).toMatchObject({ type: 'error', code: 'forbidden' })
  })
})
