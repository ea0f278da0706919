// A school's provider chain, shared by the tutor's streamed answers (edge/ai-tutor, Deno) and the
// background work that asks the same providers (grade suggestions, realtime/jobs/grading, Node):
// which providers to try in order with their keys opened, one call with the chain's timeouts, and one
// provider's turn with its rules (the trial after a cool-down, retries on 429/5xx/timeouts/network
// errors only, the shared breaker, usage counted in the school's AI budget).
import type { ProviderKind, ProviderModels, TaskClass } from '../contract/ai.ts'
import { AI_DEFAULTS } from '../contract/ai-values.ts'
import {
  modelFor,
  type Piece,
  type ProviderConfig,
  ProviderError,
  type ProviderRequest,
  streamProvider,
} from './ai-providers.ts'
import type { Sql } from './db.ts'
import type { Logger } from './log.ts'
import type { SecretBox } from './secret-box.ts'

/** The platform's own Gemini (GEMINI_API_KEY), used when a school has no enabled provider. */
export const PLATFORM_PROVIDER_ID = '00000000-0000-0000-0000-00000000a1a1'
export const PLATFORM_MODEL = 'gemini-2.5-flash'

export interface ProviderRow {
  id: string
  kind: ProviderKind
  label: string
  base_url: string | null
  models: ProviderModels
  api_key_sealed: Uint8Array
  /** Its breaker is open: skipped. */
  open: boolean
  /** Its breaker's cool-down is over: the next call is the one trial (claimed with breakerIsOpen). */
  needs_trial: boolean
}

export interface TenantAi {
  budget: number
  dailyLimit: number
  monthTokens: number
  providers: ProviderRow[]
  platformOpen: boolean
  platformNeedsTrial: boolean
}

/** The school's AI settings, usage and breakers (private.ai_* functions), on a privileged connection. */
export function chainStore(sql: Sql) {
  return {
    /** Budget, daily limit, this month's tokens, the enabled providers in order and their breakers. */
    async tenantAi(tenant: string): Promise<TenantAi> {
      const [[settings], providers] = await Promise.all([
        sql<
          {
            budget: string | null
            daily_limit: number | null
            month_tokens: string
            platform_open: boolean
            platform_needs_trial: boolean
          }[]
        >`
          select private.ai_monthly_budget(${tenant}::uuid) as budget, s.student_daily_limit as daily_limit,
                 private.ai_month_tokens(${tenant}::uuid) as month_tokens,
                 coalesce(b.open_until > now(), false) as platform_open,
                 coalesce(b.open_until <= now(), false) as platform_needs_trial
          from (select 1) one
          left join private.ai_settings s on s.tenant_id = ${tenant}::uuid
          left join private.ai_breakers b on b.provider_id = ${PLATFORM_PROVIDER_ID}::uuid`,
        sql<ProviderRow[]>`
          select p.id, p.kind, p.label, p.base_url, p.models, p.api_key_sealed,
                 coalesce(b.open_until > now(), false) as open,
                 coalesce(b.open_until <= now(), false) as needs_trial
          from private.ai_providers p
          left join private.ai_breakers b on b.provider_id = p.id
          where p.tenant_id = ${tenant}::uuid and p.enabled
          order by p.position, p.created_at`,
      ])
      return {
        budget: settings?.budget == null ? AI_DEFAULTS.monthly_token_budget : Number(settings.budget),
        dailyLimit: settings?.daily_limit ?? AI_DEFAULTS.student_daily_limit,
        monthTokens: Number(settings?.month_tokens ?? 0),
        providers,
        platformOpen: settings?.platform_open ?? false,
        platformNeedsTrial: settings?.platform_needs_trial ?? false,
      }
    },

    async recordUsage(
      tenant: string,
      provider: string,
      u: { requests?: number; tokensIn?: number; tokensOut?: number; failures?: number; fallbacks?: number },
    ) {
      await sql`select private.ai_record_usage(${tenant}::uuid, ${provider}, ${u.requests ?? 0}::int,
        ${u.tokensIn ?? 0}::bigint, ${u.tokensOut ?? 0}::bigint, ${u.failures ?? 0}::int, ${u.fallbacks ?? 0}::int)`
    },

    async breakerFailure(provider: string, threshold: number, cooldown: string): Promise<boolean> {
      const [row] = await sql<{ opened: boolean }[]>`
        select private.ai_breaker_failure(${provider}::uuid, ${threshold}::int, ${cooldown}::interval) as opened`
      return row?.opened ?? false
    },

    /** Claims the one trial call after a cool-down: false for the caller who may make it. */
    async breakerIsOpen(provider: string): Promise<boolean> {
      const [row] = await sql<
        { open: boolean }[]
      >`select private.ai_breaker_is_open(${provider}::uuid) as open`
      return row?.open ?? false
    },

    async breakerSuccess(provider: string) {
      await sql`select private.ai_breaker_success(${provider}::uuid)`
    },
  }
}
export type ChainStore = ReturnType<typeof chainStore>

