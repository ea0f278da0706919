import type { EdgeEnv } from '../../lib/env.ts'
import { createLogger } from '../../lib/log.ts'
import { createDarajaClient, type DarajaEnv, darajaConfigFrom } from '../../payments/daraja.ts'
import { stripeFrom } from '../../payments/stripe.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { billingRoutes } from './billing.ts'
import { checkoutRoutes } from './checkout.ts'
import { paymentRoutes } from './payments.ts'
import { payoutRoutes } from './payouts.ts'
import { priceRoutes } from './prices.ts'
import type { PaymentsSetup } from './queries.ts'
import { refundRoutes } from './refunds.ts'
import { sponsorshipRoutes } from './sponsorships.ts'
import { walletRoutes } from './wallet.ts'

export type { PaymentsSetup } from './queries.ts'

/** How this deployment takes money: M-Pesa when the four Daraja credentials are set, cards with Stripe. */
export function paymentsSetupFrom(env: EdgeEnv & DarajaEnv): PaymentsSetup {
  const config = darajaConfigFrom(env)
  return {
    daraja: config ? createDarajaClient(config) : null,
    stripe: stripeFrom(env),
    secret: env.SUPABASE_SERVICE_ROLE_KEY,
    log: createLogger('payments'),
  }
}

/** Payments: course prices, buying a course, following a payment, purchases, wallets, refunds, payouts, school plans, sponsorships. */
export function paymentsRoutes(deps: ApiDeps, setup: PaymentsSetup) {
  return newRouter()
    .route('/', priceRoutes(deps, setup))
    .route('/', checkoutRoutes(deps, setup))
    .route('/', paymentRoutes(deps, setup))
    .route('/', walletRoutes(deps))
    .route('/', refundRoutes(deps, setup))
    .route('/', payoutRoutes(deps, setup))
    .route('/', billingRoutes(deps, setup))
    .route('/', sponsorshipRoutes(deps, setup))
}
