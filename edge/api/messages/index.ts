import type { BirthDate } from '../../contract/messages.ts'
import * as R from '../../contract/routes/messages.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { unprocessable } from '../../lib/errors.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import {
  conversationIn,
  conversationSummaries,
  conversationSummary,
  messagePage,
  messagePageQuery,
} from './queries.ts'
import './schemas.ts'

// Direct messages between members of a school (issue 19). public.start_conversation and the
// direct_messages trigger apply the rule for minors on every message; RLS shows a conversation to its
// two people only (supabase/migrations/20261212000000_direct_messages.sql).

const tags = ['messages']
/** Per account (a school's pupils share one address): a person types, not a script. */
const SEND_LIMIT = { limit: 30, windowMs: 60_000 }
const RULE =
  'A student younger than the school’s adult age (or whose birth date it does not hold) messages only ' +
  'their teachers, linked parents and classmates; everyone else any member of the school.'

const list = apiRoute(R.listDirectConversations, {
  tags,
  summary: 'Your conversations in the school, newest first, with unread counts',
  responses: { 200: 'The conversations.' },
  errors: [400, 401, 404],
})
const start = apiRoute(R.startDirectConversation, {
  tags,
  summary: 'Your conversation with a member of the school (started when there is none)',
  description: `${RULE} 403 \`message_not_allowed\` otherwise.`,
  responses: { 200: 'The conversation’s id.' },
  errors: [400, 401, 403, 404],
})
const get = apiRoute(R.getDirectConversation, {
  tags,
  summary: 'A conversation with its newest 50 messages (older ones with `before`)',
  responses: { 200: 'The conversation.' },
  errors: [400, 401, 404],
})
const send = apiRoute(R.sendDirectMessage, {
  tags,
  summary: 'Write in a conversation',
  description:
    `${RULE} Checked on every message: 403 \`message_not_allowed\` once it no longer holds, 422 ` +
    '`message_words` for words on the school’s list. The other person is notified of the first ' +
    'message they have not read; both people’s sockets get `direct` on `user:<id>`. At most 30 ' +
    'messages a minute per account (429 with Retry-After).',
  responses: { 201: 'The message.' },
  errors: [400, 401, 403, 404, 422, 429],
})
const read = apiRoute(R.readDirectConversation, {
  tags,
  summary: 'Mark the conversation read up to now',
  responses: { 204: 'Marked.' },
  errors: [400, 401, 404],
})
const people = apiRoute(R.listMessageable, {
  tags,
  summary: 'Members of the school you may message now (names, pictures and roles only), at most 20',
  responses: { 200: 'The people.' },
  errors: [400, 401, 404],
})
const birthDate = apiRoute(R.getBirthDate, {
  tags,
  summary: 'A student’s date of birth as the school records it',
  description:
    'Seen by the school’s owners, admins and staff, the student and linked parents (`visible`); set by ' +
    'owners and admins. Unknown counts as under the adult age.',
  responses: { 200: 'The date, or null.' },
  errors: [400, 401, 404],
})
const setBirthDate = apiRoute(R.setBirthDate, {
  tags,
  summary: 'Record or clear a student’s date of birth (owners and admins; audited)',
  description:
    '422 `birth_date_students_only` for someone who is not a student here; 422 `birth_date_future`.',
  responses: { 200: 'The date.' },
  errors: [400, 401, 403, 404, 422],
})

/** A student's date of birth as the caller may see it, with the school's adult age; unsent. */
const birthDateQuery = (tx: Tx, tenantId: string, userId: string) => tx<BirthDate[]>`
  select (select b.birth_date::text from public.student_birth_dates b
          where b.tenant_id = ${tenantId} and b.user_id = ${userId}) as birth_date,
    (${userId} = (select auth.uid()) or private.is_guardian(${tenantId}, ${userId})
     or private.has_role(${tenantId}, array['owner', 'admin', 'staff']::public.tenant_role[])) as visible,
    private.has_role(${tenantId}, private.admin_roles()) as can_edit,
    private.adult_age(${tenantId}) as adult_age`

