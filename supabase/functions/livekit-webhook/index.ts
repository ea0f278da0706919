// The `livekit-webhook` edge function (Supabase serves it at /functions/v1/livekit-webhook). The
// app lives in edge/livekit-webhook. LiveKit signs its requests; no Supabase JWT (verify_jwt = false).
import { createLiveKitWebhookApp } from '../../../edge/livekit-webhook/app.ts'
import { serveFunction } from '../_shared/serve.ts'

serveFunction(createLiveKitWebhookApp(Deno.env.toObject()))
