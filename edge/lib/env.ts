import { z } from 'zod'
import { IceServer } from '../contract/tutoring.ts'

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )

/** An optional variable for which `NAME=` (empty, as env files often leave it) means unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

const DEFAULT_ICE_SERVERS = '[{"urls":"stun:stun.l.google.com:19302"}]'

/** A JSON array of ICE servers (RTCIceServer) for the peer-to-peer video transport. */
const iceServers = z
  .string()
  .default(DEFAULT_ICE_SERVERS)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not JSON: give an array like [{"urls":"stun:host:3478"}].' })
      return z.NEVER
    }
  })
  .pipe(z.array(IceServer, 'Give an array like [{"urls":"stun:host:3478"}].'))

/** Configuration every edge function reads, validated once at start from the environment. */
export const EdgeEnv = z.object({
  SUPABASE_URL: z.url(),
  SUPABASE_DB_URL: z.string().startsWith('postgres'),
  SUPABASE_ANON_KEY: z.string().min(20),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20),
  /** Public JWKS as JSON; when absent it is fetched from SUPABASE_URL/auth/v1/.well-known/jwks.json. */
  SUPABASE_JWKS: z.string().optional(),
  /** Legacy HS256 secret of older hosted projects; accepted only when set. */
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  /** Public URL of the web app, for links in emails. */
  SITE_URL: z.url().optional(),
  CORS_ORIGINS: list,
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Set when connecting through Supabase's transaction-mode pooler. */
  DB_PREPARE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** LiveKit (all three or none; see liveKitConfigFrom in livekit.ts). Unset: small rooms go peer-to-peer. */
  LIVEKIT_URL: unsetIfEmpty(
    z.url({
      protocol: /^(wss?|https?)$/,
      error: 'Use the ws(s):// or http(s):// URL of the LiveKit server.',
    }),
  ),
  LIVEKIT_API_KEY: unsetIfEmpty(z.string()),
  LIVEKIT_API_SECRET: unsetIfEmpty(z.string()),
  /** STUN/TURN servers for peer-to-peer rooms, as a JSON array. */
  ICE_SERVERS: iceServers,
  /** Seals schools' AI provider keys (at least 32 characters); derived from the service role key when unset. */
  AI_KEYS_SECRET: unsetIfEmpty(z.string().min(32)),
  /** The platform's own Gemini key, used for schools without a provider of their own. */
  GEMINI_API_KEY: unsetIfEmpty(z.string()),
  /** Another Gemini endpoint (tests point it at a local fake). */
  GEMINI_BASE_URL: unsetIfEmpty(z.url()),
  /** Stripe (cards). Unset: card payments are off; stripe-webhook answers 503 without the webhook secret. */
  STRIPE_SECRET_KEY: unsetIfEmpty(z.string().min(10)),
  /** Signing secret of the Stripe webhook endpoint (whsec_…). */
  STRIPE_WEBHOOK_SECRET: unsetIfEmpty(z.string().min(10)),
  /** Another Stripe API base URL (the local test checkout and tests point it at a fake). */
  STRIPE_API_BASE: unsetIfEmpty(z.url()),
})
export type EdgeEnv = z.infer<typeof EdgeEnv>

/** Parses the environment or throws one readable error naming every missing or bad variable. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return result.data
}

/** The issuer our tokens carry: `<SUPABASE_URL>/auth/v1`, as Supabase Auth's. */
export const issuerOf = (supabaseUrl: string) => `${supabaseUrl.replace(/\/$/, '')}/auth/v1`
