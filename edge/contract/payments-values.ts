// Payments' fixed values (no zod): currencies, the revenue split, the hold, payout minimums and the
// school plans. The database has the same values (supabase/migrations/20261206100000…100300:
// private.currency_ok, private.revenue_split, private.payout_minimum, public.plans);
// test/integration/payments-ledger.test.ts keeps the two homes equal.

/** Currencies we take and their minor-unit exponent (amounts are integers of 10^-exponent units). */
export const CURRENCIES = { KES: 2, USD: 2, EUR: 2, GBP: 2 } as const
export type Currency = keyof typeof CURRENCIES
export const CURRENCY_CODES = Object.keys(CURRENCIES) as Currency[]

/** Payment providers: M-Pesa (KES only), Stripe (cards), the local test checkout. */
export const PAYMENT_PROVIDERS = ['mpesa', 'stripe', 'test'] as const
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number]

/** What a payment is for. */
export const PAYMENT_PURPOSES = ['course', 'plan', 'sponsorship'] as const
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number]

/** A payment's life: pending → succeeded | failed | cancelled; succeeded → (partially_)refunded. */
export const PAYMENT_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** Basis points in a whole (100% = 10,000 bp). */
export const BASIS_POINTS = 10_000

/** Default split of a course by an independent instructor; school courses go 100% to the school. */
export const DEFAULT_SPLIT = { instructor: 6000, platform: 3000, marketing: 1000 } as const

/** Days an instructor's share stays pending before it becomes available. */
export const HOLD_DAYS = 7

/** Payout methods and their minimums in minor units per currency (absent: not offered). */
export const PAYOUT_METHODS = ['mpesa', 'bank'] as const
export type PayoutMethod = (typeof PAYOUT_METHODS)[number]
export const PAYOUT_MINIMUMS: Record<PayoutMethod, Partial<Record<Currency, number>>> = {
  /** KES 100 to M-Pesa (whole shillings; M-Pesa pays only KES). */
  mpesa: { KES: 10_000 },
  /** KES 1,000 to a bank; 10.00 in the card currencies. */
  bank: { KES: 100_000, USD: 1_000, EUR: 1_000, GBP: 1_000 },
}

/** Payout statuses: requested → approved (wallet debited) → paid | failed; or rejected. */
export const PAYOUT_STATUSES = ['requested', 'approved', 'rejected', 'paid', 'failed'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

/** A school plan's limits. */
export interface PlanLimits {
  name: string
  /** Members with a student seat. */
  seats: number
  /** AI tutor tokens (in + out) a calendar month. */
  aiMonthlyTokens: number
  /** Hours of live video a month. */
  videoHours: number
  /** File storage. */
  storageBytes: number
}

const GiB = 1024 ** 3

/** The plans, cheapest first; Free is what a school without a subscription has. */
export const PLANS = {
  free: { name: 'Free', seats: 50, aiMonthlyTokens: 2_000_000, videoHours: 10, storageBytes: GiB },
  standard: {
    name: 'Standard',
    seats: 500,
    aiMonthlyTokens: 20_000_000,
    videoHours: 100,
    storageBytes: 50 * GiB,
  },
  premium: {
    name: 'Premium',
    seats: 5000,
    aiMonthlyTokens: 200_000_000,
    videoHours: 1000,
    storageBytes: 500 * GiB,
  },
} as const satisfies Record<string, PlanLimits>
export type PlanId = keyof typeof PLANS
export const PLAN_IDS = Object.keys(PLANS) as PlanId[]

/** Subscription states: past_due keeps the plan (with a banner), cancelled falls back to Free. */
export const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'cancelled'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/**
 * What a plan costs a month, charged by card through a Stripe subscription (cards carry the
 * currencies Stripe settles; M-Pesa has no recurring charge). Free costs nothing and has no
 * subscription.
 */
export const PLAN_PRICES: Record<PlanId, { currency: Currency; amount_minor: number }> = {
  free: { currency: 'USD', amount_minor: 0 },
  standard: { currency: 'USD', amount_minor: 4_900 },
  premium: { currency: 'USD', amount_minor: 19_900 },
}
