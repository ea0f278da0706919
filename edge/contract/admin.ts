// The platform console (superadmins): every school with its status, plan, members by role and
// usage this month; creating a school for someone; suspending and reactivating; changing a plan.
// Members of a suspended school read its status (school status) to see why they cannot get in.
import { z } from 'zod'
import { PlanId, SubscriptionStatus } from './billing.ts'
import { CreatedInvitation, Email, Slug, Tenant, TenantName, TenantRole, Uuid } from './tenancy.ts'

export const SCHOOL_STATUSES = ['active', 'suspended'] as const
export const SchoolStatusValue = z.enum(SCHOOL_STATUSES)
export type SchoolStatusValue = z.infer<typeof SchoolStatusValue>

/** Why a superadmin acts (kept in the audit log; a suspension's reason is shown to the school's admins). */
export const ConsoleReason = z
  .string('Say why.')
  .trim()
  .min(3, 'Say why in a few words (3 characters at least).')
  .max(500, 'Use at most 500 characters.')

export const AdminSchoolsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: SchoolStatusValue.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type AdminSchoolsQuery = z.infer<typeof AdminSchoolsQuery>

export const AdminSchool = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  time_zone: z.string(),
  created_at: z.string(),
  status: SchoolStatusValue,
  suspended_at: z.string().nullable(),
  suspension_reason: z.string().nullable(),
  plan: PlanId,
  plan_status: SubscriptionStatus,
  /** A Stripe subscription writes this school's plan (a manual change lasts until its next event). */
  stripe_subscribed: z.boolean(),
  /** Members by role; roles without members are left out. */
  members_by_role: z.partialRecord(TenantRole, z.number().int()),
  member_count: z.number().int(),
  owner_emails: z.array(z.string()),
  /** This calendar month (AI: the school's clock). */
  usage: z.object({
    ai_requests: z.number().int(),
    ai_tokens: z.number().int(),
    video_minutes: z.number().int(),
    storage_bytes: z.number().int(),
  }),
})
export type AdminSchool = z.infer<typeof AdminSchool>
export const AdminSchoolsResponse = z.object({ schools: z.array(AdminSchool), total: z.number().int() })
export type AdminSchoolsResponse = z.infer<typeof AdminSchoolsResponse>

export const CreateSchoolBody = z.strictObject({ name: TenantName, slug: Slug, owner_email: Email })
export type CreateSchoolBody = z.infer<typeof CreateSchoolBody>
export const CreatedSchool = z.object({ school: Tenant, invitation: CreatedInvitation })
export type CreatedSchool = z.infer<typeof CreatedSchool>

export const SchoolStatusBody = z.strictObject({ status: SchoolStatusValue, reason: ConsoleReason })
export type SchoolStatusBody = z.infer<typeof SchoolStatusBody>

export const SchoolPlanBody = z.strictObject({ plan: PlanId, reason: ConsoleReason })
export type SchoolPlanBody = z.infer<typeof SchoolPlanBody>

/** A school's status as its members (and superadmins) read it; the reason only for owners, admins and superadmins. */
export const SchoolStatus = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  status: SchoolStatusValue,
  suspended_at: z.string().nullable(),
  suspension_reason: z.string().nullable(),
})
export type SchoolStatus = z.infer<typeof SchoolStatus>
