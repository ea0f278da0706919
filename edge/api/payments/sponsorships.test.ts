import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { type PaymentStack, paymentStack, untilPaymentIs } from '../../../test/support/payment-stack.ts'
import { setupApi } from '../core/testing.ts'
import {
  type CourseSchool,
  courseSchool,
  enrol,
  newCourse,
  newLesson,
  writeDraft,
} from '../courses/testing.ts'

// Sponsorships (issue 15 "Sponsors"): an admin arranges, the partner pays (card through the local
// Stripe simulator and our stripe-webhook; M-Pesa through the Daraja simulator and mpesa-callback),
// the students are enrolled, the partner follows them in numbers only; a full refund undoes it.

let stack: PaymentStack
let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let partner: TestUser
/** Four more students: with the school's student and classmate, six. */
let more: TestUser[]

beforeAll(async () => {
  stack = await paymentStack()
  api = await setupApi(stack.env)
  s = await courseSchool(api.sql)
  partner = await createUser(api.sql, { name: 'Partner' })
  more = await Promise.all([1, 2, 3, 4].map((n) => createUser(api.sql, { name: `Learner ${n}` })))
  await api.sql`insert into public.memberships (tenant_id, user_id, role)
    select ${s.tenant.id}::uuid, u, 'student' from unnest(${more.map((u) => u.id)}::uuid[]) u`
  await api.sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${partner.id}, 'partner')`
})
afterAll(async () => {
  await api?.close()
  await stack?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const until = (paymentId: string, who: TestUser, status: string) =>
  untilPaymentIs(call, paymentId, who.token, status)
const six = () => [s.student, s.classmate, ...more]

async function pricedCourse(currency: string, amountMinor: number, title: string) {
  const id = await newCourse(call, s.teacher, s.tenant.id, { title })
  const res = await call('PUT', `/courses/${id}/price`, {
    token: s.teacher.token,
    body: { currency, amount_minor: amountMinor },
  })
  expect(res.status).toBe(200)
  return id
}

const arrange = (courseId: string, students: TestUser[], who: TestUser = s.admin, extra: object = {}) =>
  call('POST', `/tenants/${s.tenant.id}/sponsorships`, {
    token: who.token,
    body: {
      sponsor_id: partner.id,
      organisation: 'Mwangaza Foundation',
      course_id: courseId,
      student_ids: students.map((u) => u.id),
      ...extra,
    },
  })

async function enrolledOf(courseId: string, who: TestUser[]) {
  const rows = await api.sql`select user_id from public.enrolments
    where course_id = ${courseId} and user_id in ${api.sql(who.map((u) => u.id))}`
  return rows.length
}

/** The partner pays by card on the test checkout; answers the payment id. */
async function payByCard(sponsorshipId: string) {
  const res = await call('POST', `/sponsorships/${sponsorshipId}/checkout`, {
    token: partner.token,
    body: { method: 'card' },
  })
  expect(res.status).toBe(201)
  const session = stack.stripe.sessions.find((x) => x.metadata?.payment_id === res.body.payment.id)
  await stack.stripe.pay(session?.id as string)
  await until(res.body.payment.id, partner, 'succeeded')
  return res.body.payment.id as string
}

/** A course by the teacher with `n` published lessons; answers their ids. */
async function publishedLessons(courseId: string, n: number) {
  const ids: string[] = []
  for (let i = 1; i <= n; i++) {
    const lesson = await newLesson(call, s.teacher, courseId, { title: `Lesson ${i}` })
    await writeDraft(api.sql, s.teacher, lesson, tiptapDoc(p(`Part ${i}.`)))
    const res = await call('POST', `/lessons/${lesson}/publish`, { token: s.teacher.token })
    expect(res.status).toBe(201)
    ids.push(lesson)
  }
  return ids
}

const mark = (lesson: string, who: TestUser, done?: boolean) =>
  call('PUT', `/lessons/${lesson}/progress`, { token: who.token, body: done === undefined ? {} : { done } })

describe('a sponsorship paid by card', () => {
  it('admin arranges → the partner pays → active, students enrolled, the instructor gets 60% pending', async () => {
    const courseId = await pricedCourse('USD', 1000, 'Coding Club')
    const created = await arrange(courseId, [...six(), s.student])
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      organisation: 'Mwangaza Foundation',
      sponsor_id: partner.id,
      sponsor_name: 'Partner',
      course_id: courseId,
      course_title: 'Coding Club',
      seats: 6,
      status: 'pending',
      currency: 'USD',
      amount_minor: 6000,
      payment_id: null,
      payment_status: null,
    })
    expect(created.body.students).toHaveLength(6)
    const id = created.body.id as string

    // The partner sees the sponsorship, never who it is for.
    const listed = await call('GET', `/tenants/${s.tenant.id}/sponsorships`, { token: partner.token })
    expect(listed.body.map((x: { id: string }) => x.id)).toEqual([id])
    const seen = await call('GET', `/sponsorships/${id}`, { token: partner.token })
    expect(seen.body).toMatchObject({ id, students: null, methods: ['card'] })
    const members = await call('GET', `/tenants/${s.tenant.id}/members`, { token: partner.token })
    expect(members.body.map((m: { role: string }) => m.role).sort()).toEqual(
      ['admin', 'instructor', 'instructor', 'owner', 'partner', 'staff'].sort(),
    )
    const classmates = await call('GET', `/tenants/${s.tenant.id}/sponsorships`, { token: s.student.token })
    expect(classmates.body).toEqual([])

    const res = await call('POST', `/sponsorships/${id}/checkout`, {
      token: partner.token,
      body: { method: 'card' },
    })
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({
      provider: 'stripe',
      status: 'pending',
      amount_minor: 6000,
      currency: 'USD',
      course_id: courseId,
      beneficiary_id: null,
      beneficiary_name: 'Mwangaza Foundation',
    })
    const session = stack.stripe.sessions.at(-1)
    expect(session).toMatchObject({ amount_total: 6000, currency: 'usd', mode: 'payment' })
    expect(session?.success_url).toContain(
      `/t/${s.tenant.slug}/sponsorships/${id}?payment=${res.body.payment.id}`,
    )
    expect(session?.cancel_url).toContain('&cancelled=1')
    expect(await enrolledOf(courseId, six())).toBe(0)

    await stack.stripe.pay(session?.id as string)
    await until(res.body.payment.id, partner, 'succeeded')
    const active = await call('GET', `/sponsorships/${id}`, { token: s.admin.token })
    expect(active.body).toMatchObject({
      status: 'active',
      payment_id: res.body.payment.id,
      payment_status: 'succeeded',
    })
    expect(active.body.students.every((x: { enrolled: boolean }) => x.enrolled)).toBe(true)
    expect(await enrolledOf(courseId, six())).toBe(6)
    const wallet = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.teacher.token })
    expect(wallet.body.balances).toContainEqual({ currency: 'USD', pending_minor: 3600, available_minor: 0 })
    const mine = await call('GET', `/tenants/${s.tenant.id}/payments`, { token: partner.token })
    expect(mine.body.map((x: { id: string }) => x.id)).toContain(res.body.payment.id)

    const again = await call('POST', `/sponsorships/${id}/checkout`, {
      token: partner.token,
      body: { method: 'card' },
    })
    expect([again.status, again.body.error.code]).toEqual([409, 'sponsorship_paid'])
  })

  it('progress: numbers for the partner from five students up, withheld below; admins always', async () => {
    const courseId = await pricedCourse('USD', 500, 'Reading Circle')
    const lessons = await publishedLessons(courseId, 4)
    const big = (await arrange(courseId, six())).body.id as string
    const small = (await arrange(courseId, [])).body // refused: nobody chosen
    expect(small.error.code).toBe('validation_failed')
    await payByCard(big)

    const [student, classmate, l1, l2] = six() as [TestUser, TestUser, TestUser, TestUser]
    for (const lesson of lessons) expect((await mark(lesson, student, true)).status).toBe(200)
    for (const lesson of lessons.slice(0, 2)) await mark(lesson, classmate, true)
    await mark(lessons[0] as string, l1, true)
    await mark(lessons[1] as string, l2)

    const figures = {
      seats: 6,
      enrolled: 6,
      lessons_total: 4,
      suppressed: false,
      min_group: 5,
      started: 4,
      average_completed: 1.2,
      completed: 1,
      distribution: { none: 3, some: 1, most: 1, all: 1 },
    }
    const seen = await call('GET', `/sponsorships/${big}/progress`, { token: partner.token })
    expect([seen.status, seen.body]).toEqual([200, figures])
    expect((await call('GET', `/sponsorships/${big}/progress`, { token: s.admin.token })).body).toEqual(
      figures,
    )
    expect(JSON.stringify(seen.body)).not.toContain(student.id)

    for (const who of [s.teacher, s.student, s.staff, s.stranger]) {
      const refused = await call('GET', `/sponsorships/${big}/progress`, { token: who.token })
      expect([refused.status, refused.body.error.code]).toEqual([404, 'sponsorship_not_found'])
    }

    // Two students: the partner is told how many, not how they do.
    const other = await pricedCourse('USD', 500, 'Chess')
    const pair = (await arrange(other, [student, classmate])).body.id as string
    await payByCard(pair)
    const withheld = await call('GET', `/sponsorships/${pair}/progress`, { token: partner.token })
    expect(withheld.body).toEqual({
      seats: 2,
      enrolled: 2,
      lessons_total: 0,
      suppressed: true,
      min_group: 5,
      started: null,
      average_completed: null,
      completed: null,
      distribution: null,
    })
    const admin = await call('GET', `/sponsorships/${pair}/progress`, { token: s.owner.token })
    expect(admin.body).toMatchObject({ suppressed: false, started: 0, distribution: { none: 2 } })
  })

  it('a full refund cancels it and removes only the enrolments it created', async () => {
    const courseId = await pricedCourse('EUR', 2500, 'Robotics')
    const id = (await arrange(courseId, [s.student, s.classmate])).body.id as string
    // The classmate joins the course another way before the sponsor pays.
    await enrol(api.sql, courseId, s.classmate)
    const paymentId = await payByCard(id)
    expect(await enrolledOf(courseId, [s.student, s.classmate])).toBe(2)

    const notAdmin = await call('POST', `/payments/${paymentId}/refunds`, {
      token: partner.token,
      body: { reason: 'Changed our mind' },
    })
    expect(notAdmin.status).toBe(403)
    const refunded = await call('POST', `/payments/${paymentId}/refunds`, {
      token: s.admin.token,
      body: { reason: 'The foundation withdrew' },
    })
    expect([refunded.status, refunded.body.outcome, refunded.body.payment.status]).toEqual([
      200,
      'refunded',
      'refunded',
    ])
    const after = await call('GET', `/sponsorships/${id}`, { token: partner.token })
    expect(after.body.status).toBe('cancelled')
    expect(await enrolledOf(courseId, [s.student])).toBe(0)
    expect(await enrolledOf(courseId, [s.classmate])).toBe(1)
    const pay = await call('POST', `/sponsorships/${id}/checkout`, {
      token: partner.token,
      body: { method: 'card' },
    })
    expect([pay.status, pay.body.error.code]).toEqual([409, 'sponsorship_cancelled'])
  })
})

describe('a sponsorship paid with M-Pesa', () => {
  it('the phone pays the price × seats in shillings; the sponsorship is active', async () => {
    const courseId = await pricedCourse('KES', 50_000, 'Kiswahili Fasaha')
    const id = (await arrange(courseId, [s.student, s.classmate, more[0] as TestUser])).body.id as string
    const detail = await call('GET', `/sponsorships/${id}`, { token: partner.token })
    expect(detail.body.methods).toEqual(['mpesa', 'card'])
    const res = await call('POST', `/sponsorships/${id}/checkout`, {
      token: partner.token,
      body: { method: 'mpesa', phone: '0712345678' },
    })
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({ provider: 'mpesa', amount_minor: 150_000, status: 'pending' })
    const push = stack.sim.pushes.at(-1)
    expect(push).toMatchObject({ amount: 1500, phone: '254712345678' })
    await stack.sim.settle(push?.checkoutRequestId as string, 'success')
    await until(res.body.payment.id, partner, 'succeeded')
    expect((await call('GET', `/sponsorships/${id}`, { token: partner.token })).body.status).toBe('active')
  })
})

describe('who may do what', () => {
  it('only admins arrange; only the sponsor pays; others are not told it exists', async () => {
    const courseId = await pricedCourse('USD', 1500, 'Art')
    for (const who of [s.student, s.teacher, s.staff, partner]) {
      const res = await arrange(courseId, [s.student], who)
      expect([res.status, res.body.error.code]).toEqual([403, 'admins_only'])
    }
    const id = (await arrange(courseId, [s.student], s.owner)).body.id as string
    const admin = await call('POST', `/sponsorships/${id}/checkout`, {
      token: s.admin.token,
      body: { method: 'card' },
    })
    expect([admin.status, admin.body.error.code]).toEqual([403, 'sponsors_only'])
    for (const who of [s.student, s.teacher, s.stranger]) {
      const res = await call('POST', `/sponsorships/${id}/checkout`, {
        token: who.token,
        body: { method: 'card' },
      })
      expect([res.status, res.body.error.code]).toEqual([404, 'sponsorship_not_found'])
      const get = await call('GET', `/sponsorships/${id}`, { token: who.token })
      expect(get.status).toBe(404)
    }
    const usd = await call('POST', `/sponsorships/${id}/checkout`, {
      token: partner.token,
      body: { method: 'mpesa', phone: '0712345678' },
    })
    expect([usd.status, usd.body.error.code]).toEqual([422, 'payments_unavailable'])
  })

  it('refuses bad input with field paths, and broken rules with their codes; nothing is written', async () => {
    const courseId = await pricedCourse('USD', 1500, 'Music')
    const before =
      await api.sql`select count(*)::int as n from public.sponsorships where tenant_id = ${s.tenant.id}`
    const bad = await call('POST', `/tenants/${s.tenant.id}/sponsorships`, {
      token: s.admin.token,
      body: { sponsor_id: 'nobody', organisation: ' ', course_id: courseId, student_ids: [], extra: 1 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'extra',
      'organisation',
      'sponsor_id',
      'student_ids',
    ])
    const checkout = await call('POST', `/sponsorships/${courseId}/checkout`, {
      token: partner.token,
      body: { method: 'mpesa', phone: '12' },
    })
    expect([checkout.status, checkout.body.error.details.issues[0].path]).toEqual([400, 'phone'])

    const notPartner = await call('POST', `/tenants/${s.tenant.id}/sponsorships`, {
      token: s.admin.token,
      body: {
        sponsor_id: s.parent.id,
        organisation: 'Org',
        course_id: courseId,
        student_ids: [s.student.id],
      },
    })
    expect([notPartner.status, notPartner.body.error.code]).toEqual([422, 'sponsor_not_partner'])
    const teacher = await arrange(courseId, [s.student, s.teacher])
    expect([teacher.status, teacher.body.error.code, teacher.body.error.details]).toEqual([
      422,
      'sponsored_not_students',
      { count: 1 },
    ])
    const free = await newCourse(call, s.teacher, s.tenant.id, { title: 'Free' })
    const unpriced = await arrange(free, [s.student])
    expect([unpriced.status, unpriced.body.error.code]).toEqual([409, 'course_free'])
    const elsewhere = await newCourse(call, s.stranger, (await tenantOf(s.stranger)) as string, {
      title: 'X',
    })
    const foreign = await arrange(elsewhere, [s.student])
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'course_not_found'])
    const after =
      await api.sql`select count(*)::int as n from public.sponsorships where tenant_id = ${s.tenant.id}`
    expect(after[0]?.n).toBe(before[0]?.n)
  })
})

async function tenantOf(who: TestUser) {
  const [row] = await api.sql`select tenant_id from public.memberships where user_id = ${who.id} limit 1`
  return row?.tenant_id as string | undefined
}
