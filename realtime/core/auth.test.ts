import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKey, importSigningKey, signJwt } from '../../edge/lib/jwt.ts'
import { createUser, testDb, testKeys } from '../../test/support/fixtures.ts'
import { connect, startTestServer, type TestServer } from '../testing.ts'
import { CloseCode } from './close-codes.ts'

describe('realtime auth at upgrade', () => {
  let t: TestServer
  const sql = testDb(2)
  beforeAll(async () => {
    t = await startTestServer({ heartbeatMs: 200 })
  })
  afterAll(async () => {
    await t.close()
    await sql.end()
  })

  it('answers a ping with a pong for a valid token', async () => {
    const user = await createUser(sql)
    const client = connect(t.url(undefined, user.token))
    const before = Date.now()
    const pong = await client.ping('hello')
    expect(pong).toMatchObject({ type: 'pong', id: 'hello' })
    expect(pong.type === 'pong' && pong.at).toBeGreaterThanOrEqual(before)
    client.ws.close()
  })

  it('closes with 4401 when the token is missing', async () => {
    const { code, reason } = await connect(t.url()).closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toMatch(/missing token/)
  })

  it('closes with 4401 for a malformed token', async () => {
    expect((await connect(t.url(undefined, 'not.a.jwt')).closed).code).toBe(CloseCode.UNAUTHORIZED)
    expect((await connect(t.url(undefined, '')).closed).code).toBe(CloseCode.UNAUTHORIZED)
  })

  it('closes with 4401 for a token signed by another key', async () => {
    const user = await createUser(sql)
    const other = await importSigningKey((await generateSigningKey()).privateJwk)
    const forged = await signJwt(user.claims, other)
    expect((await connect(t.url(undefined, forged)).closed).code).toBe(CloseCode.UNAUTHORIZED)
  })

  it('closes with 4401 for an expired token', async () => {
    const user = await createUser(sql)
    const { signing } = await testKeys()
    const now = Math.floor(Date.now() / 1000)
    const expired = await signJwt({ ...user.claims, iat: now - 7200, exp: now - 3600 }, signing)
    const { code, reason } = await connect(t.url(undefined, expired)).closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toMatch(/exp/)
  })

  it('closes with 4401 when the session was signed out', async () => {
    const user = await createUser(sql)
    await sql`delete from auth.sessions where id = ${user.claims.session_id}`
    const { code, reason } = await connect(t.url(undefined, user.token)).closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toBe('session has ended')
  })

  it('closes an open socket with 4401 when its token expires', async () => {
    const user = await createUser(sql)
    const { signing } = await testKeys()
    const shortLived = await signJwt({ ...user.claims, exp: Math.floor(Date.now() / 1000) + 2 }, signing)
    const client = connect(t.url(undefined, shortLived))
    await client.ping()
    const { code, reason } = await client.closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toBe('token expired')
  })

  it('closes an open socket with 4401 after the user signs out', async () => {
    const user = await createUser(sql)
    const client = connect(t.url(undefined, user.token))
    await client.ping()
    await sql`delete from auth.sessions where id = ${user.claims.session_id}`
    const { code, reason } = await client.closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toBe('session has ended')
  })

  it('keeps the socket past the first token with a refreshed one, for the same user only', async () => {
    const user = await createUser(sql)
    const other = await createUser(sql)
    const { signing } = await testKeys()
    const now = Math.floor(Date.now() / 1000)
    const client = connect(t.url(undefined, await signJwt({ ...user.claims, exp: now + 2 }, signing)))
    await client.ping()

    client.send({ type: 'auth', token: other.token, id: 1 })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'invalid_token', id: 1 })
    client.send({ type: 'auth', token: 'garbage', id: 2 })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'invalid_token', id: 2 })

    client.send({ type: 'auth', token: await signJwt({ ...user.claims, exp: now + 3600 }, signing), id: 3 })
    expect(await client.next()).toEqual({ type: 'authenticated', exp: now + 3600, id: 3 })
    await new Promise((r) => setTimeout(r, 2500))
    expect(await client.ping('still-here')).toMatchObject({ type: 'pong', id: 'still-here' })
    client.ws.close()
  })
})
