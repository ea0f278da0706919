// The payments benchmark's baseline (`deno run -A`): a bare Deno.serve that reads the raw body,
// verifies its Stripe-Signature exactly as stripe-webhook does (the SDK's constructEventAsync with
// SubtleCrypto, 300 s tolerance) and acknowledges. No Hono, no event mapping, no database: what the
// real function adds on top of this is what the benchmark attributes to us. Listens on
// DENO_SERVE_ADDRESS; stops on SIGTERM/SIGINT or when stdin closes.
import Stripe from 'stripe'

// Typed locally so that tsc (which checks test/ with Node types) accepts this file.
interface DenoApi {
  env: { get(name: string): string | undefined }
  serve(handler: (req: Request) => Response | Promise<Response>): { shutdown(): Promise<void> }
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', fn: () => void): void
  stdin: { readable: AsyncIterable<Uint8Array> }
  exit(code: number): never
}
const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

const SUBTLE = Stripe.createSubtleCryptoProvider()
const secret = Deno.env.get('STRIPE_WEBHOOK_SECRET') ?? ''

const server = Deno.serve(async (req) => {
  const raw = new Uint8Array(await req.arrayBuffer())
  try {
    const event = await Stripe.webhooks.constructEventAsync(
      raw,
      req.headers.get('stripe-signature') ?? '',
      secret,
      300,
      SUBTLE,
    )
    return Response.json({ received: true, ignored: false, outcome: 'verified', id: event.id })
  } catch {
    return Response.json({ code: 'invalid_signature' }, { status: 400 })
  }
})

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.shutdown()
  Deno.exit(0)
}
Deno.addSignalListener('SIGTERM', stop)
Deno.addSignalListener('SIGINT', stop)
for await (const _ of Deno.stdin.readable) {
  // the benchmark never writes; its end means the benchmark died
}
await stop()
