// Payments: course prices, buying a course (M-Pesa STK push or a card checkout), following a
// payment, purchases, instructors' wallets — the bodies and answers of the api function's payment
// endpoints, shared with web/. Fixed values live in payments-values.ts (no zod).
import { z } from 'zod'
import { CURRENCY_CODES, PAYMENT_PROVIDERS, PAYMENT_STATUSES } from './payments-values.ts'

export { CURRENCIES, CURRENCY_CODES } from './payments-values.ts'

const Id = z.uuid()
const Timestamp = z.string()

export const Currency = z.enum(CURRENCY_CODES as [string, ...string[]], 'Use KES, USD, EUR or GBP.')
export const PaymentStatus = z.enum(PAYMENT_STATUSES)
export type PaymentStatus = z.infer<typeof PaymentStatus>
export const PaymentProvider = z.enum(PAYMENT_PROVIDERS)

/** Integer minor units (cents); KES prices are whole shillings (M-Pesa takes whole shillings). */
const AmountMinor = z
  .number('Enter an amount.')
  .int('Use whole cents.')
  .min(1, 'A price is more than 0; remove the price to make the course free.')
  .max(100_000_000_00, 'That is more than any course costs.')

/** A course's price; a course without one is free. */
export const CoursePrice = z.object({ currency: Currency, amount_minor: z.number().int() })
export type CoursePrice = z.infer<typeof CoursePrice>
export const PaymentMethod = z.enum(['mpesa', 'card'])
export type PaymentMethod = z.infer<typeof PaymentMethod>
export const CoursePriceAnswer = z.object({
  price: CoursePrice.nullable(),
  /** How it can be paid here (M-Pesa for KES when Daraja is set up; cards when Stripe is). */
  methods: z.array(PaymentMethod),
  /** The caller already has the course (enrolled, or a payment for it succeeded). */
  owned: z.boolean(),
})
export type CoursePriceAnswer = z.infer<typeof CoursePriceAnswer>

export const SetCoursePriceBody = z
  .strictObject({ currency: Currency, amount_minor: AmountMinor })
  .refine((b) => b.currency !== 'KES' || b.amount_minor % 100 === 0, {
    message: 'KES prices are whole shillings.',
    path: ['amount_minor'],
  })

/** A Kenyan phone number for the M-Pesa prompt (07…, 01…, +254…, 254…). */
const Phone = z
  .string()
  .trim()
  .regex(/^(\+?254|0)?[17]\d{8}$/, 'Enter a Safaricom number like 0712 345 678.')

/** Buy a course: M-Pesa (a prompt on the phone) or a card (a checkout page). */
export const CheckoutBody = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('mpesa'), phone: Phone, for_student: Id.optional() }),
  z.strictObject({ method: z.literal('card'), for_student: Id.optional() }),
])
export type CheckoutBody = z.infer<typeof CheckoutBody>

export const Payment = z.object({
  id: Id,
  tenant_id: Id,
  course_id: Id.nullable(),
  course_title: z.string().nullable(),
  /** Who the course is for (the payer's child when a parent pays); null for a sponsorship. */
  beneficiary_id: Id.nullable(),
  /** The student's name; for a sponsorship, the sponsoring organisation. */
  beneficiary_name: z.string(),
  provider: PaymentProvider,
  currency: Currency,
  amount_minor: z.number().int(),
  refunded_minor: z.number().int(),
  /** M-Pesa reversals asked and not yet confirmed by Safaricom (minor units). */
  refund_pending_minor: z.number().int(),
  status: PaymentStatus,
  /** Why it failed or was cancelled, in plain words. */
  failure_reason: z.string().nullable(),
  created_at: Timestamp,
  succeeded_at: Timestamp.nullable(),
})
export type Payment = z.infer<typeof Payment>

/** The answer to a checkout: the payment, and where the payer goes next. */
export const Checkout = z.object({
  payment: Payment,
  /** Card: the checkout page to open. */
  checkout_url: z.string().nullable(),
  /** M-Pesa: what Safaricom says to show ("Check your phone…"). */
  customer_message: z.string().nullable(),
})
export type Checkout = z.infer<typeof Checkout>

export const PaymentList = z.array(Payment)
export const PaymentListQuery = z.object({
  /** mine: what I paid or was paid for me; school: every payment of the school (admins). */
  scope: z.enum(['mine', 'school']).default('mine'),
})

/** One currency of an instructor's wallet. */
export const WalletBalance = z.object({
  currency: Currency,
  /** Earned, still in the hold (7 days, or until the sold sessions took place). */
  pending_minor: z.number().int(),
  /** Can be paid out. */
  available_minor: z.number().int(),
})
export const WalletEntry = z.object({
  created_at: Timestamp,
  currency: Currency,
  /** Positive: money in; negative: refunds and payouts. */
  amount_minor: z.number().int(),
  kind: z.string(),
  /** The course sold or refunded, when there is one. */
  course_title: z.string().nullable(),
  /** pending or available: which part of the wallet it moved. */
  account: z.enum(['pending', 'available']),
})
export const Wallet = z.object({ balances: z.array(WalletBalance), entries: z.array(WalletEntry) })
export type Wallet = z.infer<typeof Wallet>
