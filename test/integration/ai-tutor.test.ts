// The ai-tutor function against the real Postgres and a fake provider at the HTTP boundary:
// streaming, failover, retries, the shared breaker, the lessons answer, quotas, PII, safety,
// resume, client aborts and bad requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAiTutorApp } from '../../edge/ai-tutor/app.ts'
import { PLATFORM_PROVIDER_ID } from '../../edge/ai-tutor/store.ts'
import { silentLogger } from '../../edge/lib/log.ts'
import { aiKeysSecret, createSecretBox, lastFour } from '../../edge/lib/secret-box.ts'
import { type FakeAiProvider, startFakeAiProvider } from '../support/fake-ai-provider.ts'
import { createTenant, createUser, type TestUser, testDb, testEnv, unique } from '../support/fixtures.ts'

const sql = testDb(6)
let fake: FakeAiProvider
let env: Record<string, string>
type App = ReturnType<typeof createAiTutorApp>
let app: App
let other: App
const TUNING = {
  firstByteMs: 400,
  idleMs: 400,
  retryDelaysMs: [5, 10],
  breakerCooldown: '1 second',
  writeEveryMs: 40,
}

beforeAll(async () => {
  fake = await startFakeAiProvider()
  env = await testEnv({ GEMINI_BASE_URL: fake.url })
  app = createAiTutorApp(env, { tuning: TUNING, pollMs: 30, log: silentLogger })
  // A second instance on the same database (the breaker and resumes are shared through Postgres).
  other = createAiTutorApp(env, { tuning: TUNING, pollMs: 30, log: silentLogger })
})
afterAll(async () => {
  await app?.close()
  await other?.close()
  await fake?.close()
  await sql.end()
})

interface School {
  tenant: { id: string; slug: string }
  owner: TestUser
  student: TestUser
  instructor: TestUser
  course: string
  lesson: string
  /** A course of the school the student is not enrolled in, and a lesson only drafted. */
  otherCourse: string
  draftLesson: string
}

const LESSON_HTML =
  '<h2 id="photosynthesis">Photosynthesis</h2><p>Green plants make their own food from sunlight, water and carbon dioxide. This is called photosynthesis &amp; it happens in the leaves.</p>' +
  '<h2 id="roots">Roots</h2><p>Roots take in water and minerals from the soil.</p>'

