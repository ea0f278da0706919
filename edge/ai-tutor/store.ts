// The tutor's privileged calls (private.ai_* functions of the AI migration), on the function's own
// connection, always after the caller was checked under RLS. One place for their SQL; the school's
// AI settings, usage and breakers are the provider chain's (edge/lib/ai-chain.ts), shared with
// background jobs.
import type { Citation, TaskClass } from '../contract/ai.ts'
import { chainStore } from '../lib/ai-chain.ts'
import type { Sql } from '../lib/db.ts'

export { PLATFORM_MODEL, PLATFORM_PROVIDER_ID, type ProviderRow, type TenantAi } from '../lib/ai-chain.ts'

export interface Quota {
  allowed: boolean
  used: number
  resets_at: Date
}

export function createStore(sql: Sql) {
  return {
    ...chainStore(sql),

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
