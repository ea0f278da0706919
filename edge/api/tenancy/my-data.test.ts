import { afterAll, describe, expect, it } from 'vitest'
import {
  gradeAssignment,
  newAssignment,
  newCourse,
  newQuiz,
  quizResult,
} from '../../../test/support/course-work.ts'
import { createTenant, createUser, type TestUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket } from '../support/testing.ts'
import { MY_DATA_PER_HOUR } from './my-data.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const certificateCode = () =>
  Array.from({ length: 12 }, () => CODE_LETTERS[Math.floor(Math.random() * CODE_LETTERS.length)]).join('')

/** Everything a student leaves behind, each text marked with `mark` so the export can be searched. */
async function leaveTraces(who: TestUser, mark: string, s: { tenant: string; course: string; quiz: string }) {
  await openTicket(call, who, s.tenant, { subject: `Ticket of ${mark}`, body: `Message of ${mark}` })
  const [conv] = await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title)
    values (${s.tenant}, ${who.id}, ${s.course}, ${`Tutor chat of ${mark}`}) returning id`
  await sql`insert into public.ai_messages (conversation_id, role, content) values (${conv.id}, 'user', ${`Question of ${mark}`})`
  await sql`insert into public.ai_messages (conversation_id, role, content)
    values (${conv.id}, 'assistant', ${`Answer for ${mark}`})`
  await quizResult(sql, s.quiz, who.id, 7)
  const released = await newAssignment(sql, s.course)
  await gradeAssignment(sql, released, who.id, { points: 80 })
  const held = await newAssignment(sql, s.course, { released: false })
  await gradeAssignment(sql, held, who.id, { points: 30 })
  await sql`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider,
      currency, amount_minor, provider_ref)
    values (${s.tenant}, ${who.id}, ${who.id}, 'course', ${s.course}, 'test', 'KES', 50000, ${`ref-${mark}`})`
  await sql`insert into public.certificates (code, tenant_id, course_id, user_id, student_name, course_title, school_name)
    values (${certificateCode()}, ${s.tenant}, ${s.course}, ${who.id}, ${`Name of ${mark}`}, 'Biology', 'School')`
  await sql`insert into public.notifications (user_id, tenant_id, kind, title)
    values (${who.id}, ${s.tenant}, 'ticket_message', ${`Notice for ${mark}`})`
  return { released, held }
}

/** Two students of one school with the same kinds of data, and a parent linked to the first. */
async function twoStudents() {
  const owner = await createUser(sql)
  const amina = await createUser(sql, { name: 'Amina Export' })
  const baraka = await createUser(sql, { name: 'Baraka Export' })
  const parent = await createUser(sql, { name: 'Parent Export' })
  const t = await createTenant(sql, owner, [
    [amina, 'student'],
    [baraka, 'student'],
    [parent, 'parent'],
  ])
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${t.id}, ${parent.id}, ${amina.id})`
  const course = await newCourse(sql, t.id, owner.id, 'Biology')
  const quiz = await newQuiz(sql, course)
  const s = { tenant: t.id, course, quiz }
  const aminaMark = unique('amina')
  const barakaMark = unique('baraka')
  const aminaWork = await leaveTraces(amina, aminaMark, s)
  await leaveTraces(baraka, barakaMark, s)
  return { t, amina, baraka, parent, aminaMark, barakaMark, aminaWork }
}

