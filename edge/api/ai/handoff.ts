import type { ConversationSummary, TutorMessage } from '../../contract/ai.ts'
import * as R from '../../contract/routes/ai.ts'
import { SUPPORT_LIMITS } from '../../contract/support-values.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireStudent } from './access.ts'
import { readConversation, readMessages } from './queries.ts'
import './schemas.ts'

const handoff = apiRoute(R.handoffConversation, {
  tags: ['ai'],
  summary: '"Ask a person": hand a tutor conversation to the support desk (its student)',
  description:
    'Opens a support ticket (category academic) in the school whose first message is the ' +
    'transcript (the most recent part when it is long) with the lesson context, and links it to the ' +
    'conversation. Asking again gives the same ticket.',
  responses: { 201: 'The new ticket.', 200: 'The ticket opened before.' },
  errors: [400, 401, 403, 404],
})

const OMITTED = '[Earlier messages left out.]'

/** One message as the transcript shows it: who, what, and the lessons an answer cited. */
function block(m: TutorMessage): string {
  const who = m.role === 'user' ? 'Student' : 'Tutor'
  const text = m.content.trim() || (m.status === 'failed' ? '(no answer)' : '(empty)')
  const lessons = [...new Set(m.citations.map((c) => c.lesson_title).filter(Boolean))]
  const sources = lessons.length > 0 ? `\n(Sources: ${lessons.join('; ')})` : ''
  return `${who}: ${text}${sources}`
}

/**
 * The first message of the ticket: the student's note, where the conversation happened, then its
 * messages. At most `max` characters: when the whole does not fit, the most recent messages that do
 * (and of a last message too long by itself, its end), after a line saying earlier ones are left out.
 */
export function transcript(
  conversation: Pick<ConversationSummary, 'title' | 'course_title' | 'lesson_title'>,
  messages: TutorMessage[],
  note?: string,
  max: number = SUPPORT_LIMITS.body,
): string {
  const where = [conversation.course_title, conversation.lesson_title].filter(Boolean).join(' › ')
  const head = [
    note ? `Note from the student: ${note}\n` : '',
    `Conversation with the AI tutor: "${conversation.title}"${where ? ` (${where})` : ''}`,
  ].join('')
  const blocks = messages.map(block)
  if (blocks.length === 0) return `${head}\n\n(No messages yet.)`.slice(0, max)
  const whole = `${head}\n\n${blocks.join('\n\n')}`
  if (whole.length <= max) return whole
  // The newest blocks that fit after the head and the "left out" line.
  let room = max - head.length - OMITTED.length - 4
  const kept: string[] = []
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i] as string
    const cost = b.length + (kept.length > 0 ? 2 : 0)
    if (cost > room) {
      if (kept.length === 0 && room > 1) kept.unshift(`…${b.slice(b.length - (room - 1))}`)
      break
    }
    kept.unshift(b)
    room -= cost
  }
  return `${head}\n\n${OMITTED}\n\n${kept.join('\n\n')}`.slice(0, max)
}

/** Opens the ticket as the student (RLS: a member opening their own ticket) with the transcript. */
async function openTicket(tx: Tx, conversation: ConversationSummary, note: string | undefined) {
  const [school] = await tx<{ slug: string }[]>`
    select t.slug from public.tenants t where t.id = ${conversation.tenant_id}`
  const context = {
    page: `/t/${school?.slug ?? ''}/tutor/${conversation.id}`,
    label: `AI tutor: ${conversation.title}`.slice(0, SUPPORT_LIMITS.contextLabel),
    ...(conversation.course_id ? { course_id: conversation.course_id } : {}),
    ...(conversation.lesson_id ? { lesson_id: conversation.lesson_id } : {}),
  }
  const subject = `Tutor: ${conversation.title}`.slice(0, SUPPORT_LIMITS.subject)
  const [ticket] = await tx<{ id: string }[]>`
    insert into public.tickets (tenant_id, subject, category, context)
    values (${conversation.tenant_id}, ${subject}, 'academic', ${tx.json(context)})
    returning id`
  const id = ticket?.id as string
  const body = transcript(conversation, await readMessages(tx, conversation.id), note)
  await tx`insert into public.ticket_messages (ticket_id, body) values (${id}, ${body})`
  return id
}

/** POST /ai/conversations/:id/handoff. */
export function handoffRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...handoff, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    // The body is optional: without a JSON content type it is {}.
    const { note } = c.req.valid('json')
    const result = await withUser(sql, c.var.claims, async (tx) => {
      requireStudent(await readConversation(tx, id), c.var.claims.sub, 'hand it to a person')
      // One handoff at a time per conversation; the second caller then finds the first's ticket.
      await tx`select pg_advisory_xact_lock(hashtextextended(${`ai-handoff:${id}`}, 0))`
      const conversation = await readConversation(tx, id)
      if (conversation.ticket_id) return { ticket_id: conversation.ticket_id, created: false }
      const ticketId = await openTicket(tx, conversation, note || undefined)
      const [row] = await tx<{ ticket_id: string }[]>`
        select private.ai_attach_ticket(${id}::uuid, ${ticketId}::uuid) as ticket_id`
      return { ticket_id: row?.ticket_id ?? ticketId, created: true }
    })
    return result.created
      ? c.json({ ticket_id: result.ticket_id }, 201)
      : c.json({ ticket_id: result.ticket_id }, 200)
  })
}
