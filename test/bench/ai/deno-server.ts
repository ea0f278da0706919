// Serves the ai-tutor app under Deno for the AI benchmark (`deno run -A`); prints `listening <port>`,
// stops on SIGTERM/SIGINT or when stdin closes.
import { createAiTutorApp } from '../../../edge/ai-tutor/app.ts'
import { silentLogger } from '../../../edge/lib/log.ts'

// Typed locally so that tsc (which checks test/ with Node types) accepts this file.
interface DenoApi {
  env: { toObject(): Record<string, string> }
  serve(
    opts: { hostname: string; port: number; onListen(addr: { port: number }): void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> }
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', fn: () => void): void
  memoryUsage(): { heapUsed: number }
  stdin: { readable: AsyncIterable<Uint8Array> }
  exit(code: number): never
}
const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

const { app, close } = createAiTutorApp(Deno.env.toObject(), { log: silentLogger })
/** The bench's own path: the heap in use after a full collection (run with --expose-gc), in bytes. */
const MEMORY_PATH = '/__bench/heap'
const gc = (globalThis as { gc?: () => void }).gc

const server = Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening ${port}`) },
  (req) => {
    if (new URL(req.url).pathname !== MEMORY_PATH) return app.fetch(req)
    gc?.()
    return Response.json({ heapUsed: Deno.memoryUsage().heapUsed, collected: Boolean(gc) })
  },
)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.shutdown()
  await close()
  Deno.exit(0)
}
Deno.addSignalListener('SIGTERM', stop)
Deno.addSignalListener('SIGINT', stop)
;(async () => {
  for await (const _ of Deno.stdin.readable) {
    // the benchmark never writes; its end means the benchmark died
  }
  await stop()
})()
