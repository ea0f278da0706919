// Writes one answer: the safety reply, a provider's stream (down the chain with retries, backoff
// and the shared circuit breaker), or the answer from published lessons as the last step. The
// answer is stored as it goes (begin, a write at most every ~500 ms, finish) and streamed to
// whoever reads the run; it is completed and stored even when every reader has gone.
import type { Citation, StreamError, TaskClass, TutorLanguage, TutorMode } from '../contract/ai.ts'
import {
  type CallResult,
  type ChainTuning,
  callProvider,
  DEFAULT_CHAIN_TUNING,
  providerTurn,
  recordSkipped,
} from '../lib/ai-chain.ts'
import { type ChatTurn, modelFor, type ProviderConfig } from '../lib/ai-providers.ts'
import type { Logger } from '../lib/log.ts'
import { citationsOf, citedIn, KEEP_TO_LEARNING, lessonsAnswer, type Passage } from './prompt.ts'
import type { AnswerRun } from './run.ts'
import type { Store } from './store.ts'

/** The ai_messages.content limit is 40,000 characters; an answer stops a little before. */
export const MAX_ANSWER_CHARS = 39_000

export interface Tuning extends ChainTuning {
  /** The stored answer is written at most this often while it streams. */
  writeEveryMs: number
}

export const DEFAULT_TUNING: Tuning = { ...DEFAULT_CHAIN_TUNING, writeEveryMs: 500 }

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
    const turnDeps = { store, log, tuning, tenantId: job.tenantId }
    await recordSkipped(turnDeps, plan.skipped)
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

    /** One provider with the chain's rules: answered, failed before any text (next one), or failed mid-answer. */
    async function tryProvider(p: ProviderConfig): Promise<'answered' | 'next' | 'failed-mid-answer'> {
      if (plan.kind !== 'ask') return 'next'
      const model = modelFor(p.models, job.taskClass)
      const turn = await providerTurn(turnDeps, p, async () => {
        const started = run.content.length
        const result = await streamOnce(p, model)
        // Text already reached the student: no other provider can continue it.
        return result.ok ? result : { ...result, partial: run.content.length > started }
      })
      if (turn.outcome === 'answered') {
        await complete('done', citedIn(run.content, allCitations), turn, null)
        return 'answered'
      }
      if (turn.outcome === 'partial') {
        await complete('failed', citedIn(run.content, allCitations), estimate(run.content), {
          code: 'ai_unavailable',
          message: 'The tutor stopped in the middle of this answer. Please ask again.',
        })
        return 'failed-mid-answer'
      }
      return 'next'
    }

    /** One call: streams its text into the run; ok with usage, or the error. */
    function streamOnce(p: ProviderConfig, model: string): Promise<CallResult> {
      if (plan.kind !== 'ask') throw new Error('unreachable')
      const before = run.content.length
      return callProvider(
        p,
        { model, system: plan.system, turns: plan.turns },
        tuning,
        async (piece) => {
          if (piece.type === 'text') {
            if (!run.meta) await open('provider', p.label)
            const room = MAX_ANSWER_CHARS - run.content.length
            run.append(piece.text.slice(0, room))
            writer?.schedule()
            return room <= piece.text.length ? 'stop' : undefined
          }
          // A safety block is a refusal, not a failure: a gentle word instead of another provider.
          log.info('provider refused (safety block)', { provider: p.label, reason: piece.reason })
          if (!run.meta) await open('provider', p.label)
          run.append(
            run.content.length ? `\n\n${KEEP_TO_LEARNING[job.language]}` : KEEP_TO_LEARNING[job.language],
          )
          return 'stop'
        },
        () => ({
          tokensIn: estimateTokens(plan.system, plan.turns),
          tokensOut: Math.ceil((run.content.length - before) / 4),
        }),
      )
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
