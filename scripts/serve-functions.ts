// Local edge runtime: one Deno process serving the local auth app at /auth/v1/* and each edge
// function at /<name>/* (the gateway strips /functions/v1, as Supabase's edge runtime does). Each
// function is its deployed entry, supabase/functions/<name>/index.ts, imported here: its
// serveFunction() call hands its app to this server (supabase/functions/_shared/serve.ts), so the
// code tested locally is the code deployed. Run by scripts/start.ts with `deno run`; not deployed.
import { createAuthApp } from '../edge/auth/app.ts'
import { errorBody } from '../edge/lib/errors.ts'
import { withLastResort } from '../edge/lib/http.ts'
import { createLogger, keepServingOnUncaught } from '../edge/lib/log.ts'
import { createHttpMetrics, METRICS_PATH, metricsResponse, Registry } from '../edge/lib/metrics.ts'
import { type FunctionApp, hostFunctionsLocally } from '../supabase/functions/_shared/serve.ts'

const log = createLogger('functions')
// No request may stop this process: what escapes every handler is logged and it keeps serving.
keepServingOnUncaught(log)

const env = Deno.env.toObject()
const auth = createAuthApp(env)
const functionsDir = new URL('../supabase/functions/', import.meta.url)

/** Every function folder (`_shared` and other `_` folders are not functions, as on Supabase), by name. */
function functionNames(): string[] {
  return [...Deno.readDirSync(functionsDir)]
    .filter((entry) => entry.isDirectory && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort()
}

/** Imports each function's entry, as the hosted runtime would run it, and keeps the app it serves. */
async function loadFunctions(): Promise<Record<string, FunctionApp>> {
  const functions: Record<string, FunctionApp> = {}
  for (const name of functionNames()) {
    let served: FunctionApp | undefined
    hostFunctionsLocally({
      register(fn) {
        if (served) throw new Error(`supabase/functions/${name}/index.ts serves more than one app.`)
        served = fn
      },
    })
    try {
      await import(new URL(`${name}/index.ts`, functionsDir).href)
    } finally {
      hostFunctionsLocally(undefined)
    }
    if (!served) throw new Error(`supabase/functions/${name}/index.ts did not call serveFunction().`)
    functions[name] = served
  }
  return functions
}

const functions = await loadFunctions()

// Requests and latencies per function, at /metrics for a scraper with the metrics token (the
// gateway's /metrics adds them to its own).
const registry = new Registry()
const requests = createHttpMetrics(registry, 'kipindi_function')

async function route(req: Request): Promise<Response> {
  let pathname: string
  try {
    pathname = new URL(req.url).pathname
  } catch {
    return Response.json(errorBody('bad_request', 'The request URL is not valid.'), { status: 400 })
  }
  if (pathname === METRICS_PATH) return metricsResponse(req, registry, env.KIPINDI_METRICS_TOKEN)
  const started = performance.now()
  const [service, answer] = await serve(req, pathname)
  requests.observe(service, req.method, answer.status, (performance.now() - started) / 1000)
  return answer
}

async function serve(req: Request, pathname: string): Promise<[string, Response]> {
  if (pathname === '/auth/v1' || pathname.startsWith('/auth/v1/')) return ['auth', await auth.app.fetch(req)]
  const name = pathname.split('/')[1]
  // Own names only: `/constructor` or `/__proto__` must be a 404, not Object.prototype's.
  if (Object.hasOwn(functions, name)) return [name, await functions[name].app.fetch(req)]
  const missing = Response.json(errorBody('not_found', `No function named "${name.slice(0, 100)}".`), {
    status: 404,
  })
  return ['unknown', missing]
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
