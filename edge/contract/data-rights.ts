import { z } from 'zod'
import { Uuid } from './tenancy.ts'

// Data rights (issue 17): deleting one's account, handing a school to another owner, exporting a
// school's data and deleting the school after a grace period.

/** The account's current password, re-entered to confirm a step that cannot be undone. */
export const PasswordConfirmation = z.string().min(1, 'Enter your password.').max(200)

export const DeleteAccountBody = z.object({ password: PasswordConfirmation })
export type DeleteAccountBody = z.infer<typeof DeleteAccountBody>

export const TransferOwnershipBody = z.object({ user_id: Uuid, password: PasswordConfirmation })
export type TransferOwnershipBody = z.infer<typeof TransferOwnershipBody>

export const OwnershipTransferred = z.object({ tenant_id: Uuid, owner_id: Uuid, previous_owner_id: Uuid })
export type OwnershipTransferred = z.infer<typeof OwnershipTransferred>

/** A school's planned deletion; `due_at` null when none is planned. */
export const SchoolDeletion = z.object({
  due_at: z.string().nullable(),
  requested_at: z.string().nullable(),
  requested_by_name: z.string().nullable(),
})
export type SchoolDeletion = z.infer<typeof SchoolDeletion>

export const PendingSchoolDeletion = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  due_at: z.string(),
  requested_at: z.string(),
  requested_by_name: z.string().nullable(),
})
export type PendingSchoolDeletion = z.infer<typeof PendingSchoolDeletion>

export const PendingSchoolDeletions = z.object({ schools: z.array(PendingSchoolDeletion) })
export type PendingSchoolDeletions = z.infer<typeof PendingSchoolDeletions>

export const SCHOOL_EXPORT_FORMAT = 'kipindi-school-export/1'

/** A school's data: the school and, per table, its rows as the database holds them. */
export const SchoolExport = z.object({
  format: z.literal(SCHOOL_EXPORT_FORMAT),
  exported_at: z.string(),
  school: z.object({ id: Uuid, name: z.string(), slug: z.string() }).loose(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
})
export type SchoolExport = z.infer<typeof SchoolExport>
