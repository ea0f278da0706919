import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type AiSchool, aiSchool, citation, newConversation } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: AiSchool
/** The student's course conversation (cited answers), the classmate's flagged one, the student's own without a course… */
let mine: string
let classmates: string
let noCourse: string
let poetry: string
beforeAll(async () => {
  s = await aiSchool(sql, call)
  mine = await newConversation(sql, {
    tenantId: s.tenant.id,
    student: s.student,
    courseId: s.course,
    lessonId: s.lesson,
    title: 'Halves',
  })
  classmates = await newConversation(sql, {
    tenantId: s.tenant.id,
    student: s.classmate,
    courseId: s.course,
    title: 'Quarters',
    flagged: true,
  })
  noCourse = await newConversation(sql, { tenantId: s.tenant.id, student: s.student, title: 'Homework' })
  poetry = await newConversation(sql, {
    tenantId: s.tenant.id,
    student: s.classmate,
    courseId: s.otherCourse,
    title: 'Rhymes',
  })
})

const list = (who: { token: string }, query = '', tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/ai/conversations${query}`, { token: who.token })
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id)

describe('GET /api/tenants/:tenantId/ai/conversations', () => {
  it("lists the caller's own conversations, newest first, with names, titles and counts", async () => {
    const res = await list(s.student)
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([noCourse, mine])
    expect(res.body.next_before).toBeNull()
    expect(res.body.items[1]).toMatchObject({
      id: mine,
      tenant_id: s.tenant.id,
      student_id: s.student.id,
      student_name: 'Student',
      course_id: s.course,
      course_title: 'Fractions',
      lesson_id: s.lesson,
      lesson_title: 'Halves',
      title: 'Halves',
      flagged_at: null,
      flag_reason: null,
      ticket_id: null,
      message_count: 2,
    })
    expect(res.body.items[0]).toMatchObject({ course_id: null, course_title: null, lesson_title: null })
  })

  it('pages with next_before', async () => {
    const first = await list(s.student, '?limit=1')
    expect(ids(first.body)).toEqual([noCourse])
    expect(first.body.next_before).toBe(first.body.items[0].updated_at)
    const second = await list(s.student, `?limit=1&before=${encodeURIComponent(first.body.next_before)}`)
    expect(ids(second.body)).toEqual([mine])
    expect(second.body.next_before).toBeNull()
  })

  it("review: an instructor sees their course's students, flagged first; not their own or other courses'", async () => {
    const teacher = await list(s.teacher, '?scope=review')
    expect(ids(teacher.body)).toEqual([classmates, mine])
    expect(teacher.body.items[0]).toMatchObject({ flag_reason: 'danger', student_name: 'Classmate' })
    expect(teacher.body.items[0].flagged_at).not.toBeNull()
    const colleague = await list(s.colleague, '?scope=review')
    expect(ids(colleague.body)).toEqual([poetry])
  })

  it('review: admins see the whole school; students, staff and mine-scope see no one else', async () => {
    const admin = await list(s.admin, '?scope=review')
    expect(ids(admin.body)).toEqual([classmates, poetry, noCourse, mine])
    expect(ids((await list(s.student, '?scope=review')).body)).toEqual([])
    expect(ids((await list(s.staff, '?scope=review')).body)).toEqual([])
    expect(ids((await list(s.teacher)).body)).toEqual([])
  })

  it('review filters by course and flag, and pages through flagged then the rest', async () => {
    expect(ids((await list(s.admin, `?scope=review&course_id=${s.course}`)).body)).toEqual([classmates, mine])
    expect(ids((await list(s.admin, '?scope=review&flagged=true')).body)).toEqual([classmates])
    expect(ids((await list(s.admin, '?scope=review&flagged=false')).body)).toEqual([poetry, noCourse, mine])
    const seen: string[] = []
    let before: string | null = null
    for (let page = 0; page < 5; page++) {
      const query: string = `?scope=review&limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`
      const res = await list(s.admin, query)
      seen.push(...ids(res.body))
      before = res.body.next_before
      if (!before) break
    }
    expect(seen).toEqual([classmates, poetry, noCourse, mine])
  })

  it('400 for a bad query, 401 without a token, 404 outside the school', async () => {
    const bad = await list(s.student, '?limit=0&before=yesterday&scope=all')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'before',
      'limit',
      'scope',
    ])
    expect((await call('GET', `/tenants/${s.tenant.id}/ai/conversations`)).status).toBe(401)
    const stranger = await list(s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('school_not_found')
  })
})

describe('GET /api/ai/conversations/:id', () => {
  it('gives the student their conversation with its messages and citations', async () => {
    const res = await call('GET', `/ai/conversations/${mine}`, { token: s.student.token })
    expect(res.status).toBe(200)
    expect(res.body.is_mine).toBe(true)
    expect(res.body.messages).toMatchObject([
      {
        role: 'user',
        content: 'What is a half?',
        status: 'done',
        source: null,
        citations: [],
        flagged: false,
      },
      {
        role: 'assistant',
        content: 'One of two equal parts [1].',
        source: 'provider',
        provider: 'Gemini',
        task_class: 'general',
        citations: [citation(s.course, s.lesson)],
      },
    ])
  })

  it("lets the course's editors and the school's admins read it (not theirs)", async () => {
    for (const who of [s.teacher, s.admin, s.owner]) {
      const res = await call('GET', `/ai/conversations/${mine}`, { token: who.token })
      expect(res.status).toBe(200)
      expect(res.body.is_mine).toBe(false)
      expect(res.body.messages).toHaveLength(2)
    }
  })

  it('404 for classmates, instructors of other courses, staff and other schools', async () => {
    for (const who of [s.classmate, s.colleague, s.staff, s.stranger]) {
      const res = await call('GET', `/ai/conversations/${mine}`, { token: who.token })
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('ai_conversation_not_found')
    }
    const bad = await call('GET', '/ai/conversations/not-a-uuid', { token: s.student.token })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
  })
})

describe('PATCH /api/ai/conversations/:id', () => {
  it('renames the conversation for its student', async () => {
    const res = await call('PATCH', `/ai/conversations/${noCourse}`, {
      token: s.student.token,
      body: { title: '  Homework help ' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: noCourse, title: 'Homework help' })
  })

  it('403 for its readers, 404 for others, 400 with field paths', async () => {
    const teacher = await call('PATCH', `/ai/conversations/${mine}`, {
      token: s.teacher.token,
      body: { title: 'Mine now' },
    })
    expect(teacher.status).toBe(403)
    expect(teacher.body.error.code).toBe('ai_student_only')
    const classmate = await call('PATCH', `/ai/conversations/${mine}`, {
      token: s.classmate.token,
      body: { title: 'Mine now' },
    })
    expect(classmate.status).toBe(404)
    const bad = await call('PATCH', `/ai/conversations/${mine}`, {
      token: s.student.token,
      body: { title: ' ', flagged_at: null },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'flagged_at',
      'title',
    ])
    const [row] = await sql`select title from public.ai_conversations where id = ${mine}`
    expect(row?.title).toBe('Halves')
  })
})
