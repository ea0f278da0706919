import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  outcome,
  type Role,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

// The text of scanned scripts (issue 16, 20261207000100_submission_texts.sql). Tenant A: the
// instructor's course c1 with the student enrolled; assignment as1 and the student's submission s1
// with a photo, its text tA. Tenant B: a course, an assignment, a submission of adminB's student
// and its text tB. A parent of tenant A linked to the student. Then the trigger that queues OCR.
const sql = testDb(12)
let w: World
let parent: TestUser
const ids = {} as Record<'c1' | 'cB' | 'as1' | 'asB' | 's1' | 'sB' | 'tA' | 'tB', string>

/** A stored object of the assignment-files bucket, as an upload leaves it (its owner, size, type, version). */
async function stored(tenant: string, assignment: string, user: string, file: string, type = 'image/png') {
  const name = `${tenant}/${assignment}/${user}/${file}`
  await sql`insert into storage.objects (bucket_id, name, owner_id, metadata, version)
    values ('assignment-files', ${name}, ${user}, ${sql.json({ size: 1234, mimetype: type })}, gen_random_uuid()::text)
    on conflict (bucket_id, name) do update set version = gen_random_uuid()::text`
  return { path: `assignment-files/${name}`, name: file }
}

const course = async (tenant: string, by: string) =>
  (
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
  )[0]?.id as string

const assignment = async (c: string) =>
  (
    await sql`insert into public.assignments (course_id, title, published_at) values (${c}, 'Script', now()) returning id`
  )[0]?.id as string

