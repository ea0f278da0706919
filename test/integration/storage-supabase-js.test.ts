// The local store (edge/storage) driven by @supabase/supabase-js's storage client, the code the web
// app runs against hosted Supabase Storage: every call, RLS on storage.objects per school and role,
// names that try to leave their place, content that lies about its type, the school's storage limit,
// and TUS resumable uploads interrupted and resumed.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir } from 'node:fs/promises'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import * as tus from 'tus-js-client'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { createVerifier } from '../../edge/lib/jwt.ts'
import { createStorageHost, type StorageHost } from '../../scripts/lib/storage-host.ts'
import { createTenant, createUser, ISSUER, type TestUser, testDb, testKeys } from '../support/fixtures.ts'
import { rawRequest } from '../support/raw-http.ts'

const sql = testDb(2)
let host: StorageHost
let server: http.Server
let url: string
let dir: string
const keys = await testKeys()

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('fake-but-signed-png-body'),
])
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kipindi-storage-test-'))
  server = http.createServer((req, res) => host.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  host = await createStorageHost({
    dbUrl: inject('dbUrl'),
    dir,
    publicUrl: url,
    signingKey: keys.key,
    verifier: createVerifier({ issuer: ISSUER, jwks: keys.jwks }),
    maxFileBytes: 8 * 1024 * 1024,
  })
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  await host.close()
  await sql.end()
})

/** supabase-js's storage client as `who` (a user's access token, or an API key). */
function storageAs(who: TestUser | 'anon' | 'service') {
  const token = who === 'anon' ? keys.anonKey : who === 'service' ? keys.serviceRoleKey : who.token
  return createClient(url, keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
    realtime: { transport: WebSocket as never },
  }).storage
}

interface School {
  id: string
  owner: TestUser
  instructor: TestUser
  student: TestUser
  other: TestUser
  staff: TestUser
  course: string
  ticket: string
}

async function school(): Promise<School> {
  const [owner, instructor, student, other, staff] = await Promise.all(
    Array.from({ length: 5 }, () => createUser(sql)),
  )
  const t = await createTenant(sql, owner, [
    [instructor, 'instructor'],
    [student, 'student'],
    [other, 'student'],
    [staff, 'staff'],
  ])
  const [course] = await sql`
    insert into public.courses (tenant_id, title, is_free, created_by)
    values (${t.id}, 'Integrated Science', true, ${instructor.id}) returning id`
  await sql`insert into public.enrolments (course_id, user_id) values (${course.id}, ${student.id})`
  const [ticket] = await sql`
    insert into public.tickets (tenant_id, requester_id, subject, category)
    values (${t.id}, ${student.id}, 'Screen is blank', 'technical') returning id`
  return { id: t.id, owner, instructor, student, other, staff, course: course.id, ticket: ticket.id }
}

let a: School
let b: School
beforeAll(async () => {
  ;[a, b] = await Promise.all([school(), school()])
}, 60_000)

const media = (s: School, file: string) => `${s.id}/${s.course}/${file}`

