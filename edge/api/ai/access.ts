import type { ConversationSummary } from '../../contract/ai.ts'
import { type Sql, withUserRead } from '../../lib/db.ts'
import { ApiError, forbidden, notFound } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { adminRoleIn, tenantRoleQuery } from '../tenancy/access.ts'

// Who may do what with the AI tutor's records. Conversations are read under RLS (the student, the
// course's editors, the school's owners and admins); provider settings live in private tables the
// api reads on its privileged connection after requireAdmin under RLS says the caller may.

export const noConversation = () =>
  notFound('ai_conversation_not_found', 'No such tutor conversation, or you cannot read it.')

export const noProvider = () => notFound('ai_provider_not_found', 'No such AI provider in this school.')

/** 403 unless the caller is the conversation's student (its readers only read). */
export function requireStudent(conversation: ConversationSummary, me: string, action: string): void {
  if (conversation.student_id !== me) {
    throw forbidden('ai_student_only', `Only the student who had this conversation can ${action}.`)
  }
}

/** 403 unless the caller is an owner or admin of the school (404 when they cannot see it), under RLS. */
export async function checkAdmin(sql: Sql, claims: Claims, tenantId: string): Promise<unknown> {
  const [role] = await withUserRead(sql, claims, (tx) => [tenantRoleQuery(tx, tenantId)])
  return adminRoleIn(role)
}

/**
 * The school of a provider, once the caller is shown to be one of its owners or admins: 404 for a
 * provider that does not exist or belongs to a school the caller is not a member of, 403 for other
 * members.
 */
export async function providerTenant(sql: Sql, claims: Claims, providerId: string): Promise<string> {
  const [row] = await sql<{ tenant_id: string }[]>`
    select p.tenant_id from private.ai_providers p where p.id = ${providerId}`
  if (!row) throw noProvider()
  try {
    await checkAdmin(sql, claims, row.tenant_id)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw noProvider()
    throw error
  }
  return row.tenant_id
}
