import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { renderLessonDoc } from '../../edge/api/courses/lesson-render.ts'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { h, p, stateOf, tiptapDoc } from '../support/lesson-docs.ts'

// The AI tutor's grounding index (issue 14): publishing a lesson (inserting into lesson_versions,
// with the renderer's HTML) splits it at its headings into public.lesson_passages, and
// public.search_lesson_passages finds them for the caller under RLS. School A: Biology (c1:
// photosynthesis l1, plant cells l2), Sayansi (c2, in Kiswahili: mimea l3) — the student is
// enrolled in both — and Chemistry (c3, not enrolled: l4 also speaks of photosynthesis). School B
// has its own photosynthesis lesson.
const sql = testDb(4)
let teacher: TestUser
let student: TestUser
let outsider: TestUser
const ids = {} as Record<'c1' | 'c2' | 'c3' | 'cb' | 'l1' | 'l2' | 'l3' | 'l4' | 'lb' | 'draft', string>

/** Publishes a version of a lesson as the teacher would: the renderer's HTML of a Tiptap document. */
async function publish(lesson: string, title: string, doc: Y.Doc, by: TestUser) {
  const { html, text } = renderLessonDoc(doc)
  await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
            values (${lesson}, 0, ${title}, ${html}, ${text}, ${stateOf(doc)}, ${by.id})`
  return html
}

async function course(tenant: string, title: string, by: TestUser) {
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, ${title}, ${by.id}) returning id`
  return c?.id as string
}

async function lesson(courseId: string, title: string) {
  const [l] =
    await sql`insert into public.lessons (course_id, title) values (${courseId}, ${title}) returning id`
  return l?.id as string
}

const PHOTOSYNTHESIS = tiptapDoc(
  p('Green plants are living things.'),
  h(1, 'Photosynthesis'),
  p('A plant makes its own food from sunlight, water & carbon dioxide.'),
  h(2, 'Leaves'),
  p('Leaves hold chlorophyll, which catches the light.'),
  h(2, 'Leaves'),
  p('Leaves also breathe through "stomata" <small holes>.'),
)

beforeAll(async () => {
  const [ownerA, ownerB] = await Promise.all([createUser(sql), createUser(sql)])
  ;[teacher, student, outsider] = await Promise.all([createUser(sql), createUser(sql), createUser(sql)])
  const teacherB = await createUser(sql)
  const studentB = await createUser(sql)
  const a = await createTenant(sql, ownerA, [
    [teacher, 'instructor'],
    [student, 'student'],
  ])
  const b = await createTenant(sql, ownerB, [
    [teacherB, 'instructor'],
    [studentB, 'student'],
  ])
  ids.c1 = await course(a.id, 'Biology', teacher)
  ids.c2 = await course(a.id, 'Sayansi', teacher)
  ids.c3 = await course(a.id, 'Chemistry', teacher)
  ids.cb = await course(b.id, 'Biology B', teacherB)
  ids.l1 = await lesson(ids.c1, 'Photosynthesis')
  ids.l2 = await lesson(ids.c1, 'Plant cells')
  ids.l3 = await lesson(ids.c2, 'Mimea')
  ids.l4 = await lesson(ids.c3, 'Light reactions')
  ids.lb = await lesson(ids.cb, 'Photosynthesis B')
  ids.draft = await lesson(ids.c1, 'Never published')
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id}), (${ids.c2}, ${student.id})`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.cb}, ${studentB.id})`

  await publish(ids.l1, 'Photosynthesis', PHOTOSYNTHESIS, teacher)
  await publish(
    ids.l2,
    'Plant cells',
    tiptapDoc(
      h(2, 'Cell walls'),
      p('Plants have cells with walls. A plant cell also makes food in its chloroplasts.'),
    ),
    teacher,
  )
  await publish(
    ids.l3,
    'Mimea',
    tiptapDoc(h(1, 'Mimea na chakula'), p('Mimea hutengeneza chakula chake kwa kutumia mwanga wa jua.')),
    teacher,
  )
  await publish(
    ids.l4,
    'Light reactions',
    tiptapDoc(p('Photosynthesis starts with light reactions.')),
    teacher,
  )
  await publish(
    ids.lb,
    'Photosynthesis B',
    tiptapDoc(p('Photosynthesis in school B: plants make food.')),
    teacherB,
  )
  // A draft that was never published: only Yjs updates in the draft log, never searchable.
  const draft = tiptapDoc(h(1, 'Zebras'), p('Photosynthesis draft about zebras and plants making food.'))
  await sql`insert into public.lesson_doc_updates (lesson_id, update) values (${ids.draft}, ${stateOf(draft)})`
})
afterAll(() => sql.end())

interface Hit {
  lesson_id: string
  course_id: string
  version: number
  lesson_title: string
  section_id: string
  heading: string
  body: string
  rank: number
}

