// The tutor's privileged calls (private.ai_* functions of the AI migration), on the function's own
// connection, always after the caller was checked under RLS. One place for their SQL.
import type { Citation, ProviderKind, ProviderModels, TaskClass } from '../contract/ai.ts'
import { AI_DEFAULTS } from '../contract/ai-values.ts'
import type { Sql } from '../lib/db.ts'

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

export interface Quota {
  allowed: boolean
  used: number
  resets_at: Date
}

export function createStore(sql: Sql) {
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

    async takeQuota(tenant: string, student: string, dailyLimit: number): Promise<Quota> {
      const [row] = await sql<Quota[]>`
        select allowed, used, resets_at from private.ai_take_quota(${tenant}::uuid, ${student}::uuid, ${dailyLimit}::int)`
      return row
    },

    async begin(conversation: string, source: string, provider: string | null, taskClass: TaskClass) {
      const [row] = await sql<{ id: string }[]>`
        select private.ai_begin_answer(${conversation}::uuid, ${source}, ${provider}, ${taskClass}) as id`
      return row.id
    },

    /**
     * When a fallback answered instead of the provider the answer was begun with: its source and
     * provider (the function's connection may write ai_messages; RLS allows nobody else).
     */
    async setSource(message: string, source: string, provider: string | null) {
      await sql`update public.ai_messages set source = ${source}, provider = ${provider} where id = ${message}::uuid`
    },

    async write(message: string, content: string) {
      await sql`select private.ai_write_answer(${message}::uuid, ${content})`
    },

    async finish(
      message: string,
      content: string,
      status: 'done' | 'failed',
      citations: Citation[],
      tokensIn: number,
      tokensOut: number,
    ) {
      await sql`select private.ai_finish_answer(${message}::uuid, ${content}, ${status},
        ${sql.json(citations as never)}, ${tokensIn}::int, ${tokensOut}::int)`
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

    async flag(conversation: string, message: string, reason: string) {
      await sql`select private.ai_flag_conversation(${conversation}::uuid, ${message}::uuid, ${reason})`
    },

    /** A stored answer, for a reader following one that another instance writes. */
    async answer(message: string) {
      const [row] = await sql<
        {
          content: string
          status: 'streaming' | 'done' | 'failed'
          citations: Citation[]
          flagged: boolean
          tokens_in: number
          tokens_out: number
        }[]
      >`select content, status, citations, flagged, tokens_in, tokens_out from public.ai_messages where id = ${message}::uuid`
      return row
    },
  }
}
export type Store = ReturnType<typeof createStore>
