// The AI benchmark's ceiling (`deno run -A`): a bare Deno proxy that forwards each POST to the fake
// provider (BARE_PROXY_UPSTREAM) with fetch and answers with the provider's body stream untouched.
// No token, no database, no parsing: what any streaming proxy under Deno adds on this machine.
// Prints `listening <port>`; stops when stdin closes.

// Typed locally so that tsc (which checks test/ with Node types) accepts this file.
interface DenoApi {
  env: { get(name: string): string | undefined }
  serve(
    opts: { hostname: string; port: number; onListen(addr: { port: number }): void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> }
  stdin: { readable: AsyncIterable<Uint8Array> }
  exit(code: number): never
}
const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

export {}

const upstream = Deno.env.get('BARE_PROXY_UPSTREAM')
if (!upstream) throw new Error('BARE_PROXY_UPSTREAM is not set')

const server = Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening ${port}`) },
  async (req) => {
    const answer = await fetch(upstream, {
      method: 'POST',
      headers: {
        authorization: req.headers.get('authorization') ?? '',
        'content-type': 'application/json',
      },
      body: await req.text(),
    })
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
    })
  },
)

for await (const _ of Deno.stdin.readable) {
  // the benchmark never writes; its end means the benchmark died
}
await server.shutdown()
Deno.exit(0)
