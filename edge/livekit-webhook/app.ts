import { Hono } from 'hono'
import { createDb, type Sql } from '../lib/db.ts'
import { EdgeEnv, parseEnv } from '../lib/env.ts'
import { ApiError, errorBody, handleError } from '../lib/errors.ts'
import { apiSecurityHeaders, limitBody } from '../lib/http.ts'
import { type LiveKitConfig, liveKitConfigFrom, receiveWebhook, WebhookRejected } from '../lib/livekit.ts'

/** Events that change attendance or a session's state; LiveKit's others are acknowledged and skipped. */
export const HANDLED_EVENTS = ['room_started', 'room_finished', 'participant_joined', 'participant_left']

/** LiveKit's events are small (a room and one participant); anything much bigger is not one. */
const MAX_BODY_BYTES = 64 * 1024

/** int64 seconds or milliseconds from the event (bigint; 0 when absent) as a Date, or null. */
const fromSeconds = (s: bigint | undefined) => (s ? new Date(Number(s) * 1000) : null)
const fromMillis = (ms: bigint | undefined) => (ms ? new Date(Number(ms)) : null)

/**
 * Verifies one webhook and applies it through private.apply_livekit_event on the privileged
 * connection (no user here: the signature is the authorisation). The function records the event
 * id first, so a replay changes nothing; stays keep the earliest join and latest leave, so any
 * order of arrival gives the same attendance.
 */
async function handle(sql: Sql, cfg: LiveKitConfig, rawBody: string, authorization: string | undefined) {
  const event = await receiveWebhook(cfg, rawBody, authorization).catch((error) => {
    if (!(error instanceof WebhookRejected)) throw error
    throw error.status === 401
      ? new ApiError(401, 'invalid_signature', error.message)
      : new ApiError(400, 'invalid_event', error.message)
  })
  if (!event.id || !event.event) throw new ApiError(400, 'invalid_event', 'The event has no id or type.')
  if (!HANDLED_EVENTS.includes(event.event)) return { applied: false, ignored: true }
  const p = event.participant
  const [row] = await sql<{ applied: boolean }[]>`
    select private.apply_livekit_event(${event.id}, ${event.event}, ${event.room?.name ?? null},
      ${fromSeconds(event.createdAt) ?? new Date()}, ${p?.identity || null}, ${p?.sid || null},
      ${fromMillis(p?.joinedAtMs) ?? fromSeconds(p?.joinedAt)}) as applied`
  return { applied: row?.applied ?? false, ignored: false }
}

/**
 * The `livekit-webhook` edge function: `POST /livekit-webhook` from LiveKit (Cloud or
 * self-hosted). Without LiveKit configured it answers 503 and writes nothing.
 */
export function createLiveKitWebhookApp(source: Record<string, string | undefined>) {
  const env = parseEnv(EdgeEnv, source)
  const cfg = liveKitConfigFrom(env)
  const sql = createDb(env.SUPABASE_DB_URL, { max: Math.min(env.DB_POOL_MAX, 4), prepare: env.DB_PREPARE })

  const app = new Hono()
  app.use('*', apiSecurityHeaders())
  app.post('/livekit-webhook', limitBody(MAX_BODY_BYTES), async (c) => {
    if (!cfg) {
      throw new ApiError(
        503,
        'livekit_not_configured',
        'LiveKit is not configured on this server (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET), ' +
          'so it accepts no LiveKit webhooks.',
      )
    }
    const result = await handle(sql, cfg, await c.req.text(), c.req.header('authorization'))
    return c.json({ ok: true, ...result }, 200)
  })
  app.notFound((c) =>
    c.json(
      errorBody(
        'not_found',
        `No route for ${c.req.method} ${c.req.path}; LiveKit posts to /livekit-webhook.`,
      ),
      404,
    ),
  )
  app.onError((err, c) => handleError(err, c))

  return { app, close: () => sql.end({ timeout: 5 }) }
}