/** The label of the platform's own Gemini (GEMINI_API_KEY) in usage and on answers. */
export const PLATFORM_LABEL = 'Gemini (Kipindi)'

/** The platform's own Gemini, used when a school has no enabled provider. */
export interface PlatformGemini {
  apiKey?: string
  baseUrl?: string
}

export interface ChainTuning {
  /** No first chunk within this time: a timeout (retried). */
  firstByteMs: number
  /** No chunk for this long mid-answer: a timeout. */
  idleMs: number
  /** Waits before the retries (their count is the number of retries). */
  retryDelaysMs: number[]
  /** Failures in a row that open a provider's breaker, and for how long (a Postgres interval). */
  breakerThreshold: number
  breakerCooldown: string
}

export const DEFAULT_CHAIN_TUNING: ChainTuning = {
  firstByteMs: 10_000,
  idleMs: 20_000,
  retryDelaysMs: [300, 900],
  breakerThreshold: 3,
  breakerCooldown: '60 seconds',
}

/** True when this month's tokens have reached the school's budget: no provider is asked. */
export const budgetReached = (ai: TenantAi) => ai.monthTokens >= ai.budget

/** The providers to try in order, with their keys opened; those whose breaker is open are skipped. */
export async function providerChain(
  ai: TenantAi,
  platform: PlatformGemini,
  secretBox: () => Promise<SecretBox>,
  log: Logger,
): Promise<{ chain: ProviderConfig[]; skipped: string[] }> {
  const chain: ProviderConfig[] = []
  const skipped: string[] = []
  if (budgetReached(ai)) return { chain, skipped }
  if (!ai.providers.length) {
    if (!platform.apiKey) return { chain, skipped }
    if (ai.platformOpen) skipped.push(PLATFORM_LABEL)
    else
      chain.push({
        id: PLATFORM_PROVIDER_ID,
        kind: 'gemini',
        label: PLATFORM_LABEL,
        baseUrl: platform.baseUrl ?? null,
        models: { general: PLATFORM_MODEL },
        apiKey: platform.apiKey,
        needsTrial: ai.platformNeedsTrial,
      })
    return { chain, skipped }
  }
  for (const p of ai.providers) {
    if (p.open) {
      skipped.push(p.label)
      continue
    }
    let apiKey: string
    try {
      apiKey = await (await secretBox()).open(new Uint8Array(p.api_key_sealed))
    } catch (error) {
      log.error('cannot open a provider key (was AI_KEYS_SECRET changed?)', { provider: p.id, error })
      continue
    }
    chain.push({
      id: p.id,
      kind: p.kind,
      label: p.label,
      baseUrl: p.base_url,
      models: p.models,
      apiKey,
      needsTrial: p.needs_trial,
    })
  }
  return { chain, skipped }
}

export type CallResult =
  | { ok: true; tokensIn: number; tokensOut: number }
  | {
      ok: false
      error: ProviderError /** Some of the answer was already used: no retry, no fallback. */
      partial?: boolean
    }

/**
 * One call to `p` with the chain's timeouts (first chunk, then between chunks): each piece goes to
 * `onPiece`, which returns 'stop' to end the call early. Usage as the provider reports it, else
 * estimated (characters / 4) by `estimate`.
 */
