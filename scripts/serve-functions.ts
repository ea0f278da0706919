// Local edge runtime: one Deno process serving the local auth app at /auth/v1/* and each edge
// function at /<name>/* (the gateway strips /functions/v1, as Supabase's edge runtime does).
// Run by scripts/start.ts with `deno run`; not part of the hosted deployment.
import { createApiApp } from '../edge/api/app.ts'
import { createAuthApp } from '../edge/auth/app.ts'
import { errorBody } from '../edge/lib/errors.ts'
import { withLastResort } from '../edge/lib/http.ts'
import { createLogger, keepServingOnUncaught } from '../edge/lib/log.ts'
import { createLiveKitWebhookApp } from '../edge/livekit-webhook/app.ts'

const log = createLogger('functions')
// No request may stop this process: what escapes every handler is logged and it keeps serving.
keepServingOnUncaught(log)

const env = Deno.env.toObject()
const auth = createAuthApp(env)
/** What each function's module gives: its app's fetch handler and a way to close its pool. */
type EdgeFunction = { app: { fetch(req: Request): Response | Promise<Response> }; close(): Promise<void> }
const functions: Record<string, EdgeFunction> = {
  api: createApiApp(env),
  'livekit-webhook': createLiveKitWebhookApp(env),
}

function route(req: Request): Promise<Response> | Response {
  let pathname: string
  try {
    pathname = new URL(req.url).pathname
  } catch {
    return Response.json(errorBody('bad_request', 'The request URL is not valid.'), { status: 400 })
  }
  if (pathname === '/auth/v1' || pathname.startsWith('/auth/v1/')) return auth.app.fetch(req)
  const name = pathname.split('/')[1]
  // Own names only: `/constructor` or `/__proto__` must be a 404, not Object.prototype's.
  if (Object.hasOwn(functions, name)) return functions[name].app.fetch(req)
  return Response.json(errorBody('not_found', `No function named "${name.slice(0, 100)}".`), { status: 404 })
}

const server = Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(env.FUNCTIONS_PORT ?? 0),
    onListen: ({ port }) => console.log(`listening ${port}`),
  },
  withLastResort(route, log),
)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.shutdown()
  await Promise.allSettled([auth.close(), ...Object.values(functions).map((f) => f.close())])
  Deno.exit(0)
}
// postgres.js keeps sockets open, so Deno would ignore SIGTERM without these handlers.
Deno.addSignalListener('SIGTERM', stop)
Deno.addSignalListener('SIGINT', stop)
// When the launcher dies (even with kill -9) our stdin closes: stop instead of lingering.
;(async () => {
  for await (const _ of Deno.stdin.readable) {
    // the launcher never writes; we only wait for end of input
  }
  await stop()
})()
