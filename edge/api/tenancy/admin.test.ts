import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

// A marker only this file's schools carry, so other test files sharing the database don't interfere.
const marker = unique('zq').toLowerCase()
let superadmin: TestUser
let owner: TestUser
let coOwner: TestUser
const ids: string[] = []

beforeAll(async () => {
  superadmin = await createUser(sql, { platformRole: 'superadmin' })
  owner = await createUser(sql)
  coOwner = await createUser(sql)
  const student = await createUser(sql)
  for (const [i, name] of ['Alpha', 'Beta', 'Gamma'].entries()) {
    const [t] = await sql`
      insert into public.tenants (name, slug, created_by, created_at)
      values (${`${name} ${marker.toUpperCase()} School`}, ${`${marker}-${name.toLowerCase()}`}, ${owner.id},
              now() - make_interval(mins => ${10 - i}))
      returning id`
    ids.push(t.id)
  }
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${ids[0]}, ${coOwner.id}, 'owner'), (${ids[0]}, ${student.id}, 'student')`
})

describe('GET /api/admin/tenants', () => {
  it('lists matching schools newest first with member counts and owner emails', async () => {
    const res = await call('GET', `/admin/tenants?q=${marker}`, { token: superadmin.token })
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(3)
    expect(res.body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1], ids[0]])
    const alpha = res.body.tenants[2]
    expect(alpha.member_count).toBe(3)
    expect(alpha.owner_emails).toEqual([owner.email, coOwner.email].sort())
    expect(res.body.tenants[0]).toMatchObject({ member_count: 1, owner_emails: [owner.email] })
  })

  it('searches names case-insensitively and addresses by substring', async () => {
    const byName = await call(
      'GET',
      `/admin/tenants?q=${encodeURIComponent(`beta ${marker}`.toUpperCase())}`,
      {
        token: superadmin.token,
      },
    )
    expect(byName.body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[1]])
    const bySlug = await call('GET', `/admin/tenants?q=${marker}-gam`, { token: superadmin.token })
    expect(bySlug.body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[2]])
    const none = await call('GET', `/admin/tenants?q=${marker}%25`, { token: superadmin.token })
    expect(none.body).toEqual({ tenants: [], total: 0 })
  })

  it('pages with limit and offset, keeping the total', async () => {
    const page = await call('GET', `/admin/tenants?q=${marker}&limit=2&offset=1`, { token: superadmin.token })
    expect(page.body.total).toBe(3)
    expect(page.body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[1], ids[0]])
    const all = await call('GET', '/admin/tenants', { token: superadmin.token })
    expect(all.body.total).toBeGreaterThanOrEqual(4) // ours and the demo school, at least
    const bad = await call('GET', '/admin/tenants?limit=1000', { token: superadmin.token })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('limit')
  })

  it('is for platform super-admins only (403), even for school owners', async () => {
    const res = await call('GET', '/admin/tenants', { token: owner.token })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('superadmins_only')
    expect((await call('GET', '/admin/tenants')).status).toBe(401)
  })
})