export async function callProvider(
  p: ProviderConfig,
  req: Omit<ProviderRequest, 'signal'>,
  tuning: Pick<ChainTuning, 'firstByteMs' | 'idleMs'>,
  onPiece: (piece: Exclude<Piece, { type: 'usage' }>) => Promise<'stop' | undefined> | 'stop' | undefined,
  estimate: () => { tokensIn: number; tokensOut: number },
): Promise<CallResult> {
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
  try {
    for await (const piece of streamProvider(p, { ...req, signal: ac.signal })) {
      arm(tuning.idleMs)
      if (piece.type === 'usage') {
        usage = { tokensIn: piece.tokensIn, tokensOut: piece.tokensOut }
        continue
      }
      if ((await onPiece(piece)) === 'stop') {
        ac.abort()
        break
      }
    }
    const guess = estimate()
    return {
      ok: true,
      tokensIn: usage?.tokensIn ?? guess.tokensIn,
      tokensOut: usage?.tokensOut ?? guess.tokensOut,
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

export interface TurnDeps {
  store: Pick<ChainStore, 'breakerIsOpen' | 'breakerSuccess' | 'breakerFailure' | 'recordUsage'>
  log: Logger
  tuning: ChainTuning
  tenantId: string
}

export type Turn =
  | { outcome: 'answered'; tokensIn: number; tokensOut: number }
  /** Failed after part of the answer was used (counted as a failure, not a fallback). */
  | { outcome: 'partial'; error: ProviderError }
  /** Skipped, or failed before any answer: the next provider's turn. */
  | { outcome: 'next'; error?: ProviderError }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * One provider's turn: its trial claimed when its cool-down is over (another request making the
 * trial means skip it), `call` retried after the tuning's delays on retryable errors, then the
 * breaker and the school's usage updated.
 */
export async function providerTurn(
  deps: TurnDeps,
  p: ProviderConfig,
  call: () => Promise<CallResult>,
): Promise<Turn> {
  const { store, log, tuning, tenantId } = deps
  // After a cool-down one request makes the trial call; the others keep skipping it. Claimed here,
  // when the provider's turn comes, so a request answered earlier in the chain does not use up the
  // trial of a provider it never called.
  if (p.needsTrial && (await store.breakerIsOpen(p.id))) {
    log.info('provider skipped: another request makes its trial call', { provider: p.label })
    await store.recordUsage(tenantId, p.label, { fallbacks: 1 })
    return { outcome: 'next' }
  }
  let attempts = 0
  let lastError: ProviderError | undefined
  for (let attempt = 0; attempt <= tuning.retryDelaysMs.length; attempt++) {
    if (attempt > 0) await sleep(tuning.retryDelaysMs[attempt - 1])
    attempts++
    const result = await call()
    if (result.ok) {
      await Promise.all([
        store.breakerSuccess(p.id),
        store.recordUsage(tenantId, p.label, {
          requests: attempts,
          tokensIn: result.tokensIn,
          tokensOut: result.tokensOut,
        }),
      ])
      return { outcome: 'answered', tokensIn: result.tokensIn, tokensOut: result.tokensOut }
    }
    lastError = result.error
    if (result.partial) {
      log.warn('provider failed mid-answer', { provider: p.label, error: result.error.message })
      await Promise.all([
        store.breakerFailure(p.id, tuning.breakerThreshold, tuning.breakerCooldown),
        store.recordUsage(tenantId, p.label, { requests: attempts, failures: 1 }),
      ])
      return { outcome: 'partial', error: result.error }
    }
    if (!result.error.retryable) break
  }
  const opened = await store.breakerFailure(p.id, tuning.breakerThreshold, tuning.breakerCooldown)
  await store.recordUsage(tenantId, p.label, { requests: attempts, failures: 1, fallbacks: 1 })
  log.warn('provider failed; falling back', {
    provider: p.label,
    attempts,
    status: lastError?.status,
    kind: lastError?.kind,
    error: lastError?.message,
    breakerOpened: opened,
  })
  return { outcome: 'next', error: lastError }
}

/** Counts the providers skipped because their breaker is open as fallbacks. */
export async function recordSkipped(deps: Omit<TurnDeps, 'tuning'>, skipped: string[]) {
  for (const label of skipped) {
    deps.log.info('provider skipped: its breaker is open', { provider: label })
    await deps.store.recordUsage(deps.tenantId, label, { fallbacks: 1 })
  }
}

export interface Completion {
  text: string
  provider: string
  model: string
  tokensIn: number
  tokensOut: number
}

/**
 * A whole answer (not streamed to anyone) from the first provider of the chain that gives one,
 * with the chain's rules; null when every provider failed or refused. For background work.
 */
export async function completeWithChain(
  deps: TurnDeps,
  chain: ProviderConfig[],
  skipped: string[],
  req: { system: string; user: string; taskClass: TaskClass; maxChars: number },
): Promise<Completion | null> {
  await recordSkipped(deps, skipped)
  for (const p of chain) {
    const model = modelFor(p.models, req.taskClass)
    let text = ''
    let blocked = false
    const turn = await providerTurn(deps, p, () => {
      text = ''
      blocked = false
      return callProvider(
        p,
        { model, system: req.system, turns: [{ role: 'user', content: req.user }] },
        deps.tuning,
        (piece) => {
          if (piece.type === 'blocked') {
            blocked = true
            return 'stop'
          }
          if (piece.type === 'text') text += piece.text
          return text.length >= req.maxChars ? 'stop' : undefined
        },
        () => ({
          tokensIn: Math.ceil((req.system.length + req.user.length) / 4),
          tokensOut: Math.ceil(text.length / 4),
        }),
      )
    })
    if (turn.outcome !== 'answered') continue
    if (blocked) {
      deps.log.info('provider refused (safety block)', { provider: p.label })
      continue
    }
    return {
      text: text.slice(0, req.maxChars),
      provider: p.label,
      model,
      tokensIn: turn.tokensIn,
      tokensOut: turn.tokensOut,
    }
  }
  return null
}