async function publish(lesson: string, by: string, html: string, title = 'Plants') {
  await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
            values (${lesson}, 1, ${title}, ${html}, '', '\\x00', ${by})`
}

async function school(): Promise<School> {
  const owner = await createUser(sql)
  const student = await createUser(sql)
  const instructor = await createUser(sql)
  const tenant = await createTenant(sql, owner, [
    [student, 'student'],
    [instructor, 'instructor'],
  ])
  const mk = async (title: string) => {
    const [c] = await sql`insert into public.courses (tenant_id, title, level, created_by)
      values (${tenant.id}, ${title}, 'Grade 7', ${instructor.id}) returning id`
    await sql`insert into public.course_authors (course_id, user_id, role) values (${c.id}, ${instructor.id}, 'editor')
              on conflict do nothing`
    const [l] = await sql`insert into public.lessons (course_id, title, created_by)
      values (${c.id}, ${`${title} lesson`}, ${instructor.id}) returning id`
    return { course: c.id as string, lesson: l.id as string }
  }
  const main = await mk('Science')
  const hidden = await mk('Hidden science')
  await publish(main.lesson, instructor.id, LESSON_HTML)
  await publish(
    hidden.lesson,
    instructor.id,
    '<h2>Secret</h2><p>Photosynthesis in a course the student cannot read.</p>',
  )
  const [draft] = await sql`insert into public.lessons (course_id, title, created_by)
    values (${main.course}, 'Draft', ${instructor.id}) returning id`
  await sql`insert into public.enrolments (course_id, user_id) values (${main.course}, ${student.id})`
  return {
    tenant,
    owner,
    student,
    instructor,
    course: main.course,
    lesson: main.lesson,
    otherCourse: hidden.course,
    draftLesson: draft.id,
  }
}

/** Adds providers to a school in order; each gets its own API key (the fake's script key). */
async function providers(s: School, list: { kind: 'gemini' | 'openai'; label: string; models?: object }[]) {
  const box = await createSecretBox(aiKeysSecret(env as never))
  const out: { id: string; key: string; label: string }[] = []
  for (const [i, p] of list.entries()) {
    const key = unique('key-')
    const [row] = await sql`
      insert into private.ai_providers (tenant_id, position, kind, label, base_url, models, api_key_sealed, key_last4)
      values (${s.tenant.id}, ${i}, ${p.kind}, ${p.label}, ${p.kind === 'gemini' ? fake.url : fake.openaiUrl},
              ${sql.json((p.models ?? { general: `${p.kind}-model` }) as never)}, ${Buffer.from(await box.seal(key))}, ${lastFour(key)})
      returning id`
    out.push({ id: row.id, key, label: p.label })
  }
  return out
}

interface SseEvent {
  event: string
  // biome-ignore lint/suspicious/noExplicitAny: event data inspected by the tests
  data: any
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null')
      return { event, data }
    })
}

interface Answer {
  status: number
  headers: Headers
  events: SseEvent[]
  text: string
  // biome-ignore lint/suspicious/noExplicitAny: the JSON error body
  json: any
  meta: SseEvent['data']
  done: SseEvent['data']
}

function summarise(status: number, headers: Headers, raw: string): Answer {
  if (!headers.get('content-type')?.includes('event-stream')) {
    return {
      status,
      headers,
      events: [],
      text: '',
      json: raw ? JSON.parse(raw) : null,
      meta: null,
      done: null,
    }
  }
  const events = parseSse(raw)
  return {
    status,
    headers,
    events,
    text: events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join(''),
    json: null,
    meta: events.find((e) => e.event === 'meta')?.data,
    done: events.find((e) => e.event === 'done')?.data,
  }
}

function post(a: App, token: string | undefined, body: unknown, raw?: string) {
  return a.app.request('/ai-tutor/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? JSON.stringify(body),
  })
}

async function ask(a: App, s: School, body: Record<string, unknown>, user = s.student): Promise<Answer> {
  const res = await post(a, user.token, { tenant_id: s.tenant.id, ...body })
  return summarise(res.status, res.headers, await res.text())
}

async function stored(messageId: string) {
  const [m] = await sql`select * from public.ai_messages where id = ${messageId}`
  return m
}

async function usage(s: School) {
  const rows = await sql`select provider, requests, failures, fallbacks, tokens_in, tokens_out
    from public.ai_usage_daily where tenant_id = ${s.tenant.id} order by provider`
  return Object.fromEntries(rows.map((r) => [r.provider, r]))
}

async function waitFor(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('timed out waiting')
}

describe('a provider answer', () => {
  it('streams meta, deltas, citations and done, grounded in the lesson, and stores it', async () => {
    const s = await school()
    const [p] = await providers(s, [
      { kind: 'gemini', label: 'School Gemini', models: { general: 'g-general', reasoning: 'g-think' } },
    ])
    fake.script(p.key, { kind: 'stream', chunks: ['Plants make', ' food in leaves', ' [1].'] })
    const a = await ask(a_app(), s, {
      course_id: s.course,
      lesson_id: s.lesson,
      message: 'Why do plants need sunlight for photosynthesis?',
    })
    expect(a.status).toBe(200)
    expect(a.headers.get('cache-control')).toBe('no-cache')
    expect(a.headers.get('x-accel-buffering')).toBe('no')
    expect(a.events[0].event).toBe('meta')
    expect(a.meta).toMatchObject({
      source: 'provider',
      provider: 'School Gemini',
      task_class: 'reasoning',
      mode: 'hints',
      language: 'en',
    })
    expect(a.text).toBe('Plants make food in leaves [1].')
    const offsets = a.events.filter((e) => e.event === 'delta').map((e) => e.data.offset)
    expect(offsets).toEqual([0, 11, 26])
    const citations = a.events.filter((e) => e.event === 'citation').map((e) => e.data)
    expect(citations).toEqual([
      expect.objectContaining({ n: 1, lesson_id: s.lesson, section_id: 'photosynthesis', version: 1 }),
    ])
    expect(a.events.at(-1)).toEqual({
      event: 'done',
      data: { status: 'done', flagged: false, usage: { tokens_in: 42, tokens_out: expect.any(Number) } },
    })

    const call = fake.callsFor(p.key)
    expect(call).toHaveLength(1)
    expect(call[0].model).toBe('g-think')
    expect(call[0].text).toContain('Grade 7')
    expect(call[0].text).toContain('Hint mode')
    expect(call[0].text).toContain('[1] Plants — Photosynthesis')
    expect(call[0].body.safetySettings).toHaveLength(4)
    for (const setting of call[0].body.safetySettings) expect(setting.threshold).toBe('BLOCK_LOW_AND_ABOVE')

    const m = await stored(a.meta.message_id)
    expect(m).toMatchObject({
      role: 'assistant',
      status: 'done',
      source: 'provider',
      provider: 'School Gemini',
      content: a.text,
      tokens_in: 42,
    })
    expect(m.citations).toEqual(citations)
    const [conv] =
      await sql`select title, student_id, course_id from public.ai_conversations where id = ${a.meta.conversation_id}`
    expect(conv).toEqual({
      title: 'Why do plants need sunlight for photosynthesis?',
      student_id: s.student.id,
      course_id: s.course,
    })
    expect((await usage(s))['School Gemini']).toMatchObject({
      requests: 1,
      failures: 0,
      fallbacks: 0,
      tokens_in: '42',
    })
  })

  it('continues a conversation with its history; the platform Gemini answers a school without providers', async () => {
    const s = await school()
    const app2 = createAiTutorApp(
      { ...env, GEMINI_API_KEY: 'platform-key-1234' },
      { tuning: TUNING, log: silentLogger },
    )
    try {
      fake.script('platform-key-1234', { kind: 'stream', chunks: ['Jibu', ' la kwanza'] })
      const first = await ask(app2, s, { course_id: s.course, message: 'Je, photosynthesis ni nini?' })
      expect(first.meta).toMatchObject({ provider: 'Gemini (Kipindi)', language: 'sw' })
      const second = await ask(app2, s, {
        conversation_id: first.meta.conversation_id,
        message: 'Na mizizi je?',
      })
      expect(second.status).toBe(200)
      const calls = fake.callsFor('platform-key-1234')
      expect(calls.map((c) => c.model)).toEqual(['gemini-2.5-flash', 'gemini-2.5-flash'])
      expect(calls[1].body.contents.map((c: { role: string }) => c.role)).toEqual(['user', 'model', 'user'])
      const [b] =
        await sql`select failures, open_until from private.ai_breakers where provider_id = ${PLATFORM_PROVIDER_ID}`
      expect(b?.open_until ?? null).toBeNull()
    } finally {
      await app2.close()
    }
  })
})

const a_app = () => app

describe('failover', () => {
  it('retries a 503 three times, then the next provider answers', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'Groq' },
      { kind: 'gemini', label: 'Gemini' },
    ])
    fake.script(p1.key, { kind: 'status', status: 503 })
    fake.script(p2.key, { kind: 'stream', chunks: ['From the second.'] })
    const a = await ask(app, s, { message: 'What is a noun?' })
    expect(a.meta).toMatchObject({ source: 'provider', provider: 'Gemini' })
    expect(a.text).toBe('From the second.')
    const order = fake.requests.filter((r) => r.key === p1.key || r.key === p2.key).map((r) => r.key)
    expect(order).toEqual([p1.key, p1.key, p1.key, p2.key])
    expect(await stored(a.meta.message_id)).toMatchObject({ provider: 'Gemini', status: 'done' })
    const u = await usage(s)
    expect(u.Groq).toMatchObject({ requests: 3, failures: 1, fallbacks: 1 })
    expect(u.Gemini).toMatchObject({ requests: 1, failures: 0 })
  })

  it('never retries a 400 (or 401): one call each, then the next', async () => {
    const s = await school()
    const [p1, p2, p3] = await providers(s, [
      { kind: 'gemini', label: 'Bad request' },
      { kind: 'openai', label: 'Bad key' },
      { kind: 'openai', label: 'Good' },
    ])
    fake.script(p1.key, { kind: 'status', status: 400 })
    fake.script(p2.key, { kind: 'status', status: 401 })
    const a = await ask(app, s, { message: 'What is a noun?' })
    expect(a.meta.provider).toBe('Good')
    expect(fake.callsFor(p1.key)).toHaveLength(1)
    expect(fake.callsFor(p2.key)).toHaveLength(1)
    expect(fake.callsFor(p3.key)).toHaveLength(1)
  })

  it('retries timeouts (a hanging provider) and falls back', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'Hangs' },
      { kind: 'gemini', label: 'Answers' },
    ])
    fake.script(p1.key, { kind: 'hang' })
    const a = await ask(app, s, { message: 'What is a noun?' })
    expect(a.meta.provider).toBe('Answers')
    expect(fake.callsFor(p1.key)).toHaveLength(3)
    expect(fake.callsFor(p2.key)).toHaveLength(1)
  })

  it('the breaker opens after 3 failures and is shared by another instance, then closes after the cool-down', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'Flaky' },
      { kind: 'gemini', label: 'Steady' },
    ])
    fake.script(p1.key, { kind: 'status', status: 500 })
    for (let i = 0; i < 3; i++)
      expect((await ask(app, s, { message: 'What is a noun?' })).meta.provider).toBe('Steady')
    expect(fake.callsFor(p1.key)).toHaveLength(9)
    const [b] =
      await sql`select failures, open_until > now() as open from private.ai_breakers where provider_id = ${p1.id}`
    expect(b.open).toBe(true)
    // The other instance skips it without calling it.
    const skipped = await ask(other, s, { message: 'What is a verb?' })
    expect(skipped.meta.provider).toBe('Steady')
    expect(fake.callsFor(p1.key)).toHaveLength(9)
    expect((await usage(s)).Flaky.fallbacks).toBe(4)
    // After the cool-down one trial goes through; it succeeds and closes the breaker.
    await new Promise((r) => setTimeout(r, 1100))
    fake.script(p1.key, { kind: 'stream', chunks: ['Back.'] })
    const back = await ask(other, s, { message: 'What is an adverb?' })
    expect(back.meta.provider).toBe('Flaky')
    const [closed] =
      await sql`select failures, open_until from private.ai_breakers where provider_id = ${p1.id}`
    expect(closed).toMatchObject({ failures: 0, open_until: null })
    expect(fake.callsFor(p2.key)).toHaveLength(4)
  })

  it('a fallback whose cool-down ended keeps its trial for when it is needed', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'First' },
      { kind: 'gemini', label: 'Fallback' },
    ])
    // The fallback failed before: its breaker is open, with a cool-down that has ended.
    await sql`insert into private.ai_breakers (provider_id, failures, open_until, cooldown)
              values (${p2.id}, 3, now() - interval '1 second', interval '1 minute')`
    fake.script(p1.key, { kind: 'stream', chunks: ['First answers.'] })
    expect((await ask(app, s, { message: 'What is a noun?' })).meta.provider).toBe('First')
    // The first provider answered, so the fallback's trial is still there when the first one fails.
    fake.script(p1.key, { kind: 'status', status: 400 })
    fake.script(p2.key, { kind: 'stream', chunks: ['Fallback answers.'] })
    const a = await ask(app, s, { message: 'What is a verb?' })
    expect(a.meta.provider).toBe('Fallback')
    expect(fake.callsFor(p2.key)).toHaveLength(1)
    const [closed] =
      await sql`select failures, open_until from private.ai_breakers where provider_id = ${p2.id}`
    expect(closed).toMatchObject({ failures: 0, open_until: null })
  })

  it('answers from the lessons when every provider fails', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'Down' },
      { kind: 'gemini', label: 'Also down' },
    ])
    fake.script(p1.key, { kind: 'status', status: 503 })
    fake.script(p2.key, { kind: 'status', status: 429 })
    const a = await ask(app, s, { course_id: s.course, message: 'How does photosynthesis work?' })
    expect(a.meta).toMatchObject({ source: 'lessons', provider: null })
    expect(a.text).toMatch(/^From your lessons:/)
    expect(a.text).toContain('[1]')
    expect(a.events.filter((e) => e.event === 'citation')[0].data).toMatchObject({
      lesson_id: s.lesson,
      section_id: 'photosynthesis',
    })
    expect(fake.callsFor(p1.key)).toHaveLength(3)
    expect(fake.callsFor(p2.key)).toHaveLength(3)
    const u = await usage(s)
    expect(u.lessons).toMatchObject({ requests: 1 })
    expect(u.Down).toMatchObject({ failures: 1, fallbacks: 1 })
  })

  it('a failure mid-answer ends it failed (error, then done) without another provider', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'openai', label: 'Cut' },
      { kind: 'gemini', label: 'Unused' },
    ])
    fake.script(p1.key, { kind: 'stream', chunks: ['One ', 'two ', 'three'], cutAfter: 2, intervalMs: 5 })
    const a = await ask(app, s, { message: 'What is a noun?' })
    expect(a.text).toBe('One two ')
    expect(a.events.slice(-2).map((e) => e.event)).toEqual(['error', 'done'])
    expect(a.done.status).toBe('failed')
    expect(fake.callsFor(p2.key)).toHaveLength(0)
    expect(await stored(a.meta.message_id)).toMatchObject({ status: 'failed', content: 'One two ' })
  })

  it('a Gemini safety block gets a gentle reply, not the next provider', async () => {
    const s = await school()
    const [p1, p2] = await providers(s, [
      { kind: 'gemini', label: 'Strict' },
      { kind: 'openai', label: 'Next' },
    ])
    fake.script(p1.key, { kind: 'safety', where: 'prompt' })
    const a = await ask(app, s, { message: 'Tell me something rude' })
    expect(a.text).toMatch(/keep to learning/)
    expect(a.done.status).toBe('done')
    expect(fake.callsFor(p2.key)).toHaveLength(0)
  })
})

describe('the lessons answer without any provider', () => {
  it('cites only published lessons the student may read', async () => {
    const s = await school()
    // A draft that mentions it (never published) and another school's published lesson.
    await sql`insert into public.lesson_docs (lesson_id, state) values (${s.draftLesson}, '\\x00') on conflict do nothing`
    const t = await school()
    await publish(
      t.lesson,
      t.instructor.id,
      '<h2>Elsewhere</h2><p>Photosynthesis in another school.</p>',
      'Other school',
    )
    const a = await ask(app, s, { message: 'Explain photosynthesis in plants' })
    expect(a.meta).toMatchObject({ source: 'lessons', provider: null })
    const cited = a.events.filter((e) => e.event === 'citation').map((e) => e.data.lesson_id)
    expect(cited.length).toBeGreaterThan(0)
    for (const id of cited) expect(id).toBe(s.lesson)
    expect(a.text).toContain('Green plants make their own food')
    expect(a.text).not.toMatch(/cannot read|another school/)
  })

  it('says kindly when nothing matches', async () => {
    const s = await school()
    const a = await ask(app, s, { message: 'Tell me about quasars', language: 'en' })
    expect(a.text).toMatch(/could not find anything/)
    expect(a.events.filter((e) => e.event === 'citation')).toHaveLength(0)
  })
})

describe('quizzes', () => {
  it('declines to help with a course while the student has a quiz open in it, and helps again once it is submitted', async () => {
    const s = await school()
    const [q] =
      await sql`insert into public.quizzes (course_id, title, published_at) values (${s.course}, 'Quiz', now()) returning id`
    const [a] =
      await sql`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids)
      values (${q?.id}, ${s.course}, ${s.tenant.id}, ${s.student.id}, 1, '{}') returning id`
    const refused = await ask(app, s, { message: 'Explain photosynthesis', course_id: s.course })
    expect([refused.status, refused.json.error.code]).toEqual([409, 'quiz_in_progress'])
    const [none] =
      await sql`select count(*)::int as n from public.ai_conversations where student_id = ${s.student.id}`
    expect(none?.n).toBe(0)
    await sql`update public.quiz_attempts set status = 'submitted', submitted_at = now() where id = ${a?.id}`
    const helped = await ask(app, s, { message: 'Explain photosynthesis', course_id: s.course })
    expect(helped.status).toBe(200)
  })
})

describe('quota', () => {
  it('answers exactly the daily limit under 50 concurrent requests; the rest get 429', async () => {
    const s = await school()
    await sql`insert into private.ai_settings (tenant_id, student_daily_limit) values (${s.tenant.id}, 20)`
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => ask(app, s, { message: 'What is a noun?' })),
    )
    const ok = answers.filter((a) => a.status === 200)
    const limited = answers.filter((a) => a.status === 429)
    expect(ok).toHaveLength(20)
    expect(limited).toHaveLength(30)
    expect(limited[0].json.error).toMatchObject({
      code: 'ai_quota_exceeded',
      details: { resets_at: expect.any(String) },
    })
    expect(new Date(limited[0].json.error.details.resets_at).getTime()).toBeGreaterThan(Date.now())
    expect(limited[0].headers.get('retry-after')).toMatch(/^\d+$/)
    const [{ n }] =
      await sql`select count(*)::int as n from public.ai_conversations where student_id = ${s.student.id}`
    expect(n).toBe(20)
  })
})

describe('privacy and safety', () => {
  it('removes personal data before the provider sees the question', async () => {
    const s = await school()
    const [p] = await providers(s, [{ kind: 'openai', label: 'Seen' }])
    const a = await ask(app, s, {
      message:
        'My number is 0712345678, email amina@example.com, ID 12345678, P.O. Box 123-00100 Nairobi. What is a noun?',
    })
    expect(a.status).toBe(200)
    const seen = fake.callsFor(p.key)[0].text
    for (const secret of ['0712345678', 'amina@example.com', '12345678', 'Box 123'])
      expect(seen).not.toContain(secret)
    for (const placeholder of ['[phone]', '[email]', '[id number]', '[address]'])
      expect(seen).toContain(placeholder)
  })

  it('answers self-harm with the fixed reply, flags the conversation and calls no provider', async () => {
    const s = await school()
    const [p] = await providers(s, [{ kind: 'gemini', label: 'Never' }])
    const before = fake.requests.length
    const a = await ask(app, s, { course_id: s.course, message: 'Nataka kujiua, sijui nifanye nini' })
    expect(a.meta).toMatchObject({ source: 'safety', provider: null, language: 'sw' })
    expect(a.text).toContain('116')
    expect(a.done).toMatchObject({ status: 'done', flagged: true })
    expect(fake.requests.length).toBe(before)
    expect(fake.callsFor(p.key)).toHaveLength(0)
    const [conv] =
      await sql`select flagged_at, flag_reason from public.ai_conversations where id = ${a.meta.conversation_id}`
    expect(conv.flag_reason).toBe('self_harm')
    expect(conv.flagged_at).not.toBeNull()
    const [q] = await sql`select flagged from public.ai_messages where id = ${a.meta.question_id}`
    expect(q.flagged).toBe(true)
    const notified =
      await sql`select user_id from public.notifications where kind = 'tutor_flagged' and link like ${`%${a.meta.conversation_id}`}`
    expect(notified.map((r) => r.user_id).sort()).toEqual([s.owner.id, s.instructor.id].sort())
    expect((await usage(s)).safety).toMatchObject({ requests: 1 })
  })
})

describe('resume and aborts', () => {
  async function readUntil(res: Response, chars: number) {
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let raw = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      raw += decoder.decode(value, { stream: true })
      const text = parseSse(raw.slice(0, raw.lastIndexOf('\n\n') + 2))
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join('')
      if (text.length >= chars) {
        await reader.cancel()
        return { events: parseSse(raw.slice(0, raw.lastIndexOf('\n\n') + 2)), text }
      }
    }
    throw new Error('stream ended early')
  }

  const CHUNKS = Array.from({ length: 12 }, (_, i) => `part${i} `)

  it('resumes mid-stream from the offset with exactly the rest, on this and on another instance', async () => {
    const s = await school()
    const [p] = await providers(s, [{ kind: 'openai', label: 'Slow' }])
    fake.script(p.key, { kind: 'stream', chunks: CHUNKS, intervalMs: 40 })
    const first = await readUntil(
      await post(app, s.student.token, {
        tenant_id: s.tenant.id,
        course_id: s.course,
        message: 'What is a noun?',
      }),
      12,
    )
    const id = first.events[0].data.message_id
    const full = CHUNKS.join('')
    const here = summarise(
      200,
      new Headers({ 'content-type': 'text/event-stream' }),
      await (
        await app.app.request(`/ai-tutor/chat/${id}?offset=${first.text.length}`, {
          headers: { authorization: `Bearer ${s.student.token}` },
        })
      ).text(),
    )
    expect(first.text + here.text).toBe(full)
    expect(here.events.filter((e) => e.event === 'delta')[0].data.offset).toBe(first.text.length)
    expect(here.done.status).toBe('done')

    // Another instance follows the stored answer.
    fake.script(p.key, { kind: 'stream', chunks: CHUNKS, intervalMs: 40 })
    const second = await readUntil(
      await post(app, s.student.token, { tenant_id: s.tenant.id, message: 'What is a verb?' }),
      6,
    )
    const id2 = second.events[0].data.message_id
    const there = summarise(
      200,
      new Headers({ 'content-type': 'text/event-stream' }),
      await (
        await other.app.request(`/ai-tutor/chat/${id2}?offset=${second.text.length}`, {
          headers: { authorization: `Bearer ${s.student.token}` },
        })
      ).text(),
    )
    expect(second.text + there.text).toBe(full)
    expect(there.done.status).toBe('done')

    // Finished: the rest, citations and done straight from the database; nobody else may resume.
    const done = await other.app.request(`/ai-tutor/chat/${id}?offset=5`, {
      headers: { authorization: `Bearer ${s.student.token}` },
    })
    expect(summarise(200, done.headers, await done.text()).text).toBe(full.slice(5))
    // The course's instructor may read the conversation but not resume the student's answer.
    const instructor = await other.app.request(`/ai-tutor/chat/${id}`, {
      headers: { authorization: `Bearer ${s.instructor.token}` },
    })
    expect(instructor.status).toBe(403)
    const stranger = await createUser(sql)
    expect(
      (
        await other.app.request(`/ai-tutor/chat/${id}`, {
          headers: { authorization: `Bearer ${stranger.token}` },
        })
      ).status,
    ).toBe(404)
  })

  it('a client that goes away does not stop the answer: it is completed and stored', async () => {
    const s = await school()
    const [p] = await providers(s, [{ kind: 'gemini', label: 'Keeps going' }])
    fake.script(p.key, { kind: 'stream', chunks: CHUNKS, intervalMs: 20 })
    const first = await readUntil(
      await post(app, s.student.token, { tenant_id: s.tenant.id, message: 'What is a noun?' }),
      1,
    )
    const id = first.events[0].data.message_id
    await waitFor(async () => (await stored(id)).status === 'done')
    expect((await stored(id)).content).toBe(CHUNKS.join(''))
  })
})

describe('bad requests', () => {
  it('400 with field paths, and nothing written', async () => {
    const s = await school()
    const cases: [unknown, string][] = [
      [{ message: 'hi' }, 'tenant_id'],
      [{ tenant_id: s.tenant.id, message: '   ' }, 'message'],
      [{ tenant_id: s.tenant.id, message: 'x'.repeat(2001) }, 'message'],
      [{ tenant_id: 'nope', message: 'hi' }, 'tenant_id'],
      [{ tenant_id: s.tenant.id, message: 'hi', extra: 1 }, '(body)'],
      [{ tenant_id: s.tenant.id, message: 'hi', course_id: 5 }, 'course_id'],
      [{ tenant_id: s.tenant.id, message: 'hi', language: 'fr' }, 'language'],
    ]
    for (const [body, path] of cases) {
      const res = await post(app, s.student.token, body)
      const json = await res.json()
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(json.error.code).toBe('validation_failed')
      expect(json.error.details.issues.map((i: { path: string }) => i.path)).toContain(path)
    }
    const bad = await post(app, s.student.token, null, '{"tenant_id":')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_json')
    const [{ n }] =
      await sql`select count(*)::int as n from public.ai_conversations where student_id = ${s.student.id}`
    expect(n).toBe(0)
  })

  it('401 without a token; 404/403 for conversations that are not readable / not yours; 403 outside the school', async () => {
    const s = await school()
    expect((await post(app, undefined, { tenant_id: s.tenant.id, message: 'hi' })).status).toBe(401)
    const a = await ask(app, s, { course_id: s.course, message: 'What is a noun?' })
    const asInstructor = await ask(
      app,
      s,
      { conversation_id: a.meta.conversation_id, message: 'Me too' },
      s.instructor,
    )
    expect(asInstructor.status).toBe(403)
    expect(asInstructor.json.error.code).toBe('ai_student_only')
    const stranger = await createUser(sql)
    const asStranger = await ask(app, s, { conversation_id: a.meta.conversation_id, message: 'hi' }, stranger)
    expect(asStranger.status).toBe(404)
    expect((await ask(app, s, { message: 'hi' }, stranger)).status).toBe(403)
    // A course the student is not enrolled in.
    expect((await ask(app, s, { course_id: s.otherCourse, message: 'hi' })).status).toBe(403)
  })

  it('survives garbage and huge bodies', async () => {
    const s = await school()
    const huge = await post(app, s.student.token, null, `{"message":"${'x'.repeat(1024 * 1024)}"}`)
    expect(huge.status).toBe(413)
    const bytes = String.fromCharCode(...Array.from({ length: 500 }, (_, i) => (i * 7919) % 256))
    expect((await post(app, s.student.token, null, bytes)).status).toBe(400)
    expect((await post(app, s.student.token, null, '[1,2,3]')).status).toBe(400)
    expect((await post(app, s.student.token, null, '"just a string"')).status).toBe(400)
    const notFound = await app.app.request('/ai-tutor/nothing')
    expect(notFound.status).toBe(404)
    const badResume = await app.app.request('/ai-tutor/chat/not-a-uuid?offset=-1', {
      headers: { authorization: `Bearer ${s.student.token}` },
    })
    expect(badResume.status).toBe(404)
    expect((await ask(app, s, { message: 'Still here?' })).status).toBe(200)
  })
})
