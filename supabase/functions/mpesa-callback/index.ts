// The `mpesa-callback` edge function (Supabase serves it at /functions/v1/mpesa-callback/<token>).
// The app lives in edge/mpesa-callback. Daraja sends no Supabase JWT (verify_jwt = false): the
// per-payment token in the URL and a confirming stkpushquery are the checks.
import { createMpesaCallbackApp } from '../../../edge/mpesa-callback/app.ts'
import { serveFunction } from '../_shared/serve.ts'

serveFunction(createMpesaCallbackApp(Deno.env.toObject()))
