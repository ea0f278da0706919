// Test helpers for the support desk's tests (not part of the function itself).
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import type { Sql } from '../../lib/db.ts'
import type { CallOptions, CallResult } from '../core/testing.ts'

type Call = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>

const NAMES = [
  'owner',
  'admin',
  'staff',
  'staff2',
  'instructor',
  'student',
  'classmate',
  'parent',
  'stranger',
] as const

/**
 * A school with its support people (`owner`, `admin`, `staff`, `staff2`), an `instructor`, two
 * students (`student`, `classmate`) and a `parent`; and `stranger`, the owner of another school.
 * Nobody is online, so new tickets stay unassigned unless a test says otherwise.
 */
export async function supportSchool(sql: Sql) {
  const made = await Promise.all(
    NAMES.map(async (n) => [n, await createUser(sql, { name: n[0]?.toUpperCase() + n.slice(1) })] as const),
  )
  const u = Object.fromEntries(made) as Record<(typeof NAMES)[number], TestUser>
  const tenant = await createTenant(sql, u.owner, [
    [u.admin, 'admin'],
    [u.staff, 'staff'],
    [u.staff2, 'staff'],
    [u.instructor, 'instructor'],
    [u.student, 'student'],
    [u.classmate, 'student'],
    [u.parent, 'parent'],
  ])
  const other = await createTenant(sql, u.stranger)
  return { tenant, other, ...u }
}
export type SupportSchool = Awaited<ReturnType<typeof supportSchool>>

/** Opens a ticket through the API as `who`; returns the TicketDetail (throws unless 201). */
export async function openTicket(call: Call, who: TestUser, tenantId: string, body: object = {}) {
  const res = await call('POST', `/tenants/${tenantId}/tickets`, {
    token: who.token,
    body: {
      subject: 'Cannot open the lesson',
      category: 'technical',
      body: 'It shows a blank page.',
      ...body,
    },
  })
  if (res.status !== 201) throw new Error(`open ticket: ${res.status} ${res.text}`)
  return res.body
}

/** Posts a message through the API as `who`; returns the response. */
export function postMessage(call: Call, who: TestUser, ticketId: string, body: object) {
  return call('POST', `/tickets/${ticketId}/messages`, { token: who.token, body })
}
