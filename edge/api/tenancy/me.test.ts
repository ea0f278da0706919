import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, ISSUER, testKeys } from '../../../test/support/fixtures.ts'
import { generateSigningKey, importSigningKey, signJwt } from '../../lib/jwt.ts'
import { setupApi } from '../core/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

describe('GET /api/me', () => {
  it('returns the user, display name from the profile, and every membership with its role', async () => {
    const owner = await createUser(sql, { name: 'Amina Test' })
    const other = await createUser(sql)
    const mine = await createTenant(sql, owner)
    const theirs = await createTenant(sql, other, [[owner, 'instructor']])
    await createTenant(sql, other) // not mine: must not show

    const res = await call('GET', '/me', { token: owner.token })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({
      id: owner.id,
      email: owner.email,
      display_name: 'Amina Test',
      platform_role: null,
    })
    expect(Date.parse(res.body.user.created_at)).not.toBeNaN()
    expect(res.body.memberships).toHaveLength(2)
    expect(res.body.memberships).toEqual(
      expect.arrayContaining([
        { tenant_id: mine.id, tenant_name: mine.name, tenant_slug: mine.slug, role: 'owner' },
        { tenant_id: theirs.id, tenant_name: theirs.name, tenant_slug: theirs.slug, role: 'instructor' },
      ]),
    )
  })

  it('reports the platform role of a super-admin', async () => {
    const admin = await createUser(sql, { platformRole: 'superadmin' })
    const res = await call('GET', '/me', { token: admin.token })
    expect(res.status).toBe(200)
    expect(res.body.user.platform_role).toBe('superadmin')
    expect(res.body.memberships).toEqual([])
  })
})

describe('authentication', () => {
  const expectInvalidToken = (res: {
    status: number
    body: { error: { code: string } }
    headers: Headers
  }) => {
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('invalid_token')
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
  }

  it('refuses a request without a token', async () => {
    expectInvalidToken(await call('GET', '/me'))
  })

  it('refuses a malformed token', async () => {
    expectInvalidToken(await call('GET', '/me', { token: 'not-a-jwt' }))
    expectInvalidToken(await call('GET', '/me', { headers: { authorization: 'Basic abc' } }))
  })

  it('refuses a token signed with another key', async () => {
    const user = await createUser(sql)
    const forged = await signJwt(user.claims, await importSigningKey((await generateSigningKey()).privateJwk))
    expectInvalidToken(await call('GET', '/me', { token: forged }))
  })

  it('refuses an expired token', async () => {
    const user = await createUser(sql)
    const now = Math.floor(Date.now() / 1000)
    const expired = await signJwt(
      { ...user.claims, iat: now - 7200, exp: now - 3600 },
      (await testKeys()).signing,
    )
    expectInvalidToken(await call('GET', '/me', { token: expired }))
  })

  it('refuses a token from another issuer and an API key', async () => {
    const user = await createUser(sql)
    const keys = await testKeys()
    const otherIssuer = await signJwt({ ...user.claims, iss: 'https://evil.example/auth/v1' }, keys.signing)
    expectInvalidToken(await call('GET', '/me', { token: otherIssuer }))
    expect(ISSUER).toBe(user.claims.iss)
    expectInvalidToken(await call('GET', '/me', { token: keys.anonKey }))
    expectInvalidToken(await call('GET', '/me', { token: keys.serviceRoleKey }))
  })

  it('refuses a still-valid token once its session was signed out', async () => {
    const user = await createUser(sql)
    expect((await call('GET', '/me', { token: user.token })).status).toBe(200)
    await sql`delete from auth.sessions where id = ${user.claims.session_id}`
    expectInvalidToken(await call('GET', '/me', { token: user.token }))
    expectInvalidToken(await call('GET', '/tenants', { token: user.token }))
  })
})
