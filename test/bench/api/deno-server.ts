// Serves the bench app under Deno with Deno.serve. Started by the API benchmark as
// `deno run -A`; prints `listening <port>`, stops on SIGTERM/SIGINT or when stdin closes.
import { createBenchApp } from './bench-app.ts'

// Typed locally so that tsc (which checks test/ with Node types) accepts this file.
interface DenoApi {
  env: { toObject(): Record<string, string> }
  serve(
    opts: { hostname: string; port: number; onListen(addr: { port: number }): void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> }
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', fn: () => void): void
  stdin: { readable: AsyncIterable<Uint8Array> }
  exit(code: number): never
}
const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

const app = createBenchApp(Deno.env.toObject())
const server = Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening ${port}`) },
  app.fetch,
)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.shutdown()
  await app.close()
  Deno.exit(0)
}
// postgres.js keeps sockets open, so Deno would not exit on a signal without these.
Deno.addSignalListener('SIGTERM', stop)
Deno.addSignalListener('SIGINT', stop)
;(async () => {
  for await (const _ of Deno.stdin.readable) {
    // the benchmark never writes; its end means the benchmark died
  }
  await stop()
})()
