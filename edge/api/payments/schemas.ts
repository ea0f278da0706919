import * as B from '../../contract/billing.ts'
import * as P from '../../contract/payments.ts'
import * as R from '../../contract/routes/payments.ts'
import * as S from '../../contract/sponsorships.ts'
import { named, pathParams } from '../core/openapi.ts'

// The payments contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(P.CoursePrice, 'CoursePrice')
named(P.CoursePriceAnswer, 'CoursePriceAnswer')
named(P.SetCoursePriceBody, 'SetCoursePrice')
named(P.CheckoutBody, 'CourseCheckout')
named(P.Payment, 'Payment')
named(P.Checkout, 'CheckoutAnswer')
named(P.PaymentList, 'PaymentList')
named(P.WalletBalance, 'WalletBalance')
named(P.WalletEntry, 'WalletEntry')
named(P.Wallet, 'Wallet')
named(B.RefundBody, 'Refund')
named(B.RefundAnswer, 'RefundAnswer')
named(B.PayoutRequestBody, 'PayoutRequest')
named(B.Payout, 'Payout')
named(B.PayoutList, 'PayoutList')
named(B.RejectPayoutBody, 'RejectPayout')
named(B.PayoutPaidBody, 'PayoutPaid')
named(B.PlanLimits, 'PlanLimits')
named(B.Plan, 'Plan')
named(B.Billing, 'Billing')
named(B.PlanCheckoutBody, 'PlanCheckout')
named(B.RedirectAnswer, 'Redirect')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })

pathParams(R.PaymentCourseParams, { id: uuid('The course id.') })
pathParams(R.PaymentParams, { id: uuid('The payment id.') })
pathParams(R.PaymentTenantParams, { tenantId: uuid('The school (tenant) id.') })
pathParams(R.PayoutParams, { id: uuid('The payout id.') })

// Sponsorships
named(S.Sponsorship, 'Sponsorship')
named(S.SponsorshipList, 'SponsorshipList')
named(S.SponsoredStudent, 'SponsoredStudent')
named(S.SponsorshipDetail, 'SponsorshipDetail')
named(S.CreateSponsorshipBody, 'CreateSponsorship')
named(S.SponsorshipCheckoutBody, 'SponsorshipCheckout')
named(S.SponsorshipProgress, 'SponsorshipProgress')
pathParams(R.SponsorshipParams, { id: uuid('The sponsorship id.') })
