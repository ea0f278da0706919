// The `api` edge function (Supabase serves it at /functions/v1/api/*). The app lives in edge/api.
import { createApiApp } from '../../../edge/api/app.ts'
import { serveFunction } from '../_shared/serve.ts'

serveFunction(createApiApp(Deno.env.toObject()))
