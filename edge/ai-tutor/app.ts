import { Hono } from 'hono'
import {
  ChatBody,
  ResumeQuery,
  type StreamMeta,
  type TaskClass,
  type TutorLanguage,
  type TutorMode,
} from '../contract/ai.ts'
import { providerChain } from '../lib/ai-chain.ts'
import { scrubPii } from '../lib/ai-pii.ts'
import type { ChatTurn } from '../lib/ai-providers.ts'
import { invalidToken, requireUser, type UserEnv } from '../lib/auth-middleware.ts'
import { createDb, type Sql, withUser, withUserRead } from '../lib/db.ts'
import { EdgeEnv, issuerOf, parseEnv } from '../lib/env.ts'
import { ApiError, errorBody, handleError, validationError } from '../lib/errors.ts'
import { apiSecurityHeaders, corsFromAllowList, limitBody, readJson } from '../lib/http.ts'
import { createVerifier, TokenError } from '../lib/jwt.ts'
import { createLogger, type Logger } from '../lib/log.ts'
import { aiKeysSecret, createSecretBox, type SecretBox } from '../lib/secret-box.ts'
import { classify, detectLanguage } from './classify.ts'
import { type AnswerPlan, DEFAULT_TUNING, produceAnswer, type Tuning } from './orchestrate.ts'
import { type Passage, systemPrompt, titleFrom } from './prompt.ts'
import { AnswerRun, SSE_HEADERS, sseBody } from './run.ts'
import { checkSafety, SAFETY_REPLY } from './safety.ts'
import { createStore, type Store, type TenantAi } from './store.ts'

/** A question is at most 2,000 characters; 16 KiB leaves room for JSON escapes and the ids. */
const MAX_BODY_BYTES = 16 * 1024
/** Earlier messages of the conversation sent with a question. */
const HISTORY = 8
/** A reader following an answer another instance writes polls it this often… */
const POLL_MS = 300
/** …and gives up when it has not changed for this long (that instance is gone). */
const STALE_MS = 60_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface AiTutorOptions {
  tuning?: Partial<Tuning>
  pollMs?: number
  log?: Logger
}

/** A token that fails verification is a 401 with the usual message; every other error as it is. */
function ownErrors(err: Error): Error {
  return err instanceof TokenError ? invalidToken('Your session has ended. Sign in again.') : err
}

const notFound = () =>
  new ApiError(404, 'ai_conversation_not_found', 'This conversation does not exist or you cannot read it.')
const notYours = () =>
  new ApiError(403, 'ai_student_only', 'Only the student who started this conversation can continue it.')

/** Hosted edge runtimes end a worker once its response is done unless told to wait for more work. */
function keepAlive(work: Promise<unknown>) {
  const rt = (globalThis as { EdgeRuntime?: { waitUntil?(p: Promise<unknown>): void } }).EdgeRuntime
  rt?.waitUntil?.(work)
}

/**
 * The `ai-tutor` edge function (Supabase serves it at /functions/v1/ai-tutor): `POST /ai-tutor/chat`
 * streams an answer as server-sent events, `GET /ai-tutor/chat/{message_id}?offset=N` resumes one.
 * The caller is checked under RLS (withUser) before anything else; answers are stored on the
 * function's own connection through the private.ai_* functions.
 */
