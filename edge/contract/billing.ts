// Money after the sale: refunds of payments, instructors' payouts, and a school's plan
// (subscription, limits and what it uses) — the bodies and answers of the api function's billing
// endpoints, shared with web/. Fixed values live in payments-values.ts (no zod).
import { z } from 'zod'
import { Currency, Payment } from './payments.ts'
import {
  PAYOUT_METHODS,
  PAYOUT_STATUSES,
  PLAN_IDS,
  type PlanId as PlanIdValue,
  SUBSCRIPTION_STATUSES,
} from './payments-values.ts'

const Id = z.uuid()
const Timestamp = z.string()

const Reason = z
  .string('Say why.')
  .trim()
  .min(3, 'Say why in a few words (the payer and the school see it).')
  .max(500, 'Keep it under 500 characters.')

// Section: refunds

/** An admin refunds a payment: all that is left, or part of it (pro rata for the wallets). */
export const RefundBody = z.strictObject({
  /** Minor units; omitted: everything not yet refunded. */
  amount_minor: z.number('Enter an amount.').int('Use whole cents.').min(1, 'Refund more than 0.').optional(),
  reason: Reason,
})
export type RefundBody = z.infer<typeof RefundBody>

export const RefundAnswer = z.object({
  payment: Payment,
  /** refunded: done (card); requested: M-Pesa is reversing it and the payment changes when Safaricom confirms. */
  outcome: z.enum(['refunded', 'requested']),
})
export type RefundAnswer = z.infer<typeof RefundAnswer>

// Section: payouts

export const PayoutMethod = z.enum(PAYOUT_METHODS)
export const PayoutStatus = z.enum(PAYOUT_STATUSES)
export type PayoutStatus = z.infer<typeof PayoutStatus>

/** An instructor asks to withdraw available money: to M-Pesa (KES) or a bank account. */
export const PayoutRequestBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('mpesa'),
    currency: z.literal('KES', 'M-Pesa pays Kenyan shillings only.'),
    amount_minor: z.number('Enter an amount.').int().min(1, 'Enter an amount.'),
    /** The Safaricom number to pay (07…, 01…, +254…). */
    destination: z
      .string()
      .trim()
      .regex(/^(\+?254|0)?[17]\d{8}$/, 'Enter a Safaricom number like 0712 345 678.'),
  }),
  z.strictObject({
    method: z.literal('bank'),
    currency: Currency,
    amount_minor: z.number('Enter an amount.').int().min(1, 'Enter an amount.'),
    /** Bank, branch and account number, as the school's accountant needs them. */
    destination: z
      .string()
      .trim()
      .min(6, 'Enter the bank, branch and account number.')
      .max(200, 'Keep it under 200 characters.'),
  }),
])
export type PayoutRequestBody = z.infer<typeof PayoutRequestBody>

export const Payout = z.object({
  id: Id,
  tenant_id: Id,
  instructor_id: Id,
  instructor_name: z.string(),
  currency: Currency,
  amount_minor: z.number().int(),
  method: PayoutMethod,
  /** The phone or bank account paid to (the instructor and the school's admins see it). */
  destination: z.string(),
  status: PayoutStatus,
  /** Why it was rejected or failed. */
  reason: z.string().nullable(),
  /** The M-Pesa transaction or the bank reference once paid. */
  reference: z.string().nullable(),
  created_at: Timestamp,
  decided_at: Timestamp.nullable(),
})
export type Payout = z.infer<typeof Payout>
export const PayoutList = z.array(Payout)
export const PayoutListQuery = z.object({
  /** mine: my requests; school: every instructor's (admins). */
  scope: z.enum(['mine', 'school']).default('mine'),
})
export const RejectPayoutBody = z.strictObject({ reason: Reason })
export const PayoutPaidBody = z.strictObject({
  /** The bank's transaction reference. */
  reference: z.string().trim().min(3, 'Enter the bank reference.').max(100),
})

// Section: plans

export const PlanId = z.enum(PLAN_IDS as [PlanIdValue, ...PlanIdValue[]])
export const SubscriptionStatus = z.enum(SUBSCRIPTION_STATUSES)

export const PlanLimits = z.object({
  seats: z.number().int(),
  ai_monthly_tokens: z.number().int(),
  video_hours: z.number().int(),
  storage_bytes: z.number().int(),
})
export const Plan = z.object({
  id: PlanId,
  name: z.string(),
  /** A month's price; 0 for Free. */
  price: z.object({ currency: Currency, amount_minor: z.number().int() }),
  limits: PlanLimits,
})
export type Plan = z.infer<typeof Plan>

/** A school's plan, its limits, what it uses of them, and what the admin can do here. */
export const Billing = z.object({
  plan: PlanId,
  status: SubscriptionStatus,
  /** When the current period ends (renewal, or the end after cancelling). */
  current_period_end: Timestamp.nullable(),
  limits: PlanLimits,
  usage: z.object({
    /** Members with a student seat. */
    seats: z.number().int(),
    /** AI tutor tokens this calendar month. */
    ai_tokens: z.number().int(),
    /** Hours of live tutoring this calendar month (scheduled sessions that started). */
    video_hours: z.number(),
    storage_bytes: z.number().int(),
  }),
  plans: z.array(Plan),
  /** Cards are set up (Stripe): plans can be bought and managed here. */
  cards: z.boolean(),
  /** The school has a Stripe customer: the billing portal can open. */
  portal: z.boolean(),
})
export type Billing = z.infer<typeof Billing>

export const PlanCheckoutBody = z.strictObject({
  plan: z.enum(['standard', 'premium'], 'Pick Standard or Premium.'),
})
export const RedirectAnswer = z.object({ url: z.string() })
