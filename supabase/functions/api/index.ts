// The `api` edge function (Supabase serves it at /functions/v1/api/*). The app lives in edge/api.
import { createApiApp } from '../../../edge/api/app.ts'

const { app, close } = createApiApp(Deno.env.toObject())
const server = Deno.serve(app.fetch)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.shutdown()
  await close()
  Deno.exit(0)
}

// postgres.js keeps sockets open, so Deno would not exit on a signal without these handlers.
// The hosted edge runtime manages the lifecycle itself and may not offer signal listeners.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  try {
    Deno.addSignalListener(signal, stop)
  } catch {
    // not available here: nothing to clean up on our side
  }
}
