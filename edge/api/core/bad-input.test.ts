import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let owner: TestUser
let student: TestUser
let tenant: { id: string; name: string; slug: string }

beforeAll(async () => {
  owner = await createUser(sql)
  student = await createUser(sql)
  tenant = await createTenant(sql, owner, [[student, 'student']])
})

/** Everything a bad request could have written: this user's schools, this school's rows, all mail to it. */
async function snapshot() {
  const [row] = await sql`
    select
      (select count(*)::int from public.tenants where created_by = ${owner.id}) as tenants,
      (select count(*)::int from public.memberships where tenant_id = ${tenant.id}) as members,
      (select string_agg(user_id::text || role::text, ',' order by user_id) from public.memberships
        where tenant_id = ${tenant.id}) as roles,
      (select count(*)::int from public.invitations where tenant_id = ${tenant.id}) as invitations,
      (select count(*)::int from private.outbox_emails where subject like ${`%${tenant.name}%`}) as emails,
      (select count(*)::int from public.audit_log where tenant_id = ${tenant.id}) as audit,
      (select name || slug || time_zone from public.tenants where id = ${tenant.id}) as settings`
  return row
}

const long = (n: number) => 'a'.repeat(n)

interface Case {
  name: string
  method: string
  path: () => string
  body?: unknown
  raw?: string
  headers?: Record<string, string>
  status: number
  code: string
  field?: string
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: () => '/tenants',
    raw: '{"name": "x",',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'an empty body',
    method: 'POST',
    path: () => '/tenants',
    raw: '',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'a JSON array',
    method: 'POST',
    path: () => '/tenants',
    body: [1],
    status: 400,
    code: 'validation_failed',
    field: '(body)',
  },
  {
    name: 'a smuggled role',
    method: 'POST',
    path: () => '/tenants',
    body: { name: 'Sneaky School', slug: 'sneaky-school-x', role: 'owner' },
    status: 400,
    code: 'validation_failed',
    field: 'role',
  },
  {
    name: 'a smuggled tenant_id',
    method: 'POST',
    path: () => `/tenants/${tenant.id}/invitations`,
    body: { email: 'a@b.co', role: 'student', tenant_id: crypto.randomUUID() },
    status: 400,
    code: 'validation_failed',
    field: 'tenant_id',
  },
  {
    name: 'a missing field',
    method: 'POST',
    path: () => '/tenants',
    body: { name: 'No Slug School' },
    status: 400,
    code: 'validation_failed',
    field: 'slug',
  },
  {
    name: 'a wrong type',
    method: 'POST',
    path: () => '/tenants',
    body: { name: 42, slug: 'wrong-type-school' },
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'an over-long name',
    method: 'POST',
    path: () => '/tenants',
    body: { name: long(101), slug: 'long-name-school' },
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'an over-long slug',
    method: 'PATCH',
    path: () => `/tenants/${tenant.id}`,
    body: { slug: long(49) },
    status: 400,
    code: 'validation_failed',
    field: 'slug',
  },
  {
    name: 'a bad slug',
    method: 'PATCH',
    path: () => `/tenants/${tenant.id}`,
    body: { slug: '-Bad Slug-' },
    status: 400,
    code: 'validation_failed',
    field: 'slug',
  },
  {
    name: 'a bad email',
    method: 'POST',
    path: () => `/tenants/${tenant.id}/invitations`,
    body: { email: 'not-an-email', role: 'student' },
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'an over-long email',
    method: 'POST',
    path: () => `/tenants/${tenant.id}/invitations`,
    body: { email: `${long(250)}@b.co`, role: 'student' },
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'an unknown role',
    method: 'PATCH',
    path: () => `/tenants/${tenant.id}/members/${student.id}`,
    body: { role: 'god' },
    status: 400,
    code: 'validation_failed',
    field: 'role',
  },
  {
    name: 'a non-uuid tenant id',
    method: 'PATCH',
    path: () => '/tenants/not-a-uuid',
    body: { name: 'Valid Name' },
    status: 400,
    code: 'validation_failed',
    field: 'id',
  },
  {
    name: 'a non-uuid user id',
    method: 'DELETE',
    path: () => `/tenants/${tenant.id}/members/42`,
    status: 400,
    code: 'validation_failed',
    field: 'userId',
  },
  {
    name: 'a non-uuid invitation id',
    method: 'DELETE',
    path: () => `/tenants/${tenant.id}/invitations/xyz`,
    status: 400,
    code: 'validation_failed',
    field: 'invId',
  },
  {
    name: 'a short token',
    method: 'POST',
    path: () => '/invitations/accept',
    body: { token: 'short' },
    status: 400,
    code: 'validation_failed',
    field: 'token',
  },
  {
    name: 'a body over 64 KiB',
    method: 'POST',
    path: () => '/tenants',
    body: { name: long(70_000), slug: 'huge-school' },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a form body',
    method: 'POST',
    path: () => '/tenants',
    raw: 'name=x&slug=y',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
]

describe('bad input', () => {
  for (const c of cases) {
    it(`answers ${c.status} to ${c.name} and writes nothing`, async () => {
      const before = await snapshot()
      const res = await call(c.method, c.path(), {
        token: owner.token,
        body: c.body,
        raw: c.raw,
        headers: c.headers,
      })
      expect(res.status).toBe(c.status)
      expect(res.body.error.code).toBe(c.code)
      expect(typeof res.body.error.message).toBe('string')
      if (c.field) expect(res.body.error.details.issues[0].path).toBe(c.field)
      expect(await snapshot()).toEqual(before)
    })
  }

  it('answers 413 from the declared length before reading the body', async () => {
    const res = await call('POST', '/tenants', {
      token: owner.token,
      raw: '{}',
      headers: { 'content-length': String(1024 * 1024) },
    })
    expect(res.status).toBe(413)
  })

  it('asks for a token before it looks at the body', async () => {
    const res = await call('POST', '/tenants', { raw: '{oops' })
    expect(res.status).toBe(401)
  })

  it('reports an unknown field with a readable message', async () => {
    const res = await call('POST', '/tenants', {
      token: owner.token,
      body: { name: 'Fine School', slug: 'fine-school-x', owner: 'me' },
    })
    expect(res.body.error.message).toBe('owner: Unknown field.')
  })
})
