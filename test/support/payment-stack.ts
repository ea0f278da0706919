import { type ServerType, serve } from '@hono/node-server'
import { silentLogger } from '../../edge/lib/log.ts'
import { createMpesaCallbackApp } from '../../edge/mpesa-callback/app.ts'
import { createStripeWebhookApp } from '../../edge/stripe-webhook/app.ts'
import {
  type DarajaSimulator,
  SIM_B2C_ENV,
  startDarajaSimulator,
} from '../../scripts/lib/daraja-simulator.ts'
import { type StripeSimulator, startStripeSimulator } from '../../scripts/lib/stripe-simulator.ts'
import { testEnv } from './fixtures.ts'

type FunctionApp = { app: { fetch(req: Request): Response | Promise<Response> }; close(): Promise<unknown> }

/**
 * The payment providers as the api meets them in production, on this machine: the local Daraja
 * and Stripe simulators, and our mpesa-callback and stripe-webhook functions behind one real HTTP
 * server (the gateway's /functions/v1 prefix), so the simulators' callbacks and signed events reach
 * our code as Safaricom's and Stripe's would. `env` is what the api app needs to use them.
 */
export async function paymentStack(opts: { b2c?: boolean; cards?: boolean } = {}) {
  const daraja: DarajaSimulator = await startDarajaSimulator()
  const stripe: StripeSimulator = await startStripeSimulator()
  const fns = new Map<string, FunctionApp>()
  const server: ServerType = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (req: Request) => {
      const url = new URL(req.url)
      const name = /^\/functions\/v1\/([^/]+)/.exec(url.pathname)?.[1] ?? ''
      const fn = fns.get(name)
      if (!fn) return new Response('no route', { status: 404 })
      url.pathname = url.pathname.slice('/functions/v1'.length)
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer()
      return fn.app.fetch(new Request(url, { method: req.method, headers: req.headers, body }))
    },
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const env: Record<string, string> = {
    ...daraja.env,
    ...(opts.b2c === false ? {} : SIM_B2C_ENV),
    DARAJA_CALLBACK_BASE: base,
    // Without cards the api offers M-Pesa only (the simulator still runs, unused).
    ...(opts.cards === false ? {} : stripe.env),
  }
  // One service role key for all: it signs the M-Pesa result URLs the api makes and the callback checks.
  const fnEnv = await testEnv(env)
  Object.assign(env, { SUPABASE_SERVICE_ROLE_KEY: fnEnv.SUPABASE_SERVICE_ROLE_KEY })
  fns.set('mpesa-callback', createMpesaCallbackApp(fnEnv, { log: silentLogger }))
  const webhook = createStripeWebhookApp(fnEnv, { log: silentLogger })
  fns.set('stripe-webhook', webhook)
  // Our webhook applies events just after acknowledging them: the simulator's actions wait for that.
  stripe.setWebhookUrl(`${base}/functions/v1/stripe-webhook`, webhook.drain)
  return {
    sim: daraja,
    daraja,
    stripe,
    env,
    async close() {
      for (const fn of fns.values()) await fn.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await daraja.close()
      await stripe.close()
    },
  }
}
export type PaymentStack = Awaited<ReturnType<typeof paymentStack>>

type Call = (
  method: string,
  path: string,
  opts: { token?: string },
) => Promise<{ status: number; body: { status?: string } & Record<string, unknown> }>

/** Waits until the payment has the status (webhooks and callbacks are asynchronous); answers it. */
export async function untilPaymentIs(call: Call, paymentId: string, token: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const res = await call('GET', `/payments/${paymentId}`, { token })
    if (res.body?.status === status) return res.body
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`payment ${paymentId} never became ${status}`)
}
