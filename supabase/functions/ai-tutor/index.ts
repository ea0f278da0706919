// The `ai-tutor` edge function (Supabase serves it at /functions/v1/ai-tutor). The app lives in
// edge/ai-tutor. Callers send their Supabase access token; the function checks it itself.
import { createAiTutorApp } from '../../../edge/ai-tutor/app.ts'
import { serveFunction } from '../_shared/serve.ts'

serveFunction(createAiTutorApp(Deno.env.toObject()))
