// The 'suggest' grading job against the real Postgres and the fake AI provider at the HTTP boundary:
// suggestions stored (typed text and the teacher's OCR correction both read), a made-up quote and an
// unknown criterion or level dropped, personal data kept from the provider, usage counted, a re-run
// replacing the set, BTEC criteria, and the clear endings (no rubric, no text, no provider, budget).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../edge/lib/log.ts'
import { aiKeysSecret, createSecretBox, lastFour } from '../../../edge/lib/secret-box.ts'
import { type FakeAiProvider, startFakeAiProvider } from '../../../test/support/fake-ai-provider.ts'
import { testDb, testEnv, unique } from '../../../test/support/fixtures.ts'
import { createSuggestHandler, STOP, SuggestStop } from './suggest.ts'
import { type GradingSchool, gradingSchool } from './testing.ts'
import { type GradingContext, type GradingHandler, type GradingJob, GradingStop } from './types.ts'

const sql = testDb(4)
let fake: FakeAiProvider
let env: Record<string, string>
let handler: GradingHandler
const TUNING = { firstByteMs: 2000, idleMs: 2000, retryDelaysMs: [5], breakerCooldown: '1 second' }

beforeAll(async () => {
  fake = await startFakeAiProvider()
  env = await testEnv()
  handler = createSuggestHandler({ env, tuning: TUNING })
})
afterAll(async () => {
  await fake?.close()
  await sql.end()
})

const POINTS = [
  { id: 'arg', title: 'Argument', levels: [lvl('weak', 0), lvl('fair', 5), lvl('strong', 10)] },
  { id: 'spell', title: 'Spelling', levels: [lvl('many', 0), lvl('few', 5)] },
  { id: 'struct', title: 'Structure', levels: [lvl('poor', 0), lvl('good', 5)] },
  { id: 'sources', title: 'Sources', levels: [lvl('none', 0), lvl('some', 5)] },
]
function lvl(id: string, points: number) {
  return { id, title: id, points }
}

const BODY =
  'My name is Amina Wanjiru, call me on 0712 345 678 or write to amina.w@example.com.\n' +
  'Markets help towns   grow because traders meet buyers every week.'

/** A school (gradingSchool) whose assignment has a rubric and whose submission has this text. */
async function setup(o: { btec?: boolean; body?: string; rubric?: boolean } = {}): Promise<GradingSchool> {
  const s = await gradingSchool(sql)
  await sql`update public.profiles set display_name = 'Amina Wanjiru' where id = ${s.student.id}`
  if (o.rubric !== false) {
    const criteria = o.btec
      ? [
          { id: 'p1', code: 'P1', description: 'Describe a market' },
          { id: 'm1', code: 'M1', description: 'Explain its effect on the town' },
        ]
      : POINTS
    const [r] = await sql`insert into public.rubrics (tenant_id, kind, title, criteria)
      values (${s.tenant}, ${o.btec ? 'btec' : 'points'}, 'Essay', ${sql.json(criteria)}) returning id`
    await sql`update public.assignments set rubric_id = ${r?.id},
      instructions = 'Write about the market in your town.' where id = ${s.assignment}`
  }
  await sql`update public.assignment_submissions set body = ${o.body ?? BODY} where id = ${s.submission}`
  return s
}

/** A provider of the school answering with `answer` (as 3 chunks); returns its API key. */
async function provider(s: GradingSchool, answer: string | null, kind: 'gemini' | 'openai' = 'gemini') {
  const box = await createSecretBox(aiKeysSecret(env as never))
  const key = unique('key-')
  await sql`insert into private.ai_providers (tenant_id, position, kind, label, base_url, models, api_key_sealed, key_last4)
    values (${s.tenant}, 0, ${kind}, ${`Fake ${kind}`}, ${kind === 'gemini' ? fake.url : fake.openaiUrl},
            ${sql.json({ general: `${kind}-general`, reasoning: `${kind}-reasoning` })},
            ${Buffer.from(await box.seal(key))}, ${lastFour(key)})`
  if (answer !== null) {
    const third = Math.ceil(answer.length / 3)
    fake.script(key, {
      kind: 'stream',
      chunks: [answer.slice(0, third), answer.slice(third, 2 * third), answer.slice(2 * third)],
    })
  }
  return key
}

