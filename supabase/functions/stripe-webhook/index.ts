// The `stripe-webhook` edge function (Supabase serves it at /functions/v1/stripe-webhook). The app
// lives in edge/stripe-webhook. Stripe signs its requests (Stripe-Signature, checked with the SDK
// against STRIPE_WEBHOOK_SECRET); no Supabase JWT (verify_jwt = false).
import { createStripeWebhookApp } from '../../../edge/stripe-webhook/app.ts'
import { serveFunction } from '../_shared/serve.ts'

serveFunction(createStripeWebhookApp(Deno.env.toObject()))
