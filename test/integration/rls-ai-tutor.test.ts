import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb, unique } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  outcome,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// The AI tutor's tables (issue 14). Tenant A: the cast's instructor edits c1 (lesson l1) and c3,
// a second instructor (teacher2) edits c2 (lesson l2). The student is enrolled in c1, the peer in
// c2. Conversations: conv1 (student, c1/l1, a question and an answer), conv2 (peer, c2, a
// question), conv3 (student, no course, a question). A also has a parent; B has its own usage.
const sql = testDb(12)
let w: World
let teacher2: TestUser
let parent: TestUser
const ids = {} as Record<'c1' | 'c2' | 'c3' | 'l1' | 'l2' | 'conv1' | 'conv2' | 'conv3', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer } = w.users
  ;[teacher2, parent] = await Promise.all([createUser(sql), createUser(sql)])
  await sql`insert into public.memberships (tenant_id, user_id, role)
            values (${w.a.id}, ${teacher2.id}, 'instructor'), (${w.a.id}, ${parent.id}, 'parent')`
  for (const [key, by] of [
    ['c1', instructor],
    ['c2', teacher2],
    ['c3', instructor],
  ] as const) {
    const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                          values (${w.a.id}, ${key}, ${by.id}) returning id`
    ids[key] = c?.id
  }
  for (const n of ['1', '2'] as const) {
    const [l] =
      await sql`insert into public.lessons (course_id, title) values (${ids[`c${n}`]}, ${`L${n}`}) returning id`
    ids[`l${n}`] = l?.id
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
              values (${l?.id}, 0, 'L', '<h2 id="one">One</h2><p>first</p><h2 id="two">Two</h2><p>second</p>', 'x', '\\x00')`
  }
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id}), (${ids.c2}, ${peer.id})`
  const conversation = async (who: TestUser, course: string | null, lesson: string | null) => {
    const [c] =
      await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, lesson_id, title)
                          values (${w.a.id}, ${who.id}, ${course}, ${lesson}, 'Q') returning id`
    await sql`insert into public.ai_messages (conversation_id, role, content) values (${c?.id}, 'user', 'Why?')`
    return c?.id as string
  }
  ids.conv1 = await conversation(student, ids.c1, ids.l1)
  ids.conv2 = await conversation(peer, ids.c2, null)
  ids.conv3 = await conversation(student, null, null)
  await sql`select private.ai_begin_answer(${ids.conv1}, 'provider', 'gemini', 'general')`
  await sql`insert into public.course_tutor_settings (course_id, mode) values (${ids.c1}, 'answers')`
  await sql`insert into public.ai_usage_daily (tenant_id, day, provider, requests)
            values (${w.a.id}, current_date, 'lessons', 1), (${w.b.id}, current_date, 'lessons', 1)`
})
afterAll(() => sql.end())

/** The same outcome for every signed-in member of the cast; anon gets `anon`. */
const all = (value: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : value])) as Record<
    (typeof CAST)[number],
    number | string
  >

/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (roles: string[], value: number | string, rest: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : roles.includes(r) ? value : rest])) as Record<
    (typeof CAST)[number],
    number | string
  >

/** Who sets a course's tutor mode: its editors (here the instructor) and the school's admins. */
const MANAGERS = ['instructor', 'admin', 'owner']