describe('GET /api/me/export', () => {
  it("holds the user's own rows of every kind and none of a classmate's with the same kinds", async () => {
    const w = await twoStudents()
    const res = await call('GET', '/me/export', {
      token: w.amina.token,
      headers: { 'x-forwarded-for': '198.51.100.23' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    const day = new Date().toISOString().slice(0, 10)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="kipindi-my-data-${day}.json"`)
    const doc = res.body
    expect(doc).toMatchObject({ format: 'kipindi-my-data/1', user_id: w.amina.id })
    expect(doc.account.email).toBe(w.amina.email)
    expect(doc.profile).toMatchObject({ id: w.amina.id, display_name: 'Amina Export' })
    expect(doc.memberships).toEqual([expect.objectContaining({ tenant_id: w.t.id, role: 'student' })])
    expect(doc.guardian_links).toEqual([
      expect.objectContaining({ parent_id: w.parent.id, student_id: w.amina.id, as: 'student' }),
    ])
    expect(doc.support_tickets.map((t: { subject: string }) => t.subject)).toEqual([
      `Ticket of ${w.aminaMark}`,
    ])
    expect(doc.support_messages.map((m: { body: string }) => m.body)).toEqual([`Message of ${w.aminaMark}`])
    expect(doc.tutor_conversations).toHaveLength(1)
    expect(doc.tutor_conversations[0].messages.map((m: { content: string }) => m.content)).toEqual([
      `Question of ${w.aminaMark}`,
      `Answer for ${w.aminaMark}`,
    ])
    expect(doc.quiz_attempts).toHaveLength(1)
    expect(doc.quiz_attempts[0].result).toMatchObject({ score: 7 })
    const grades = Object.fromEntries(
      doc.assignment_submissions.map((s: { assignment_id: string; grade: unknown }) => [
        s.assignment_id,
        s.grade,
      ]),
    )
    expect(grades[w.aminaWork.released]).toMatchObject({ points: 80 })
    expect(grades[w.aminaWork.held]).toBeNull() // graded, not released: not shown to the student yet
    expect(doc.payments).toEqual([
      expect.objectContaining({ receipt: `ref-${w.aminaMark}`, amount_minor: 50000 }),
    ])
    expect(doc.certificates).toEqual([expect.objectContaining({ student_name: `Name of ${w.aminaMark}` })])
    expect(doc.notifications).toEqual([expect.objectContaining({ title: `Notice for ${w.aminaMark}` })])

    // Nothing of Baraka's: not his id, address, name, nor any text he wrote or was given.
    const text = res.text
    for (const other of [w.baraka.id, w.baraka.email, 'Baraka Export', w.barakaMark]) {
      expect(text).not.toContain(other)
    }

    // The export is in the audit log, as the user, from their address.
    const [entry] = await sql`select actor_id, tenant_id, host(ip) as ip from public.audit_log
      where action = 'account.data_exported' and target_id = ${w.amina.id}`
    expect(entry).toEqual({ actor_id: w.amina.id, tenant_id: null, ip: '198.51.100.23' })
    // …and shows among the account's own security events in the next export.
    const again = await call('GET', '/me/export', { token: w.amina.token })
    expect(again.body.security_events.map((e: { action: string }) => e.action)).toContain(
      'account.data_exported',
    )
  })

  it('exports a parent their link to the child, not the child’s work', async () => {
    const w = await twoStudents()
    const res = await call('GET', '/me/export', { token: w.parent.token })
    expect(res.status).toBe(200)
    expect(res.body.guardian_links).toEqual([
      expect.objectContaining({ student_id: w.amina.id, as: 'parent' }),
    ])
    expect(res.body.quiz_attempts).toEqual([])
    expect(res.text).not.toContain(w.aminaMark)
  })

  it('works for someone with no school yet (empty lists), and refuses the signed-out', async () => {
    const loner = await createUser(sql)
    const res = await call('GET', '/me/export', { token: loner.token })
    expect(res.status).toBe(200)
    expect(res.body.memberships).toEqual([])
    expect(res.body.payments).toEqual([])
    expect((await call('GET', '/me/export')).status).toBe(401)
  })

  it(`allows ${MY_DATA_PER_HOUR} exports an hour per account, then answers 429 with Retry-After`, async () => {
    const busy = await createUser(sql)
    for (let i = 0; i < MY_DATA_PER_HOUR; i++) {
      expect((await call('GET', '/me/export', { token: busy.token })).status).toBe(200)
    }
    const refused = await call('GET', '/me/export', { token: busy.token })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Someone else is not held back by it.
    expect((await call('GET', '/me/export', { token: (await createUser(sql)).token })).status).toBe(200)
  })
})