describe('objects through supabase-js', () => {
  it('uploads, downloads, replaces with upsert, reads info and checks existence', async () => {
    const store = storageAs(a.instructor).from('lesson-media')
    const name = media(a, 'cell.png')
    const up = await store.upload(name, PNG, { contentType: 'image/png' })
    expect(up.error).toBeNull()
    expect(up.data?.fullPath).toBe(`lesson-media/${name}`)

    const again = await store.upload(name, PNG, { contentType: 'image/png' })
    expect((again.error as { status?: number })?.status).toBe(409)

    const bigger = Buffer.concat([PNG, Buffer.from('more')])
    expect((await store.upload(name, bigger, { contentType: 'image/png', upsert: true })).error).toBeNull()

    const down = await storageAs(a.student).from('lesson-media').download(name)
    expect(down.error).toBeNull()
    expect(Buffer.from(await down.data!.arrayBuffer()).equals(bigger)).toBe(true)

    const info = await store.info(name)
    expect(info.error).toBeNull()
    expect(info.data).toMatchObject({ name, size: bigger.length, contentType: 'image/png' })
    expect((await store.exists(name)).data).toBe(true)
    expect((await store.exists(media(a, 'nothing.png'))).data).toBe(false)

    const updated = await store.update(name, PNG, { contentType: 'image/png' })
    expect(updated.error).toBeNull()
    expect(
      (await store.update(media(a, 'missing.png'), PNG, { contentType: 'image/png' })).error,
    ).not.toBeNull()
  })

  it('lists a folder with prefix, limit, offset and search; moves, copies and removes', async () => {
    const store = storageAs(a.instructor).from('lesson-media')
    for (const f of ['a.png', 'b.png', 'c.png', 'sub/d.png']) {
      expect((await store.upload(media(a, `list/${f}`), PNG, { contentType: 'image/png' })).error).toBeNull()
    }
    const folder = media(a, 'list')
    const all = await store.list(folder)
    expect(all.data?.map((e) => e.name)).toEqual(['a.png', 'b.png', 'c.png', 'sub'])
    expect(all.data?.find((e) => e.name === 'sub')?.id).toBeNull()
    expect((await store.list(folder, { limit: 2, offset: 1 })).data?.map((e) => e.name)).toEqual([
      'b.png',
      'c.png',
    ])
    expect((await store.list(folder, { search: 'b' })).data?.map((e) => e.name)).toEqual(['b.png'])
    const desc = await store.list(folder, { sortBy: { column: 'name', order: 'desc' } })
    expect(desc.data?.[0].name).toBe('sub')

    expect((await store.move(`${folder}/a.png`, `${folder}/moved.png`)).error).toBeNull()
    expect((await store.copy(`${folder}/b.png`, `${folder}/copied.png`)).error).toBeNull()
    const copied = await store.download(`${folder}/copied.png`)
    expect(Buffer.from(await copied.data!.arrayBuffer()).equals(PNG)).toBe(true)
    const removed = await store.remove([`${folder}/moved.png`, `${folder}/copied.png`])
    expect(removed.data?.map((o) => o.name).sort()).toEqual([`${folder}/copied.png`, `${folder}/moved.png`])
    expect((await store.list(folder)).data?.map((e) => e.name)).toEqual(['b.png', 'c.png', 'sub'])
  })

  it('signs download URLs (one and many) that work without a session and only for that object', async () => {
    const store = storageAs(a.instructor).from('lesson-media')
    const name = media(a, 'signed.png')
    await store.upload(name, PNG, { contentType: 'image/png' })
    const signed = await store.createSignedUrl(name, 60)
    expect(signed.error).toBeNull()
    const res = await fetch(signed.data!.signedUrl)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    const token = new URL(signed.data!.signedUrl).searchParams.get('token')
    const other = await fetch(
      `${url}/storage/v1/object/sign/lesson-media/${media(a, 'cell.png')}?token=${token}`,
    )
    expect(other.status).toBe(400)

    const many = await storageAs(a.student)
      .from('lesson-media')
      .createSignedUrls([name, media(a, 'none.png')], 60)
    expect(many.data?.[0].signedUrl).toBeTruthy()
    expect(many.data?.[1].error).toBeTruthy()
    const outsider = await storageAs(b.student).from('lesson-media').createSignedUrl(name, 60)
    expect(outsider.error).not.toBeNull()
  })

  it('creates a signed upload URL for who may insert, and uploads to it without a session', async () => {
    const name = media(a, 'by-link.pdf')
    const made = await storageAs(a.instructor).from('course-materials').createSignedUploadUrl(name)
    expect(made.error).toBeNull()
    const up = await storageAs('anon')
      .from('course-materials')
      .uploadToSignedUrl(name, made.data!.token, PDF, {
        contentType: 'application/pdf',
      })
    expect(up.error).toBeNull()
    const [row] =
      await sql`select owner_id from storage.objects where bucket_id = 'course-materials' and name = ${name}`
    expect(row.owner_id).toBe(a.instructor.id)
    const refused = await storageAs(a.student)
      .from('course-materials')
      .createSignedUploadUrl(media(a, 'x.pdf'))
    expect(refused.error).not.toBeNull()
  })

  it('manages buckets with the service role only', async () => {
    const admin = storageAs('service')
    const id = `test-${Date.now().toString(36)}`
    expect(
      (await admin.createBucket(id, { public: true, fileSizeLimit: '1MB', allowedMimeTypes: ['image/png'] }))
        .error,
    ).toBeNull()
    expect((await admin.getBucket(id)).data).toMatchObject({ id, public: true, file_size_limit: 1024 * 1024 })
    expect((await admin.listBuckets()).data?.map((x) => x.id)).toContain(id)
    expect((await admin.updateBucket(id, { public: true, fileSizeLimit: 2048 })).error).toBeNull()
    expect((await admin.from(id).upload('logo.png', PNG, { contentType: 'image/png' })).error).toBeNull()
    const publicUrl = admin.from(id).getPublicUrl('logo.png').data.publicUrl
    expect((await fetch(publicUrl)).status).toBe(200)
    expect((await admin.deleteBucket(id)).error).not.toBeNull() // not empty
    expect((await admin.emptyBucket(id)).error).toBeNull()
    expect((await admin.deleteBucket(id)).error).toBeNull()

    const user = storageAs(a.owner)
    expect((await user.createBucket(`${id}-x`)).error).not.toBeNull()
    expect((await user.getBucket('lesson-media')).error).toBeNull()
    expect((await storageAs('anon').listBuckets()).data).toEqual([])
  })
})

