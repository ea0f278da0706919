import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { bookedBefore, pastSession, stay } from '../../../edge/api/reports/testing.ts'
import { withUser } from '../../../edge/lib/db.ts'
import { createVerifier } from '../../../edge/lib/jwt.ts'
import { silentLogger } from '../../../edge/lib/log.ts'
import { createStorageHost, type StorageHost } from '../../../scripts/lib/storage-host.ts'
import { drawnText } from '../../../test/pdf-reader.ts'
import {
  createTenant,
  createUser,
  ISSUER,
  type TestUser,
  testDb,
  testKeys,
} from '../../../test/support/fixtures.ts'
import { EXPORT_BUCKET, type ExportJob, startExportJob } from './job.ts'
import { storageApi } from './storage.ts'

// The export job against the real store: an admin's XLSX of a school's attendance is made with its
// progress told, uploaded, and read back by the admin only (another member gets nothing); a CSV of
// the instructor's is refused once the instructor has left the school (rights are read when the job
// runs); a PDF is made; an expired export's file and row are removed. The progress report goes the
// same way: a CSV by course whose formula-looking title stays text, a PDF by student and course; the
// payments report as XLSX, its money as numbers in major units beside the currency; the support report
// ticket by ticket as XLSX in Kiswahili, and the AI tutor report by provider as PDF.

const sql = testDb(4)
const keys = await testKeys()
let host: StorageHost
let server: http.Server
let url: string
let dir: string
let tenant: string
let admin: TestUser
let teacher: TestUser
let student: TestUser
let job: ExportJob

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kipindi-export-job-'))
  server = http.createServer((req, res) => host.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  host = await createStorageHost({
    dbUrl: inject('dbUrl'),
    dir: path.join(dir, 'storage'),
    publicUrl: url,
    signingKey: keys.key,
    verifier: createVerifier({ issuer: ISSUER, jwks: keys.jwks }),
  })
  const owner = await createUser(sql)
  ;[admin, teacher, student] = await Promise.all([
    createUser(sql, { name: 'Admin' }),
    createUser(sql, { name: 'Teacher' }),
    createUser(sql, { name: 'Wanjiru' }),
  ])
  tenant = (
    await createTenant(sql, owner, [
      [admin, 'admin'],
      [teacher, 'instructor'],
      [student, 'student'],
    ])
  ).id
  const session = await pastSession(sql, { tenant, instructor: teacher.id, daysAgo: 1, title: 'Fractions' })
  await bookedBefore(sql, [[session, student.id]])
  await stay(sql, session, student.id, 0, 40)
  job = startExportJob({
    sql,
    log: silentLogger,
    storage: storageApi({ url, serviceKey: keys.serviceRoleKey }),
    intervalMs: 3_600_000,
    tmpDir: dir,
    tenantId: tenant,
    progressMs: 0,
  })
})
afterAll(async () => {
  await job?.stop()
  await new Promise((r) => server.close(r))
  await host.close()
  await sql.end()
  await rm(dir, { recursive: true, force: true })
})

