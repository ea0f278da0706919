import type { z } from 'zod'
import type {
  ConversationDetail,
  ConversationList,
  ConversationListQuery,
  ConversationSummary,
  Provider,
  TutorMessage,
  TutorMode,
} from '../../contract/ai.ts'
import { AI_DEFAULTS } from '../../contract/ai-values.ts'
import type { Sql, Tx } from '../../lib/db.ts'
import type { SecretBox } from '../../lib/secret-box.ts'
import { noConversation } from './access.ts'

// Reads of tutor conversations as RLS lets the caller see them (under withUser), and of a school's
// AI settings and providers on the privileged connection (private.ai_*: unreadable by
// `authenticated`; the routes check the caller is an owner or admin under RLS first). The JSON is
// built in SQL so timestamps keep Postgres's microseconds (the `before` cursor of the lists).

/** What the AI routes need besides ApiDeps: the box that seals provider keys, the platform's key. */
export interface AiSetup {
  /** The secret box of provider keys (createSecretBox(aiKeysSecret(env)), made once on first use). */
  secretBox: () => Promise<SecretBox>
  /** GEMINI_API_KEY is set: schools without a provider of their own use the platform's Gemini. */
  platformDefault: boolean
}

/** The JSON of conversation `c` (ConversationSummary); names as profiles show them to the caller. */
const summaryJson = (tx: Tx) => tx`jsonb_build_object(
  'id', c.id, 'tenant_id', c.tenant_id, 'student_id', c.student_id,
  'student_name', coalesce((select p.display_name from public.profiles p where p.id = c.student_id), ''),
  'course_id', c.course_id, 'course_title', (select co.title from public.courses co where co.id = c.course_id),
  'lesson_id', c.lesson_id, 'lesson_title', (select l.title from public.lessons l where l.id = c.lesson_id),
  'title', c.title, 'flagged_at', c.flagged_at, 'flag_reason', c.flag_reason, 'ticket_id', c.ticket_id,
  'message_count', (select count(*)::int from public.ai_messages m where m.conversation_id = c.id),
  'created_at', c.created_at, 'updated_at', c.updated_at)`

/** The JSON of message `m` (TutorMessage). */
const messageJson = (tx: Tx) => tx`jsonb_build_object(
  'id', m.id, 'role', m.role, 'content', m.content, 'status', m.status, 'source', m.source,
  'provider', m.provider, 'task_class', m.task_class, 'citations', m.citations, 'flagged', m.flagged,
  'created_at', m.created_at)`

type ConversationRow = { conversation: ConversationSummary }
type MessageRow = { message: TutorMessage }

/** One conversation as RLS lets the caller see it, unsent (for withUserRead); see conversationIn. */
const conversationQuery = (tx: Tx, id: string) => tx<ConversationRow[]>`
  select ${summaryJson(tx)} as conversation from public.ai_conversations c where c.id = ${id}`

/** The conversation of conversationQuery's rows; 404 when the caller cannot see it. */
function conversationIn([row]: readonly ConversationRow[]): ConversationSummary {
  if (!row) throw noConversation()
  return row.conversation
}

/** One conversation as RLS lets the caller see it (conversationIn). */
export async function readConversation(tx: Tx, id: string): Promise<ConversationSummary> {
  return conversationIn(await conversationQuery(tx, id))
}

/** A conversation's messages, oldest first (RLS: private.can_read_conversation), unsent. */
const messagesQuery = (tx: Tx, conversationId: string) => tx<MessageRow[]>`
  select ${messageJson(tx)} as message from public.ai_messages m
  where m.conversation_id = ${conversationId}
  order by m.created_at, m.role desc, m.id`

/** A conversation's messages, oldest first (RLS: private.can_read_conversation). */
export async function readMessages(tx: Tx, conversationId: string): Promise<TutorMessage[]> {
  return (await messagesQuery(tx, conversationId)).map((r) => r.message)
}

/** A conversation with its messages, unsent (for withUserRead); see conversationDetailIn. */
export const conversationDetailQueries = (tx: Tx, id: string) =>
  [conversationQuery(tx, id), messagesQuery(tx, id)] as const

/** The conversation of conversationDetailQueries' rows with its messages; `is_mine` when the caller is its student. */
export function conversationDetailIn(
  [conversation, messages]: readonly [readonly ConversationRow[], readonly MessageRow[]],
  me: string,
): ConversationDetail {
  const summary = conversationIn(conversation)
  return { ...summary, messages: messages.map((r) => r.message), is_mine: summary.student_id === me }
}

/**
 * A page of a school's conversations, unsent (for withUserRead; conversationsIn reads it):
 * scope=mine the caller's own, newest first; scope=review everyone else's that RLS shows
 * (instructors: their courses'; admins: the school's), flagged first unless `flagged` filters, then
 * newest. `before` is the previous page's `next_before` (an `updated_at`); in the flagged-first
 * order the cursor's own row tells which part it is in. The cursor goes to Postgres as text:
 * postgres.js would send a timestamptz parameter through a JavaScript Date and lose its microseconds.
 */