describe('who may do what (RLS on storage.objects)', () => {
  const name = () => media(a, 'rls.png')
  beforeAll(async () => {
    await storageAs(a.instructor).from('lesson-media').upload(name(), PNG, { contentType: 'image/png' })
  })

  it('lets the enrolled student read, and nobody else outside the course', async () => {
    expect((await storageAs(a.student).from('lesson-media').download(name())).error).toBeNull()
    for (const who of [a.other, b.student, b.owner, 'anon' as const]) {
      const res = await storageAs(who).from('lesson-media').download(name())
      expect(res.error, String(typeof who === 'string' ? who : who.email)).not.toBeNull()
      expect((await storageAs(who).from('lesson-media').list(`${a.id}/${a.course}`)).data ?? []).toEqual([])
    }
  })

  it('refuses writes and deletes from students, other schools and anon', async () => {
    for (const who of [a.student, a.staff, b.owner, b.instructor, 'anon' as const]) {
      const store = storageAs(who).from('lesson-media')
      expect(
        (await store.upload(name(), PNG, { contentType: 'image/png', upsert: true })).error,
      ).not.toBeNull()
      expect(
        (await store.upload(media(a, 'new.png'), PNG, { contentType: 'image/png' })).error,
      ).not.toBeNull()
      expect((await store.remove([name()])).data ?? []).toEqual([])
    }
    // Another school's instructor cannot borrow this course with their own school's id either.
    const borrowed = `${b.id}/${a.course}/x.png`
    expect(
      (await storageAs(b.instructor).from('lesson-media').upload(borrowed, PNG, { contentType: 'image/png' }))
        .error,
    ).not.toBeNull()
    expect((await storageAs(a.student).from('lesson-media').download(name())).error).toBeNull()
  })

  it('keeps a picture a published version shows: editors can neither remove nor replace it', async () => {
    const shown = media(a, 'published.png')
    const store = storageAs(a.instructor).from('lesson-media')
    expect((await store.upload(shown, PNG, { contentType: 'image/png' })).error).toBeNull()
    const [lesson] = await sql`
      insert into public.lessons (course_id, title) values (${a.course}, 'Cells') returning id`
    await sql`
      insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
      values (${lesson.id}, 1, 'Cells', ${`<p><img data-storage="lesson-media/${shown}" alt="cell"></p>`},
              'Cells', '\\x00')`
    expect((await store.remove([shown])).data ?? []).toEqual([])
    expect((await store.upload(shown, PNG, { contentType: 'image/png', upsert: true })).error).not.toBeNull()
    expect((await storageAs(a.student).from('lesson-media').download(shown)).error).toBeNull()
    // A draft-only picture of the same course can still be removed.
    const draft = media(a, 'draft-only.png')
    await store.upload(draft, PNG, { contentType: 'image/png' })
    expect((await store.remove([draft])).data?.map((o) => o.name)).toEqual([draft])
  })

  it('ticket attachments: the requester and support staff, not classmates or other schools', async () => {
    const file = `${a.id}/${a.ticket}/screenshot.png`
    expect(
      (await storageAs(a.student).from('ticket-attachments').upload(file, PNG, { contentType: 'image/png' }))
        .error,
    ).toBeNull()
    expect((await storageAs(a.staff).from('ticket-attachments').download(file)).error).toBeNull()
    for (const who of [a.other, a.instructor, b.owner]) {
      expect((await storageAs(who).from('ticket-attachments').download(file)).error).not.toBeNull()
    }
    expect(
      (
        await storageAs(a.other)
          .from('ticket-attachments')
          .upload(`${a.id}/${a.ticket}/x.png`, PNG, { contentType: 'image/png' })
      ).error,
    ).not.toBeNull()
  })

  it('avatars: one’s own folder only; people of the same school read them', async () => {
    const own = `${a.student.id}/avatar.png`
    expect(
      (await storageAs(a.student).from('avatars').upload(own, PNG, { contentType: 'image/png' })).error,
    ).toBeNull()
    expect(
      (await storageAs(a.other).from('avatars').upload(own, PNG, { contentType: 'image/png', upsert: true }))
        .error,
    ).not.toBeNull()
    expect((await storageAs(a.instructor).from('avatars').download(own)).error).toBeNull()
    expect((await storageAs(b.student).from('avatars').download(own)).error).not.toBeNull()
  })
})

