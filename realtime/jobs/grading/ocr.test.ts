import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Sql, withUser } from '../../../edge/lib/db.ts'
import { createVerifier } from '../../../edge/lib/jwt.ts'
import { silentLogger } from '../../../edge/lib/log.ts'
import { createStorageHost, type StorageHost } from '../../../scripts/lib/storage-host.ts'
import {
  createTenant,
  createUser,
  ISSUER,
  type TestUser,
  testDb,
  testKeys,
} from '../../../test/support/fixtures.ts'
import { createOcrHandler, storageApiReader, storageReaderFromEnv } from './ocr.ts'
import { createOcrEngine } from './ocr-engine.ts'
import type { GradingJob } from './types.ts'

// The 'ocr' job against the real Postgres and a real local store: a student uploads photos of a
// script (and a PDF) and submits; the job reads each photo through the Storage API with the service
// key, stores the texts, skips what it already read, starts over for a replaced photo, records why a
// file could not be read, and writes nothing for a job naming another school.
const sql: Sql = testDb(4)
const keys = await testKeys()
const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'ocr')
const PAGE = readFileSync(path.join(fixtures, 'script.png'))
const LINE = readFileSync(path.join(fixtures, 'line.jpg'))
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')
/** A PNG whose header says 30 000 × 30 000 pixels (a few bytes on disk). */
const HUGE = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  Buffer.from([0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0, 0, 0, 0, 0]),
])

let host: StorageHost
let server: http.Server
let url: string
let dir: string
let tenant: string
let course: string
let assignment: string
let student: TestUser
const engine = createOcrEngine()
let recognised = 0

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kipindi-ocr-test-'))
  server = http.createServer((req, res) => host.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  host = await createStorageHost({
    dbUrl: inject('dbUrl'),
    dir,
    publicUrl: url,
    signingKey: keys.key,
    verifier: createVerifier({ issuer: ISSUER, jwks: keys.jwks }),
  })
  const owner = await createUser(sql)
  student = await createUser(sql)
  tenant = (await createTenant(sql, owner, [[student, 'student']])).id
  ;[{ id: course }] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'Biology', ${owner.id}) returning id`
  await sql`insert into public.enrolments (course_id, user_id) values (${course}, ${student.id})`
  ;[{ id: assignment }] =
    await sql`insert into public.assignments (course_id, title, published_at) values (${course}, 'Photosynthesis', now()) returning id`
})
afterAll(async () => {
  await engine.stop()
  await new Promise((r) => server.close(r))
  await host.close()
  await sql.end()
  await rm(dir, { recursive: true, force: true })
})

/** Uploads as the student, as the web app does (supabase-js' upload is this request). */
async function upload(file: string, body: Buffer, type: string) {
  const name = `${tenant}/${assignment}/${student.id}/${file}`
  const res = await fetch(`${url}/storage/v1/object/assignment-files/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${student.token}`, 'content-type': type },
    body: new Uint8Array(body),
  })
  expect(res.status, await res.text()).toBe(200)
  return { path: `assignment-files/${name}`, name: file }
}

/** Removes an upload as the student (supabase-js' remove); uploading it again makes a new version. */
async function remove(file: { path: string }) {
  const res = await fetch(`${url}/storage/v1/object/assignment-files`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${student.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prefixes: [file.path.slice('assignment-files/'.length)] }),
  })
  expect(res.status, await res.text()).toBe(200)
}

async function submit(files: { path: string; name: string }[]) {
  return withUser(sql, student.claims, async (tx) => {
    const [s] =
      await tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, files)
      values (${assignment}, ${course}, ${tenant}, ${tx.json(files)})
      on conflict (assignment_id, user_id) do update set files = excluded.files returning id`
    return s?.id as string
  })
}

const handler = createOcrHandler({
  objects: () => storageApiReader({ url, serviceKey: keys.serviceRoleKey }),
  engine: () => ({
    recognize: (bytes, o) => {
      recognised += 1
      return engine.recognize(bytes, o)
    },
    stop: () => engine.stop(),
  }),
})