const ask = (
  who: TestUser,
  format: string,
  filters: Record<string, string> = { group: 'seat' },
  report = 'attendance',
) =>
  withUser(sql, who.claims, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      select id from public.request_report_export(${tenant}, ${report}, ${format}, ${tx.json(filters)}, 'en')`
    return row?.id as string
  })
const exportRow = async (id: string) =>
  (
    await sql`select status, progress, row_count, object_name, error from public.report_exports where id = ${id}`
  )[0]
const download = (who: TestUser, name: string) =>
  fetch(`${url}/storage/v1/object/authenticated/${EXPORT_BUCKET}/${name}`, {
    headers: { authorization: `Bearer ${who.token}`, apikey: keys.anonKey },
  })

describe('the export job', () => {
  it('makes an XLSX, tells its progress, and only the person who asked can download it', async () => {
    const id = await ask(admin, 'xlsx')
    const events: string[] = []
    const listen = await sql.listen('live', (payload) => {
      const e = JSON.parse(payload)
      if (e.event === 'report_export' && e.data.id === id) events.push(`${e.data.status}:${e.data.progress}`)
    })
    expect(await job.run()).toBe(1)
    await new Promise((r) => setTimeout(r, 200))
    await listen.unlisten()
    const row = await exportRow(id)
    expect(row).toMatchObject({ status: 'done', progress: 100, row_count: 1, error: null })
    expect(row?.object_name).toBe(`${tenant}/${id}.xlsx`)
    expect(events[0]).toBe('running:0')
    expect(events.at(-1)).toBe('done:100')

    const res = await download(admin, row?.object_name)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const sheet = book.worksheets[0]
    expect(sheet?.getRow(5).getCell(1).value).toBe('Wanjiru')
    expect(sheet?.getRow(5).getCell(2).value).toBe('Fractions')
    expect(sheet?.getRow(5).getCell(5).value).toBe(40)
    const other = await download(teacher, row?.object_name)
    expect(other.ok).toBe(false)
    await other.body?.cancel()
  })

  it('makes a PDF of the school', async () => {
    const id = await ask(admin, 'pdf', { group: 'session' })
    await job.run()
    const row = await exportRow(id)
    expect(row?.status).toBe('done')
    const res = await download(admin, row?.object_name)
    const text = await drawnText(new Uint8Array(await res.arrayBuffer()))
    expect(text).toContain('Attendance by session')
    expect(text).toContain('Fractions')
  })

  it('makes the progress report as CSV (a formula-looking title stays text) and as PDF', async () => {
    const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
      values (${tenant}, '=HYPERLINK("http://x","Cells")', ${teacher.id}) returning id`
    const [lesson] =
      await sql`insert into public.lessons (course_id, title) values (${course?.id}, 'Cells') returning id`
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
      values (${lesson?.id}, 1, 'Cells', '<p>Cells</p>', 'Cells', '\\x00')`
    await sql`insert into public.enrolments (course_id, user_id) values (${course?.id}, ${student.id})`
    await sql`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, completed_at)
      values (${student.id}, ${lesson?.id}, ${course?.id}, ${tenant}, now())`

    const csv = await ask(admin, 'csv', { group: 'course' }, 'progress')
    const pdf = await ask(admin, 'pdf', { group: 'enrolment' }, 'progress')
    expect(await job.run()).toBe(2)
    const made = await exportRow(csv)
    expect(made).toMatchObject({ status: 'done', row_count: 1 })
    const lines = (await (await download(admin, made?.object_name)).text()).split('\r\n')
    expect(lines[0]).toBe('Progress and grades by course') // the byte order mark is read, not shown
    expect(lines[4]).toBe(`"'=HYPERLINK(""http://x"",""Cells"")",1,1,1,100,0,,0,0,,,,,`)
    const madePdf = await exportRow(pdf)
    expect(madePdf).toMatchObject({ status: 'done', error: null })
    const res = await download(admin, madePdf?.object_name)
    expect(res.status).toBe(200)
    const text = await drawnText(new Uint8Array(await res.arrayBuffer()))
    for (const part of ['Progress and grades by student and course', 'Wanjiru', '=HYPERLINK', '100']) {
      expect(text).toContain(part)
    }
  })

  it('makes the payments report as XLSX: money in major units as numbers, with its currency', async () => {
    await sql`insert into public.payments (tenant_id, payer_id, purpose, plan, provider, currency, amount_minor,
        status, refunded_minor, provider_ref)
      values (${tenant}, ${student.id}, 'plan', 'growth', 'stripe', 'USD', 2550, 'partially_refunded', 1000, '=cs_1')`
    const id = await ask(admin, 'xlsx', { group: 'payment' }, 'payments')
    expect(await job.run()).toBe(1)
    const row = await exportRow(id)
    expect(row).toMatchObject({ status: 'done', row_count: 1 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await download(admin, row?.object_name)).arrayBuffer())
    const sheet = book.worksheets[0]
    expect(sheet?.getRow(1).getCell(1).value).toBe('Payments by payment')
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      ...[
        'Date',
        'Reference',
        'Payer',
        'Paid for',
        'Provider',
        'Status',
        'Currency',
        'Amount',
        'Refunded',
        'Net',
      ],
    ])
    const cells = (sheet?.getRow(5).values as unknown[] | undefined)?.slice(2)
    expect(cells).toEqual(['=cs_1', 'Wanjiru', 'growth', 'Card', 'Partly refunded', 'USD', 25.5, 10, 15.5])
  })

  it('makes the support report as XLSX in Kiswahili (a formula-looking subject stays text) and the AI tutor report as PDF', async () => {
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      const [t] =
        await tx`insert into public.tickets (tenant_id, number, requester_id, subject, category, assignee_id,
          first_response_at, created_at)
        values (${tenant}, 7, ${student.id}, '=1+1', 'billing', ${admin.id}, now() - interval '50 minutes',
          now() - interval '2 hours') returning id`
      await tx`insert into public.ticket_ratings (ticket_id, tenant_id, requester_id, agent_id, category, score)
        values (${t?.id}, ${tenant}, ${student.id}, ${admin.id}, 'billing', 4)`
      const [c] = await tx`insert into public.ai_conversations (tenant_id, student_id, title)
        values (${tenant}, ${student.id}, 'Help') returning id`
      await tx`insert into public.ai_messages (conversation_id, role, content) values (${c?.id}, 'user', 'Why?')`
      await tx`insert into public.ai_messages (conversation_id, role, content, source, provider, tokens_in, tokens_out)
        values (${c?.id}, 'assistant', 'Because.', 'provider', 'gemini', 120, 30)`
    })
    const xlsx = await withUser(sql, admin.claims, async (tx) => {
      const [row] = await tx<
        { id: string }[]
      >`select id from public.request_report_export(${tenant}, 'support', 'xlsx',
        ${tx.json({ group: 'ticket' })}, 'sw')`
      return row?.id as string
    })
    const pdf = await ask(admin, 'pdf', { group: 'provider' }, 'tutor')
    expect(await job.run()).toBe(2)
    const made = await exportRow(xlsx)
    expect(made).toMatchObject({ status: 'done', row_count: 1 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await download(admin, made?.object_name)).arrayBuffer())
    const sheet = book.worksheets[0]
    expect(sheet?.getRow(1).getCell(1).value).toBe('Dawati la msaada kwa tiketi')
    expect(sheet?.getRow(4).getCell(2).value).toBe('Mada')
    const cells = (sheet?.getRow(5).values as unknown[] | undefined)?.slice(1)
    expect(cells?.slice(0, 4)).toEqual([7, '=1+1', 'Admin', 'Malipo'])
    expect(cells?.slice(5)).toEqual([1, 70, undefined, 0, 0, undefined, 1, 4, 100])
    const text = await drawnText(
      new Uint8Array(await (await download(admin, (await exportRow(pdf))?.object_name)).arrayBuffer()),
    )
    for (const part of ['AI tutor by provider', 'gemini', 'Tokens in', '120']) expect(text).toContain(part)
  })

  it('refuses the export of someone who left the school before it ran, and uploads nothing', async () => {
    const id = await ask(teacher, 'csv')
    await sql`delete from public.memberships where tenant_id = ${tenant} and user_id = ${teacher.id}`
    expect(await job.run()).toBe(0)
    const row = await exportRow(id)
    expect(row).toMatchObject({ status: 'failed', object_name: null })
    expect(row?.error).toBe('Reports of this school are for its staff, teachers, students and parents.')
  })

  it('queues an export again, a minute later, when storage is down', async () => {
    const down = startExportJob({
      sql,
      log: silentLogger,
      storage: storageApi({ url: 'http://127.0.0.1:9', serviceKey: keys.serviceRoleKey }),
      intervalMs: 3_600_000,
      tmpDir: dir,
      tenantId: tenant,
    })
    try {
      const id = await ask(admin, 'csv')
      expect(await down.run()).toBe(0)
      const [row] = await sql`select status, error, lease_until > now() + interval '50 seconds' as waits
        from public.report_exports where id = ${id}`
      expect(row).toMatchObject({ status: 'queued', waits: true })
      expect(row?.error).toMatch(/fetch failed/)
      expect(await down.run()).toBe(0)
      await sql`update public.report_exports set lease_until = now() - interval '1 second' where id = ${id}`
      expect(await job.run()).toBe(1)
      expect((await exportRow(id))?.status).toBe('done')
    } finally {
      await down.stop()
    }
  })

  it('removes an expired export with its file', async () => {
    const id = await ask(admin, 'csv')
    await job.run()
    const name = (await exportRow(id))?.object_name
    expect((await download(admin, name)).status).toBe(200)
    await sql`update public.report_exports set expires_at = now() - interval '1 minute' where id = ${id}`
    await job.run()
    expect(await exportRow(id)).toBeUndefined()
    const [object] =
      await sql`select 1 from storage.objects where bucket_id = ${EXPORT_BUCKET} and name = ${name}`
    expect(object).toBeUndefined()
  })
})