export function createAiTutorApp(source: Record<string, string | undefined>, opts: AiTutorOptions = {}) {
  const env = parseEnv(EdgeEnv, source)
  const log = opts.log ?? createLogger('ai-tutor')
  const tuning: Tuning = { ...DEFAULT_TUNING, ...opts.tuning }
  const pollMs = opts.pollMs ?? POLL_MS
  // Two pools: user transactions hold one connection while they take the quota on the other, so
  // neither can wait on itself.
  const sql = createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE })
  const priv = createDb(env.SUPABASE_DB_URL, {
    max: Math.max(2, Math.ceil(env.DB_POOL_MAX / 2)),
    prepare: env.DB_PREPARE,
  })
  const store = createStore(priv)
  const verifier = createVerifier({
    issuer: issuerOf(env.SUPABASE_URL),
    jwks: env.SUPABASE_JWKS ? JSON.parse(env.SUPABASE_JWKS) : undefined,
    hsSecret: env.SUPABASE_JWT_SECRET,
  })
  let box: Promise<SecretBox> | undefined
  const secretBox = () => {
    box ??= createSecretBox(aiKeysSecret(env))
    return box
  }

  /** Answers being written by this instance, by message id. */
  const live = new Map<string, AnswerRun>()
  const working = new Set<Promise<void>>()

  /** The providers to try in order, with their keys opened; open breakers skipped. */
  const chainOf = (ai: TenantAi) =>
    providerChain(ai, { apiKey: env.GEMINI_API_KEY, baseUrl: env.GEMINI_BASE_URL }, secretBox, log)

  function start(run: AnswerRun, job: Parameters<typeof produceAnswer>[0], plan: AnswerPlan) {
    const work = produceAnswer(job, plan)
      .catch((error) => log.error('answer crashed', { error }))
      .finally(() => {
        working.delete(work)
        // Resumes after this read the stored answer.
        if (run.meta) live.delete(run.meta.message_id)
      })
    working.add(work)
    keepAlive(work)
  }

  const app = new Hono<UserEnv>()
  app.use('*', apiSecurityHeaders())
  app.use('*', corsFromAllowList(env.CORS_ORIGINS))
  const auth = requireUser(verifier)

  app.post('/ai-tutor/chat', limitBody(MAX_BODY_BYTES), auth, async (c) => {
    const claims = c.get('claims')
    const body = await readJson(c, ChatBody)
    const safety = checkSafety(body.message)
    const language = detectLanguage(body.message, body.language)
    const { taskClass, rule } = classify(body.message)
    // The school's settings are read meanwhile (privileged; nothing reaches the caller unless the
    // RLS checks below pass).
    const tenantAi = safety ? undefined : store.tenantAi(body.tenant_id)
    tenantAi?.catch(() => {})

    const asked = await withUser(sql, claims, async (tx) => {
      let conv: { id: string; course_id: string | null; lesson_id: string | null }
      if (body.conversation_id) {
        const [row] = await tx<
          {
            id: string
            tenant_id: string
            student_id: string
            course_id: string | null
            lesson_id: string | null
          }[]
        >`select id, tenant_id, student_id, course_id, lesson_id from public.ai_conversations
          where id = ${body.conversation_id}`
        if (!row || row.tenant_id !== body.tenant_id) throw notFound()
        if (row.student_id !== claims.sub) throw notYours()
        conv = row
      } else {
        // RLS decides: a member of the school, enrolled in (or a reader of) the course.
        const [row] = await tx<{ id: string; course_id: string | null; lesson_id: string | null }[]>`
          insert into public.ai_conversations (tenant_id, course_id, lesson_id, title)
          values (${body.tenant_id}, coalesce(${body.course_id ?? null}::uuid,
                  (select course_id from public.lessons where id = ${body.lesson_id ?? null}::uuid)),
                  ${body.lesson_id ?? null}, ${titleFrom(body.message)})
          returning id, course_id, lesson_id`
        conv = row
      }
      const none = Promise.resolve([] as never[])
      const history =
        body.conversation_id && !safety
          ? tx<ChatTurn[]>`select role, content from public.ai_messages
            where conversation_id = ${conv.id} and content <> '' and status <> 'failed'
            order by created_at desc limit ${HISTORY}`
          : none
      const course =
        conv.course_id && !safety
          ? tx<{ title: string; level: string; mode: TutorMode }[]>`
              select c.title, c.level, coalesce(s.mode, 'hints') as mode
              from public.courses c left join public.course_tutor_settings s on s.course_id = c.id
              where c.id = ${conv.course_id}`
          : none
      // Grounding under RLS as the student: only published lessons they may read.
      const passages = safety
        ? none
        : tx<Passage[]>`select lesson_id, course_id, version, lesson_title, section_id, heading, body, rank
            from public.search_lesson_passages(${body.message}, ${conv.course_id}, ${conv.lesson_id}, 5)`
      const question = tx<{ id: string }[]>`
        insert into public.ai_messages (conversation_id, content)
        values (${conv.id}, ${body.message}) returning id`
      const quota = tenantAi
        ? tenantAi.then((ai) => store.takeQuota(body.tenant_id, claims.sub, ai.dailyLimit))
        : undefined
      // While the student has a quiz open in this course, the tutor does not help with the course.
      const quiz =
        conv.course_id && !safety
          ? tx<{ open: boolean }[]>`select exists (select 1 from public.quiz_attempts a
              where a.course_id = ${conv.course_id} and a.user_id = ${claims.sub} and a.status = 'in_progress'
                and (a.deadline_at is null or now() <= a.deadline_at + interval '30 seconds')) as open`
          : none
      const [h, [co], p, [q], qu, [qz]] = await Promise.all([
        history,
        course,
        passages,
        question,
        quota,
        quiz,
      ])
      if (qz?.open) {
        throw new ApiError(
          409,
          'quiz_in_progress',
          'You have a quiz open in this course: the tutor will help again once you submit it.',
        )
      }
      if (qu && !qu.allowed) {
        const resetsAt = new Date(qu.resets_at)
        const seconds = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000))
        throw new ApiError(
          429,
          'ai_quota_exceeded',
          `You have asked all of today's questions (${qu.used}). You can ask again after midnight.`,
          { resets_at: resetsAt.toISOString(), used: qu.used },
          { 'Retry-After': String(seconds) },
        )
      }
      return { conv, history: h.reverse(), course: co, passages: p, questionId: q.id }
    })

    const mode: TutorMode = asked.course?.mode ?? 'hints'
    const run = new AnswerRun()
    const job = {
      run,
      store,
      log,
      tuning,
      tenantId: body.tenant_id,
      conversationId: asked.conv.id,
      questionId: asked.questionId,
      taskClass: taskClass as TaskClass,
      language,
      mode,
      onBegun: (id: string) => live.set(id, run),
    }
    let plan: AnswerPlan
    if (safety) {
      log.warn('safety reply; conversation flagged', { conversation: asked.conv.id, reason: safety.reason })
      plan = { kind: 'safety', reply: SAFETY_REPLY[language], reason: safety.reason }
    } else {
      const { chain, skipped } = await chainOf(await tenantAi!)
      // Personal data never reaches a provider: the question and the history are scrubbed.
      const turns: ChatTurn[] = [
        ...asked.history.map((t) => ({ role: t.role, content: scrubPii(t.content).text })),
        { role: 'user', content: scrubPii(body.message).text },
      ]
      plan = {
        kind: 'ask',
        chain,
        skipped,
        passages: asked.passages,
        turns,
        system: systemPrompt({
          language,
          mode,
          level: asked.course?.level ?? '',
          courseTitle: asked.course?.title,
          passages: asked.passages,
        }),
      }
      log.info('question', {
        conversation: asked.conv.id,
        class: taskClass,
        rule,
        language,
        providers: chain.map((p) => p.label),
      })
    }
    start(run, job, plan)
    return new Response(sseBody(run, 0), { status: 200, headers: SSE_HEADERS })
  })

  app.get('/ai-tutor/chat/:id', auth, async (c) => {
    const claims = c.get('claims')
    const id = c.req.param('id')
    if (!UUID.test(id)) throw notFound()
    const query = ResumeQuery.safeParse({ offset: c.req.query('offset') })
    if (!query.success) throw validationError(query.error)
    const offset = query.data.offset
    const [[row]] = await withUserRead(sql, claims, (tx) => [
      tx<ResumeRow[]>`
        select m.id, m.conversation_id, m.content, m.status, m.source, m.provider, m.task_class,
               m.citations, m.flagged, m.tokens_in, m.tokens_out, c.student_id,
               coalesce((select s.mode from public.course_tutor_settings s where s.course_id = c.course_id), 'hints') as mode,
               q.id as question_id, coalesce(q.content, '') as question
        from public.ai_messages m
        join public.ai_conversations c on c.id = m.conversation_id
        left join lateral (
          select id, content from public.ai_messages u
          where u.conversation_id = m.conversation_id and u.role = 'user' and u.created_at <= m.created_at
          order by u.created_at desc limit 1
        ) q on true
        where m.id = ${id} and m.role = 'assistant'`,
    ])
    if (!row) throw notFound()
    if (row.student_id !== claims.sub) throw notYours()
    const running = live.get(id)
    if (running) return new Response(sseBody(running, offset), { status: 200, headers: SSE_HEADERS })
    const run = storedRun(row)
    if (row.status === 'streaming') follow(run, id)
    return new Response(sseBody(run, offset), { status: 200, headers: SSE_HEADERS })
  })

  /** The stored answer as a run: finished, or (still streaming elsewhere) to be followed. */
  function storedRun(row: ResumeRow): AnswerRun {
    const run = new AnswerRun()
    const language: TutorLanguage = detectLanguage(row.question)
    const meta: StreamMeta = {
      conversation_id: row.conversation_id,
      message_id: row.id,
      question_id: row.question_id ?? row.id,
      source: row.source ?? 'provider',
      provider: row.provider,
      task_class: row.task_class ?? 'general',
      mode: row.mode,
      language,
    }
    run.setMeta(meta)
    run.append(row.content)
    if (row.status !== 'streaming') {
      run.finish(row.citations ?? [], row.status === 'failed' ? interrupted() : null, {
        status: row.status,
        flagged: row.flagged,
        usage: { tokens_in: row.tokens_in, tokens_out: row.tokens_out },
      })
    }
    return run
  }

  /** Follows an answer another instance is writing by polling the stored one until it is finished. */
  function follow(run: AnswerRun, id: string) {
    let changedAt = Date.now()
    const timer = setInterval(async () => {
      if (run.finished) return clearInterval(timer)
      try {
        const row = await store.answer(id)
        if (!row) return clearInterval(timer)
        if (row.content.length > run.content.length) {
          run.append(row.content.slice(run.content.length))
          changedAt = Date.now()
        }
        if (row.status !== 'streaming') {
          clearInterval(timer)
          run.finish(row.citations ?? [], row.status === 'failed' ? interrupted() : null, {
            status: row.status,
            flagged: row.flagged,
            usage: { tokens_in: row.tokens_in, tokens_out: row.tokens_out },
          })
        } else if (Date.now() - changedAt > STALE_MS || run.readers === 0) {
          clearInterval(timer)
          run.finish(run.citations, interrupted(), {
            status: 'failed',
            flagged: row.flagged,
            usage: { tokens_in: 0, tokens_out: 0 },
          })
        }
      } catch (error) {
        log.warn('could not follow an answer', { message: id, error })
      }
    }, pollMs)
  }

  app.notFound((c) =>
    c.json(
      errorBody(
        'not_found',
        `No route for ${c.req.method} ${c.req.path.slice(0, 200)}; the tutor answers POST /ai-tutor/chat.`,
      ),
      404,
    ),
  )
  app.onError((err, c) => handleError(ownErrors(err), c))

  return {
    app,
    /** Waits (up to 10 s) for the answers being written, then closes the pools. */
    async close() {
      await Promise.race([Promise.allSettled([...working]), new Promise((r) => setTimeout(r, 10_000))])
      await Promise.all([sql.end({ timeout: 5 }), priv.end({ timeout: 5 })])
    },
  }
}

const interrupted = () => ({
  code: 'ai_unavailable',
  message: 'This answer was cut off. Please ask again.',
})

interface ResumeRow {
  id: string
  conversation_id: string
  content: string
  status: 'streaming' | 'done' | 'failed'
  source: 'provider' | 'lessons' | 'safety' | null
  provider: string | null
  task_class: TaskClass | null
  citations: import('../contract/ai.ts').Citation[]
  flagged: boolean
  tokens_in: number
  tokens_out: number
  student_id: string
  mode: TutorMode
  question_id: string | null
  question: string
}

export type { Sql, Store }
