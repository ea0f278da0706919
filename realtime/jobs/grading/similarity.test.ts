import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sql } from '../../../edge/lib/db.ts'
import { silentLogger } from '../../../edge/lib/log.ts'
import { createTenant, createUser, testDb } from '../../../test/support/fixtures.ts'
import { similarityHandler } from './similarity.ts'
import type { GradingJob } from './types.ts'

// The similarity job against the real Postgres: an assignment of five students (one copied a
// classmate's paragraph, one a paragraph of a published lesson, all pasted the instructions),
// results replaced on every run, nothing written for a job naming another school.

const sql: Sql = testDb(4)
let tenant: string
let otherTenant: string
let course: string
let assignment: string
let lesson: string
const students: string[] = []
const submissions: Record<string, string> = {}

const INSTRUCTIONS =
  'Explain in your own words how the long rains affect the harvest in your region, and describe two ways farmers prepare for a drought.'
const COPIED =
  'When the long rains come late the maize planted in March dries out before it flowers, so families that ' +
  'depend on one harvest run short of food by August and have to sell their goats at a poor price.'
const LESSON =
  'Irrigation from small earth dams lets a farmer water a kitchen garden through the dry months, and drip ' +
  'lines made from old plastic bottles use a tenth of the water that flooding a field would need.'
const OWN = [
  'My grandmother keeps seeds of three kinds of beans in clay pots under her bed.',
  'Our village built a sand dam on the seasonal river with help from the county office.',
  'I think the radio forecasts are useful but many old people trust the birds more.',
  'In our school the agriculture club grows sukuma wiki behind the library.',
  'Farmers near the lake switch to rice when the water rises after a good season.',
]

function job(over: Partial<GradingJob> = {}): GradingJob {
  return {
    id: crypto.randomUUID(),
    kind: 'similarity',
    tenantId: tenant,
    courseId: course,
    assignmentId: assignment,
    submissionId: null,
    attempt: 1,
    ...over,
  }
}

async function run(j: GradingJob) {
  const seen: number[] = []
  await similarityHandler(j, {
    sql,
    log: silentLogger,
    progress: async (p) => {
      seen.push(p)
    },
    signal: new AbortController().signal,
  })
  return seen
}

beforeAll(async () => {
  const owner = await createUser(sql)
  const pupils = await Promise.all(OWN.map(() => createUser(sql)))
  tenant = (
    await createTenant(
      sql,
      owner,
      pupils.map((p) => [p, 'student']),
    )
  ).id
  otherTenant = (await createTenant(sql, await createUser(sql))).id
  ;[{ id: course }] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${tenant}, 'Agriculture', ${owner.id}) returning id`
  ;[{ id: lesson }] =
    await sql`insert into public.lessons (course_id, title) values (${course}, 'Water') returning id`
  await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
    values (${lesson}, 1, 'Saving water', ${`<h2>Dams</h2><p>${LESSON}</p>`}, ${LESSON}, '\\x00')`
  ;[{ id: assignment }] =
    await sql`insert into public.assignments (course_id, title, instructions, published_at)
    values (${course}, 'Rains', ${INSTRUCTIONS}, now()) returning id`
  for (const [i, p] of pupils.entries()) {
    students.push(p.id)
    let body = `${INSTRUCTIONS}\n\n${OWN[i]}`
    if (i === 0 || i === 1) body += ` ${i === 1 ? COPIED.toUpperCase() : COPIED}`
    if (i === 2) body += ` ${LESSON}`
    const [s] =
      await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
      values (${assignment}, ${course}, ${tenant}, ${p.id}, ${body}) returning id`
    submissions[p.id] = s?.id as string
  }
})
afterAll(() => sql.end())

describe('similarityHandler', () => {
  it('stores the copied pair and the lesson match, not the pasted instructions, with rising progress', async () => {
    const progress = await run(job())
    expect(progress.at(-1)).toBe(100)
    expect([...progress].sort((x, y) => x - y)).toEqual(progress)
    const [check] =
      await sql`select submissions, lessons, pairs from public.similarity_checks where assignment_id = ${assignment}`
    expect(check).toEqual({ submissions: 5, lessons: 1, pairs: 2 })
    const pairs =
      await sql`select submission_a, submission_b, lesson_id, lesson_title, score::float8 as score,
        passages, excerpt, text_a, text_b
      from public.similarity_pairs where assignment_id = ${assignment} order by lesson_id nulls first`
    expect(pairs).toHaveLength(2)
    const [copy, fromLesson] = pairs
    if (!copy || !fromLesson) throw new Error('two pairs expected')
    expect([copy.submission_a, copy.submission_b].sort()).toEqual(
      [submissions[students[0] as string], submissions[students[1] as string]].sort(),
    )
    expect(copy.score).toBeGreaterThan(0.4)
    expect(copy.passages).toHaveLength(1)
    const [start, end] = copy.passages[0].a as [number, number]
    expect((copy.text_a as string).slice(start, end).toLowerCase()).toBe(COPIED.slice(0, -1).toLowerCase())
    expect(copy.excerpt.toLowerCase()).toContain('when the long rains come late')
    expect(fromLesson).toMatchObject({
      submission_a: submissions[students[2] as string],
      submission_b: null,
      lesson_id: lesson,
      lesson_title: 'Saving water',
    })
    const [ls, le] = fromLesson.passages[0].b as [number, number]
    expect((fromLesson.text_b as string).slice(ls, le)).toBe(LESSON.slice(0, -1))
  })

  it('replaces the results on every run (a student who rewrote their work drops out)', async () => {
    await sql`update public.assignment_submissions set body = 'I rewrote all of it myself after reading the lesson twice.' where id = ${submissions[students[2] as string]}`
    await run(job())
    await run(job({ attempt: 2 }))
    const pairs = await sql`select lesson_id from public.similarity_pairs where assignment_id = ${assignment}`
    expect(pairs).toEqual([{ lesson_id: null }])
    const checks = await sql`select pairs from public.similarity_checks where assignment_id = ${assignment}`
    expect(checks).toEqual([{ pairs: 1 }])
  })

  it('refuses a job whose school is not the assignment’s, writing nothing', async () => {
    const before =
      await sql`select computed_at from public.similarity_checks where assignment_id = ${assignment}`
    await expect(run(job({ tenantId: otherTenant }))).rejects.toThrow(/not in this school/)
    const after =
      await sql`select computed_at from public.similarity_checks where assignment_id = ${assignment}`
    expect(after).toEqual(before)
  })

  it('checks an assignment without submissions as zero pairs', async () => {
    const [{ id }] =
      await sql`insert into public.assignments (course_id, title) values (${course}, 'Empty') returning id`
    await run(job({ assignmentId: id }))
    const [check] =
      await sql`select submissions, pairs from public.similarity_checks where assignment_id = ${id}`
    expect(check).toEqual({ submissions: 0, pairs: 0 })
  })
})
