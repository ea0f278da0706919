import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TutorMessage } from '../../contract/ai.ts'
import { setupApi } from '../core/testing.ts'
import { transcript } from './handoff.ts'
import { type AiSchool, aiSchool, citation, newConversation } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: AiSchool
beforeAll(async () => {
  s = await aiSchool(sql, call)
})

const handoff = (who: { token: string }, id: string, body?: object) =>
  call('POST', `/ai/conversations/${id}/handoff`, { token: who.token, body })

describe('POST /api/ai/conversations/:id/handoff', () => {
  it('opens a ticket in the school with the transcript and the lesson context, once', async () => {
    const id = await newConversation(sql, {
      tenantId: s.tenant.id,
      student: s.student,
      courseId: s.course,
      lessonId: s.lesson,
      title: 'Halves',
    })
    const res = await handoff(s.student, id, { note: 'I still do not get it.' })
    expect(res.status).toBe(201)
    const ticketId = res.body.ticket_id
    const [ticket] = await sql`
      select t.tenant_id, t.requester_id, t.subject, t.category::text, t.context,
        (select m.body from public.ticket_messages m where m.ticket_id = t.id order by m.id limit 1) as body
      from public.tickets t where t.id = ${ticketId}`
    expect(ticket).toMatchObject({
      tenant_id: s.tenant.id,
      requester_id: s.student.id,
      subject: 'Tutor: Halves',
      category: 'academic',
      context: {
        course_id: s.course,
        lesson_id: s.lesson,
        page: `/t/${s.tenant.slug}/tutor/${id}`,
        label: 'AI tutor: Halves',
      },
    })
    expect(ticket?.body).toBe(
      'Note from the student: I still do not get it.\n' +
        'Conversation with the AI tutor: "Halves" (Fractions › Halves)\n\n' +
        'Student: What is a half?\n\n' +
        'Tutor: One of two equal parts [1].\n(Sources: Halves)',
    )
    const [conv] = await sql`select ticket_id from public.ai_conversations where id = ${id}`
    expect(conv?.ticket_id).toBe(ticketId)
    // The student sees it in their tickets and in the conversation.
    const again = await handoff(s.student, id)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ ticket_id: ticketId })
    const read = await call('GET', `/ai/conversations/${id}`, { token: s.student.token })
    expect(read.body.ticket_id).toBe(ticketId)
    const mine = await call('GET', `/tickets/${ticketId}`, { token: s.student.token })
    expect(mine.status).toBe(200)
  })

  it('two handoffs at once open one ticket', async () => {
    const id = await newConversation(sql, { tenantId: s.tenant.id, student: s.student, title: 'Race' })
    const [a, b] = await Promise.all([handoff(s.student, id), handoff(s.student, id)])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    expect(a.body.ticket_id).toBe(b.body.ticket_id)
    const [n] =
      await sql`select count(*)::int as n from public.tickets where subject = 'Tutor: Race' and requester_id = ${s.student.id}`
    expect(n?.n).toBe(1)
  })

  it('keeps the most recent part of a long conversation', async () => {
    const turns: [string, string][] = Array.from({ length: 12 }, (_, i) => [
      `Question ${i} ${'q'.repeat(300)}`,
      `Answer ${i} ${'a'.repeat(300)}`,
    ])
    const id = await newConversation(sql, { tenantId: s.tenant.id, student: s.student, title: 'Long', turns })
    const res = await handoff(s.student, id)
    expect(res.status).toBe(201)
    const [m] = await sql`select body from public.ticket_messages where ticket_id = ${res.body.ticket_id}`
    const body = m?.body as string
    expect(body.length).toBeLessThanOrEqual(4000)
    expect(body).toContain('[Earlier messages left out.]')
    expect(body).toContain('Answer 11')
    expect(body).not.toContain('Question 0 ')
  })

  it("403 for the conversation's readers, 404 for others, 400 with field paths", async () => {
    const id = await newConversation(sql, {
      tenantId: s.tenant.id,
      student: s.student,
      courseId: s.course,
      title: 'Not yours',
    })
    for (const who of [s.teacher, s.admin]) {
      const res = await handoff(who, id)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('ai_student_only')
    }
    for (const who of [s.classmate, s.colleague, s.stranger]) {
      const res = await handoff(who, id)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('ai_conversation_not_found')
    }
    const bad = await handoff(s.student, id, { note: 'x'.repeat(1001), urgent: true })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'note',
      'urgent',
    ])
    expect((await call('POST', `/ai/conversations/${id}/handoff`)).status).toBe(401)
    const [conv] = await sql`select ticket_id from public.ai_conversations where id = ${id}`
    expect(conv?.ticket_id).toBeNull()
  })
})

describe('transcript', () => {
  const message = (
    role: 'user' | 'assistant',
    content: string,
    more: Partial<TutorMessage> = {},
  ): TutorMessage => ({
    id: crypto.randomUUID(),
    role,
    content,
    status: 'done',
    source: role === 'user' ? null : 'lessons',
    provider: null,
    task_class: null,
    citations: [],
    flagged: false,
    created_at: '2026-12-06T08:00:00+03:00',
    ...more,
  })
  const conv = { title: 'Fractions', course_title: null, lesson_title: null }

  it('names who spoke and the lessons an answer cited', () => {
    const cited = [
      citation('c', 'l', 1, 'Halves'),
      citation('c', 'l', 2, 'Halves'),
      citation('c', 'm', 3, 'Thirds'),
    ]
    expect(
      transcript(conv, [message('user', 'Hi'), message('assistant', 'Read this', { citations: cited })]),
    ).toBe(
      'Conversation with the AI tutor: "Fractions"\n\nStudent: Hi\n\nTutor: Read this\n(Sources: Halves; Thirds)',
    )
    expect(transcript(conv, [])).toBe('Conversation with the AI tutor: "Fractions"\n\n(No messages yet.)')
  })

  it('keeps the end of a last message too long by itself', () => {
    const text = transcript(
      conv,
      [message('user', 'Hi'), message('assistant', `${'x'.repeat(5000)}END`)],
      undefined,
      500,
    )
    expect(text.length).toBeLessThanOrEqual(500)
    expect(text).toMatch(/\[Earlier messages left out\.\]\n\n…x+END$/)
  })
})
