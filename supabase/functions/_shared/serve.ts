// Serves one edge function's app under Deno (Supabase's `_shared` folder is not deployed as a
// function). postgres.js keeps sockets open, so Deno would not exit on a signal without the
// handlers; the hosted edge runtime manages the lifecycle itself and may not offer them.
import { withLastResort } from '../../../edge/lib/http.ts'
import { createLogger, keepServingOnUncaught } from '../../../edge/lib/log.ts'

export interface FunctionApp {
  app: { fetch: (req: Request) => Response | Promise<Response> }
  close(): Promise<void>
}

/** Serves `app`; no request may stop the process (errors escaping the app are logged, answered 500). */
export function serveFunction({ app, close }: FunctionApp): void {
  const log = createLogger('edge-function')
  keepServingOnUncaught(log)
  const server = Deno.serve(withLastResort((req) => app.fetch(req), log))
  let stopping = false
  async function stop() {
    if (stopping) return
    stopping = true
    await server.shutdown()
    await close()
    Deno.exit(0)
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    try {
      Deno.addSignalListener(signal, stop)
    } catch {
      // not available here: nothing to clean up on our side
    }
  }
}
