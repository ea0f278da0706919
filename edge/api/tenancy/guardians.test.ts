import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { type PaymentStack, paymentStack, untilPaymentIs } from '../../../test/support/payment-stack.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, newCourse } from '../courses/testing.ts'

// Parent–child links through the API, and a linked parent buying a child's course with M-Pesa
// (the local Daraja simulator calling our mpesa-callback function).

let stack: PaymentStack
let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let otherParent: TestUser

beforeAll(async () => {
  stack = await paymentStack()
  api = await setupApi(stack.env)
  s = await courseSchool(api.sql)
  otherParent = await createUser(api.sql, { name: 'Other parent' })
  await api.sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${otherParent.id}, 'parent')`
})
afterAll(async () => {
  await api?.close()
  await stack?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const until = (paymentId: string, who: TestUser, status: string) =>
  untilPaymentIs(call, paymentId, who.token, status)
const links = () => `/tenants/${s.tenant.id}/guardian-links`

describe('parent–child links', () => {
  it('an admin links a parent to a child; the parent lists the child; the admin lists and removes the link', async () => {
    const made = await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: s.parent.id, student_id: s.classmate.id },
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      parent_id: s.parent.id,
      student_id: s.classmate.id,
      student_name: 'Classmate',
    })
    const again = await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: s.parent.id, student_id: s.classmate.id },
    })
    expect(again.status).toBe(201)

    const kids = await call('GET', `/tenants/${s.tenant.id}/children`, { token: s.parent.token })
    expect(kids.body).toEqual([
      { user_id: s.classmate.id, display_name: 'Classmate', course_ids: [], courses: [] },
    ])
    const none = await call('GET', `/tenants/${s.tenant.id}/children`, { token: otherParent.token })
    expect([none.status, none.body]).toEqual([200, []])

    const byParent = await call('GET', `${links()}?parent_id=${s.parent.id}`, { token: s.owner.token })
    expect(byParent.body.map((l: { student_id: string }) => l.student_id)).toEqual([s.classmate.id])
    const byOther = await call('GET', `${links()}?student_id=${s.student.id}`, { token: s.owner.token })
    expect(byOther.body).toEqual([])

    const gone = await call('DELETE', `${links()}/${s.parent.id}/${s.classmate.id}`, { token: s.admin.token })
    expect(gone.status).toBe(204)
    const twice = await call('DELETE', `${links()}/${s.parent.id}/${s.classmate.id}`, {
      token: s.admin.token,
    })
    expect([twice.status, twice.body.error.code]).toEqual([404, 'guardian_link_not_found'])
    const [audit] = await api.sql`select count(*)::int as n from public.audit_log
      where tenant_id = ${s.tenant.id} and action in ('guardian.linked', 'guardian.unlinked') and target_id = ${s.classmate.id}`
    expect(audit?.n).toBe(2)
  })

  it('refuses non-admins, wrong roles, strangers and bad input', async () => {
    const body = { parent_id: s.parent.id, student_id: s.student.id }
    for (const who of [s.teacher, s.parent, s.student]) {
      const res = await call('POST', links(), { token: who.token, body })
      expect([res.status, res.body.error.code]).toEqual([403, 'admins_only'])
      const list = await call('GET', links(), { token: who.token })
      expect(list.status).toBe(403)
    }
    const stranger = await call('POST', links(), { token: s.stranger.token, body })
    expect(stranger.status).toBe(404)

    const notParent = await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: s.teacher.id, student_id: s.student.id },
    })
    expect([notParent.status, notParent.body.error.code]).toEqual([422, 'link_parent_only'])
    const notStudent = await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: s.parent.id, student_id: s.stranger.id },
    })
    expect([notStudent.status, notStudent.body.error.code]).toEqual([422, 'link_student_only'])

    const bad = await call('POST', links(), { token: s.admin.token, body: { parent_id: 'x' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'parent_id',
      'student_id',
    ])
    const badPath = await call('DELETE', `${links()}/nope/${s.student.id}`, { token: s.admin.token })
    expect([badPath.status, badPath.body.error.details.issues[0].path]).toEqual([400, 'parentId'])
  })

  it('a changed role ends the link', async () => {
    const kid = await createUser(api.sql, { name: 'Kid' })
    await api.sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${kid.id}, 'student')`
    await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: otherParent.id, student_id: kid.id },
    })
    const role = await call('PATCH', `/tenants/${s.tenant.id}/members/${kid.id}`, {
      token: s.admin.token,
      body: { role: 'staff' },
    })
    expect(role.status).toBe(200)
    const kids = await call('GET', `/tenants/${s.tenant.id}/children`, { token: otherParent.token })
    expect(kids.body).toEqual([])
  })
})

describe('a parent buys a course for a linked child', () => {
  it('with M-Pesa: the child is enrolled, the parent sees the payment; an unlinked parent is refused', async () => {
    const courseId = await newCourse(call, s.teacher, s.tenant.id, { title: 'Kiswahili' })
    const price = await call('PUT', `/courses/${courseId}/price`, {
      token: s.teacher.token,
      body: { currency: 'KES', amount_minor: 80_000 },
    })
    expect(price.status).toBe(200)
    await call('POST', links(), {
      token: s.admin.token,
      body: { parent_id: s.parent.id, student_id: s.student.id },
    })

    const refused = await call('POST', `/courses/${courseId}/checkout`, {
      token: otherParent.token,
      body: { method: 'mpesa', phone: '0712345678', for_student: s.student.id },
    })
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      'You can pay only for yourself or for a child linked to you.',
    ])

    const res = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.parent.token,
      body: { method: 'mpesa', phone: '0712345678', for_student: s.student.id },
    })
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({ beneficiary_id: s.student.id, beneficiary_name: 'Student' })
    const push = stack.daraja.push()
    await stack.daraja.settle(push.checkoutRequestId, 'success')
    await until(res.body.payment.id, s.parent, 'succeeded')

    const kids = await call('GET', `/tenants/${s.tenant.id}/children`, { token: s.parent.token })
    const kid = kids.body.find((k: { user_id: string }) => k.user_id === s.student.id)
    expect(kid?.course_ids).toContain(courseId)
    // The home's links to the child's grades name the course (no course list needed).
    expect(kid?.courses).toContainEqual({ id: courseId, title: 'Kiswahili' })
    const mine = await call('GET', `/tenants/${s.tenant.id}/payments?scope=mine`, { token: s.parent.token })
    expect(mine.body.map((p: { id: string }) => p.id)).toContain(res.body.payment.id)
    const child = await call('GET', `/payments/${res.body.payment.id}`, { token: s.student.token })
    expect(child.body.status).toBe('succeeded')

    const twice = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.parent.token,
      body: { method: 'mpesa', phone: '0712345678', for_student: s.student.id },
    })
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_exists'])
  })
})
