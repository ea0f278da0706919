// The course API under Deno, as production runs it: publish (Yjs + the renderer), read and
// restore over real HTTP through the gateway, on the test database.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import * as Y from 'yjs'
import { renderLessonDoc } from '../../edge/api/courses/lesson-render.ts'
import { appendLessonUpdate, loadLessonDoc } from '../../edge/lesson-draft/store.ts'
import { issuerOf } from '../../edge/lib/env.ts'
import { importSigningKey, signApiKeys, signJwt } from '../../edge/lib/jwt.ts'
import { freePort } from '../../scripts/lib/embedded-db.ts'
import { type Services, startServices } from '../../scripts/lib/services.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { h, p, t, tiptapDoc } from '../support/lesson-docs.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const sql = testDb()
let services: Services
let url: string
let issuer: string

beforeAll(async () => {
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
    log: () => {},
  })
}, 60_000)
afterAll(async () => {
  await services?.stop()
  await sql.end()
})

/** A token for the user from this stack's issuer. */
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
  return { status: res.status, body: await res.json() }
}

describe('course API under Deno', () => {
  it('creates, publishes, serves and restores a lesson', async () => {
    const [teacher, student] = [await createUser(sql), await createUser(sql)]
    const tenant = await createTenant(sql, teacher, [[student, 'student']])
    const [teacherToken, studentToken] = [await tokenFor(teacher), await tokenFor(student)]

    const course = await api(teacherToken, 'POST', `/tenants/${tenant.id}/courses`, { title: 'Deno course' })
    expect(course.status).toBe(201)
    const lesson = await api(teacherToken, 'POST', `/courses/${course.body.id}/lessons`, { title: 'One' })
    expect(lesson.status).toBe(201)
    const id = lesson.body.id as string
    expect((await api(studentToken, 'POST', `/courses/${course.body.id}/enrol`)).status).toBe(201)

    await appendLessonUpdate(
      sql,
      id,
      Y.encodeStateAsUpdate(tiptapDoc(h(2, 'Hello'), p(t('Deno', { type: 'bold' })))),
    )
    const published = await api(teacherToken, 'POST', `/lessons/${id}/publish`, { note: 'v1' })
    expect(published.status).toBe(201)
    expect(published.body).toMatchObject({ version: 1, note: 'v1' })
    const read = await api(studentToken, 'GET', `/lessons/${id}/published`)
    expect(read.status).toBe(200)
    expect(read.body.html).toBe('<h2 id="hello">Hello</h2><p><strong>Deno</strong></p>')

    await appendLessonUpdate(sql, id, Y.encodeStateAsUpdate(tiptapDoc(p('more'))))
    expect((await api(teacherToken, 'POST', `/lessons/${id}/versions/1/restore`)).status).toBe(200)
    expect(renderLessonDoc((await loadLessonDoc(sql, id)).doc).html).toBe(read.body.html)
  })
})
