// Test helpers for the AI tutor routes' tests (not part of the function itself).
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import type { Citation } from '../../contract/ai.ts'
import type { Sql } from '../../lib/db.ts'
import type { CallOptions, CallResult } from '../core/testing.ts'
import { enrol, newCourse, newLesson } from '../courses/testing.ts'

type Call = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>

const NAMES = ['owner', 'admin', 'teacher', 'colleague', 'staff', 'student', 'classmate', 'stranger'] as const

/**
 * A school with `owner`, `admin`, `staff`, two instructors (`teacher` edits the course `course`
 * with its lesson `lesson`; `colleague` edits `otherCourse`), two students enrolled in `course`
 * (`student`, `classmate`); and `stranger`, the owner of the school `other`.
 */
export async function aiSchool(sql: Sql, call: Call) {
  const made = await Promise.all(
    NAMES.map(async (n) => [n, await createUser(sql, { name: n[0]?.toUpperCase() + n.slice(1) })] as const),
  )
  const u = Object.fromEntries(made) as Record<(typeof NAMES)[number], TestUser>
  const tenant = await createTenant(sql, u.owner, [
    [u.admin, 'admin'],
    [u.teacher, 'instructor'],
    [u.colleague, 'instructor'],
    [u.staff, 'staff'],
    [u.student, 'student'],
    [u.classmate, 'student'],
  ])
  const other = await createTenant(sql, u.stranger)
  const course = await newCourse(call, u.teacher, tenant.id, { title: 'Fractions' })
  const lesson = await newLesson(call, u.teacher, course, { title: 'Halves' })
  const otherCourse = await newCourse(call, u.colleague, tenant.id, { title: 'Poetry' })
  await enrol(sql, course, u.student)
  await enrol(sql, course, u.classmate)
  return { tenant, other, course, lesson, otherCourse, ...u }
}
export type AiSchool = Awaited<ReturnType<typeof aiSchool>>

/** A citation of `lesson` (as the ai-tutor function stores them). */
export const citation = (courseId: string, lessonId: string, n = 1, lessonTitle = 'Halves'): Citation => ({
  n,
  course_id: courseId,
  lesson_id: lessonId,
  version: 1,
  section_id: 'what-is-a-half',
  lesson_title: lessonTitle,
  heading: 'What is a half?',
})

export interface NewConversation {
  tenantId: string
  student: TestUser
  courseId?: string | null
  lessonId?: string | null
  title?: string
  /** Question and answer pairs; the answers cite the lesson when there is one. */
  turns?: [string, string][]
  flagged?: boolean
}

/**
 * A conversation with its messages as the ai-tutor function leaves them (as the superuser); each
 * statement runs on its own, so conversations made one after another are ordered by updated_at.
 */
export async function newConversation(sql: Sql, c: NewConversation): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.ai_conversations (tenant_id, student_id, course_id, lesson_id, title)
    values (${c.tenantId}, ${c.student.id}, ${c.courseId ?? null}, ${c.lessonId ?? null}, ${c.title ?? 'Halves'})
    returning id`
  const id = row?.id as string
  const turns = c.turns ?? [['What is a half?', 'One of two equal parts [1].']]
  for (const [question, answer] of turns) {
    const cites = c.courseId && c.lessonId ? [citation(c.courseId, c.lessonId)] : []
    await sql`insert into public.ai_messages (conversation_id, role, content) values (${id}, 'user', ${question})`
    await sql`
      insert into public.ai_messages (conversation_id, role, content, source, provider, task_class, citations)
      values (${id}, 'assistant', ${answer}, 'provider', 'Gemini', 'general', ${sql.json(cites)})`
  }
  if (c.flagged) {
    await sql`update public.ai_conversations set flagged_at = now(), flag_reason = 'danger' where id = ${id}`
  }
  return id
}

/** A provider body for POST /tenants/:id/ai/providers. */
export const geminiBody = (key = 'AIzaSyTESTKEY-0123456789abcd', more: object = {}) => ({
  kind: 'gemini',
  label: 'Gemini',
  models: { general: 'gemini-2.5-flash', reasoning: 'gemini-2.5-pro' },
  api_key: key,
  ...more,
})
