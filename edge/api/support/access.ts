import { type ApiErrorCode, isErrorCode } from '../../contract/error-codes.ts'
import { inRoleGroup, SUPPORT_ROLES } from '../../contract/roles.ts'
import type { TenantRole } from '../../contract/tenancy.ts'
import type { Tx } from '../../lib/db.ts'
import { ApiError, forbidden, notFound } from '../../lib/errors.ts'
import { type RoleRow, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'

// Who may do what at the support desk, read under RLS (public.ticket_access, the school's roles),
// and the support rules' errors as readable answers.

export const noTicket = () => notFound('ticket_not_found', 'No such ticket, or it is not yours.')

export type TicketAccess = 'staff' | 'requester'

type AccessRow = { access: string }

/** The caller's access to a ticket (public.ticket_access), unsent (for withUserRead); see ticketAccessIn. */
export const ticketAccessQuery = (tx: Tx, ticketId: string) =>
  tx<AccessRow[]>`select public.ticket_access(${ticketId}) as access`

/** The access from ticketAccessQuery's rows; 404 when the caller cannot see the ticket at all. */
export function ticketAccessIn([row]: readonly AccessRow[]): TicketAccess {
  if (row?.access !== 'staff' && row?.access !== 'requester') throw noTicket()
  return row.access
}

/** The caller's access to a ticket (ticketAccessIn). */
export async function ticketAccess(tx: Tx, ticketId: string): Promise<TicketAccess> {
  return ticketAccessIn(await ticketAccessQuery(tx, ticketId))
}

/** 403 unless the caller works tickets (support staff); used before staff-only changes. */
export function requireStaff(access: TicketAccess, action: string): void {
  if (access !== 'staff') throw forbidden('support_staff_only', `Only the school's support staff ${action}.`)
}

/**
 * From tenantRoleQuery's rows: 403 unless the caller works the school's support desk (404 when
 * they cannot see the school). RLS still decides what the statements may read and write.
 */
export function supportStaffIn(rows: readonly RoleRow[]): TenantRole {
  const role = tenantRoleIn(rows)
  if (role === null || !inRoleGroup(SUPPORT_ROLES, role)) {
    throw forbidden('support_staff_only', "Only the school's owners, admins and staff work its support desk.")
  }
  return role
}

/** 403 unless the caller works the school's support desk, 404 when they cannot see it (supportStaffIn). */
export async function requireSupportStaff(tx: Tx, tenantId: string): Promise<TenantRole> {
  return supportStaffIn(await tenantRoleQuery(tx, tenantId))
}

/**
 * Rules our support triggers raise as check violations with a hint (assignee_not_staff,
 * merge_mismatch) become a 422 with that code, the readable message and the field it concerns.
 * Use as `.catch(onRuleHint({ assignee_not_staff: 'assignee_id' }))`; anything else passes through.
 */
export function onRuleHint(fields: Record<string, string>) {
  return (error: unknown): never => {
    const e = error as { code?: string; hint?: string; message?: string }
    if (e?.code === '23514' && isErrorCode(e.hint) && e.hint in fields) {
      throw new ApiError(422, e.hint, e.message ?? 'Not allowed.', { field: fields[e.hint] })
    }
    throw error
  }
}

/** A unique violation (the ticket was rated already…) as a 409 with its own code. */
export function onDuplicate(code: ApiErrorCode, message: string) {
  return (error: unknown): never => {
    if ((error as { code?: string })?.code === '23505') throw new ApiError(409, code, message)
    throw error
  }
}
