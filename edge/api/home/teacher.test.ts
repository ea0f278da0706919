import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { compactLessonDoc } from '../../lesson-draft/store.ts'
import { setupApi } from '../core/testing.ts'
import {
  type CourseSchool,
  courseSchool,
  editDraft,
  enrol,
  newCourse,
  newLesson,
  publishingTools,
  writeDraft,
} from '../courses/testing.ts'
import { insertSession } from '../tutoring/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { publish } = publishingTools(sql, call, () => s)

/** A new instructor of the school, so that each test starts from an empty home. */
async function newTeacher(tenantId = s.tenant.id) {
  const user = await createUser(sql, { name: 'Tutor' })
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${tenantId}, ${user.id}, 'instructor')`
  return user
}

const home = (who: TestUser, tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/home/teacher`, { token: who.token })

/** A lesson by `who` with something written in its draft. */
async function written(who: TestUser, course: string, title: string) {
  const id = await newLesson(call, who, course, { title })
  await writeDraft(sql, who, id, tiptapDoc(p(title)))
  return id
}

/** Publishes the lesson's draft as `who` (throws unless 201). */
async function published(who: TestUser, lesson: string) {
  const res = await publish(lesson, undefined, who)
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${res.text}`)
}

/** Adds a paragraph to the lesson's draft as `who`; the id of the log row written. */
const edit = (who: TestUser, lesson: string) =>
  editDraft(sql, who, lesson, (doc) => {
    const extra = new Y.XmlElement('paragraph')
    extra.insert(0, [new Y.XmlText('One more line.')])
    doc.getXmlFragment('content').push([extra])
  })

/** A stored moment (read as the superuser) as the API writes it. */
const iso = (at: Date) => at.toISOString()

describe('GET /api/tenants/:id/home/teacher: courses', () => {
  it('lists the courses I co-author in this school, by title, with lessons, published ones and students', async () => {
    const me = await newTeacher()
    const zebra = await newCourse(call, me, s.tenant.id, { title: 'Zebra' })
    const apple = await newCourse(call, me, s.tenant.id, {
      title: 'apple',
      level: 'Grade 5',
      learning_area: 'Science',
    })
    const mango = await newCourse(call, s.colleague, s.tenant.id, { title: 'Mango' })
    await sql`insert into public.course_authors (course_id, user_id, role) values (${mango}, ${me.id}, 'viewer')`
    await newCourse(call, s.colleague, s.tenant.id, { title: 'Aardvark (not mine)' })
    // apple: three lessons, two published (one of them twice), two students.
    const a1 = await written(me, apple, 'A1')
    await published(me, a1)
    await published(me, a1)
    await published(me, await written(me, apple, 'A2'))
    await written(me, apple, 'A3')
    await enrol(sql, apple, s.student)
    await enrol(sql, apple, s.classmate)
    // mango: the colleague's lesson, published; one student.
    await published(s.colleague, await written(s.colleague, mango, 'M1'))
    await enrol(sql, mango, s.classmate)
    // A school where I teach too.
    const elsewhere = await createTenant(sql, s.owner, [[me, 'instructor']])
    const far = await newCourse(call, me, elsewhere.id, { title: 'Abroad' })

    const res = await home(me)
    expect(res.status).toBe(200)
    const course = (id: string, title: string, extra: object = {}) => ({
      id,
      title,
      level: '',
      learning_area: '',
      author_role: 'editor',
      lesson_count: 0,
      published_count: 0,
      student_count: 0,
      ...extra,
    })
    expect(res.body.courses).toEqual([
      course(apple, 'apple', {
        level: 'Grade 5',
        learning_area: 'Science',
        lesson_count: 3,
        published_count: 2,
        student_count: 2,
      }),
      course(mango, 'Mango', {
        author_role: 'viewer',
        lesson_count: 1,
        published_count: 1,
        student_count: 1,
      }),
      course(zebra, 'Zebra'),
    ])
    expect((await home(me, elsewhere.id)).body.courses).toEqual([course(far, 'Abroad')])
  })
})

describe('GET /api/tenants/:id/home/teacher: drafts', () => {
  it('shows lessons never published or changed since their latest version, latest change first, at most 5', async () => {
    const me = await newTeacher()
    const course = await newCourse(call, me, s.tenant.id, { title: 'Drafts' })
    const theirs = await newCourse(call, s.colleague, s.tenant.id, { title: 'Theirs' })
    await sql`insert into public.course_authors (course_id, user_id, role) values (${theirs}, ${me.id}, 'viewer')`
    const notMine = await newCourse(call, s.colleague, s.tenant.id, { title: 'Not mine' })

    // Made in the order of their last change, oldest first.
    const untouched = await newLesson(call, me, course, { title: 'Untouched' })
    const unpublished = await written(me, course, 'Unpublished')
    const upToDate = await written(me, course, 'Up to date')
    await published(me, upToDate)
    const edited = await written(me, course, 'Edited')
    await published(me, edited)
    const editRow = await edit(me, edited)
    const twice = await written(me, course, 'Twice')
    await published(me, twice)
    await published(me, twice)
    await edit(me, twice)
    // Edited after publishing, then compacted: the log is empty, the snapshot holds the change.
    const compacted = await written(me, course, 'Compacted')
    await published(me, compacted)
    await edit(me, compacted)
    expect((await compactLessonDoc(sql, compacted)).outcome).toBe('compacted')
    const shared = await written(s.colleague, theirs, 'Shared')
    await written(s.colleague, notMine, 'Not mine')

    const [lesson] = await sql`select updated_at from public.lessons where id = ${untouched}`
    const [row] = await sql`select created_at from public.lesson_doc_updates where id = ${editRow}`
    const [snapshot] = await sql`select updated_at from public.lesson_docs where lesson_id = ${compacted}`
    const drafts = async () => (await home(me)).body.drafts
    const first = await drafts()
    expect(first.map((d: { lesson_id: string }) => d.lesson_id)).toEqual([
      shared,
      compacted,
      twice,
      edited,
      unpublished,
    ])
    const draft = (id: string) => first.find((d: { lesson_id: string }) => d.lesson_id === id)
    expect(draft(shared)).toMatchObject({
      lesson_title: 'Shared',
      course_id: theirs,
      course_title: 'Theirs',
      published_version: null,
    })
    expect(draft(edited)).toEqual({
      lesson_id: edited,
      lesson_title: 'Edited',
      course_id: course,
      course_title: 'Drafts',
      published_version: 1,
      changed_at: iso(row?.created_at),
    })
    expect(draft(twice).published_version).toBe(2)
    expect(draft(compacted)).toMatchObject({ published_version: 1, changed_at: iso(snapshot?.updated_at) })

    // Publishing takes a lesson off; the oldest one, never written in, comes back with its own time.
    await published(s.colleague, shared)
    await published(me, unpublished)
    await published(me, compacted)
    const after = await drafts()
    expect(after.map((d: { lesson_id: string }) => d.lesson_id)).toEqual([twice, edited, untouched])
    expect(after[2]).toEqual({
      lesson_id: untouched,
      lesson_title: 'Untouched',
      course_id: course,
      course_title: 'Drafts',
      published_version: null,
      changed_at: iso(lesson?.updated_at),
    })
  })
})

describe('GET /api/tenants/:id/home/teacher: sessions and waiting rooms', () => {
  it('shows the sessions I teach that are still ahead, soonest first, at most 5', async () => {
    const me = await newTeacher()
    /** A session of mine (or `who`'s) starting `startsIn` minutes from now, 60 minutes long. */
    const session = async (startsIn: number, status?: 'cancelled' | 'ended', who = me) => {
      const id = await insertSession(sql, s.tenant.id, who, { startsIn: 60 })
      await sql`update public.tutoring_sessions set starts_at = now() + make_interval(mins => ${startsIn})
                ${status ? sql`, status = ${status}` : sql``} where id = ${id}`
      return id
    }
    await session(-120)
    const live = await session(-30)
    const in40 = await session(40)
    const in10 = await session(10)
    await session(50)
    const in20 = await session(20)
    const in30 = await session(30)
    await session(5, 'cancelled')
    await session(-10, 'ended')
    await session(1, undefined, s.colleague)

    const res = await home(me)
    expect(res.status).toBe(200)
    expect(res.body.sessions.map((x: { id: string }) => x.id)).toEqual([live, in10, in20, in30, in40])
    // The very Session objects of the tutoring routes.
    const listed = await call('GET', `/tenants/${s.tenant.id}/sessions?mine=true`, { token: me.token })
    const ahead = listed.body.filter((x: { status: string }) => ['scheduled', 'live'].includes(x.status))
    expect(res.body.sessions).toEqual(ahead.slice(0, 5))
    expect(res.body.sessions.every((x: { instructor_id: string }) => x.instructor_id === me.id)).toBe(true)
  })

  it('counts who waits now in the waiting rooms of my sessions that are not over', async () => {
    const me = await newTeacher()
    const students = await Promise.all([1, 2, 3, 4].map(() => createUser(sql, { name: 'Waiter' })))
    /** A session of `who` with a waiting room, and admissions in the given statuses. */
    const room = async (
      title: string,
      statuses: string[],
      opts: { who?: TestUser; startsIn?: number } = {},
    ) => {
      const id = await insertSession(sql, s.tenant.id, opts.who ?? me, {
        startsIn: opts.startsIn ?? 5,
        waitingRoom: true,
      })
      await sql`update public.tutoring_sessions set title = ${title} where id = ${id}`
      for (const [i, status] of statuses.entries()) {
        await sql`insert into public.session_admissions (session_id, user_id, status)
                  values (${id}, ${students[i]?.id}, ${status})`
      }
      return id
    }
    const busy = await room('Busy', ['waiting', 'admitted', 'waiting', 'denied'])
    const later = await room('Later', ['waiting'], { startsIn: -30 })
    await room('Nobody waits', ['admitted'])
    await room('Not mine', ['waiting'], { who: s.colleague })
    await room('Over', ['waiting'], { startsIn: -120 })
    const ended = await room('Ended', ['waiting'])
    await sql`update public.tutoring_sessions set status = 'ended' where id = ${ended}`
    const cancelled = await room('Cancelled', ['waiting'])
    await sql`update public.tutoring_sessions set status = 'cancelled' where id = ${cancelled}`
    const opened = await room('Room opened up', ['waiting'])
    await sql`update public.tutoring_sessions set waiting_room = false where id = ${opened}`

    const { waiting } = (await home(me)).body
    expect(waiting).toEqual([
      { session_id: later, title: 'Later', waiting: 1 },
      { session_id: busy, title: 'Busy', waiting: 2 },
    ])
    await sql`update public.session_admissions set status = 'admitted' where session_id = ${later}`
    expect((await home(me)).body.waiting).toEqual([{ session_id: busy, title: 'Busy', waiting: 2 }])
  })
})

describe('GET /api/tenants/:id/home/teacher: who', () => {
  it("answers the school's instructors and co-authors; 403 for others, 404 outside, 400 and 401", async () => {
    const fresh = await newTeacher()
    expect((await home(fresh)).body).toEqual({
      courses: [],
      drafts: [],
      sessions: [],
      waiting: [],
      editing_now: [],
    })
    // Owners and admins teach when they co-author a course.
    for (const who of [s.admin, s.staff, s.student, s.parent]) {
      const res = await home(who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
    const course = await newCourse(call, s.admin, s.tenant.id, { title: 'Run by the admin' })
    const admin = await home(s.admin)
    expect(admin.status).toBe(200)
    expect(admin.body.courses.map((c: { id: string }) => c.id)).toEqual([course])
    // A co-author made staff no longer counts as one (private.author_role), though the row stays.
    const moved = await newTeacher()
    await newCourse(call, moved, s.tenant.id, { title: 'Left behind' })
    expect((await home(moved)).status).toBe(200)
    await sql`update public.memberships set role = 'staff' where tenant_id = ${s.tenant.id} and user_id = ${moved.id}`
    expect((await home(moved)).status).toBe(403)

    const stranger = await home(s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('school_not_found')
    expect((await home(s.teacher, crypto.randomUUID())).status).toBe(404)
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    expect((await home(superadmin)).status).toBe(403)
    const bad = await home(s.teacher, 'not-a-uuid')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
    expect((await call('GET', `/tenants/${s.tenant.id}/home/teacher`)).status).toBe(401)
  })
})

describe('co-authors editing now', () => {
  it('lists lessons of my courses others have open for editing, fresh rows only, not my own', async () => {
    const me = await newTeacher()
    const other = await newTeacher()
    const course = await newCourse(call, me, s.tenant.id, { title: 'Written together' })
    await sql`insert into public.course_authors (course_id, user_id, role, added_by) values (${course}, ${other.id}, 'editor', ${me.id})`
    const open = await written(me, course, 'Being written')
    const stale = await written(me, course, 'Left open by a dead server')
    await sql`
      insert into public.lesson_presence (lesson_id, user_id, instance_id, seen_at) values
        (${open}, ${other.id}, 'i1', now()),
        (${open}, ${other.id}, 'i2', now()),
        (${open}, ${me.id}, 'i1', now()),
        (${stale}, ${other.id}, 'gone', now() - interval '10 minutes')`
    const res = await home(me)
    expect(res.body.editing_now).toEqual([
      {
        lesson_id: open,
        lesson_title: 'Being written',
        course_id: course,
        course_title: 'Written together',
        people: [{ user_id: other.id, name: 'Tutor' }],
      },
    ])
    // Someone who is not a co-author of the course does not see who writes it.
    const outsider = await newTeacher()
    expect((await home(outsider)).body.editing_now).toEqual([])
  })
})
