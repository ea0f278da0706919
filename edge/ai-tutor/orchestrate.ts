// Writes one answer: the safety reply, a provider's stream (down the chain with retries, backoff
// and the shared circuit breaker), or the answer from published lessons as the last step. The
// answer is stored as it goes (begin, a write at most every ~500 ms, finish) and streamed to
// whoever reads the run; it is completed and stored even when every reader has gone.
import type { Citation, StreamError, TaskClass, TutorLanguage, TutorMode } from '../contract/ai.ts'
import type { Logger } from '../lib/log.ts'
import { citationsOf, citedIn, KEEP_TO_LEARNING, lessonsAnswer, type Passage } from './prompt.ts'
import { type ChatTurn, modelFor, type ProviderConfig, ProviderError, streamProvider } from './providers.ts'
import type { AnswerRun } from './run.ts'
import type { Store } from './store.ts'

/** The ai_messages.content limit is 40,000 characters; an answer stops a little before. */
export const MAX_ANSWER_CHARS = 39_000

export interface Tuning {
  /** No first chunk within this time: a timeout (retried). */
  firstByteMs: number
  /** No chunk for this long mid-answer: a timeout. */
  idleMs: number
  /** Waits before the retries (their count is the number of retries). */
  retryDelaysMs: number[]
  /** Failures in a row that open a provider's breaker, and for how long (a Postgres interval). */
  breakerThreshold: number
  breakerCooldown: string
  /** The stored answer is written at most this often while it streams. */
  writeEveryMs: number
}

export const DEFAULT_TUNING: Tuning = {
  firstByteMs: 10_000,
  idleMs: 20_000,
  retryDelaysMs: [300, 900],
  breakerThreshold: 3,
  breakerCooldown: '60 seconds',
  writeEveryMs: 500,
}

export interface AnswerJob {
  run: AnswerRun
  store: Store
  log: Logger
  tuning: Tuning
  tenantId: string
  conversationId: string
  questionId: string
  taskClass: TaskClass
  language: TutorLanguage
  mode: TutorMode
  /** The message's id once begun (for the live registry). */
  onBegun(messageId: string): void
}

export type AnswerPlan =
  | { kind: 'safety'; reply: string; reason: string }
  | {
      kind: 'ask'
      /** Providers to try in order (breakers already open are left out and listed in `skipped`). */
      chain: ProviderConfig[]
      skipped: string[]
      system: string
      turns: ChatTurn[]
      passages: Passage[]
    }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Stores the answer as it grows: at most one write every `everyMs`, never two at once. */
class AnswerWriter {
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> | undefined
  private lastAt = 0
  private written = ''

  constructor(
    private store: Store,
    private id: string,
    private run: AnswerRun,
    private everyMs: number,
    private log: Logger,
  ) {}

  schedule() {
    if (this.timer || this.writing) return
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastAt + this.everyMs - Date.now()))
  }

  private flush() {
    this.timer = undefined
    const content = this.run.content
    if (content === this.written) return
    this.writing = this.store
      .write(this.id, content)
      .then(() => {
        this.written = content
      })
      .catch((error) => this.log.warn('could not store a partial answer', { message: this.id, error }))
      .finally(() => {
        this.writing = undefined
        this.lastAt = Date.now()
        if (this.run.content !== this.written && !this.run.finished) this.schedule()
      })
  }

  /** Stops the periodic writes (the final content goes with finish). */
  async stop() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.writing
  }
}

