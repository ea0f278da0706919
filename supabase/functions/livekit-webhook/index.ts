// The `livekit-webhook` edge function (Supabase serves it at /functions/v1/livekit-webhook). The
// app lives in edge/livekit-webhook. LiveKit signs its requests; no Supabase JWT (verify_jwt = false).
import { createLiveKitWebhookApp } from '../../../edge/livekit-webhook/app.ts'

const { app, close } = createLiveKitWebhookApp(Deno.env.toObject())
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