async function submit(
  assignmentId: string,
  user: TestUser,
  files: { path: string; name: string }[],
  body = '',
) {
  return withUser(sql, user.claims, async (tx) => {
    const [s] =
      await tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body, files)
      select id, course_id, tenant_id, ${body}, ${tx.json(files)} from public.assignments where id = ${assignmentId}
      on conflict (assignment_id, user_id) do update set body = excluded.body, files = excluded.files
      returning id`
    return s?.id as string
  })
}

/** The text row the OCR job would write for a submission's file (service connection). */
async function text(submission: string, path: string) {
  const [t] =
    await sql`insert into public.submission_texts (submission_id, assignment_id, course_id, tenant_id, path,
      object_version, text, confidence)
    select s.id, s.assignment_id, s.course_id, s.tenant_id, f.path, f.object_version, 'Carbon dioxide and water', 88
    from public.assignment_submissions s, private.submission_ocr_files(s.id) f
    where s.id = ${submission} and f.path = ${path}
    on conflict (submission_id, path) do update set object_version = excluded.object_version
    returning id`
  return t?.id as string
}

const ocrJobs = (submission: string) =>
  sql<{ id: string; status: string }[]>`select id, status from public.grading_jobs
    where kind = 'ocr' and submission_id = ${submission} order by created_at`

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, adminB } = w.users
  parent = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${parent.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${parent.id}, ${student.id})`
  const studentB = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.b.id}, ${studentB.id}, 'student')`
  ids.c1 = await course(w.a.id, instructor.id)
  ids.cB = await course(w.b.id, adminB.id)
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id}), (${ids.cB}, ${studentB.id})`
  ids.as1 = await assignment(ids.c1)
  ids.asB = await assignment(ids.cB)
  const photo = await stored(w.a.id, ids.as1, student.id, 'page1.png')
  const photoB = await stored(w.b.id, ids.asB, studentB.id, 'page1.jpg', 'image/jpeg')
  ids.s1 = await submit(ids.as1, student, [photo])
  ids.sB = await submit(ids.asB, studentB, [photoB])
  ids.tA = await text(ids.s1, photo.path)
  ids.tB = await text(ids.sB, photoB.path)
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<Role, number | string>>, rest: number | string, anon = rest): Row =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const TEACHERS = (n: number) => ({ instructor: n, staff: n, admin: n, owner: n })
const GRADERS = (n: number) => ({ instructor: n, admin: n, owner: n })
const both = () => [ids.tA, ids.tB]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('submission_texts', () => w, [
  {
    op: 'select', name: "read the texts (the course's teachers; not the student, nor another school)",
    run: (tx) => tx`select 1 from public.submission_texts where id in ${tx(both())}`,
    expect: only({ ...TEACHERS(1), adminB: 1 }, 0, denied('submission_texts')),
  },
  {
    op: 'insert', name: 'write a text (nobody: the OCR job only)',
    run: (tx) => tx`insert into public.submission_texts (submission_id, assignment_id, course_id, tenant_id, path, object_version, text)
                    values (${ids.s1}, ${ids.as1}, ${ids.c1}, ${w.a.id}, 'assignment-files/x', 'v', 'forged')`,
    expect: only({}, denied('submission_texts')),
  },
  {
    op: 'update', name: 'correct the text (graders of the course: not staff, the student or another school)',
    run: (tx) => tx`update public.submission_texts set corrected_text = 'Carbon dioxide and water.' where id in ${tx(both())}`,
    expect: only({ ...GRADERS(1), adminB: 1 }, 0, denied('submission_texts')),
  },
  {
    op: 'update', name: 'change the OCR text itself (nobody)',
    run: (tx) => tx`update public.submission_texts set text = 'forged', confidence = 100 where id in ${tx(both())}`,
    expect: only({}, denied('submission_texts')),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.submission_texts where id in ${tx(both())}`,
    expect: only({}, denied('submission_texts')),
  },
])

describe('submission_texts: a parent and another student', () => {
  it("a parent linked to the student reads and corrects nothing of the child's script", async () => {
    expect(
      await outcome(sql, parent, (tx) => tx`select 1 from public.submission_texts where id = ${ids.tA}`),
    ).toBe(0)
    expect(
      await outcome(
        sql,
        parent,
        (tx) => tx`update public.submission_texts set corrected_text = 'x' where id = ${ids.tA}`,
      ),
    ).toBe(0)
  })
  it('another student of the school (the peer) reads and corrects nothing', async () => {
    const peer = w.users.peer
    expect(
      await outcome(sql, peer, (tx) => tx`select 1 from public.submission_texts where id = ${ids.tA}`),
    ).toBe(0)
    expect(
      await outcome(
        sql,
        peer,
        (tx) => tx`update public.submission_texts set corrected_text = 'x' where id = ${ids.tA}`,
      ),
    ).toBe(0)
  })
  it('a correction records who made it and when; a blank one goes back to the OCR text', async () => {
    const { instructor } = w.users
    const read = () =>
      sql`select corrected_text, corrected_by, corrected_at is not null as dated from public.submission_texts where id = ${ids.tA}`
    await withUser(
      sql,
      instructor.claims,
      (tx) => tx`update public.submission_texts set corrected_text = 'Fixed' where id = ${ids.tA}`,
    )
    expect((await read())[0]).toEqual({ corrected_text: 'Fixed', corrected_by: instructor.id, dated: true })
    await withUser(
      sql,
      instructor.claims,
      (tx) => tx`update public.submission_texts set corrected_text = '  ' where id = ${ids.tA}`,
    )
    expect((await read())[0]).toEqual({ corrected_text: null, corrected_by: null, dated: false })
  })
})

describe('the trigger that queues OCR', () => {
  let as2: string
  beforeAll(async () => {
    as2 = await assignment(ids.c1)
  })

  it('queues an ocr job when a submission has a photo, none for text only or a PDF', async () => {
    const { student, peer } = w.users
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${peer.id})`
    const photo = await stored(w.a.id, as2, student.id, 'script.jpg', 'image/jpeg')
    const pdf = await stored(w.a.id, as2, peer.id, 'essay.pdf', 'application/pdf')
    const withPhoto = await submit(as2, student, [photo])
    const [job] = await ocrJobs(withPhoto)
    expect(job?.status).toBe('queued')
    const [queued] =
      await sql`select count(*)::int as n from graphile_worker.jobs where key = ${`grading:${job?.id}`}`
    expect(queued?.n).toBe(1)

    const typed = await submit(ids.as1, peer, [], 'Carbon dioxide and water.')
    expect(await ocrJobs(typed)).toEqual([])
    const pdfOnly = await submit(as2, peer, [pdf])
    expect(await ocrJobs(pdfOnly)).toEqual([])
  })

  it('queues nothing when the same photos are resubmitted, again when a photo is replaced; forgets removed files', async () => {
    const { student } = w.users
    const photo = await stored(w.a.id, as2, student.id, 'script.jpg', 'image/jpeg')
    const submission = await submit(as2, student, [photo])
    const [job] = await ocrJobs(submission)
    await sql`update public.grading_jobs set status = 'done' where id = ${job?.id}`
    await text(submission, photo.path)

    await submit(as2, student, [photo], 'Here is my script.')
    expect((await ocrJobs(submission)).map((j) => j.status)).toEqual(['done'])

    await stored(w.a.id, as2, student.id, 'script.jpg', 'image/jpeg') // uploaded again: a new version
    await submit(as2, student, [photo])
    expect((await ocrJobs(submission)).map((j) => j.status)).toEqual(['done', 'queued'])

    await submit(as2, student, [], 'Typed instead.')
    const [left] =
      await sql`select count(*)::int as n from public.submission_texts where submission_id = ${submission}`
    expect(left?.n).toBe(0)
  })
})