export async function produceAnswer(job: AnswerJob, plan: AnswerPlan): Promise<void> {
  const { run, store, log, tuning } = job
  let messageId: string | undefined
  let writer: AnswerWriter | undefined
  let begun: { source: string; provider: string | null } | undefined
  let beginPromise: Promise<string> | undefined
  let sourceFix: Promise<void> | undefined

  /** Starts storing the answer (ahead of the first chunk, so meta is not held up by it). */
  function startBegin(source: string, provider: string | null) {
    if (beginPromise) return
    begun = { source, provider }
    beginPromise = store.begin(job.conversationId, source, provider, job.taskClass)
    // Awaited in open(); until then a rejection must not count as unhandled.
    beginPromise.catch(() => {})
  }

  /** Meta, once: the answer's id, and its source now that it is known. */
  async function open(source: 'provider' | 'lessons' | 'safety', provider: string | null) {
    if (run.meta) return
    startBegin(source, provider)
    messageId = await beginPromise!
    if (begun && (begun.source !== source || begun.provider !== provider)) {
      sourceFix = store.setSource(messageId, source, provider)
    }
    job.onBegun(messageId)
    writer = new AnswerWriter(store, messageId, run, tuning.writeEveryMs, log)
    run.setMeta({
      conversation_id: job.conversationId,
      message_id: messageId,
      question_id: job.questionId,
      source,
      provider,
      task_class: job.taskClass,
      mode: job.mode,
      language: job.language,
    })
  }

  async function complete(
    status: 'done' | 'failed',
    citations: Citation[],
    usage: { tokensIn: number; tokensOut: number },
    error: StreamError | null,
    flagged = false,
  ) {
    await writer?.stop()
    await sourceFix
    if (messageId) {
      await store.finish(messageId, run.content, status, citations, usage.tokensIn, usage.tokensOut)
    }
    run.finish(citations, error, {
      status,
      flagged,
      usage: { tokens_in: usage.tokensIn, tokens_out: usage.tokensOut },
    })
  }

  try {
    if (plan.kind === 'safety') {
      await open('safety', null)
      run.append(plan.reply)
      await store.flag(job.conversationId, job.questionId, plan.reason)
      await store.recordUsage(job.tenantId, 'safety', { requests: 1 })
      await complete('done', [], { tokensIn: 0, tokensOut: 0 }, null, true)
      return
    }

    const allCitations = citationsOf(plan.passages)
    for (const label of plan.skipped) {
      log.info('provider skipped: its breaker is open', { provider: label })
      await store.recordUsage(job.tenantId, label, { fallbacks: 1 })
    }
    // Storing the answer starts while the first provider is asked (one round trip saved).
    if (plan.chain.length) startBegin('provider', plan.chain[0].label)

    for (const provider of plan.chain) {
      const outcome = await tryProvider(provider)
      if (outcome === 'answered') return
      if (outcome === 'failed-mid-answer') return
    }
    // Every provider failed, or none: the answer from published lessons.
    await open('lessons', null)
    const answer = lessonsAnswer(plan.passages, job.language)
    for (const part of answer.parts) run.append(part)
    await store.recordUsage(job.tenantId, 'lessons', { requests: 1 })
    await complete('done', answer.citations, { tokensIn: 0, tokensOut: 0 }, null)

    /** One provider with its retries: answered, failed before any text (next one), or failed mid-answer. */
    async function tryProvider(p: ProviderConfig): Promise<'answered' | 'next' | 'failed-mid-answer'> {
      if (plan.kind !== 'ask') return 'next'
      // After a cool-down one request makes the trial call; the others keep skipping it. Claimed
      // here, when the provider's turn comes, so a request answered earlier in the chain does not
      // use up the trial of a provider it never called.
      if (p.needsTrial && (await store.breakerIsOpen(p.id))) {
        log.info('provider skipped: another request makes its trial call', { provider: p.label })
        await store.recordUsage(job.tenantId, p.label, { fallbacks: 1 })
        return 'next'
      }
      const model = modelFor(p.models, job.taskClass)
      let attempts = 0
      let lastError: ProviderError | undefined
      for (let attempt = 0; attempt <= tuning.retryDelaysMs.length; attempt++) {
        if (attempt > 0) await sleep(tuning.retryDelaysMs[attempt - 1])
        attempts++
        const started = run.content.length
        const result = await streamOnce(p, model)
        if (result.ok) {
          const citations = citedIn(run.content, allCitations)
          await Promise.all([
            store.breakerSuccess(p.id),
            store.recordUsage(job.tenantId, p.label, {
              requests: attempts,
              tokensIn: result.tokensIn,
              tokensOut: result.tokensOut,
            }),
          ])
          await complete('done', citations, result, null)
          return 'answered'
        }
        lastError = result.error
        if (run.content.length > started) {
          // Text already reached the student: no other provider can continue it.
          log.warn('provider failed mid-answer', { provider: p.label, error: result.error.message })
          await Promise.all([
            store.breakerFailure(p.id, tuning.breakerThreshold, tuning.breakerCooldown),
            store.recordUsage(job.tenantId, p.label, { requests: attempts, failures: 1 }),
          ])
          await complete('failed', citedIn(run.content, allCitations), estimate(run.content), {
            code: 'ai_unavailable',
            message: 'The tutor stopped in the middle of this answer. Please ask again.',
          })
          return 'failed-mid-answer'
        }
        if (!result.error.retryable) break
      }
      const opened = await store.breakerFailure(p.id, tuning.breakerThreshold, tuning.breakerCooldown)
      await store.recordUsage(job.tenantId, p.label, { requests: attempts, failures: 1, fallbacks: 1 })
      log.warn('provider failed; falling back', {
        provider: p.label,
        attempts,
        status: lastError?.status,
        kind: lastError?.kind,
        error: lastError?.message,
        breakerOpened: opened,
      })
      return 'next'
    }

    /** One call: streams its text into the run; ok with usage, or the error. */
    async function streamOnce(
      p: ProviderConfig,
      model: string,
    ): Promise<{ ok: true; tokensIn: number; tokensOut: number } | { ok: false; error: ProviderError }> {
      if (plan.kind !== 'ask') throw new Error('unreachable')
      const ac = new AbortController()
      let timedOut = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const arm = (ms: number) => {
        if (timer) clearTimeout(timer)
        timer = setTimeout(() => {
          timedOut = true
          ac.abort()
        }, ms)
      }
      arm(tuning.firstByteMs)
      let usage: { tokensIn: number; tokensOut: number } | undefined
      const before = run.content.length
      try {
        for await (const piece of streamProvider(p, {
          model,
          system: plan.system,
          turns: plan.turns,
          signal: ac.signal,
        })) {
          arm(tuning.idleMs)
          if (piece.type === 'text') {
            if (!run.meta) await open('provider', p.label)
            const room = MAX_ANSWER_CHARS - run.content.length
            run.append(piece.text.slice(0, room))
            writer?.schedule()
            if (room <= piece.text.length) {
              ac.abort()
              break
            }
          } else if (piece.type === 'usage') {
            usage = { tokensIn: piece.tokensIn, tokensOut: piece.tokensOut }
          } else {
            // A safety block is a refusal, not a failure: a gentle word instead of another provider.
            log.info('provider refused (safety block)', { provider: p.label, reason: piece.reason })
            if (!run.meta) await open('provider', p.label)
            run.append(
              run.content.length ? `\n\n${KEEP_TO_LEARNING[job.language]}` : KEEP_TO_LEARNING[job.language],
            )
            break
          }
        }
        return {
          ok: true,
          tokensIn: usage?.tokensIn ?? estimateTokens(plan.system, plan.turns),
          tokensOut: usage?.tokensOut ?? Math.ceil((run.content.length - before) / 4),
        }
      } catch (error) {
        const e =
          timedOut || ac.signal.aborted
            ? new ProviderError('timeout', 'the provider did not answer in time')
            : error instanceof ProviderError
              ? error
              : new ProviderError('network', error instanceof Error ? error.message : String(error))
        return { ok: false, error: e }
      } finally {
        if (timer) clearTimeout(timer)
      }
    }
  } catch (error) {
    log.error('answer failed', { conversation: job.conversationId, message: messageId, error })
    try {
      await complete('failed', [], estimate(run.content), {
        code: 'ai_unavailable',
        message: 'The tutor could not finish this answer. Please ask again.',
      })
    } catch (inner) {
      log.error('could not store the failed answer', { message: messageId, error: inner })
      run.finish(
        [],
        { code: 'internal', message: 'Something went wrong on our side.' },
        {
          status: 'failed',
          flagged: false,
          usage: { tokens_in: 0, tokens_out: 0 },
        },
      )
    }
  }
}

/** Tokens estimated as characters / 4 when a provider reports no usage. */
const estimate = (text: string) => ({ tokensIn: 0, tokensOut: Math.ceil(text.length / 4) })
const estimateTokens = (system: string, turns: ChatTurn[]) =>
  Math.ceil((system.length + turns.reduce((n, t) => n + t.content.length, 0)) / 4)