/** The date of birth, after a change in the same transaction. */
async function readBirthDate(tx: Tx, tenantId: string, userId: string): Promise<BirthDate> {
  const [row] = await birthDateQuery(tx, tenantId, userId)
  return row as BirthDate
}

/** Conversations, messages, read marks, whom I may message, and a student's birth date. */
export function messageRoutes({ sql, auth }: ApiDeps) {
  const limiter = createRateLimiter(SEND_LIMIT)
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [roleRows, conversations, [school]] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        conversationSummaries(tx, { tenantId }),
        tx<{ adult_age: number }[]>`select private.adult_age(${tenantId}) as adult_age`,
      ])
      tenantRoleIn(roleRows)
      return c.json({ conversations: [...conversations], adult_age: school?.adult_age ?? 18 }, 200)
    })
    .openapi({ ...start, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { person_id } = c.req.valid('json')
      const id = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [row] = await tx<
          { id: string }[]
        >`select public.start_conversation(${tenantId}, ${person_id}) as id`
        return row?.id as string
      })
      return c.json({ id }, 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { conversationId } = c.req.valid('param')
      const { before } = c.req.valid('query')
      const [conversation, messages] = await withUserRead(sql, c.var.claims, (tx) => [
        conversationSummaries(tx, { id: conversationId }),
        messagePageQuery(tx, conversationId, before),
      ])
      return c.json({ conversation: conversationIn(conversation), ...messagePage(messages) }, 200)
    })
    .openapi({ ...send, middleware: auth }, async (c) => {
      const { conversationId } = c.req.valid('param')
      const { body } = c.req.valid('json')
      limiter.hit(`direct-message:${c.var.claims.sub}`)
      const message = await withUser(sql, c.var.claims, async (tx) => {
        await conversationSummary(tx, conversationId)
        const [row] = await tx`
          insert into public.direct_messages (conversation_id, body) values (${conversationId}, ${body})
          returning id, sender_id, body, created_at`
        return row
      })
      return c.json(message as never, 201)
    })
    .openapi({ ...read, middleware: auth }, async (c) => {
      const { conversationId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await conversationSummary(tx, conversationId)
        await tx`select public.read_conversation(${conversationId})`
      })
      return c.body(null, 204)
    })
    .openapi({ ...people, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { q } = c.req.valid('query')
      const [roleRows, found] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        tx`select id, name, avatar_path, role from public.messageable(${tenantId}, ${q})`,
      ])
      tenantRoleIn(roleRows)
      return c.json({ people: [...found] } as never, 200)
    })
    .openapi({ ...birthDate, middleware: auth }, async (c) => {
      const { tenantId, userId } = c.req.valid('param')
      const [roleRows, [found]] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        birthDateQuery(tx, tenantId, userId),
      ])
      tenantRoleIn(roleRows)
      return c.json(found as BirthDate, 200)
    })
    .openapi({ ...setBirthDate, middleware: auth }, async (c) => {
      const { tenantId, userId } = c.req.valid('param')
      const { birth_date } = c.req.valid('json')
      const saved = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const [member] = await tx`
          select 1 from public.memberships where tenant_id = ${tenantId} and user_id = ${userId} and role = 'student'`
        if (!member)
          throw unprocessable(
            'birth_date_students_only',
            'The school records dates of birth for its students only.',
          )
        if (birth_date === null)
          await tx`delete from public.student_birth_dates where tenant_id = ${tenantId} and user_id = ${userId}`
        else
          await tx`
            insert into public.student_birth_dates (tenant_id, user_id, birth_date) values (${tenantId}, ${userId}, ${birth_date})
            on conflict (tenant_id, user_id) do update set birth_date = excluded.birth_date`
        return readBirthDate(tx, tenantId, userId)
      })
      return c.json(saved, 200)
    })
}
