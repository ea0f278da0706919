import type { ConversationSummary, DirectMessage } from '../../contract/messages.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'

/** Messages per page of a conversation. */
export const PAGE = 50

/**
 * The caller's conversations (all, or one), newest first: the other person as they are now, the
 * last message, how many of theirs I have not read, and whether I may write now.
 */
export function conversationSummaries(tx: Tx, where: { tenantId: string } | { id: string }) {
  const filter = 'id' in where ? tx`c.id = ${where.id}` : tx`c.tenant_id = ${where.tenantId}`
  return tx<ConversationSummary[]>`
    with mine as (
      select c.*, case when c.person_a = (select auth.uid()) then c.person_b else c.person_a end as other,
        case when c.person_a = (select auth.uid()) then c.a_read_at else c.b_read_at end as my_read
      from public.conversations c
      where ${filter} and (select auth.uid()) in (c.person_a, c.person_b)
    )
    select c.id,
      jsonb_build_object('id', c.other, 'name', coalesce(p.display_name, ''), 'avatar_path', p.avatar_path,
        'role', m.role) as person,
      (select jsonb_build_object('body', left(d.body, 200), 'from_me', d.sender_id = (select auth.uid()),
                'created_at', d.created_at)
       from public.direct_messages d where d.conversation_id = c.id order by d.created_at desc limit 1) as last_message,
      (select count(*)::int from public.direct_messages d
       where d.conversation_id = c.id and d.sender_id is distinct from (select auth.uid())
         and d.created_at > coalesce(c.my_read, '-infinity')) as unread,
      public.may_message(c.tenant_id, c.other) as can_send
    from mine c
    left join public.profiles p on p.id = c.other
    left join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = c.other
    order by coalesce(c.last_message_at, c.created_at) desc
    limit 200`
}

/** The conversation of conversationSummaries's rows for one id, or 404. */
export function conversationIn([row]: readonly ConversationSummary[]): ConversationSummary {
  if (!row) throw notFound('conversation_not_found', 'No such conversation, or it is not yours.')
  return row
}

/** One conversation of the caller's, or 404. */
export async function conversationSummary(tx: Tx, id: string): Promise<ConversationSummary> {
  return conversationIn(await conversationSummaries(tx, { id }))
}

/** Messages before `before` (the newest when absent), newest first, one more than a page; unsent. */
export function messagePageQuery(tx: Tx, id: string, before?: string) {
  return tx<DirectMessage[]>`
    select d.id, d.sender_id, d.body, d.created_at from public.direct_messages d
    where d.conversation_id = ${id} ${before ? tx`and d.created_at < ${before}` : tx``}
    order by d.created_at desc, d.id desc limit ${PAGE + 1}`
}

/** The page of messagePageQuery's rows, oldest first, and whether older ones remain. */
export function messagePage(rows: readonly DirectMessage[]) {
  return { messages: rows.slice(0, PAGE).reverse(), has_more: rows.length > PAGE }
}
