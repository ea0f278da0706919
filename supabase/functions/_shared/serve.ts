// Serves one edge function's app under Deno (Supabase's `_shared` folder is not deployed as a
// function). postgres.js keeps sockets open, so Deno would not exit on a signal without the
// handlers; the hosted edge runtime manages the lifecycle itself and may not offer them.
//
// Locally, scripts/serve-functions.ts serves every function from one Deno process: it imports each
// entry as the hosted runtime runs it, and this helper hands the entry's app to that server instead
// of listening itself. So the code the local stack (and its tests) runs is the deployed entry.
import { withLastResort } from '../../../edge/lib/http.ts'
import { createLogger, keepServingOnUncaught } from '../../../edge/lib/log.ts'

export interface FunctionApp {
  app: { fetch: (req: Request) => Response | Promise<Response> }
  close(): Promise<void>
}

/** The local multi-function server, while it imports the entries. */
export interface LocalHost {
  /** Takes the app of the entry being imported. */
  register(fn: FunctionApp): void
}

const LOCAL_HOST = Symbol.for('kipindi.functions.local-host')
const slot = globalThis as { [LOCAL_HOST]?: LocalHost }

/** Set (then cleared) by scripts/serve-functions.ts around its imports of the entries; never in production. */
export function hostFunctionsLocally(host: LocalHost | undefined): void {
  slot[LOCAL_HOST] = host
}

/** Serves `app`; no request may stop the process (errors escaping the app are logged, answered 500). */
export function serveFunction(fn: FunctionApp): void {
  const host = slot[LOCAL_HOST]
  if (host) {
    host.register(fn)
    return
  }
  const { app, close } = fn
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