function job(s: GradingSchool): GradingJob {
  return {
    id: randomUUID(),
    kind: 'suggest',
    tenantId: s.tenant,
    courseId: s.course,
    assignmentId: s.assignment,
    submissionId: s.submission,
    attempt: 1,
  }
}

function context(progress: number[] = []): GradingContext {
  return {
    sql,
    log: silentLogger,
    progress: async (p) => {
      progress.push(p)
    },
    signal: new AbortController().signal,
  }
}

const stored = (submission: string) =>
  sql<
    {
      criterion_id: string
      level_id: string | null
      achieved: boolean | null
      quote: string
      provider: string
      model: string
      user_id: string
      course_id: string
    }[]
  >`
    select criterion_id, level_id, achieved, justification, quote, provider, model, user_id, course_id
    from public.grade_suggestions where submission_id = ${submission} order by criterion_id`

const fenced = (suggestions: object[]) => `\`\`\`json\n${JSON.stringify({ suggestions })}\n\`\`\``

describe('suggest: a points rubric', () => {
  let s: GradingSchool
  let key: string
  const progress: number[] = []

  beforeAll(async () => {
    s = await setup()
    // A scanned page: the OCR text and the teacher's correction (the correction is what counts).
    await sql`insert into public.submission_texts (submission_id, assignment_id, course_id, tenant_id, path,
        object_version, text, corrected_text)
      values (${s.submission}, ${s.assignment}, ${s.course}, ${s.tenant}, 'assignment-files/x/page1.jpg', 'v1',
              'The markit opens on Saterday.', 'The market opens on Saturday morning.')`
    key = await provider(
      s,
      fenced([
        {
          criterion_id: 'arg',
          level_id: 'strong',
          justification: 'States why markets matter.',
          quote: '“traders meet buyers every week”',
        },
        {
          criterion_id: 'spell',
          level_id: 'perfect',
          justification: 'No errors.',
          quote: 'Markets help towns',
        },
        {
          criterion_id: 'struct',
          level_id: 'good',
          justification: 'Gives the day.',
          quote: 'The market opens on Saturday morning.',
        },
        {
          criterion_id: 'sources',
          level_id: 'some',
          justification: 'Cites the census.',
          quote: 'According to the 2019 census, markets double incomes.',
        },
        { criterion_id: 'style', level_id: 'good', justification: 'Nice.', quote: 'Markets help towns' },
        {
          criterion_id: 'arg',
          level_id: 'weak',
          justification: 'Second opinion.',
          quote: 'Markets help towns',
        },
        { criterion_id: 'arg' },
      ]),
    )
    await handler(job(s), context(progress))
  })

  it('stores the suggestions that hold up, with the provider and model', async () => {
    const rows = await stored(s.submission)
    expect(rows.map((r) => [r.criterion_id, r.level_id, r.achieved, r.quote])).toEqual([
      ['arg', 'strong', null, 'traders meet buyers every week'],
      ['struct', 'good', null, 'The market opens on Saturday morning.'],
    ])
    expect(rows[0]).toMatchObject({
      provider: 'Fake gemini',
      model: 'gemini-reasoning',
      user_id: s.student.id,
      course_id: s.course,
    })
    expect(progress.at(-1)).toBe(100)
  })

  it('drops a made-up quote, an unknown level, an unknown criterion and a second suggestion for a criterion', async () => {
    const criteria = (await stored(s.submission)).map((r) => r.criterion_id)
    expect(criteria).not.toContain('sources')
    expect(criteria).not.toContain('spell')
    expect(criteria).not.toContain('style')
    expect(criteria.filter((c) => c === 'arg')).toHaveLength(1)
  })

  it('sends no personal data to the provider, and the corrected OCR text instead of the raw one', () => {
    const [call] = fake.callsFor(key)
    expect(call?.model).toBe('gemini-reasoning')
    const sent = call?.text ?? ''
    expect(sent).toContain('traders meet buyers')
    expect(sent).toContain('Write about the market in your town.')
    expect(sent).toContain('"criterion_id":"arg"')
    for (const personal of ['Amina', 'Wanjiru', '0712 345 678', 'amina.w@example.com', s.student.id]) {
      expect(sent).not.toContain(personal)
    }
    expect(sent).toContain('[name]')
    expect(sent).toContain('[phone]')
    expect(sent).toContain('[email]')
    expect(sent).toContain('The market opens on Saturday morning.')
    expect(sent).not.toContain('Saterday')
  })

  it("counts the call in the school's AI usage and closes the provider's breaker", async () => {
    const [u] = await sql`select sum(requests)::int as requests, sum(tokens_in + tokens_out)::int as tokens
      from public.ai_usage_daily where tenant_id = ${s.tenant} and provider = 'Fake gemini'`
    expect(u).toEqual({ requests: 1, tokens: expect.any(Number) })
    expect(u?.tokens).toBeGreaterThan(0)
  })

  it('a second run replaces the set', async () => {
    fake.script(key, {
      kind: 'stream',
      chunks: [
        JSON.stringify({
          suggestions: [
            { criterion_id: 'spell', level_id: 'few', justification: 'A slip.', quote: 'towns grow' },
          ],
        }),
      ],
    })
    await handler(job(s), context())
    expect((await stored(s.submission)).map((r) => [r.criterion_id, r.level_id, r.quote])).toEqual([
      ['spell', 'few', 'towns grow'],
    ])
  })
})