describe('bad names and lying content', () => {
  const raw = (method: string, p: string, body?: Buffer, type = 'image/png') =>
    fetch(`${url}/storage/v1/object/${p}`, {
      method,
      headers: { authorization: `Bearer ${a.instructor.token}`, 'content-type': type },
      body: body && new Uint8Array(body),
    })

  it('refuses path traversal, encoded or not, absolute names and NUL with 400 and writes nothing', async () => {
    const before = await sql`select count(*)::int as n from storage.objects`
    for (const p of [
      `lesson-media/${a.id}/${a.course}/%2e%2e/%2e%2e/x.png`,
      `lesson-media/${a.id}/${a.course}/..%2Fx.png`,
      `lesson-media//${a.id}/x.png`,
      `lesson-media/${a.id}/${a.course}/x%00.png`,
      `lesson-media/${a.id}/${a.course}/bad%ZZ.png`,
      `..%2F..%2Fetc/passwd`,
    ]) {
      // Sent byte for byte: fetch would resolve the dot segments before they left.
      const head = `POST /storage/v1/object/${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${a.instructor.token}\r\nContent-Type: image/png\r\nContent-Length: ${PNG.length}\r\nConnection: close\r\n\r\n`
      const res = await rawRequest(Number(new URL(url).port), Buffer.concat([Buffer.from(head), PNG]))
      expect(res.status, p).toBe(400)
      expect(JSON.parse(res.body).error.code).toBe('invalid_key')
    }
    const after = await sql`select count(*)::int as n from storage.objects`
    expect(after[0].n).toBe(before[0].n)
  })

  it('refuses content that is not what it claims, executables and types the bucket does not take', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>')
    const cases: [Buffer, string, string][] = [
      [html, 'image/png', 'content_mismatch'],
      [PDF, 'image/png', 'content_mismatch'],
      [Buffer.from('MZ\x90\x00rest-of-a-windows-program'), 'image/png', 'executable_refused'],
      [PDF, 'application/pdf', 'file_type_not_allowed'],
    ]
    for (const [body, type, code] of cases) {
      const res = await raw('POST', media(a, `lie-${code}.png`).replace(/^/, 'lesson-media/'), body, type)
      expect(res.status).toBe(415)
      expect((await res.json()).error.code).toBe(code)
    }
    expect(await readdir(path.join(dir, '.tmp'))).toEqual([])
  })

  it('serves nothing inline that a browser would run, and sandboxes every answer', async () => {
    const [svgBucket] = await sql`select 1 from storage.buckets where id = 'svg-test'`
    if (!svgBucket) await sql`insert into storage.buckets (id, name) values ('svg-test', 'svg-test')`
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const up = await storageAs('service')
      .from('svg-test')
      .upload('x.svg', svg, { contentType: 'image/svg+xml', upsert: true })
    expect(up.error).toBeNull()
    const res = await fetch(`${url}/storage/v1/object/svg-test/x.svg`, {
      headers: { authorization: `Bearer ${keys.serviceRoleKey}` },
    })
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/)
    expect(res.headers.get('content-security-policy')).toContain('sandbox')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('stops at the school’s storage limit with 413 storage_quota_exceeded', async () => {
    await sql`insert into private.storage_limits (tenant_id, limit_bytes) values (${b.id}, 100)`
    const res = await storageAs(b.instructor)
      .from('lesson-media')
      .upload(media(b, 'big.png'), Buffer.concat([PNG, Buffer.alloc(200)]), { contentType: 'image/png' })
    expect((res.error as { status?: number })?.status).toBe(413)
    expect(res.error?.message).toMatch(/storage is full/)
    await sql`delete from private.storage_limits where tenant_id = ${b.id}`
  })
})

