// The tutoring endpoints and the livekit-webhook function under Deno, as production runs them:
// a LiveKit token from the api function, moderation reaching a Twirp RoomService, and a signed
// webhook recording attendance, over real HTTP through the gateway.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TokenVerifier } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issuerOf } from '../../edge/lib/env.ts'
import { importSigningKey, signApiKeys, signJwt } from '../../edge/lib/jwt.ts'
import { freePort } from '../../scripts/lib/embedded-db.ts'
import { type Services, startServices } from '../../scripts/lib/services.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  FAKE_API_KEY,
  FAKE_API_SECRET,
  type LiveKitFake,
  signWebhook,
  startLiveKitFake,
  webhookBody,
} from '../support/livekit-fake.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const sql = testDb()
let services: Services
let fake: LiveKitFake
let url: string
let issuer: string

beforeAll(async () => {
  fake = await startLiveKitFake()
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  issuer = issuerOf(url)
  const signingKey = inject('signingKey')
  const apiKeys = await signApiKeys(await importSigningKey(signingKey.privateJwk), issuer)
  services = await startServices({
    root: ROOT,
    dbUrl: inject('dbUrl'),
    publicUrl: url,
    keys: { signingKey, ...apiKeys },
    port,
    host: '127.0.0.1',
    webDist: await mkdtemp(path.join(tmpdir(), 'kipindi-web-')),
    env: { LIVEKIT_URL: fake.url, LIVEKIT_API_KEY: FAKE_API_KEY, LIVEKIT_API_SECRET: FAKE_API_SECRET },
    log: () => {},
  })
}, 60_000)
afterAll(async () => {
  await services?.stop()
  await fake?.close()
  await sql.end()
})

async function tokenFor(user: TestUser) {
  const key = await importSigningKey(inject('signingKey').privateJwk)
  return signJwt({ ...user.claims, iss: issuer }, key)
}

async function api(token: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}/functions/v1/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, body: res.status === 204 ? null : await res.json() }
}

describe('tutoring under Deno', () => {
  it('joins with a LiveKit token, records a signed webhook, and removes through RoomService', async () => {
    const [teacher, student] = [
      await createUser(sql, { name: 'Tutor' }),
      await createUser(sql, { name: 'Pupil' }),
    ]
    const tenant = await createTenant(sql, teacher, [[student, 'student']])
    const [teacherToken, studentToken] = [await tokenFor(teacher), await tokenFor(student)]

    const created = await api(teacherToken, 'POST', `/tenants/${tenant.id}/sessions`, {
      title: 'Deno room',
      starts_at: new Date(Date.now() + 5 * 60_000).toISOString(),
      duration_minutes: 30,
      capacity: 8,
    })
    expect(created.status).toBe(201)
    const id = created.body[0].id as string
    expect((await api(studentToken, 'POST', `/sessions/${id}/bookings`, {})).status).toBe(201)

    const joined = await api(studentToken, 'POST', `/sessions/${id}/join`)
    expect(joined.status).toBe(200)
    expect(joined.body).toMatchObject({
      transport: 'livekit',
      url: fake.url.replace(/^http/, 'ws'),
      role: 'participant',
    })
    const claims = await new TokenVerifier(FAKE_API_KEY, FAKE_API_SECRET).verify(joined.body.token)
    expect(claims).toMatchObject({
      sub: student.id,
      name: 'Pupil',
      video: { room: `session-${id}`, roomJoin: true },
    })

    const now = Math.floor(Date.now() / 1000)
    const body = webhookBody({
      id: `EV_deno_${id}`,
      event: 'participant_joined',
      room: `session-${id}`,
      createdAt: now,
      participant: { sid: 'PA_deno', identity: student.id, joinedAt: now },
    })
    const hook = await fetch(`${url}/functions/v1/livekit-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await signWebhook(body) },
      body,
    })
    expect(hook.status).toBe(200)
    const forged = await fetch(`${url}/functions/v1/livekit-webhook`, {
      method: 'POST',
      headers: {
        authorization: await signWebhook(body, FAKE_API_KEY, 'wrong-secret-wrong-secret-wrong-secret'),
      },
      body,
    })
    expect(forged.status).toBe(401)
    const attendance = await api(teacherToken, 'GET', `/sessions/${id}/attendance`)
    expect(attendance.body.find((r: { user_id: string }) => r.user_id === student.id)?.stays).toHaveLength(1)

    fake.join(`session-${id}`, student.id)
    fake.clear()
    const removed = await api(teacherToken, 'POST', `/sessions/${id}/participants/${student.id}/remove`, {})
    expect(removed.status).toBe(204)
    expect(fake.requests.map((r) => [r.rpc, r.claims?.video])).toEqual([
      ['RemoveParticipant', { roomAdmin: true, room: `session-${id}` }],
    ])
    expect((await api(studentToken, 'POST', `/sessions/${id}/join`)).status).toBe(403)
  })
})