describe('suggest: a BTEC rubric', () => {
  it('stores achieved or not per criterion; one without an outcome is dropped', async () => {
    const s = await setup({ btec: true })
    await provider(
      s,
      JSON.stringify({
        suggestions: [
          {
            criterion_id: 'p1',
            achieved: true,
            justification: 'Describes one.',
            quote: 'Markets help towns grow',
          },
          { criterion_id: 'm1', justification: 'Unsure.', quote: 'traders meet buyers' },
        ],
      }),
      'openai',
    )
    await handler(job(s), context())
    expect((await stored(s.submission)).map((r) => [r.criterion_id, r.level_id, r.achieved])).toEqual([
      ['p1', null, true],
    ])
  })
})

describe('suggest: clear endings', () => {
  const stops = async (s: GradingSchool, message: string) => {
    const error = await handler(job(s), context()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(SuggestStop)
    expect(error).toBeInstanceOf(GradingStop)
    expect(error).toMatchObject({ message })
    expect(await stored(s.submission)).toEqual([])
  }

  it('no provider and no platform key: the job stops with a message saying what to do', async () => {
    await stops(await setup(), STOP.noProvider)
  })

  it("the school's AI budget used up: stops, and the provider is not called", async () => {
    const s = await setup()
    const key = await provider(s, fenced([]))
    await sql`insert into private.ai_settings (tenant_id, monthly_token_budget) values (${s.tenant}, 0)`
    await stops(s, STOP.budget)
    expect(fake.callsFor(key)).toEqual([])
  })

  it('an assignment without a rubric, or a submission without text', async () => {
    await stops(await setup({ rubric: false }), STOP.noRubric)
    await stops(await setup({ body: '   ' }), STOP.noText)
  })

  it('a failing provider: the job throws to be retried, the failure counted and no suggestions stored', async () => {
    const s = await setup()
    const key = await provider(s, null)
    fake.script(key, { kind: 'status', status: 503 })
    const error = await handler(job(s), context()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(SuggestStop)
    expect(fake.callsFor(key)).toHaveLength(2)
    const [u] =
      await sql`select sum(failures)::int as failures from public.ai_usage_daily where tenant_id = ${s.tenant}`
    expect(u?.failures).toBe(1)
    expect(await stored(s.submission)).toEqual([])
  })

  it('an answer that is not the JSON asked for: retried later, nothing stored', async () => {
    const s = await setup()
    await provider(s, 'I think the essay is good.')
    await expect(handler(job(s), context())).rejects.toThrow(/could not be read/)
  })

  it('a submission of another school (or deleted): nothing to do', async () => {
    const s = await setup()
    const other = await setup()
    await handler({ ...job(s), tenantId: other.tenant }, context())
    expect(await stored(s.submission)).toEqual([])
  })
})