describe('TUS resumable uploads', () => {
  const bytes = Buffer.alloc(3 * 1024 * 1024)
  beforeAll(() => {
    bytes.set(PDF)
    for (let i = PDF.length; i < bytes.length; i++) bytes[i] = (i * 31) % 251
  })
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

  function upload(who: TestUser, name: string, opts: Partial<tus.UploadOptions> = {}) {
    return new tus.Upload(bytes, {
      endpoint: `${url}/storage/v1/upload/resumable`,
      headers: { authorization: `Bearer ${who.token}`, 'x-upsert': 'true' },
      chunkSize: 512 * 1024,
      retryDelays: [],
      metadata: {
        bucketName: 'course-materials',
        objectName: name,
        contentType: 'application/pdf',
        cacheControl: '3600',
      },
      ...opts,
    })
  }

  it('resumes an upload interrupted halfway and yields the exact bytes', async () => {
    const name = media(a, 'lesson-1/worksheet.pdf')
    let uploadUrl = ''
    await new Promise<void>((resolve, reject) => {
      const first = upload(a.instructor, name, {
        onError: reject,
        onProgress(sent) {
          if (sent >= bytes.length / 2 && !uploadUrl) {
            uploadUrl = first.url ?? ''
            first.abort().then(resolve, reject)
          }
        },
      })
      first.start()
    })
    expect(uploadUrl).toMatch(/\/storage\/v1\/upload\/resumable\//)
    const before = await sql`select 1 from storage.objects where name = ${name}`
    expect(before).toHaveLength(0) // half an upload is nobody's object

    // Another person cannot continue it.
    const head = await fetch(uploadUrl, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${a.student.token}`, 'tus-resumable': '1.0.0' },
    })
    expect(head.status).toBe(404)

    await new Promise<void>((resolve, reject) => {
      const second = upload(a.instructor, name, { uploadUrl, onError: reject, onSuccess: () => resolve() })
      second.start()
    })
    const down = await storageAs(a.student).from('course-materials').download(name)
    expect(sha(Buffer.from(await down.data!.arrayBuffer()))).toBe(sha(bytes))
  })

  it('takes a small upload whose data comes with the creation request, as the web app sends it', async () => {
    const small = Buffer.concat([PDF, Buffer.alloc(1000)])
    const name = media(a, 'lesson-1/small.pdf')
    await new Promise<void>((resolve, reject) => {
      new tus.Upload(small, {
        endpoint: `${url}/storage/v1/upload/resumable`,
        headers: { authorization: `Bearer ${a.instructor.token}` },
        chunkSize: 6 * 1024 * 1024,
        uploadDataDuringCreation: true,
        retryDelays: [],
        metadata: { bucketName: 'course-materials', objectName: name, contentType: 'application/pdf' },
        onError: reject,
        onSuccess: () => resolve(),
      }).start()
    })
    const down = await storageAs(a.instructor).from('course-materials').download(name)
    expect(Buffer.from(await down.data!.arrayBuffer()).equals(small)).toBe(true)
  })

  it('refuses an upload RLS would refuse before any byte is sent', async () => {
    const error = await new Promise<Error>((resolve) => {
      upload(a.student, media(a, 'lesson-1/not-mine.pdf'), {
        onError: resolve,
        onSuccess: () => resolve(new Error('uploaded')),
      }).start()
    })
    expect(error.message).toMatch(/response code: 403/)
  })
})

describe('a crash mid-upload', () => {
  /** The store in a child process; resolves once it listens. */
  async function child(storeDir: string) {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/storage-child.ts'], {
      env: {
        ...process.env,
        STORAGE_CHILD: JSON.stringify({
          dbUrl: inject('dbUrl'),
          dir: storeDir,
          issuer: ISSUER,
          signingKey: keys.key,
        }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString())
        if (m) resolve(Number(m[1]))
      })
      proc.once('exit', (code) => reject(new Error(`store exited ${code}`)))
    })
    return { proc, port }
  }

  it('after kill -9 leaves no object, no half file in the bucket, and no temporary file after a restart', async () => {
    const storeDir = await mkdtemp(path.join(tmpdir(), 'kipindi-storage-crash-'))
    const { proc, port } = await child(storeDir)
    const name = media(a, 'crash.pdf')
    const total = 4 * 1024 * 1024
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((r) => socket.once('connect', r))
    socket.write(
      `POST /storage/v1/object/course-materials/${name} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${a.instructor.token}\r\nContent-Type: application/pdf\r\n` +
        `Content-Length: ${total}\r\n\r\n`,
    )
    socket.write(Buffer.concat([PDF, Buffer.alloc(total / 2)]))
    // Wait until the store has the bytes in its temporary file, then kill it.
    for (let i = 0; i < 100; i++) {
      const temps = await readdir(path.join(storeDir, '.tmp')).catch(() => [])
      if (temps.length > 0) break
      await new Promise((r) => setTimeout(r, 20))
    }
    await new Promise((r) => setTimeout(r, 100))
    proc.kill('SIGKILL')
    await new Promise((r) => proc.once('exit', r))
    socket.destroy()

    expect(await sql`select 1 from storage.objects where name = ${name}`).toHaveLength(0)
    expect(await readdir(path.join(storeDir, 'course-materials')).catch(() => [])).toEqual([])
    expect((await readdir(path.join(storeDir, '.tmp'))).length).toBeGreaterThan(0)

    const again = await child(storeDir)
    expect(await readdir(path.join(storeDir, '.tmp'))).toEqual([])
    again.proc.stdin.end()
    await new Promise((r) => again.proc.once('exit', r))
  }, 30_000)
})