function search(
  who: TestUser,
  query: string,
  opts: { course?: string; lesson?: string; max?: number } = {},
): Promise<Hit[]> {
  return withUser(
    sql,
    who.claims,
    (tx) => tx<Hit[]>`select * from public.search_lesson_passages(${query}, ${opts.course ?? null}::uuid,
                                                                 ${opts.lesson ?? null}::uuid, ${opts.max ?? 5})`,
  )
}

const passages = (lessonId: string) =>
  sql`select version, position, section_id, heading, body, lesson_title, course_id
      from public.lesson_passages where lesson_id = ${lessonId} order by position`

describe('publishing indexes passages', () => {
  it('splits the rendered HTML at its headings, with their ids, text and decoded body', async () => {
    const rows = await passages(ids.l1)
    expect(rows).toEqual(
      [
        { version: 1, position: 0, section_id: '', heading: '', body: 'Green plants are living things.' },
        {
          version: 1,
          position: 1,
          section_id: 'photosynthesis',
          heading: 'Photosynthesis',
          body: 'A plant makes its own food from sunlight, water & carbon dioxide.',
        },
        {
          version: 1,
          position: 2,
          section_id: 'leaves',
          heading: 'Leaves',
          body: 'Leaves hold chlorophyll, which catches the light.',
        },
        {
          version: 1,
          position: 3,
          section_id: 'leaves-2',
          heading: 'Leaves',
          body: 'Leaves also breathe through "stomata" <small holes>.',
        },
      ].map((r) => ({ ...r, lesson_title: 'Photosynthesis', course_id: ids.c1 })),
    )
  })

  it('names a heading without an id section-<n>, decodes entities and skips empty sections', async () => {
    const l = await lesson(ids.c1, 'Handwritten')
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
              values (${l}, 0, 'Handwritten', ${
                '<h2>Tom &amp; Jerry&#39;s</h2><p>a&nbsp;&nbsp;<strong>b</strong>old</p>' +
                '<h3 id="e"></h3><h3></h3><ul><li><p>one</p></li><li><p>two &quot;2&quot; &amp;lt;</p></li></ul>'
              }, 'x', '\\x00')`
    expect((await passages(l)).map((r) => [r.position, r.section_id, r.heading, r.body])).toEqual([
      [0, 'section-1', "Tom & Jerry's", 'a bold'],
      [1, 'section-3', '', 'one two "2" &lt;'],
    ])
  })

  it('cuts a long section between words into passages of at most 4000 characters', async () => {
    const l = await lesson(ids.c1, 'Long')
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ')
    await publish(l, 'Long', tiptapDoc(h(2, 'All the words'), p(words)), teacher)
    const rows = await passages(l)
    expect(rows.length).toBeGreaterThan(3)
    for (const r of rows) {
      expect(r.section_id).toBe('all-the-words')
      expect(r.heading).toBe('All the words')
      expect(r.body.length).toBeLessThanOrEqual(4000)
      expect(r.body).toMatch(/^word\d+( word\d+)*$/)
    }
    expect(rows.map((r) => r.body).join(' ')).toBe(words)
  })

  it('replaces the passages with those of a new version', async () => {
    const l = await lesson(ids.c1, 'Versions')
    await publish(
      l,
      'Versions',
      tiptapDoc(h(1, 'Old'), p('Dinosaurs ate ferns.'), h(1, 'Older'), p('x')),
      teacher,
    )
    await publish(l, 'Versions v2', tiptapDoc(h(1, 'New'), p('Mammals eat grass.')), teacher)
    expect(await passages(l)).toEqual([
      {
        version: 2,
        position: 0,
        section_id: 'new',
        heading: 'New',
        body: 'Mammals eat grass.',
        lesson_title: 'Versions v2',
        course_id: ids.c1,
      },
    ])
    expect(await search(teacher, 'dinosaurs ferns')).toEqual([])
    expect((await search(student, 'mammals and grass')).map((hit) => hit.lesson_id)).toEqual([l])
  })

  it('removes the passages with their lesson', async () => {
    const l = await lesson(ids.c1, 'Gone')
    await publish(l, 'Gone', tiptapDoc(p('Something')), teacher)
    expect(await passages(l)).toHaveLength(1)
    await sql`delete from public.lessons where id = ${l}`
    expect(await passages(l)).toHaveLength(0)
  })
})

describe('search_lesson_passages', () => {
  const lessons = (hits: Hit[]) => [...new Set(hits.map((hit) => hit.lesson_id))].sort()

  it('finds English word forms: "photosynthesis", "plants make food"', async () => {
    const photo = await search(student, 'photosynthesis')
    expect(lessons(photo)).toEqual([ids.l1])
    expect(photo[0]).toMatchObject({
      section_id: 'photosynthesis',
      heading: 'Photosynthesis',
      version: 1,
      lesson_title: 'Photosynthesis',
      course_id: ids.c1,
    })
    const food = await search(student, 'How do plants make food?')
    expect(lessons(food)).toEqual([ids.l1, ids.l2].sort())
    expect(food.every((hit) => typeof hit.rank === 'number' && hit.rank > 0)).toBe(true)
    expect(food.map((hit) => hit.rank)).toEqual([...food.map((hit) => hit.rank)].sort((x, y) => y - x))
  })

  it('finds Kiswahili words as written, and other forms by similarity', async () => {
    const chakula = await search(student, 'chakula cha mimea')
    expect(chakula[0]).toMatchObject({
      lesson_id: ids.l3,
      section_id: 'mimea-na-chakula',
      heading: 'Mimea na chakula',
    })
    expect(lessons(await search(student, 'hutengeneza'))).toEqual([ids.l3])
    expect(lessons(await search(student, 'mmea'))).toEqual([ids.l3])
  })

  it('finds a misspelt word by trigram similarity', async () => {
    expect(lessons(await search(student, 'fotosynthesis'))).toEqual([ids.l1])
    const chlorophyll = await search(student, 'chlorofyll')
    expect(chlorophyll[0]).toMatchObject({ lesson_id: ids.l1, section_id: 'leaves', heading: 'Leaves' })
  })

  it('does not take a word that only shares a part with the question for a similar word', async () => {
    const lab = await lesson(ids.c1, 'Laboratory')
    await publish(
      lab,
      'Laboratory',
      tiptapDoc(
        h(2, 'Rules to follow'),
        p('Follow the instructions. Report accidents and broken glass to your teacher.'),
      ),
      teacher,
    )
    expect(lessons(await search(student, 'What are fractions?'))).not.toContain(lab)
    expect(lessons(await search(student, 'instructoins'))).toContain(lab)
  })

  it("never returns drafts, another school's passages or a course the student is not enrolled in", async () => {
    expect(await search(student, 'zebras')).toEqual([])
    const everything = await search(student, 'photosynthesis plants food light', { max: 20 })
    expect(everything.length).toBeGreaterThan(3)
    for (const hit of everything) {
      expect([ids.c1, ids.c2]).toContain(hit.course_id)
      expect([ids.l4, ids.lb, ids.draft]).not.toContain(hit.lesson_id)
    }
    // The course's teacher reads every published passage of the courses they author (not drafts).
    const taught = lessons(await search(teacher, 'photosynthesis', { max: 20 }))
    expect(taught).toEqual([ids.l1, ids.l4].sort())
    expect(await search(teacher, 'zebras')).toEqual([])
    expect(await search(outsider, 'photosynthesis')).toEqual([])
  })

  it('ranks the given lesson first, then its course', async () => {
    const plain = await search(student, 'plants food', { max: 20 })
    expect(plain.length).toBeGreaterThan(2)
    const inL2 = await search(student, 'plants food', { lesson: ids.l2, max: 20 })
    expect(inL2[0]?.lesson_id).toBe(ids.l2)
    expect(inL2.length).toBe(plain.length)
    const l2Rows = inL2.filter((hit) => hit.lesson_id === ids.l2).length
    expect(inL2.slice(0, l2Rows).every((hit) => hit.lesson_id === ids.l2)).toBe(true)
    expect(inL2[0]?.rank).toBeGreaterThanOrEqual(3)

    // A course first: its passages before the others, whatever their relevance.
    const inC2 = await search(student, 'chakula food plants mimea', { course: ids.c2, max: 20 })
    expect(inC2.map((hit) => hit.course_id)).toEqual([ids.c2, ...Array(inC2.length - 1).fill(ids.c1)])
    const inC1 = await search(student, 'chakula food plants mimea', { course: ids.c1, max: 20 })
    expect(inC1.map((hit) => hit.course_id)).toEqual([...Array(inC1.length - 1).fill(ids.c1), ids.c2])
  })

  it('clamps max_results to 1..20 and answers nothing for an empty query', async () => {
    expect(await search(student, 'plants', { max: 0 })).toHaveLength(1)
    expect((await search(student, 'plants', { max: 1000 })).length).toBeLessThanOrEqual(20)
    expect(await search(student, '')).toEqual([])
    expect(await search(student, '   ')).toEqual([])
    expect(await search(student, 'the of and')).toEqual([])
  })

  it('takes any text safely (tsquery syntax, quotes, URLs)', async () => {
    for (const q of ["plants' & | ! ( :*", 'http://x.example/?a=1&b=2', "don't", '\\', '<->']) {
      await expect(search(student, q)).resolves.toBeInstanceOf(Array)
    }
  })
})
