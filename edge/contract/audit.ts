import { z } from 'zod'

// The audit log as a school's admins read it, and the "My data" export.

/** A day on the school's clock, as a date input gives it. */
const Day = z.iso.date()

/** Filters of the audit page, as the URL keeps them; `before` is the id the next page starts below. */
export const AuditQuery = z.object({
  /** An action (`member.role_changed`) or a family of them (`member`). */
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'Use an action such as member.added, or a family such as member.')
    .max(100)
    .optional(),
  actor: z.uuid().optional(),
  target_type: z
    .string()
    .trim()
    .regex(/^[a-z_]+$/, 'Use a target type such as user or course.')
    .max(50)
    .optional(),
  from: Day.optional(),
  to: Day.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type AuditQuery = z.input<typeof AuditQuery>

/** The export takes the page's filters, without the page. */
export const AuditExportQuery = AuditQuery.omit({ before: true, limit: true })
export type AuditExportQuery = z.input<typeof AuditExportQuery>

/** Most rows one CSV export holds (the newest matching ones). */
export const AUDIT_EXPORT_MAX = 20_000

export const AuditEntry = z.object({
  id: z.number().int(),
  created_at: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  actor_id: z.uuid().nullable(),
  /** The actor's display name ('' when they have none); null for the system (jobs, webhooks). */
  actor_name: z.string().nullable(),
  ip: z.string().nullable(),
  /** What changed: `{field: {from, to}}` for changes, other facts as they are. */
  details: z.record(z.string(), z.unknown()),
  /** The superadmin who was acting as the actor for support (impersonation), else null. */
  impersonator_id: z.uuid().nullable(),
  impersonator_name: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** One page, newest first; `next_before` asks for the next (null: this was the last). */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next_before: z.number().int().nullable() })
export type AuditPage = z.infer<typeof AuditPage>

/** Everything about the signed-in user (public.my_data()); parts are lists of their own rows. */
export const MyData = z.looseObject({
  format: z.literal('kipindi-my-data/1'),
  exported_at: z.string(),
  user_id: z.uuid(),
})
export type MyData = z.infer<typeof MyData>