const convs = () => [ids.conv1, ids.conv2, ids.conv3]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ai_conversations', () => w, [
  {
    op: 'select',
    name: 'read conversations (own; the course editor; school owners and admins)',
    run: (tx) => tx`select 1 from public.ai_conversations where id in ${tx(convs())}`,
    expect: { anon: denied('ai_conversations'), outsider: 0, student: 2, instructor: 1, staff: 0, admin: 3, owner: 3, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'start a conversation about c1 / l1 in A',
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, course_id, lesson_id, title)
                       values (${w.a.id}, ${ids.c1}, ${ids.l1}, 'New')`,
    expect: only(['student', 'instructor', 'staff', 'admin', 'owner'], 1, violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: 'about c2, where the student is not enrolled',
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, course_id, title) values (${w.a.id}, ${ids.c2}, 'New')`,
    expect: only(['staff', 'admin', 'owner'], 1, violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: 'in school B, without a course',
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, title) values (${w.b.id}, 'New')`,
    expect: only(['adminB'], 1, violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: "in school B about A's course c1",
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, course_id, title) values (${w.b.id}, ${ids.c1}, 'New')`,
    expect: all(violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: "about c1 with c2's lesson",
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, course_id, lesson_id, title)
                       values (${w.a.id}, ${ids.c1}, ${ids.l2}, 'New')`,
    expect: all(violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: "in the peer's name",
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, student_id, title) values (${w.a.id}, ${w.users.peer.id}, 'New')`,
    expect: all(violates('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'insert',
    name: 'already flagged',
    run: (tx, w) => tx`insert into public.ai_conversations (tenant_id, title, flagged_at) values (${w.a.id}, 'New', now())`,
    expect: all(denied('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'update',
    name: 'rename conv1',
    run: (tx) => tx`update public.ai_conversations set title = 'Renamed' where id = ${ids.conv1}`,
    expect: only(['student'], 1, 0, denied('ai_conversations')),
  },
  {
    op: 'update',
    name: 'set or clear the flag of conv1',
    run: (tx) => tx`update public.ai_conversations set flagged_at = null, flag_reason = null where id = ${ids.conv1}`,
    expect: all(denied('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'update',
    name: 'move conv1 to another course',
    run: (tx) => tx`update public.ai_conversations set course_id = ${ids.c3} where id = ${ids.conv1}`,
    expect: all(denied('ai_conversations'), denied('ai_conversations')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ai_conversations where id in ${tx(convs())}`,
    expect: all(denied('ai_conversations'), denied('ai_conversations')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ai_messages', () => w, [
  {
    op: 'select',
    name: 'read messages (conv1 has 2, conv2 and conv3 1 each)',
    run: (tx) => tx`select 1 from public.ai_messages where conversation_id in ${tx(convs())}`,
    expect: { anon: denied('ai_messages'), outsider: 0, student: 3, instructor: 2, staff: 0, admin: 4, owner: 4, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'ask in conv1',
    run: (tx) => tx`insert into public.ai_messages (conversation_id, content) values (${ids.conv1}, 'And then?')`,
    expect: only(['student'], 1, violates('ai_messages'), denied('ai_messages')),
  },
  {
    op: 'insert',
    name: "ask in the peer's conv2",
    run: (tx) => tx`insert into public.ai_messages (conversation_id, content) values (${ids.conv2}, 'Hi')`,
    expect: all(violates('ai_messages'), denied('ai_messages')),
  },
  {
    op: 'insert',
    name: 'write an assistant answer in conv1',
    run: (tx) => tx`insert into public.ai_messages (conversation_id, role, content) values (${ids.conv1}, 'assistant', 'Because.')`,
    expect: all(denied('ai_messages'), denied('ai_messages')),
  },
  {
    op: 'insert',
    name: 'a question with a source, a status or a flag',
    run: (tx) => tx`insert into public.ai_messages (conversation_id, content, status, source) values (${ids.conv1}, 'x', 'streaming', 'lessons')`,
    expect: all(denied('ai_messages'), denied('ai_messages')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.ai_messages set content = 'changed' where conversation_id = ${ids.conv1}`,
    expect: all(denied('ai_messages'), denied('ai_messages')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.ai_messages where conversation_id = ${ids.conv1}`,
    expect: all(denied('ai_messages'), denied('ai_messages')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('lesson_passages', () => w, [
  {
    op: 'select',
    name: 'read passages of l1 (c1) and l2 (c2), two each',
    run: (tx) => tx`select 1 from public.lesson_passages where lesson_id in ${tx([ids.l1, ids.l2])}`,
    expect: { anon: denied('lesson_passages'), outsider: 0, student: 2, instructor: 2, staff: 4, admin: 4, owner: 4, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.lesson_passages (lesson_id, version, position, course_id, tenant_id, lesson_title, section_id, heading, body)
                    values (${ids.l1}, 1, 9, ${ids.c1}, ${w.a.id}, 'L', '', '', 'fake')`,
    expect: all(denied('lesson_passages'), denied('lesson_passages')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.lesson_passages set body = 'fake' where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_passages'), denied('lesson_passages')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lesson_passages where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_passages'), denied('lesson_passages')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('course_tutor_settings', () => w, [
  {
    op: 'select',
    name: "read c1's tutor mode",
    run: (tx) => tx`select 1 from public.course_tutor_settings where course_id = ${ids.c1}`,
    expect: only(['student', 'instructor', 'staff', 'admin', 'owner'], 1, 0, denied('course_tutor_settings')),
  },
  {
    op: 'insert',
    name: 'set the mode of c3 (the instructor edits it)',
    run: (tx) => tx`insert into public.course_tutor_settings (course_id, mode) values (${ids.c3}, 'answers')`,
    expect: only(MANAGERS, 1, violates('course_tutor_settings'), denied('course_tutor_settings')),
  },
  {
    op: 'insert',
    name: 'set the mode of c2 (teacher2 edits it)',
    run: (tx) => tx`insert into public.course_tutor_settings (course_id, mode) values (${ids.c2}, 'answers')`,
    expect: only(['admin', 'owner'], 1, violates('course_tutor_settings'), denied('course_tutor_settings')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.course_tutor_settings set mode = 'hints' where course_id = ${ids.c1}`,
    expect: only(MANAGERS, 1, 0, denied('course_tutor_settings')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.course_tutor_settings where course_id = ${ids.c1}`,
    expect: all(denied('course_tutor_settings'), denied('course_tutor_settings')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ai_usage_daily', () => w, [
  {
    op: 'select',
    name: "read A's and B's usage",
    run: (tx, w) => tx`select 1 from public.ai_usage_daily where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only(['admin', 'owner', 'adminB'], 1, 0, denied('ai_usage_daily')),
  },
  {
    op: 'insert',
    run: (tx, w) => tx`insert into public.ai_usage_daily (tenant_id, day, provider) values (${w.a.id}, current_date, 'x')`,
    expect: all(denied('ai_usage_daily'), denied('ai_usage_daily')),
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.ai_usage_daily set requests = 0 where tenant_id = ${w.a.id}`,
    expect: all(denied('ai_usage_daily'), denied('ai_usage_daily')),
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.ai_usage_daily where tenant_id = ${w.a.id}`,
    expect: all(denied('ai_usage_daily'), denied('ai_usage_daily')),
  },
])

/** The private tables and a column each has, for the update. */
const PRIVATE = {
  ai_providers: 'updated_at',
  ai_settings: 'updated_at',
  ai_quota_use: 'used',
  ai_breakers: 'updated_at',
}
const NO_SCHEMA = NO_PRIVATE_CALL

// biome-ignore format: the expected outcomes read as a table, one row per command
for (const [table, column] of Object.entries(PRIVATE)) {
  walkCast(`private.${table}`, () => w, [
    { op: 'select', run: (tx) => tx.unsafe(`select 1 from private.${table}`), expect: all(denied(table), NO_SCHEMA) },
    { op: 'insert', run: (tx) => tx.unsafe(`insert into private.${table} default values`), expect: all(denied(table), NO_SCHEMA) },
    { op: 'update', run: (tx) => tx.unsafe(`update private.${table} set ${column} = default`), expect: all(denied(table), NO_SCHEMA) },
    { op: 'delete', run: (tx) => tx.unsafe(`delete from private.${table}`), expect: all(denied(table), NO_SCHEMA) },
  ])
}

describe('the rest of the cast', () => {
  const count = (who: TestUser, query: string) =>
    outcome(sql, who, (tx) => tx.unsafe(query, [convs()[0], convs()[1], convs()[2]]))
  const CONVS = 'select 1 from public.ai_conversations where id in ($1, $2, $3)'
  const MSGS = 'select 1 from public.ai_messages where conversation_id in ($1, $2, $3)'

  it("the peer reads only their own conversation; the parent reads none; c2's editor only c2's", async () => {
    expect(await count(w.users.peer, CONVS)).toBe(1)
    expect(await count(w.users.peer, MSGS)).toBe(1)
    expect(await count(parent, CONVS)).toBe(0)
    expect(await count(parent, MSGS)).toBe(0)
    const seen = await withUser(
      sql,
      teacher2.claims,
      (tx) => tx`select id from public.ai_conversations where id in ${tx(convs())}`,
    )
    expect(seen.map((r) => r.id)).toEqual([ids.conv2])
  })

  it('a parent cannot start a conversation about a course they are not enrolled in', async () => {
    expect(
      await outcome(
        sql,
        parent,
        (tx) =>
          tx`insert into public.ai_conversations (tenant_id, course_id, title) values (${w.a.id}, ${ids.c1}, 'x')`,
      ),
    ).toBe(violates('ai_conversations'))
  })

  it('a student removed from the school can no longer ask in their conversation', async () => {
    const gone = await createUser(sql)
    const school = await createTenant(sql, w.users.owner, [[gone, 'student']])
    const [c] = await sql`insert into public.ai_conversations (tenant_id, student_id, title)
                          values (${school.id}, ${gone.id}, 'Q') returning id`
    const ask = () =>
      outcome(
        sql,
        gone,
        (tx) => tx`insert into public.ai_messages (conversation_id, content) values (${c?.id}, 'x')`,
      )
    expect(await ask()).toBe(1)
    await sql`delete from public.memberships where tenant_id = ${school.id} and user_id = ${gone.id}`
    expect(await ask()).toBe(violates('ai_messages'))
  })

  it('keeps the tutor functions out of API callers’ reach', async () => {
    for (const call of [
      `select * from private.ai_take_quota('${w.a.id}', '${w.users.student.id}', 100)`,
      `select private.ai_begin_answer('${ids.conv1}', 'provider', 'x', 'general')`,
      `select private.ai_flag_conversation('${ids.conv1}', null, 'danger')`,
      `select private.ai_breaker_success('${ids.conv1}')`,
    ]) {
      expect(await outcome(sql, w.users.student, (tx) => tx.unsafe(call)), call).toMatch(
        /^permission denied for function/,
      )
    }
  })
})

describe('private.ai_take_quota', () => {
  it('allows exactly the daily limit under 50 concurrent calls, then refuses without counting', async () => {
    const school = await createTenant(sql, w.users.owner)
    const student = w.users.student
    const results = await Promise.all(
      Array.from(
        { length: 50 },
        () => sql<{ allowed: boolean; used: number; resets_at: Date }[]>`
        select * from private.ai_take_quota(${school.id}, ${student.id}, 10)`,
      ),
    )
    const rows = results.map((r) => r[0])
    expect(rows.filter((r) => r?.allowed)).toHaveLength(10)
    expect(
      rows
        .filter((r) => r?.allowed)
        .map((r) => r?.used)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(rows.filter((r) => !r?.allowed).every((r) => r?.used === 10)).toBe(true)
    const [today] = await sql`select * from private.ai_quota_today(${school.id}, ${student.id})`
    expect(today?.used).toBe(10)
    const [stored] =
      await sql`select used from private.ai_quota_use where tenant_id = ${school.id} and user_id = ${student.id}`
    expect(stored?.used).toBe(10)
  })

  it('resets at the next midnight of the school’s time zone, per school and student', async () => {
    const nairobi = await createTenant(sql, w.users.owner)
    const tokyo = await createTenant(sql, w.users.owner)
    await sql`update public.tenants set time_zone = 'Asia/Tokyo' where id = ${tokyo.id}`
    const [a] = await sql`select * from private.ai_take_quota(${nairobi.id}, ${w.users.peer.id}, 1)`
    const [b] = await sql`select * from private.ai_take_quota(${tokyo.id}, ${w.users.peer.id}, 1)`
    const [c] = await sql`select * from private.ai_take_quota(${tokyo.id}, ${w.users.peer.id}, 1)`
    expect([a?.allowed, b?.allowed, c?.allowed]).toEqual([true, true, false])
    for (const [row, utcHour] of [
      [a, 21],
      [b, 15],
    ] as const) {
      const resets = row?.resets_at as Date
      expect(resets.getUTCHours()).toBe(utcHour)
      expect(resets.getUTCMinutes()).toBe(0)
      expect(resets.getTime() - Date.now()).toBeGreaterThan(0)
      expect(resets.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000)
    }
    const [none] = await sql`select * from private.ai_quota_today(${nairobi.id}, ${w.users.student.id})`
    expect(none?.used).toBe(0)
    const [zero] = await sql`select * from private.ai_take_quota(${nairobi.id}, ${w.users.student.id}, 0)`
    expect(zero?.allowed).toBe(false)
  })
})

describe('usage and budget', () => {
  it('adds usage into the school day’s row per provider and sums this month’s tokens', async () => {
    const school = await createTenant(sql, w.users.owner)
    await sql`select private.ai_record_usage(${school.id}, 'gemini', 1, 100, 50, 0, 0)`
    await sql`select private.ai_record_usage(${school.id}, 'gemini', 1, 10, 5, 1, 1)`
    await sql`select private.ai_record_usage(${school.id}, 'lessons', 1, 0, 0, 0, 0)`
    const rows = await sql`select provider, requests, tokens_in, tokens_out, failures, fallbacks
                           from public.ai_usage_daily where tenant_id = ${school.id} order by provider`
    expect(
      rows.map((r) => ({ ...r, tokens_in: Number(r.tokens_in), tokens_out: Number(r.tokens_out) })),
    ).toEqual([
      { provider: 'gemini', requests: 2, tokens_in: 110, tokens_out: 55, failures: 1, fallbacks: 1 },
      { provider: 'lessons', requests: 1, tokens_in: 0, tokens_out: 0, failures: 0, fallbacks: 0 },
    ])
    await sql`insert into public.ai_usage_daily (tenant_id, day, provider, tokens_in)
              values (${school.id}, (date_trunc('month', now() at time zone 'Africa/Nairobi') - interval '1 day')::date, 'gemini', 1000)`
    const [m] = await sql`select private.ai_month_tokens(${school.id}) as tokens`
    expect(Number(m?.tokens)).toBe(165)
  })
})

describe('circuit breaker', () => {
  const provider = () => crypto.randomUUID()
  const isOpen = async (p: string) => (await sql`select private.ai_breaker_is_open(${p}) as open`)[0]?.open
  const fail = async (p: string, cooldown = '1 hour') =>
    (await sql`select private.ai_breaker_failure(${p}, 3, ${cooldown}::interval) as opened`)[0]?.opened
  const succeed = (p: string) => sql`select private.ai_breaker_success(${p})`
  /** Ends the cool-down now, as if it had passed. */
  const coolDown = (p: string) =>
    sql`update private.ai_breakers set open_until = now() - interval '1 second' where provider_id = ${p}`

  it('opens at the threshold and stays open during the cool-down', async () => {
    const p = provider()
    expect(await isOpen(p)).toBe(false)
    expect(await fail(p)).toBe(false)
    expect(await fail(p)).toBe(false)
    expect(await isOpen(p)).toBe(false)
    expect(await fail(p)).toBe(true)
    expect(await isOpen(p)).toBe(true)
    // A call that was already running fails: the breaker stays open, not re-opened.
    expect(await fail(p)).toBe(false)
    expect(await isOpen(p)).toBe(true)
    expect(await isOpen(p)).toBe(true)
  })

  it('a success resets the count of consecutive failures', async () => {
    const p = provider()
    await fail(p)
    await fail(p)
    await succeed(p)
    expect(await fail(p)).toBe(false)
    expect(await fail(p)).toBe(false)
    expect(await isOpen(p)).toBe(false)
  })

  it('allows one trial after the cool-down: its failure re-opens at once, its success closes', async () => {
    const p = provider()
    for (let i = 0; i < 3; i++) await fail(p, '300 milliseconds')
    expect(await isOpen(p)).toBe(true)
    await new Promise((r) => setTimeout(r, 400))
    const checks = await Promise.all(Array.from({ length: 5 }, () => isOpen(p)))
    expect(checks.filter((open) => !open)).toHaveLength(1) // exactly one caller makes the trial
    expect(await fail(p)).toBe(true) // the trial failed: open again
    expect(await isOpen(p)).toBe(true)

    await coolDown(p)
    expect(await isOpen(p)).toBe(false) // the next trial
    expect(await isOpen(p)).toBe(true) // everyone else waits for it
    await succeed(p)
    expect(await isOpen(p)).toBe(false)
    expect(await isOpen(p)).toBe(false)
    const [row] = await sql`select failures, open_until from private.ai_breakers where provider_id = ${p}`
    expect(row).toEqual({ failures: 0, open_until: null })
  })
})

describe('answers', () => {
  it('streams an answer: begin, write, finish; only while streaming', async () => {
    const [m] = await sql`select private.ai_begin_answer(${ids.conv3}, 'lessons', null, 'general') as id`
    const id = m?.id as string
    const read = async () =>
      (
        await sql`select role, content, status, source, citations, tokens_in, tokens_out from public.ai_messages where id = ${id}`
      )[0]
    expect(await read()).toMatchObject({
      role: 'assistant',
      content: '',
      status: 'streaming',
      source: 'lessons',
    })
    await sql`select private.ai_write_answer(${id}, 'Plants use')`
    expect((await read())?.content).toBe('Plants use')
    const cites = [{ lesson_id: ids.l1, section_id: 'one' }]
    await sql`select private.ai_finish_answer(${id}, 'Plants use light.', 'done', ${sql.json(cites)}, 12, 34)`
    expect(await read()).toMatchObject({
      content: 'Plants use light.',
      status: 'done',
      citations: cites,
      tokens_in: 12,
      tokens_out: 34,
    })
    await sql`select private.ai_write_answer(${id}, 'late')`
    expect((await read())?.content).toBe('Plants use light.')
    await expect(sql`select private.ai_finish_answer(${id}, 'x', 'streaming', '[]', 0, 0)`).rejects.toThrow(
      /done or failed/,
    )
  })
})

describe('private.ai_flag_conversation', () => {
  it('flags once and tells the course editors and school admins, not the student or other staff', async () => {
    const { student, instructor, admin, owner, staff, peer, adminB } = w.users
    // teacher2 becomes a viewer of c1: viewers are not told, only editors.
    await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.c1}, ${teacher2.id}, 'viewer')`
    const [c] = await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title)
                          values (${w.a.id}, ${student.id}, ${ids.c1}, ${unique('flag')}) returning id`
    const [m1] =
      await sql`insert into public.ai_messages (conversation_id, content) values (${c?.id}, 'first') returning id`
    const [m2] =
      await sql`insert into public.ai_messages (conversation_id, content) values (${c?.id}, 'second') returning id`
    const link = `/t/${w.a.slug}/tutor/review/${c?.id}`
    const told = async () =>
      (
        await sql`select user_id, title, tenant_id from public.notifications where kind = 'tutor_flagged' and link = ${link}`
      )
        .map((r) => r.user_id as string)
        .sort()

    await sql`select private.ai_flag_conversation(${c?.id}, ${m1?.id}, 'self_harm')`
    const [after] = await sql`select flagged_at, flag_reason from public.ai_conversations where id = ${c?.id}`
    expect(after?.flagged_at).toBeInstanceOf(Date)
    expect(after?.flag_reason).toBe('self_harm')
    const expected = [instructor.id, admin.id, owner.id].sort()
    expect(await told()).toEqual(expected)
    for (const who of [student, staff, peer, teacher2, parent, adminB])
      expect(await told()).not.toContain(who.id)
    const [n] =
      await sql`select title, body, tenant_id from public.notifications where kind = 'tutor_flagged' and link = ${link} limit 1`
    expect(n?.title).toBe('A tutor conversation needs your attention')
    expect(n?.body).toContain('c1')
    expect(n?.body).not.toContain('first')
    expect(n?.tenant_id).toBe(w.a.id)
    const everyone = [...Object.values(w.users), teacher2, parent].map((u) => u.email)
    const mail = await sql`select to_email from private.outbox_emails
                           where subject like '%A tutor conversation needs your attention%' and to_email in ${sql(everyone)}`
    expect(mail.map((r) => r.to_email).sort()).toEqual([instructor.email, admin.email, owner.email].sort())

    // The instructor sees it in their bell (RLS), the student does not.
    const bell = (u: TestUser) =>
      withUser(
        sql,
        u.claims,
        (tx) => tx`select 1 from public.notifications where kind = 'tutor_flagged' and link = ${link}`,
      )
    expect(await bell(instructor)).toHaveLength(1)
    expect(await bell(student)).toHaveLength(0)

    // Flagged again: the flag time stays, the new reason and message are recorded, nobody is told twice.
    await sql`select private.ai_flag_conversation(${c?.id}, ${m2?.id}, 'danger')`
    const [again] = await sql`select flagged_at, flag_reason from public.ai_conversations where id = ${c?.id}`
    expect(again?.flagged_at).toEqual(after?.flagged_at)
    expect(again?.flag_reason).toBe('danger')
    expect(await told()).toEqual(expected)
    const flags =
      await sql`select id from public.ai_messages where conversation_id = ${c?.id} and flagged order by created_at`
    expect(flags.map((r) => r.id).sort()).toEqual([m1?.id, m2?.id].sort())

    await expect(sql`select private.ai_flag_conversation(${c?.id}, null, 'rude')`).rejects.toThrow(
      /Unknown flag reason/,
    )
  })

  it('without a course, tells only the school’s owners and admins', async () => {
    const [c] = await sql`insert into public.ai_conversations (tenant_id, student_id, title)
                          values (${w.a.id}, ${w.users.student.id}, 'x') returning id`
    await sql`select private.ai_flag_conversation(${c?.id}, null, 'abuse')`
    const rows = await sql`select user_id from public.notifications where kind = 'tutor_flagged'
                           and link = ${`/t/${w.a.slug}/tutor/review/${c?.id}`}`
    expect(rows.map((r) => r.user_id).sort()).toEqual([w.users.admin.id, w.users.owner.id].sort())
  })
})
