import * as R from '../../contract/routes/ai.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { requireStudent } from './access.ts'
import {
  conversationDetailIn,
  conversationDetailQueries,
  conversationsIn,
  listConversationsQuery,
  readConversation,
} from './queries.ts'
import './schemas.ts'

const tags = ['ai']

const list = apiRoute(R.listConversations, {
  tags,
  summary: 'Tutor conversations in a school: your own (scope=mine) or those you may review (scope=review)',
  description:
    "scope=review lists other people's conversations as row-level security shows them: instructors " +
    "and editors see their courses' students, owners and admins the whole school. Review lists put " +
    'flagged conversations first (unless `flagged` filters), then the most recently active. Pass ' +
    '`next_before` as `before` for the next page.',
  responses: { 200: 'A page of conversations.' },
  errors: [400, 401, 404],
})

const get = apiRoute(R.getConversation, {
  tags,
  summary: 'One tutor conversation with its messages (its student, the course editors, school admins)',
  responses: { 200: 'The conversation; `is_mine` when you are its student (others read it only).' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateConversation, {
  tags,
  summary: 'Rename a tutor conversation (its student)',
  responses: { 200: 'The renamed conversation.' },
  errors: [400, 401, 403, 404],
})

/** GET /tenants/:tenantId/ai/conversations, GET/PATCH /ai/conversations/:id. */
export function conversationRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const [role, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        listConversationsQuery(tx, tenantId, c.var.claims.sub, query),
      ])
      tenantRoleIn(role)
      return c.json(conversationsIn(rows, query.limit), 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const answers = await withUserRead(sql, c.var.claims, (tx) => conversationDetailQueries(tx, id))
      return c.json(conversationDetailIn(answers, c.var.claims.sub), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { title } = c.req.valid('json')
      const conversation = await withUser(sql, c.var.claims, async (tx) => {
        requireStudent(await readConversation(tx, id), c.var.claims.sub, 'rename it')
        await tx`update public.ai_conversations set title = ${title} where id = ${id}`
        return readConversation(tx, id)
      })
      return c.json(conversation, 200)
    })
}
