import { Hono } from 'hono'
import { createDb } from '../lib/db.ts'
import { EdgeEnv, parseEnv } from '../lib/env.ts'
import { ApiError, errorBody, handleError } from '../lib/errors.ts'
import { apiSecurityHeaders, limitBody } from '../lib/http.ts'
import { createLogger, type Logger } from '../lib/log.ts'
import {
  b2cMac,
  CALLBACK_TOKEN,
  type ConfirmedStk,
  callbackTokenHash,
  confirmStkPayment,
  createDarajaClient,
  type DarajaClientOptions,
  DarajaEnvFields,
  darajaConfigFrom,
  parseB2CResult,
  sameText,
} from '../payments/daraja.ts'

/** The environment of this function: EdgeEnv plus Daraja's variables. */
export const MpesaCallbackEnv = EdgeEnv.extend(DarajaEnvFields)

/** A real STK callback is well under 2 KiB; anything much bigger is not one. */
const MAX_BODY_BYTES = 16 * 1024

/** What Daraja expects back from a callback. */
export const DARAJA_ACK = { ResultCode: 0, ResultDesc: 'Accepted' } as const

/** The parts of `Body.stkCallback` we read; null when the body is not an STK callback. */
export function parseStkCallback(body: unknown): { checkoutRequestId: string; resultCode: number } | null {
  const cb = (body as { Body?: { stkCallback?: Record<string, unknown> } } | null)?.Body?.stkCallback
  if (!cb || typeof cb !== 'object') return null
  const id = cb.CheckoutRequestID
  const code =
    typeof cb.ResultCode === 'string' && /^\d{1,9}$/.test(cb.ResultCode)
      ? Number(cb.ResultCode)
      : cb.ResultCode
  if (typeof id !== 'string' || id.length === 0 || id.length > 255) return null
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return null
  return { checkoutRequestId: id, resultCode: code }
}

const notFound = () => new ApiError(404, 'not_found', 'Not found.')

/**
 * The `mpesa-callback` edge function: `POST /mpesa-callback/<token>` from Safaricom Daraja, the
 * result of one STK push. Callbacks are not signed, so none is trusted as it stands: the token in
 * the URL (unguessable, one per payment; only its sha256 is stored) finds the payment, the
 * CheckoutRequestID must be the one Daraja gave for it, and the result is confirmed with
 * stkpushquery before anything is written (confirmStkPayment in edge/payments/daraja.ts). An
 * unknown token answers 404 and says nothing more; every callback of a known payment is
 * acknowledged with Daraja's `{"ResultCode":0,"ResultDesc":"Accepted"}`, whatever it changed.
 */
export function createMpesaCallbackApp(
  source: Record<string, string | undefined>,
  opts: { log?: Logger; daraja?: DarajaClientOptions } = {},
) {
  const env = parseEnv(MpesaCallbackEnv, source)
  const cfg = darajaConfigFrom(env)
  const daraja = cfg ? createDarajaClient(cfg, opts.daraja) : null
  const log = opts.log ?? createLogger('mpesa-callback')
  const sql = createDb(env.SUPABASE_DB_URL, { max: Math.min(env.DB_POOL_MAX, 4), prepare: env.DB_PREPARE })

  const app = new Hono()
  app.use('*', apiSecurityHeaders())
  app.post('/mpesa-callback/:token', limitBody(MAX_BODY_BYTES), async (c) => {
    const token = c.req.param('token')
    if (!CALLBACK_TOKEN.test(token)) throw notFound()
    let body: unknown
    try {
      body = JSON.parse(await c.req.text())
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
    }
    const callback = parseStkCallback(body)
    if (!callback) throw new ApiError(400, 'invalid_event', 'The body is not an STK callback.')

    const [payment] = await sql<{ id: string; amount_minor: string; provider_ref: string | null }[]>`
      select p.id, p.amount_minor, p.provider_ref from public.payments p
      where p.callback_token_hash = ${await callbackTokenHash(token)} and p.provider = 'mpesa'`
    if (!payment) throw notFound()
    const fields = { paymentId: payment.id, checkoutRequestId: callback.checkoutRequestId.slice(0, 100) }
    if (!daraja) {
      log.warn('callback for an M-Pesa payment, but Daraja is not configured: nothing changed', fields)
      return c.json(DARAJA_ACK, 200)
    }
    if (payment.provider_ref !== callback.checkoutRequestId) {
      log.warn('callback names another CheckoutRequestID: nothing changed', fields)
      return c.json(DARAJA_ACK, 200)
    }
    let confirmed: ConfirmedStk
    try {
      confirmed = await confirmStkPayment(
        { sql, daraja, log },
        {
          id: payment.id,
          amountMinor: Number(payment.amount_minor),
          checkoutRequestId: payment.provider_ref,
        },
        callback.resultCode,
      )
    } catch (error) {
      // Daraja unreachable or refusing the query: the payment stays pending (the api's status
      // check confirms it later); Daraja does not retry callbacks, so the answer is still the ack.
      log.error('could not confirm the callback with Daraja: nothing changed', { ...fields, error })
      return c.json(DARAJA_ACK, 200)
    }
    const level = confirmed.outcome === 'contradicted' ? 'warn' : 'info'
    log[level](`callback ${confirmed.outcome}`, {
      ...fields,
      claimed: callback.resultCode,
      confirmed: confirmed.resultCode,
    })
    return c.json(DARAJA_ACK, 200)
  })
  // B2C results (payouts): the URL's mac (b2cCallbackUrls) authenticates the payout id; Daraja's
  // ConversationID is the event id, so a replay changes nothing. A queue timeout says only that the
  // request waited too long: the payout stays approved (its final result, or an admin, settles it).
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
  app.post('/mpesa-callback/b2c/:payout/:mac/:kind?', limitBody(MAX_BODY_BYTES), async (c) => {
    const { payout, mac } = c.req.param()
    const kind = c.req.param('kind')
    if (!UUID.test(payout) || (kind !== undefined && kind !== 'timeout')) throw notFound()
    if (!sameText(mac, await b2cMac(env.SUPABASE_SERVICE_ROLE_KEY, payout))) throw notFound()
    let body: unknown
    try {
      body = JSON.parse(await c.req.text())
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
    }
    const result = parseB2CResult(body)
    if (!result) throw new ApiError(400, 'invalid_event', 'The body is not a B2C result.')
    const fields = { payoutId: payout, conversationId: result.conversationId.slice(0, 100) }
    if (result.originatorConversationId !== payout) {
      log.warn('B2C result names another payout: nothing changed', fields)
      return c.json(DARAJA_ACK, 200)
    }
    if (kind === 'timeout') {
      log.warn('B2C request timed out in the queue: payout left approved', fields)
      return c.json(DARAJA_ACK, 200)
    }
    const succeeded = result.resultCode === 0
    const reason = succeeded
      ? null
      : `M-Pesa could not pay out: ${result.resultDesc || `code ${result.resultCode}`}`
    const [row] = await sql<{ r: string }[]>`
      select private.settle_payout('mpesa', ${`b2c:${result.conversationId}`}, ${payout}, ${succeeded},
        ${result.transactionId ?? null}, ${reason}) as r`
    log.info(`B2C result ${row?.r}`, { ...fields, resultCode: result.resultCode })
    return c.json(DARAJA_ACK, 200)
  })
  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404))
  app.onError((err, c) => handleError(err, c))

  return { app, close: () => sql.end({ timeout: 5 }) }
}
