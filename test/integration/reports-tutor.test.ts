import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// The AI tutor usage report (issue 20). Tenant A keeps Nairobi time (UTC+3); the period is November
// 2026. Course C is the instructor's, course D another teacher's. Conversations and their messages:
// - the student about C: on 3 Nov two questions, one answered by `gemini` (100 in, 20 out tokens), one
//   failed; on 4 Nov (22:30 UTC on the 3rd) a flagged question answered by `safety`;
// - the peer about D: on 5 Nov a question answered by `lessons` (no tokens);
// - the student about no course: on 6 Nov a question answered by `gemini` (50 in, 10 out);
// - left out: the peer's question about C on 31 Oct 20:30 UTC (23:30 in Nairobi), tenant B's.
// The figures are checked against a plain query; the instructor sees only C; staff, students, parents
// and another school's admin are refused.
const sql = testDb(4)
let w: World
let parent: TestUser
let colleague: TestUser
const FROM = '2026-11-01'
const TO = '2026-11-30'
const ids = {} as Record<'C' | 'D', string>

type Row = {
  key: string | null
  day: string | null
  label: string | null
  students: number
  conversations: number
  questions: number
  answers: number
  failed: number
  flagged: number
  tokens_in: number
  tokens_out: number
}

beforeAll(async () => {
  w = await createWorld(sql)
  const A = w.a.id
  const { student, peer, instructor, adminB } = w.users
  parent = await createUser(sql)
  colleague = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role)
    values (${A}, ${parent.id}, 'parent'), (${A}, ${colleague.id}, 'instructor')`
  await sql`update public.tenants set time_zone = 'Africa/Nairobi' where id = ${A}`
  await sql`update public.profiles set display_name = 'Amina' where id = ${student.id}`
  await sql`update public.profiles set display_name = 'Baraka' where id = ${peer.id}`
  for (const [key, title, by] of [
    ['C', 'Chemistry', instructor.id],
    ['D', 'Drawing', colleague.id],
  ] as const) {
    const [c] =
      await sql`insert into public.courses (tenant_id, title, created_by) values (${A}, ${title}, ${by}) returning id`
    ids[key] = c?.id as string
  }
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    const talk = async (tenant: string, who: string, course: string | null) => {
      const [c] = await tx`insert into public.ai_conversations (tenant_id, student_id, course_id, title)
        values (${tenant}, ${who}, ${course}, 'Help') returning id`
      return c?.id as string
    }
    const say = (
      conversation: string,
      role: 'user' | 'assistant',
      at: string,
      o: {
        status?: string
        provider?: string
        source?: string
        tokens?: [number, number]
        flagged?: boolean
      } = {},
    ) => tx`
      insert into public.ai_messages (conversation_id, role, content, status, source, provider, flagged, tokens_in,
        tokens_out, created_at)
      values (${conversation}, ${role}, 'x', ${o.status ?? 'done'}, ${o.source ?? null}, ${o.provider ?? null},
        ${o.flagged ?? false}, ${o.tokens?.[0] ?? 0}, ${o.tokens?.[1] ?? 0}, ${at})`
    const c1 = await talk(A, student.id, ids.C)
    await say(c1, 'user', '2026-11-03T08:00:00Z')
    await say(c1, 'assistant', '2026-11-03T08:00:05Z', {
      source: 'provider',
      provider: 'gemini',
      tokens: [100, 20],
    })
    await say(c1, 'user', '2026-11-03T09:00:00Z')
    await say(c1, 'assistant', '2026-11-03T09:00:05Z', {
      status: 'failed',
      source: 'provider',
      provider: 'gemini',
    })
    await say(c1, 'user', '2026-11-03T22:30:00Z', { flagged: true })
    await say(c1, 'assistant', '2026-11-03T22:30:01Z', { source: 'safety' })
    const c2 = await talk(A, peer.id, ids.D)
    await say(c2, 'user', '2026-11-05T08:00:00Z')
    await say(c2, 'assistant', '2026-11-05T08:00:02Z', { source: 'lessons' })
    const c3 = await talk(A, student.id, null)
    await say(c3, 'user', '2026-11-06T08:00:00Z')
    await say(c3, 'assistant', '2026-11-06T08:00:05Z', {
      source: 'provider',
      provider: 'gemini',
      tokens: [50, 10],
    })
    const early = await talk(A, peer.id, ids.C)
    await say(early, 'user', '2026-10-31T20:30:00Z')
    const other = await talk(w.b.id, adminB.id, null)
    await say(other, 'user', '2026-11-05T08:00:00Z')
  })
})
afterAll(() => sql.end())

const report = (who: TestUser, group: string, course: string | null = null) =>
  withUser(
    sql,
    who.claims,
    (tx) =>
      tx<
        Row[]
      >`select key, day::text as day, label, students, conversations, questions, answers, failed, flagged,
        tokens_in::float8 as tokens_in, tokens_out::float8 as tokens_out
      from public.tutor_report(${w.a.id}, ${FROM}::date, ${TO}::date, ${group}, ${course}) order by ordinal`,
  )

const counts = (r: Row) => [
  r.students,
  r.conversations,
  r.questions,
  r.answers,
  r.failed,
  r.flagged,
  r.tokens_in,
  r.tokens_out,
]

describe('AI tutor report', () => {
  it('counts questions, answers, failures, flags and tokens by course, and by day in the school’s time zone', async () => {
    const byCourse = await report(w.users.admin, 'course')
    expect(byCourse.map((r) => [r.label, ...counts(r)])).toEqual([
      ['Chemistry', 1, 1, 3, 2, 1, 1, 100, 20],
      ['Drawing', 1, 1, 1, 1, 0, 0, 0, 0],
      [null, 1, 1, 1, 1, 0, 0, 50, 10],
    ])
    const byDay = await report(w.users.owner, 'day')
    expect(byDay.map((r) => [r.day, r.questions, r.answers])).toEqual([
      ['2026-11-03', 2, 1],
      ['2026-11-04', 1, 1],
      ['2026-11-05', 1, 1],
      ['2026-11-06', 1, 1],
    ])
    const [plain] = await sql<{ q: number; t: number }[]>`
      select count(*) filter (where m.role = 'user')::int as q, sum(m.tokens_in)::int as t
      from public.ai_messages m join public.ai_conversations c on c.id = m.conversation_id
      where c.tenant_id = ${w.a.id}
        and (m.created_at at time zone 'Africa/Nairobi')::date between ${FROM}::date and ${TO}::date`
    const [total] = await report(w.users.admin, 'total')
    expect([total?.questions, total?.tokens_in]).toEqual([plain?.q, plain?.t])
    expect(total).toMatchObject({ students: 2, conversations: 3, answers: 4, failed: 1, flagged: 1 })
  })

  it('groups by student and by provider', async () => {
    const byStudent = await report(w.users.admin, 'student')
    expect(byStudent.map((r) => [r.label, r.conversations, r.questions])).toEqual([
      ['Amina', 2, 4],
      ['Baraka', 1, 1],
    ])
    const byProvider = await report(w.users.admin, 'provider')
    expect(byProvider.map((r) => [r.label, r.questions, r.answers, r.failed, r.tokens_in])).toEqual([
      ['gemini', 3, 2, 1, 150],
      ['lessons', 1, 1, 0, 0],
      ['safety', 1, 1, 0, 0],
    ])
  })

  it('shows an instructor only the courses they write, and refuses everyone else but owners and admins', async () => {
    const mine = await report(w.users.instructor, 'course')
    expect(mine.map((r) => r.label)).toEqual(['Chemistry'])
    expect(await report(w.users.instructor, 'course', ids.D)).toEqual([])
    expect((await report(colleague, 'student')).map((r) => r.label)).toEqual(['Baraka'])
    const run = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) => tx`select * from public.tutor_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'course')`,
      )
    const refused = "The AI tutor report is for the school's owners, admins and teachers."
    const { staff, student, adminB, outsider } = w.users
    for (const who of [staff, student, parent, adminB, outsider]) expect(await run(who)).toBe(refused)
    const hint = await withUser(
      sql,
      staff.claims,
      (tx) => tx`select * from public.tutor_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'course')`,
    ).catch((e: { code?: string; hint?: string }) => [e.code, e.hint])
    expect(hint).toEqual(['42501', 'tutor_report_forbidden'])
  })

  it('is exported by owners, admins and instructors only', async () => {
    const ask = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) =>
          tx`select id from public.request_report_export(${w.a.id}, 'tutor', 'pdf',
          ${sql.json({ group: 'course', from: FROM, to: TO })}, 'en')`,
      )
    expect(await ask(w.users.instructor)).toBe(1)
    expect(await ask(w.users.staff)).toBe(
      "The AI tutor report is for the school's owners, admins and teachers.",
    )
  })
})