export function listConversationsQuery(
  tx: Tx,
  tenantId: string,
  me: string,
  query: z.output<typeof ConversationListQuery>,
) {
  const review = query.scope === 'review'
  const flaggedFirst = review && query.flagged === undefined
  const before = query.before ?? null
  return tx<ConversationRow[]>`
    with visible as (
      select c.* from public.ai_conversations c
      where c.tenant_id = ${tenantId}
        and (case when ${review} then c.student_id <> ${me} else c.student_id = ${me} end)
        and (${query.course_id ?? null}::uuid is null or c.course_id = ${query.course_id ?? null}::uuid)
        and (${query.flagged ?? null}::boolean is null or (c.flagged_at is not null) = ${query.flagged ?? null}::boolean)
    ), cursor as (
      select ${before}::text::timestamptz as at,
        ${flaggedFirst} and exists (
          select 1 from visible v where v.flagged_at is not null and v.updated_at = ${before}::text::timestamptz
        ) as in_flagged
    )
    select ${summaryJson(tx)} as conversation, c.flagged_at is not null as flagged
    from visible c, cursor k
    where k.at is null
      or (not ${flaggedFirst} and c.updated_at < k.at)
      or (${flaggedFirst} and k.in_flagged and (c.flagged_at is null or c.updated_at < k.at))
      or (${flaggedFirst} and not k.in_flagged and c.flagged_at is null and c.updated_at < k.at)
    order by (${flaggedFirst} and c.flagged_at is not null) desc, c.updated_at desc, c.id desc
    limit ${query.limit + 1}`
}

/** The page of listConversationsQuery's rows (one more than `limit` tells there is a next page). */
export function conversationsIn(rows: readonly ConversationRow[], limit: number): ConversationList {
  const items = rows.slice(0, limit).map((r) => r.conversation)
  const last = items[items.length - 1]
  return { items, next_before: rows.length > limit && last ? last.updated_at : null }
}

/** A course's tutor setting as RLS shows it (to those who see the course outline), unsent; see modeIn. */
export const modeQuery = (tx: Tx, courseId: string) => tx<{ mode: TutorMode }[]>`
  select s.mode from public.course_tutor_settings s where s.course_id = ${courseId}`

/** The mode of modeQuery's rows: hints when the course has no setting (or the caller cannot see it). */
export const modeIn = ([row]: readonly { mode: TutorMode }[]): TutorMode => row?.mode ?? 'hints'

// ── Privileged reads (after requireAdmin / a membership check under RLS) ─────────────────────

/** The JSON of provider `p` (Provider): never the key; `skipped_until` while its breaker is open. */
const providerJson = (tx: Sql | Tx) => tx`jsonb_build_object(
  'id', p.id, 'kind', p.kind, 'label', p.label, 'base_url', p.base_url, 'models', p.models,
  'key_last4', p.key_last4, 'enabled', p.enabled, 'position', p.position,
  'skipped_until', (select b.open_until from private.ai_breakers b
                    where b.provider_id = p.id and b.open_until > now()))`

/** A school's providers in their order. */
export async function readProviders(tx: Sql | Tx, tenantId: string): Promise<Provider[]> {
  const rows = await tx<{ provider: Provider }[]>`
    select ${providerJson(tx)} as provider from private.ai_providers p
    where p.tenant_id = ${tenantId} order by p.position, p.created_at, p.id`
  return rows.map((r) => r.provider)
}

/** One provider, or undefined. */
export async function readProvider(tx: Sql | Tx, id: string): Promise<Provider | undefined> {
  const [row] = await tx<{ provider: Provider }[]>`
    select ${providerJson(tx)} as provider from private.ai_providers p where p.id = ${id}`
  return row?.provider
}

export interface SchoolBudget {
  monthly_token_budget: number
  student_daily_limit: number
  tokens_this_month: number
}

/** A school's budget and daily limit (AI_DEFAULTS until an admin saves them) and this month's tokens. */
export async function readBudget(tx: Sql | Tx, tenantId: string): Promise<SchoolBudget> {
  const [row] = await tx<SchoolBudget[]>`
    select coalesce(s.monthly_token_budget, ${AI_DEFAULTS.monthly_token_budget})::float8 as monthly_token_budget,
      coalesce(s.student_daily_limit, ${AI_DEFAULTS.student_daily_limit})::int as student_daily_limit,
      coalesce(private.ai_month_tokens(${tenantId}), 0)::float8 as tokens_this_month
    from (select 1) one left join private.ai_settings s on s.tenant_id = ${tenantId}`
  return row as SchoolBudget
}

/** True when the school has an enabled provider of its own. */
export async function hasEnabledProvider(tx: Sql | Tx, tenantId: string): Promise<boolean> {
  const [row] = await tx<{ any: boolean }[]>`
    select exists (select 1 from private.ai_providers p where p.tenant_id = ${tenantId} and p.enabled) as any`
  return row?.any ?? false
}

/** Appends an audit entry for `actor` (the privileged connection has no JWT claims for private.audit). */
export async function audit(
  tx: Sql | Tx,
  entry: { tenantId: string; actor: string; action: string; targetType: string; targetId: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx`
    insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details)
    values (${entry.tenantId}, ${entry.actor}, ${entry.action}, ${entry.targetType}, ${entry.targetId},
            ${tx.json(details as never)})`
}
