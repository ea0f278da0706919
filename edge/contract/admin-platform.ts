// The platform dashboard (issue 20, superadmins): the whole platform week by week (Monday to Sunday
// in Africa/Nairobi, the current week last) and as it stands now. Computed by public.platform_weekly
// and public.platform_totals (supabase/migrations/20261214030000_platform_weekly.sql).
import { z } from 'zod'
import { TenantRole } from './tenancy.ts'

const Count = z.number().int()

/** The clock of the platform's weeks: one week must be one interval for every school. */
export const PLATFORM_TIME_ZONE = 'Africa/Nairobi'

/** How many weeks a chart shows (the database allows 1 to 52: 422 weeks_range). */
export const PlatformWeeklyQuery = z.strictObject({
  weeks: z.coerce.number().int().min(-9999).max(9999).default(12),
})
export type PlatformWeeklyQuery = z.infer<typeof PlatformWeeklyQuery>

/** Money through the payment gateways in one currency, minor units. */
export const PlatformMoney = z.object({
  currency: z.string(),
  /** Payments that succeeded that week. */
  received_minor: Count,
  /** Refunds made that week (of payments of any week). */
  refunded_minor: Count,
})
export type PlatformMoney = z.infer<typeof PlatformMoney>

/** One week of the platform, from its Monday. */
export const PlatformWeek = z.object({
  week: z.iso.date(),
  /** Schools where anything happened: a member's activity, a ticket opened, money received. */
  schools_active: Count,
  schools_new: Count,
  /** Students who opened or finished a lesson, came to a session, asked the tutor or wrote in a forum (each person once). */
  active_students: Count,
  lessons_completed: Count,
  /** Sessions a student came to, in the week they were to start. */
  sessions_held: Count,
  tutor_questions: Count,
  tickets_opened: Count,
  /** One entry per currency with money that week, by currency code. */
  money: z.array(PlatformMoney),
})
export type PlatformWeek = z.infer<typeof PlatformWeek>

export const PLATFORM_SCHOOL_STATUSES = ['active', 'suspended', 'deleted'] as const

/** The platform now. */
export const PlatformTotals = z.object({
  schools_by_status: z.record(z.enum(PLATFORM_SCHOOL_STATUSES), Count),
  /** Schools whose owners asked for deletion (still in their grace period). */
  deletion_planned: Count,
  /** Memberships by role: a person in two schools counts in each; roles without members are left out. */
  members_by_role: z.partialRecord(TenantRole, Count),
  /** People who belong to at least one school. */
  people: Count,
})
export type PlatformTotals = z.infer<typeof PlatformTotals>

export const PlatformWeekly = z.object({
  time_zone: z.literal(PLATFORM_TIME_ZONE),
  /** Oldest first; the last is the current week, up to now. */
  weeks: z.array(PlatformWeek),
  totals: PlatformTotals,
})
export type PlatformWeekly = z.infer<typeof PlatformWeekly>