async function run(submission: string, over: Partial<GradingJob> = {}) {
  const seen: number[] = []
  recognised = 0
  await handler(
    {
      id: crypto.randomUUID(),
      kind: 'ocr',
      tenantId: tenant,
      courseId: course,
      assignmentId: assignment,
      submissionId: submission,
      attempt: 1,
      ...over,
    },
    {
      sql,
      log: silentLogger,
      progress: async (p) => void seen.push(p),
      signal: new AbortController().signal,
    },
  )
  return { progress: seen, recognised }
}

const texts = (submission: string) =>
  sql<
    {
      path: string
      text: string
      confidence: number | null
      error: string | null
      corrected_text: string | null
    }[]
  >`
    select path, text, confidence, error, corrected_text from public.submission_texts
    where submission_id = ${submission} order by created_at, path`

describe('the ocr job', () => {
  let submission: string
  let page: { path: string; name: string }
  let line: { path: string; name: string }

  it('reads every photo of a submission through the Storage API, reporting progress per file', async () => {
    page = await upload('page1.png', PAGE, 'image/png')
    line = await upload('page2.jpg', LINE, 'image/jpeg')
    const pdf = await upload('notes.pdf', PDF, 'application/pdf')
    submission = await submit([page, pdf, line])
    expect(await run(submission)).toEqual({ progress: [0, 50, 100], recognised: 2 })
    const rows = await texts(submission)
    expect(rows.map((r) => r.path)).toEqual([page.path, line.path])
    expect(rows[0]?.text).toContain('Photosynthesis')
    expect(rows[1]?.text).toContain('Kipindi Secondary School')
    expect(rows.every((r) => r.error === null && (r.confidence ?? 0) > 50)).toBe(true)
  })

  it('reads nothing again on a rerun; a replaced photo is read again and loses its correction', async () => {
    await sql`update public.submission_texts set corrected_text = 'Checked by the teacher' where submission_id = ${submission}`
    expect(await run(submission)).toEqual({ progress: [100], recognised: 0 })

    await remove(line)
    await upload('page2.jpg', LINE, 'image/jpeg')
    await submit([page, line])
    expect(await run(submission)).toEqual({ progress: [50, 100], recognised: 1 })
    expect((await texts(submission)).map((r) => r.corrected_text)).toEqual(['Checked by the teacher', null])
  })

  it('records why a file could not be read and carries on: too large, gone from storage', async () => {
    const huge = await upload('huge.png', HUGE, 'image/png')
    await submit([huge, page, line])
    await sql`delete from storage.objects where bucket_id = 'assignment-files' and name = ${line.path.slice(17)}`
    await sql`update public.submission_texts set object_version = 'old' where path = ${line.path}`
    expect((await run(submission)).recognised).toBe(1) // the huge one, refused before the worker sees it
    const rows = Object.fromEntries((await texts(submission)).map((r) => [r.path, r]))
    expect(rows[huge.path]).toMatchObject({
      text: '',
      confidence: null,
      error: expect.stringMatching(/megapixels/),
    })
    expect(rows[line.path]).toMatchObject({ text: '', error: 'The file is no longer in storage.' })
    expect(rows[page.path]?.error).toBeNull()
  })

  it('writes nothing for a job naming another school', async () => {
    const before = await texts(submission)
    await sql`delete from public.submission_texts where submission_id = ${submission}`
    expect(await run(submission, { tenantId: crypto.randomUUID() })).toEqual({ progress: [], recognised: 0 })
    expect(await texts(submission)).toEqual([])
    expect(before.length).toBe(3)
  })

  it('says plainly what it needs when the server has no Storage settings', () => {
    expect(() => storageReaderFromEnv({ SUPABASE_URL: 'http://127.0.0.1:1' })).toThrow(
      /needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY/,
    )
  })
})
