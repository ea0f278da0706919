import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, testKeys, unique } from '../../../test/support/fixtures.ts'
import { signJwt } from '../../lib/jwt.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const newSlug = () => unique('sch-').toLowerCase().slice(0, 40)

describe('POST /api/tenants', () => {
  it('creates a school and makes the caller its owner', async () => {
    const user = await createUser(sql)
    const slug = newSlug()
    const res = await call('POST', '/tenants', {
      token: user.token,
      body: { name: '  Mwangaza Academy ', slug },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Mwangaza Academy',
      slug,
      time_zone: 'Africa/Nairobi',
      role: 'owner',
    })
    const [m] =
      await sql`select role from public.memberships where tenant_id = ${res.body.id} and user_id = ${user.id}`
    expect(m.role).toBe('owner')
    const [a] =
      await sql`select action from public.audit_log where tenant_id = ${res.body.id} and action = 'tenant.created'`
    expect(a).toBeDefined()
  })

  it('refuses a taken address with 409 and a readable message, writing nothing', async () => {
    const user = await createUser(sql)
    const slug = newSlug()
    expect(
      (await call('POST', '/tenants', { token: user.token, body: { name: 'First', slug } })).status,
    ).toBe(201)
    const res = await call('POST', '/tenants', { token: user.token, body: { name: 'Second', slug } })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/That address is taken/)
    expect(res.body.error.details).toEqual({ field: 'slug' })
    const [{ n }] = await sql`select count(*)::int as n from public.tenants where created_by = ${user.id}`
    expect(n).toBe(1)
  })
})

describe('GET /api/tenants and /api/tenants/:id', () => {
  it('lists only my schools, with my role in each', async () => {
    const me = await createUser(sql)
    const other = await createUser(sql)
    const a = await createTenant(sql, me)
    const b = await createTenant(sql, other, [[me, 'student']])
    await createTenant(sql, other)
    const res = await call('GET', '/tenants', { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body.map((t: { id: string; role: string }) => [t.id, t.role]).sort()).toEqual(
      [
        [a.id, 'owner'],
        [b.id, 'student'],
      ].sort(),
    )
  })

  it('shows a school to its members and hides it (404) from everyone else', async () => {
    const owner = await createUser(sql)
    const student = await createUser(sql)
    const stranger = await createUser(sql)
    const t = await createTenant(sql, owner, [[student, 'student']])
    const seen = await call('GET', `/tenants/${t.id}`, { token: student.token })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ id: t.id, name: t.name, slug: t.slug, role: 'student' })
    const hidden = await call('GET', `/tenants/${t.id}`, { token: stranger.token })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('school_not_found')
    const missing = await call('GET', `/tenants/${crypto.randomUUID()}`, { token: owner.token })
    expect(missing.status).toBe(404)
  })

  it('shows any school to a platform super-admin, with no role', async () => {
    const owner = await createUser(sql)
    const admin = await createUser(sql, { platformRole: 'superadmin' })
    const t = await createTenant(sql, owner)
    const res = await call('GET', `/tenants/${t.id}`, { token: admin.token })
    expect(res.status).toBe(200)
    expect(res.body.role).toBeNull()
  })
})

describe('PATCH /api/tenants/:id', () => {
  it('lets an admin rename, re-address and change the time zone, and audits it', async () => {
    const owner = await createUser(sql)
    const admin = await createUser(sql)
    const t = await createTenant(sql, owner, [[admin, 'admin']])
    const slug = newSlug()
    const res = await call('PATCH', `/tenants/${t.id}`, {
      token: admin.token,
      body: { name: 'Renamed School', slug, time_zone: 'Europe/Berlin' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: t.id,
      name: 'Renamed School',
      slug,
      time_zone: 'Europe/Berlin',
      role: 'admin',
    })
    const [row] = await sql`select name, slug, time_zone from public.tenants where id = ${t.id}`
    expect(row).toEqual({ name: 'Renamed School', slug, time_zone: 'Europe/Berlin' })
    const [audit] = await sql`
      select actor_id, details from public.audit_log where tenant_id = ${t.id} and action = 'tenant.updated'`
    expect(audit.actor_id).toBe(admin.id)
    expect(audit.details.name).toEqual({ from: t.name, to: 'Renamed School' })
    expect(audit.details.time_zone).toEqual({ from: 'Africa/Nairobi', to: 'Europe/Berlin' })
  })

  it('changes only the fields sent', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const res = await call('PATCH', `/tenants/${t.id}`, { token: owner.token, body: { time_zone: 'UTC' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: t.name, slug: t.slug, time_zone: 'UTC' })
  })

  it('requires two-step sign-in for admins only from an owner signed in with it (aal2)', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const at1 = await call('PATCH', `/tenants/${t.id}`, {
      token: owner.token,
      body: { require_mfa_for_admins: true },
    })
    expect(at1.status).toBe(409)
    expect(at1.body.error.code).toBe('mfa_required')
    const aal2 = await signJwt({ ...owner.claims, aal: 'aal2' }, (await testKeys()).signing)
    const on = await call('PATCH', `/tenants/${t.id}`, {
      token: aal2,
      body: { require_mfa_for_admins: true },
    })
    expect(on.status).toBe(200)
    expect(on.body).toMatchObject({ require_mfa_for_admins: true })
    // Now a rename at aal1 is refused too; at aal2 it goes through.
    const rename1 = await call('PATCH', `/tenants/${t.id}`, { token: owner.token, body: { name: 'Renamed' } })
    expect(rename1.status).toBe(409)
    const rename2 = await call('PATCH', `/tenants/${t.id}`, { token: aal2, body: { name: 'Renamed' } })
    expect(rename2.status).toBe(200)
  })

  it('answers 403 to a member who is not an admin and 404 to a non-member, changing nothing', async () => {
    const owner = await createUser(sql)
    const instructor = await createUser(sql)
    const stranger = await createUser(sql)
    const t = await createTenant(sql, owner, [[instructor, 'instructor']])
    const asInstructor = await call('PATCH', `/tenants/${t.id}`, {
      token: instructor.token,
      body: { name: 'Hijacked' },
    })
    expect(asInstructor.status).toBe(403)
    expect(asInstructor.body.error.code).toBe('admins_only')
    const asStranger = await call('PATCH', `/tenants/${t.id}`, {
      token: stranger.token,
      body: { name: 'Hijacked' },
    })
    expect(asStranger.status).toBe(404)
    const [row] = await sql`select name from public.tenants where id = ${t.id}`
    expect(row.name).toBe(t.name)
  })

  it('refuses an unknown time zone and a taken address', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const other = await createTenant(sql, owner)
    const tz = await call('PATCH', `/tenants/${t.id}`, {
      token: owner.token,
      body: { time_zone: 'Mars/Olympus' },
    })
    expect(tz.status).toBe(400)
    expect(tz.body.error.details.issues[0].path).toBe('time_zone')
    const taken = await call('PATCH', `/tenants/${t.id}`, { token: owner.token, body: { slug: other.slug } })
    expect(taken.status).toBe(409)
    expect(taken.body.error.message).toMatch(/That address is taken/)
    const empty = await call('PATCH', `/tenants/${t.id}`, { token: owner.token, body: {} })
    expect(empty.status).toBe(400)
    const [row] = await sql`select slug, time_zone from public.tenants where id = ${t.id}`
    expect(row).toEqual({ slug: t.slug, time_zone: 'Africa/Nairobi' })
  })
})
