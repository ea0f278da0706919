// Sponsorships: a partner organisation pays for seats in a course for a list of the school's
// students, and sees how those students do in numbers only — the bodies and answers of the api
// function's sponsorship endpoints, shared with web/.
import { z } from 'zod'
import { Currency, PaymentStatus } from './payments.ts'
import { SPONSORSHIP_MAX_SEATS, SPONSORSHIP_STATUSES } from './sponsorships-values.ts'

export { SPONSORSHIP_MAX_SEATS, SPONSORSHIP_STATUSES } from './sponsorships-values.ts'

const Id = z.uuid()
const Timestamp = z.string()

export const SponsorshipStatus = z.enum(SPONSORSHIP_STATUSES)
export type SponsorshipStatus = z.infer<typeof SponsorshipStatus>

/** A student a sponsorship pays for (only the school's admins see who). */
export const SponsoredStudent = z.object({
  id: Id,
  name: z.string(),
  /** Enrolled in the course now. */
  enrolled: z.boolean(),
})
export type SponsoredStudent = z.infer<typeof SponsoredStudent>

export const Sponsorship = z.object({
  id: Id,
  tenant_id: Id,
  organisation: z.string(),
  /** The partner who pays (null when their account was deleted). */
  sponsor_id: Id.nullable(),
  sponsor_name: z.string().nullable(),
  /** Null when the course was deleted. */
  course_id: Id.nullable(),
  course_title: z.string().nullable(),
  seats: z.number().int(),
  /** pending until paid, active once paid, cancelled by a full refund. */
  status: SponsorshipStatus,
  /** What it costs: the paying payment's amount once there is one, else the course's price × seats now. */
  currency: Currency.nullable(),
  amount_minor: z.number().int().nullable(),
  /** The latest payment attempt (the paying one once active). */
  payment_id: Id.nullable(),
  payment_status: PaymentStatus.nullable(),
  created_at: Timestamp,
})
export type Sponsorship = z.infer<typeof Sponsorship>
export const SponsorshipList = z.array(Sponsorship)

/** One sponsorship; `students` only for the school's admins (null for the sponsor: numbers only). */
export const SponsorshipDetail = Sponsorship.extend({
  students: z.array(SponsoredStudent).nullable(),
  /** How it can be paid here (M-Pesa for KES when Daraja is set up; cards when Stripe is). */
  methods: z.array(z.enum(['mpesa', 'card'])),
})
export type SponsorshipDetail = z.infer<typeof SponsorshipDetail>

/** A school admin arranges a sponsorship for a partner of the school. */
export const CreateSponsorshipBody = z.strictObject({
  sponsor_id: Id,
  /** The organisation's name as receipts and lists show it. */
  organisation: z
    .string('Name the organisation.')
    .trim()
    .min(2, 'Name the organisation (at least 2 characters).')
    .max(200, 'Keep the name under 200 characters.'),
  course_id: Id,
  student_ids: z
    .array(Id)
    .min(1, 'Choose at least one student.')
    .max(SPONSORSHIP_MAX_SEATS, `Choose at most ${SPONSORSHIP_MAX_SEATS} students.`),
})
export type CreateSponsorshipBody = z.infer<typeof CreateSponsorshipBody>

/** A Kenyan phone number for the M-Pesa prompt (07…, 01…, +254…, 254…). */
const Phone = z
  .string()
  .trim()
  .regex(/^(\+?254|0)?[17]\d{8}$/, 'Enter a Safaricom number like 0712 345 678.')

/** The sponsor pays: M-Pesa (a prompt on the phone) or a card (a checkout page). */
export const SponsorshipCheckoutBody = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('mpesa'), phone: Phone }),
  z.strictObject({ method: z.literal('card') }),
])
export type SponsorshipCheckoutBody = z.infer<typeof SponsorshipCheckoutBody>

/** How many of the enrolled students are at 0%, 1–49%, 50–99% and 100% of the course's lessons. */
export const ProgressDistribution = z.object({
  none: z.number().int(),
  some: z.number().int(),
  most: z.number().int(),
  all: z.number().int(),
})

/**
 * A sponsorship's students in numbers only, never names or ids. For the sponsor, the figures of
 * fewer than `min_group` enrolled students are withheld (`suppressed`, figures null): a number
 * about one or two children is a fact about them.
 */
export const SponsorshipProgress = z.object({
  seats: z.number().int(),
  /** Students of the sponsorship enrolled in the course now. */
  enrolled: z.number().int(),
  /** The course's published lessons. */
  lessons_total: z.number().int(),
  suppressed: z.boolean(),
  min_group: z.number().int(),
  /** Opened at least one lesson. */
  started: z.number().int().nullable(),
  /** Lessons marked done, on average per enrolled student (one decimal). */
  average_completed: z.number().nullable(),
  /** Marked every published lesson done. */
  completed: z.number().int().nullable(),
  distribution: ProgressDistribution.nullable(),
})
export type SponsorshipProgress = z.infer<typeof SponsorshipProgress>
