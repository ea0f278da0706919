import { Hono } from 'hono'
import { createDb, type Sql } from '../lib/db.ts'
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
  MPESA_RECEIPT,
  parseB2CResult,
  parseReversalResult,
  type ReversalResult,
  reversalMac,
  sameText,
} from '../payments/daraja.ts'

/** The environment of this function: EdgeEnv plus Daraja's variables. */
export const MpesaCallbackEnv = EdgeEnv.extend(DarajaEnvFields)

/** A real STK callback is well under 2 KiB; anything much bigger is not one. */
const MAX_BODY_BYTES = 16 * 1024

/** What Daraja expects back from a callback. */
export const DARAJA_ACK = { ResultCode: 0, ResultDesc: 'Accepted' } as const

/**
 * The parts of `Body.stkCallback` we read; null when the body is not an STK callback. The receipt
 * (`CallbackMetadata.Item` MpesaReceiptNumber, on success only) is optional: one missing or of an
 * odd form is left out and the callback is still handled.
 */
export function parseStkCallback(
  body: unknown,
): { checkoutRequestId: string; resultCode: number; receipt?: string } | null {
  const cb = (body as { Body?: { stkCallback?: Record<string, unknown> } } | null)?.Body?.stkCallback
  if (!cb || typeof cb !== 'object') return null
  const id = cb.CheckoutRequestID
  const code =
    typeof cb.ResultCode === 'string' && /^\d{1,9}$/.test(cb.ResultCode)
      ? Number(cb.ResultCode)
      : cb.ResultCode
  if (typeof id !== 'string' || id.length === 0 || id.length > 255) return null
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return null
  const receipt = callbackItem(cb.CallbackMetadata, 'MpesaReceiptNumber')
  return {
    checkoutRequestId: id,
    resultCode: code,
    ...(typeof receipt === 'string' && MPESA_RECEIPT.test(receipt) ? { receipt } : {}),
  }
}

/** The Value of the `CallbackMetadata.Item` named `name`, if any. */
function callbackItem(metadata: unknown, name: string): unknown {
  const items = (metadata as { Item?: unknown } | null)?.Item
  if (!Array.isArray(items)) return undefined
  const item = items.find((i) => (i as { Name?: unknown } | null)?.Name === name) as
    | { Value?: unknown }
    | undefined
  return item?.Value
}

const notFound = () => new ApiError(404, 'not_found', 'Not found.')

/**
 * The `mpesa-callback` edge function: what Safaricom Daraja posts to us. `POST
 * /mpesa-callback/<token>` is the result of one STK push; `…/b2c/…` and `…/reversal/…` are the
 * results of payouts and refunds, each authenticated by a mac in the URL (see below). STK
 * callbacks are not signed, so none is trusted as it stands: the token in the URL (unguessable,
 * one per payment; only its sha256 is stored) finds the payment, the CheckoutRequestID must be the
 * one Daraja gave for it, and the result is confirmed with stkpushquery before anything is written
 * (confirmStkPayment in edge/payments/daraja.ts). An unknown token or a wrong mac answers 404 and
 * says nothing more; every handled body is acknowledged with Daraja's
 * `{"ResultCode":0,"ResultDesc":"Accepted"}`, whatever it changed.
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
        callback.receipt,
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
  /** Minor units as reversalCallbackUrls writes them: whole shillings, no leading zero. */
  const AMOUNT = /^[1-9]\d{0,11}00$/
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
  // Reversal results (M-Pesa refunds, startReversal): the URL's mac authenticates the payment and
  // the amount asked for; 'reversal:<ConversationID>' is the event id and the reversal's
  // TransactionID the refund_ref, so a replay changes nothing. A failure or a queue timeout records
  // nothing: the payment keeps its money and access, and an admin may ask again.
  app.post('/mpesa-callback/reversal/:payment/:amount/:mac/:kind?', limitBody(MAX_BODY_BYTES), async (c) => {
    const { payment, amount, mac } = c.req.param()
    const kind = c.req.param('kind')
    if (!UUID.test(payment) || !AMOUNT.test(amount) || (kind !== undefined && kind !== 'timeout')) {
      throw notFound()
    }
    const amountMinor = Number(amount)
    if (!sameText(mac, await reversalMac(env.SUPABASE_SERVICE_ROLE_KEY, payment, amountMinor)))
      throw notFound()
    let body: unknown
    try {
      body = JSON.parse(await c.req.text())
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
    }
    const result = parseReversalResult(body)
    if (!result) throw new ApiError(400, 'invalid_event', 'The body is not a reversal result.')
    await recordReversalResult({ sql, log }, { payment, amountMinor, timeout: kind === 'timeout' }, result)
    return c.json(DARAJA_ACK, 200)
  })
  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404))
  app.onError((err, c) => handleError(err, c))

  return { app, close: () => sql.end({ timeout: 5 }) }
}

/**
 * Applies one reversal result whose URL's mac was checked: success → the refund, once, through
 * private.record_mpesa_reversal; a failure code or the queue timeout → logged, nothing recorded.
 */
async function recordReversalResult(
  deps: { sql: Sql; log: Logger },
  url: { payment: string; amountMinor: number; timeout: boolean },
  result: ReversalResult,
): Promise<void> {
  const { sql, log } = deps
  const { payment, amountMinor } = url
  const fields = {
    paymentId: payment,
    amountMinor,
    conversationId: result.conversationId.slice(0, 100),
    resultCode: result.resultCode,
  }
  // The request the api made for this reversal (if any) is settled with its result.
  const settle = (status: 'done' | 'failed') =>
    sql`update public.refund_requests set status = ${status}
      where conversation_id = ${result.conversationId} and payment_id = ${payment} and status = 'requested'`
  if (url.timeout) {
    log.warn('reversal timed out in the queue: nothing recorded', fields)
    await settle('failed')
    return
  }
  if (result.resultCode !== '0') {
    log.warn('reversal failed: nothing recorded', { ...fields, resultDesc: result.resultDesc.slice(0, 200) })
    await settle('failed')
    return
  }
  // The URL's amount (what we asked for, under the mac) is recorded; a different Amount in the
  // unsigned body is worth a look but does not change what Daraja accepted.
  if (result.amount !== undefined && Math.round(result.amount * 100) !== amountMinor) {
    log.warn('reversal result names another amount', { ...fields, reported: result.amount })
  }
  // The refund and the request it settles, together: the payment never shows both or neither.
  const applied = await sql.begin(async (tx) => {
    const [row] = await tx<{ applied: string | null }[]>`
      select private.record_mpesa_reversal(${`reversal:${result.conversationId}`}, ${payment}, ${amountMinor},
        ${result.transactionId ?? null}, ${result.originalTransactionId ?? null}) as applied`
    const n = row?.applied == null ? null : Number(row.applied)
    await tx`update public.refund_requests set status = ${n === null ? 'failed' : 'done'}
      where conversation_id = ${result.conversationId} and payment_id = ${payment} and status = 'requested'`
    return n
  })
  if (applied === null) {
    log.warn(
      'reversal of a payment that is not a succeeded M-Pesa payment of that receipt: nothing recorded',
      fields,
    )
  } else if (applied === 0) {
    log.info('reversal already recorded (or nothing left to refund): nothing changed', fields)
  } else {
    log.info('reversal recorded as a refund', { ...fields, applied, transactionId: result.transactionId })
  }
}
