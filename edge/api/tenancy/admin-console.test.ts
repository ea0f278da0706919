import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

// A marker only this file's schools carry, so other test files sharing the database don't interfere.
const marker = unique('zc').toLowerCase()
let superadmin: TestUser
let owner: TestUser
let admin: TestUser
let student: TestUser
let school: { id: string; slug: string }

beforeAll(async () => {
  superadmin = await createUser(sql, { platformRole: 'superadmin' })
  ;[owner, admin, student] = await Promise.all([createUser(sql), createUser(sql), createUser(sql)])
  const [t] = await sql`insert into public.tenants (name, slug, created_by)
    values (${`Console ${marker} School`}, ${`${marker}-a`}, ${owner.id}) returning id, slug`
  school = t as { id: string; slug: string }
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${school.id}, ${admin.id}, 'admin'), (${school.id}, ${student.id}, 'student')`
})

const as = (user: TestUser) => ({ token: user.token })

describe('GET /api/admin/schools', () => {
  it('lists schools with status, plan, members by role and usage', async () => {
    const res = await call('GET', `/admin/schools?q=${marker}`, as(superadmin))
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(1)
    expect(res.body.schools[0]).toMatchObject({
      id: school.id,
      status: 'active',
      suspended_at: null,
      plan: 'free',
      plan_status: 'active',
      stripe_subscribed: false,
      members_by_role: { owner: 1, admin: 1, student: 1 },
      member_count: 3,
      owner_emails: [owner.email],
      usage: { ai_requests: 0, ai_tokens: 0, video_minutes: 0, storage_bytes: 0 },
    })
  })

  it('refuses owners and admins of a school (403) and bad filters (400)', async () => {
    for (const who of [owner, admin]) {
      const res = await call('GET', '/admin/schools', as(who))
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('superadmins_only')
    }
    const bad = await call('GET', '/admin/schools?status=closed&limit=0', as(superadmin))
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('status')
    expect((await call('GET', '/admin/schools')).status).toBe(401)
  })
})

describe('PUT /api/admin/schools/:id/status', () => {
  it('suspends with a reason: members see the notice data, not the school; reactivation gives it back', async () => {
    const suspended = await call('PUT', `/admin/schools/${school.id}/status`, {
      ...as(superadmin),
      body: { status: 'suspended', reason: 'Unpaid since March' },
    })
    expect(suspended.status).toBe(200)
    expect(suspended.body).toMatchObject({
      id: school.id,
      status: 'suspended',
      suspension_reason: 'Unpaid since March',
    })
    try {
      expect((await call('GET', `/tenants/${school.id}`, as(student))).status).toBe(404)
      const seen = await call('GET', `/schools/${school.slug}/status`, as(student))
      expect(seen.status).toBe(200)
      expect(seen.body).toMatchObject({ id: school.id, status: 'suspended', suspension_reason: null })
      expect(typeof seen.body.suspended_at).toBe('string')
      const byAdmin = await call('GET', `/schools/${school.slug}/status`, as(admin))
      expect(byAdmin.body.suspension_reason).toBe('Unpaid since March')
      // Members cannot lift it themselves.
      const self = await call('PUT', `/admin/schools/${school.id}/status`, {
        ...as(owner),
        body: { status: 'active', reason: 'We paid' },
      })
      expect(self.status).toBe(403)
      const again = await call('PUT', `/admin/schools/${school.id}/status`, {
        ...as(superadmin),
        body: { status: 'suspended', reason: 'Twice' },
      })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('school_status_unchanged')
    } finally {
      const back = await call('PUT', `/admin/schools/${school.id}/status`, {
        ...as(superadmin),
        body: { status: 'active', reason: 'Paid in full' },
      })
      expect(back.body).toMatchObject({ status: 'active', suspended_at: null, suspension_reason: null })
    }
    expect((await call('GET', `/tenants/${school.id}`, as(student))).status).toBe(200)
  })

  it('needs a reason (400 with the field), a known school (404), a UUID (400)', async () => {
    const noReason = await call('PUT', `/admin/schools/${school.id}/status`, {
      ...as(superadmin),
      body: { status: 'suspended', reason: ' ' },
    })
    expect(noReason.status).toBe(400)
    expect(JSON.stringify(noReason.body)).toContain('reason')
    const missing = await call('PUT', `/admin/schools/${crypto.randomUUID()}/status`, {
      ...as(superadmin),
      body: { status: 'suspended', reason: 'Testing' },
    })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('school_not_found')
    expect(
      (
        await call('PUT', '/admin/schools/nope/status', {
          ...as(superadmin),
          body: { status: 'active', reason: 'x' },
        })
      ).status,
    ).toBe(400)
  })

  it('GET /api/schools/:slug/status is 404 for someone outside the school', async () => {
    const outsider = await createUser(sql)
    expect((await call('GET', `/schools/${school.slug}/status`, as(outsider))).status).toBe(404)
  })
})

describe('PUT /api/admin/schools/:id/plan', () => {
  it('changes the plan with a reason, audited; refuses members and unknown plans', async () => {
    const other = await createTenant(sql, await createUser(sql))
    const res = await call('PUT', `/admin/schools/${other.id}/plan`, {
      ...as(superadmin),
      body: { plan: 'standard', reason: 'County pilot' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: other.id, plan: 'standard', plan_status: 'active' })
    const [entry] = await sql`select details from public.audit_log
      where tenant_id = ${other.id} and action = 'plan.changed' and actor_id = ${superadmin.id}`
    expect(entry.details).toMatchObject({
      before: { plan: 'free' },
      after: { plan: 'standard' },
      reason: 'County pilot',
    })
    expect(
      (
        await call('PUT', `/admin/schools/${other.id}/plan`, {
          ...as(admin),
          body: { plan: 'premium', reason: 'Please' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call('PUT', `/admin/schools/${other.id}/plan`, {
          ...as(superadmin),
          body: { plan: 'gold', reason: 'Shiny' },
        })
      ).status,
    ).toBe(400)
  })
})

describe('POST /api/admin/schools', () => {
  it('creates the school and an emailed owner invitation the owner accepts', async () => {
    const slug = `${marker}-new`
    const future = await createUser(sql, { email: `${marker}-owner@test.kipindi.test` })
    const res = await call('POST', '/admin/schools', {
      ...as(superadmin),
      body: { name: 'Mwangaza Academy', slug, owner_email: future.email.toUpperCase() },
    })
    expect(res.status).toBe(201)
    expect(res.body.school).toMatchObject({ name: 'Mwangaza Academy', slug, role: null })
    expect(res.body.invitation).toMatchObject({ email: future.email, role: 'owner', status: 'pending' })
    const [mail] =
      await sql`select subject from private.outbox_emails where lower(to_email) = ${future.email}`
    expect(mail.subject).toContain('Mwangaza Academy')
    const token = String(res.body.invitation.invite_url).split('/invite/')[1]
    const accepted = await call('POST', '/invitations/accept', { ...as(future), body: { token } })
    expect(accepted.status).toBe(200)
    const [m] =
      await sql`select role from public.memberships where tenant_id = ${res.body.school.id} and user_id = ${future.id}`
    expect(m.role).toBe('owner')

    const taken = await call('POST', '/admin/schools', {
      ...as(superadmin),
      body: { name: 'Again', slug, owner_email: 'x@test.kipindi.test' },
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error.code).toBe('slug_taken')
    const [{ n }] =
      await sql`select count(*)::int as n from public.tenants where name = 'Again' and slug = ${slug}`
    expect(n).toBe(0)
  })

  it('refuses a school owner (403) and bad input (400, nothing created)', async () => {
    const slug = `${marker}-own`
    const res = await call('POST', '/admin/schools', {
      ...as(owner),
      body: { name: 'Mine', slug, owner_email: owner.email },
    })
    expect(res.status).toBe(403)
    const bad = await call('POST', '/admin/schools', {
      ...as(superadmin),
      body: { name: 'X', slug: 'Bad Slug!', owner_email: 'not-an-email', extra: 1 },
    })
    expect(bad.status).toBe(400)
    const [{ n }] = await sql`select count(*)::int as n from public.tenants where slug = ${slug}`
    expect(n).toBe(0)
  })
})
