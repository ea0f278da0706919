// Safaricom Daraja (M-Pesa) client and the two steps of an M-Pesa Express (STK push) payment that
// touch the database: starting it (startStkPush, called by the api function) and settling it from a
// result confirmed by Daraja itself (confirmStkPayment, called by the mpesa-callback function and,
// for callbacks that never arrive, by the api); then payouts (sendB2CPayout) and refunds
// (startReversal), whose results come back to mpesa-callback. Web-standard only (fetch, SubtleCrypto): runs under
// Deno and Node. The base URL is configurable so tests and the offline stack use
// scripts/lib/daraja-simulator.ts, which speaks the same REST formats.
//
// Daraja calls we make (all JSON, Bearer token from the OAuth call):
//   GET  /oauth/v1/generate?grant_type=client_credentials   Basic key:secret → {access_token, expires_in}
//   POST /mpesa/stkpush/v1/processrequest                   → {MerchantRequestID, CheckoutRequestID, ResponseCode "0", …}
//   POST /mpesa/stkpushquery/v1/query                       → {ResponseCode, ResultCode, ResultDesc, …}
//                                                             (HTTP 500 errorCode 500.001.1001 while still in progress)
//   POST /mpesa/b2c/v3/paymentrequest                       → {ConversationID, OriginatorConversationID, ResponseCode "0", …}
//   POST /mpesa/reversal/v1/request                         → {ConversationID, OriginatorConversationID, ResponseCode "0", …}
// B2C and reversal results arrive later at the ResultURL we give (parseB2CResult, parseReversalResult).
import { z } from 'zod'
import { normalizeKenyanPhone } from '../contract/phone-number.ts'
import type { Sql } from '../lib/db.ts'
import type { Logger } from '../lib/log.ts'
import { mpesaAmount, mpesaToMinor } from './split.ts'

// Section: configuration

/** An optional variable for which `NAME=` (empty, as env files often leave it) means unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** Daraja's sandbox; production is https://api.safaricom.co.ke. */
export const DARAJA_SANDBOX_URL = 'https://sandbox.safaricom.co.ke'

/**
 * The Daraja variables, to extend EdgeEnv with (`EdgeEnv.extend(DarajaEnvFields)`). Without the
 * four credentials M-Pesa is off (darajaConfigFrom answers null).
 */
export const DarajaEnvFields = {
  /** Daraja's base URL (production https://api.safaricom.co.ke; tests: the local simulator). */
  DARAJA_BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().default(DARAJA_SANDBOX_URL)),
  DARAJA_CONSUMER_KEY: unsetIfEmpty(z.string()),
  DARAJA_CONSUMER_SECRET: unsetIfEmpty(z.string()),
  /** The paybill (or, for buy goods, the store) number: BusinessShortCode. */
  DARAJA_SHORTCODE: unsetIfEmpty(z.string().regex(/^\d{5,7}$/, 'A shortcode is 5 to 7 digits.')),
  /** The Lipa na M-Pesa Online passkey Safaricom issues with the shortcode. */
  DARAJA_PASSKEY: unsetIfEmpty(z.string()),
  /** CustomerPayBillOnline (paybill, the default) or CustomerBuyGoodsOnline (till). */
  DARAJA_TRANSACTION_TYPE: z
    .enum(['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'])
    .default('CustomerPayBillOnline'),
  /** PartyB: the till number for buy goods; the shortcode when unset. */
  DARAJA_PARTY_B: unsetIfEmpty(z.string().regex(/^\d{5,7}$/, 'PartyB is 5 to 7 digits.')),
  /** Public origin Daraja calls back (…/functions/v1/mpesa-callback/<token>); SUPABASE_URL when unset. */
  DARAJA_CALLBACK_BASE: unsetIfEmpty(z.url()),
  /** B2C payouts (all three or none): the B2C shortcode, the API operator and its encrypted credential. */
  DARAJA_B2C_SHORTCODE: unsetIfEmpty(z.string().regex(/^\d{5,7}$/, 'A shortcode is 5 to 7 digits.')),
  DARAJA_B2C_INITIATOR: unsetIfEmpty(z.string()),
  DARAJA_B2C_SECURITY_CREDENTIAL: unsetIfEmpty(z.string()),
}
export const DarajaEnv = z.object(DarajaEnvFields)
export type DarajaEnv = z.infer<typeof DarajaEnv>

export interface DarajaConfig {
  baseUrl: string
  consumerKey: string
  consumerSecret: string
  shortcode: string
  passkey: string
  transactionType: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline'
  partyB: string
  /** Origin of our functions as Daraja reaches them (no trailing slash). */
  callbackBase: string
  b2c?: { shortcode: string; initiatorName: string; securityCredential: string }
}

/** The Daraja configuration from the environment, or null when M-Pesa is not configured. */
export function darajaConfigFrom(env: DarajaEnv & { SUPABASE_URL: string }): DarajaConfig | null {
  const { DARAJA_CONSUMER_KEY: key, DARAJA_CONSUMER_SECRET: secret, DARAJA_SHORTCODE: code } = env
  if (!key || !secret || !code || !env.DARAJA_PASSKEY) return null
  const b2c =
    env.DARAJA_B2C_SHORTCODE && env.DARAJA_B2C_INITIATOR && env.DARAJA_B2C_SECURITY_CREDENTIAL
      ? {
          shortcode: env.DARAJA_B2C_SHORTCODE,
          initiatorName: env.DARAJA_B2C_INITIATOR,
          securityCredential: env.DARAJA_B2C_SECURITY_CREDENTIAL,
        }
      : undefined
  return {
    baseUrl: env.DARAJA_BASE_URL.replace(/\/+$/, ''),
    consumerKey: key,
    consumerSecret: secret,
    shortcode: code,
    passkey: env.DARAJA_PASSKEY,
    transactionType: env.DARAJA_TRANSACTION_TYPE,
    partyB: env.DARAJA_PARTY_B ?? code,
    callbackBase: (env.DARAJA_CALLBACK_BASE ?? env.SUPABASE_URL).replace(/\/+$/, ''),
    ...(b2c ? { b2c } : {}),
  }
}

// Section: phone numbers, timestamps, passwords

/** Nairobi is UTC+3 all year (no daylight saving). */
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000

/** Daraja's Timestamp, YYYYMMDDHHmmss in Africa/Nairobi time. */
export function darajaTimestamp(at: Date = new Date()): string {
  const d = new Date(at.getTime() + NAIROBI_OFFSET_MS)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return (
    p(d.getUTCFullYear(), 4) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds())
  )
}

/** Daraja's Password: base64(shortcode + passkey + timestamp). */
export function darajaPassword(shortcode: string, passkey: string, timestamp: string): string {
  return base64(new TextEncoder().encode(shortcode + passkey + timestamp))
}

function base64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

// Section: callback tokens

/** The form of a callback token: 32 random bytes, base64url without padding. */
export const CALLBACK_TOKEN = /^[A-Za-z0-9_-]{43}$/

/** sha256 (hex) of a callback token, as payments.callback_token_hash stores it. */
export async function callbackTokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A new unguessable per-payment callback token and its hash (only the hash is stored). */
export async function newCallbackToken(): Promise<{ token: string; hash: string }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)))
  return { token, hash: await callbackTokenHash(token) }
}

/** The CallBackURL of a payment: `<base>/functions/v1/mpesa-callback/<token>`. */
export const stkCallbackUrl = (callbackBase: string, token: string) =>
  `${callbackBase.replace(/\/+$/, '')}/functions/v1/mpesa-callback/${token}`

// Section: the client

/** A refused or failed Daraja call: HTTP status, Daraja's errorCode and errorMessage when it sent them. */
export class DarajaError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode?: string,
  ) {
    super(message)
    this.name = 'DarajaError'
  }
}

/** Daraja's errorCode for an STK query whose transaction is still being processed. */
export const STK_IN_PROGRESS = '500.001.1001'

export interface StkPushRequest {
  /** Whole shillings (mpesaAmount of the price in cents). */
  amount: number
  /** Any form normalizeKenyanPhone takes. */
  phone: string
  callbackUrl: string
  /** Shown on the phone with the business name; at most 12 characters. */
  accountReference: string
  /** At most 13 characters. */
  description: string
}

export interface StkPushAnswer {
  merchantRequestId: string
  checkoutRequestId: string
  customerMessage: string
}

export type StkQueryAnswer =
  | { state: 'pending' }
  | { state: 'done'; resultCode: number; resultDesc: string; checkoutRequestId: string }

export interface B2CRequest {
  /** Our id for the request (the payout id): OriginatorConversationID. */
  originatorConversationId: string
  /** Whole shillings. */
  amount: number
  phone: string
  resultUrl: string
  timeoutUrl: string
  remarks: string
  occasion?: string
  commandId?: 'BusinessPayment' | 'SalaryPayment' | 'PromotionPayment'
}

export interface B2CAnswer {
  conversationId: string
  originatorConversationId: string
}

export interface ReversalRequest {
  /** The MpesaReceiptNumber of the payment to reverse (Daraja's TransactionID). */
  transactionId: string
  /** Whole shillings to give back. */
  amount: number
  resultUrl: string
  timeoutUrl: string
  remarks: string
  occasion?: string
}

export interface ReversalAnswer {
  conversationId: string
  originatorConversationId: string
}

export interface DarajaClient {
  readonly config: DarajaConfig
  /** A valid access token (cached until a minute before it expires; concurrent callers share one request). */
  token(): Promise<string>
  stkPush(req: StkPushRequest): Promise<StkPushAnswer>
  stkQuery(checkoutRequestId: string): Promise<StkQueryAnswer>
  b2c(req: B2CRequest): Promise<B2CAnswer>
  /** Asks for a Transaction Reversal with the B2C initiator's credentials; the result comes to resultUrl. */
  reverse(req: ReversalRequest): Promise<ReversalAnswer>
}

export interface DarajaClientOptions {
  fetch?: typeof fetch
  now?: () => Date
  /** Per request (Daraja answers in well under a second normally). */
  timeoutMs?: number
}

const text = (v: unknown, max = 255) =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined

/** The form of an MpesaReceiptNumber we store (payments.provider_receipt checks the same). */
export const MPESA_RECEIPT = /^[A-Za-z0-9]{1,64}$/

const wholeShillings = (amount: number) => Number.isSafeInteger(amount) && amount >= 1

export function createDarajaClient(config: DarajaConfig, opts: DarajaClientOptions = {}): DarajaClient {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init))
  const now = opts.now ?? (() => new Date())
  const timeoutMs = opts.timeoutMs ?? 10_000
  let cached: { token: string; until: number } | undefined
  let inflight: Promise<string> | undefined

  async function call(path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let res: Response
    try {
      res = await doFetch(`${config.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      throw new DarajaError(`Daraja is unreachable (${(error as Error)?.name ?? 'error'}).`, 0)
    }
    const raw = await res.text().catch(() => '')
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = undefined
    }
    return { status: res.status, body }
  }

  function refusal(what: string, status: number, body: unknown): DarajaError {
    const b = (body ?? {}) as Record<string, unknown>
    const code = text(b.errorCode) ?? text(String(b.ResponseCode ?? ''))
    const message = text(b.errorMessage, 500) ?? text(b.ResponseDescription, 500) ?? `HTTP ${status}`
    return new DarajaError(`Daraja refused ${what}: ${message}`, status, code)
  }

  async function fetchToken(): Promise<string> {
    const basic = base64(new TextEncoder().encode(`${config.consumerKey}:${config.consumerSecret}`))
    const { status, body } = await call('/oauth/v1/generate?grant_type=client_credentials', {
      method: 'GET',
      headers: { authorization: `Basic ${basic}` },
    })
    const b = (body ?? {}) as Record<string, unknown>
    const token = text(b.access_token, 4096)
    if (status !== 200 || !token) throw refusal('the OAuth request', status, body)
    const seconds = Number(b.expires_in)
    const life = Number.isFinite(seconds) && seconds > 0 ? seconds : 3599
    cached = { token, until: now().getTime() + Math.max(life - 60, 0) * 1000 }
    return token
  }

  async function token(): Promise<string> {
    if (cached && now().getTime() < cached.until) return cached.token
    inflight ??= fetchToken().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  /** POSTs JSON with the bearer token; a refused token (401, or Daraja's 404.001.03) is renewed once. */
  async function post(path: string, payload: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const bearer = await token()
      const res = await call(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
      const code = (res.body as Record<string, unknown> | undefined)?.errorCode
      const badToken = res.status === 401 || code === '404.001.03'
      if (!badToken || attempt > 0) return res
      if (cached?.token === bearer) cached = undefined
    }
  }

  function signed() {
    const timestamp = darajaTimestamp(now())
    return {
      BusinessShortCode: config.shortcode,
      Password: darajaPassword(config.shortcode, config.passkey, timestamp),
      Timestamp: timestamp,
    }
  }

  return {
    config,
    token,

    async stkPush(req) {
      const phone = normalizeKenyanPhone(req.phone)
      if (!phone) throw new DarajaError('Not a Kenyan mobile number.', 400, 'invalid_phone')
      if (!wholeShillings(req.amount)) {
        throw new DarajaError('M-Pesa takes a whole number of shillings ≥ 1.', 400, 'invalid_amount')
      }
      const { status, body } = await post('/mpesa/stkpush/v1/processrequest', {
        ...signed(),
        TransactionType: config.transactionType,
        Amount: req.amount,
        PartyA: phone,
        PartyB: config.partyB,
        PhoneNumber: phone,
        CallBackURL: req.callbackUrl,
        AccountReference: req.accountReference.slice(0, 12),
        TransactionDesc: req.description.slice(0, 13),
      })
      const b = (body ?? {}) as Record<string, unknown>
      const checkoutRequestId = text(b.CheckoutRequestID)
      if (status !== 200 || String(b.ResponseCode) !== '0' || !checkoutRequestId) {
        throw refusal('the STK push', status, body)
      }
      return {
        merchantRequestId: text(b.MerchantRequestID) ?? '',
        checkoutRequestId,
        customerMessage: text(b.CustomerMessage, 500) ?? '',
      }
    },

    async stkQuery(checkoutRequestId) {
      const { status, body } = await post('/mpesa/stkpushquery/v1/query', {
        ...signed(),
        CheckoutRequestID: checkoutRequestId,
      })
      const b = (body ?? {}) as Record<string, unknown>
      if (b.errorCode === STK_IN_PROGRESS) return { state: 'pending' }
      const resultCode = Number(b.ResultCode)
      if (
        status !== 200 ||
        String(b.ResponseCode) !== '0' ||
        b.ResultCode === undefined ||
        b.ResultCode === null ||
        b.ResultCode === '' ||
        !Number.isInteger(resultCode)
      ) {
        throw refusal('the STK query', status, body)
      }
      return {
        state: 'done',
        resultCode,
        resultDesc: text(b.ResultDesc, 500) ?? '',
        checkoutRequestId: text(b.CheckoutRequestID) ?? checkoutRequestId,
      }
    },

    async b2c(req) {
      if (!config.b2c) throw new DarajaError('B2C payouts are not configured.', 503, 'b2c_not_configured')
      const phone = normalizeKenyanPhone(req.phone)
      if (!phone) throw new DarajaError('Not a Kenyan mobile number.', 400, 'invalid_phone')
      if (!wholeShillings(req.amount)) {
        throw new DarajaError('M-Pesa takes a whole number of shillings ≥ 1.', 400, 'invalid_amount')
      }
      const { status, body } = await post('/mpesa/b2c/v3/paymentrequest', {
        OriginatorConversationID: req.originatorConversationId,
        InitiatorName: config.b2c.initiatorName,
        SecurityCredential: config.b2c.securityCredential,
        CommandID: req.commandId ?? 'BusinessPayment',
        Amount: req.amount,
        PartyA: config.b2c.shortcode,
        PartyB: phone,
        Remarks: req.remarks.slice(0, 100) || 'Payout',
        QueueTimeOutURL: req.timeoutUrl,
        ResultURL: req.resultUrl,
        Occasion: (req.occasion ?? '').slice(0, 100),
      })
      const b = (body ?? {}) as Record<string, unknown>
      const conversationId = text(b.ConversationID)
      if (status !== 200 || String(b.ResponseCode) !== '0' || !conversationId) {
        throw refusal('the B2C payment', status, body)
      }
      return {
        conversationId,
        originatorConversationId: text(b.OriginatorConversationID) ?? req.originatorConversationId,
      }
    },

    async reverse(req) {
      // Reversals need an API operator with the reversal role; we use the B2C initiator's.
      if (!config.b2c) {
        throw new DarajaError('M-Pesa reversals are not configured.', 503, 'reversal_not_configured')
      }
      if (!MPESA_RECEIPT.test(req.transactionId)) {
        throw new DarajaError('Not an M-Pesa receipt number.', 400, 'invalid_receipt')
      }
      if (!wholeShillings(req.amount)) {
        throw new DarajaError('M-Pesa takes a whole number of shillings ≥ 1.', 400, 'invalid_amount')
      }
      const { status, body } = await post('/mpesa/reversal/v1/request', {
        Initiator: config.b2c.initiatorName,
        SecurityCredential: config.b2c.securityCredential,
        CommandID: 'TransactionReversal',
        TransactionID: req.transactionId,
        Amount: req.amount,
        ReceiverParty: config.shortcode,
        // Daraja's own spelling; 11 = an organisation's shortcode.
        RecieverIdentifierType: '11',
        ResultURL: req.resultUrl,
        QueueTimeOutURL: req.timeoutUrl,
        Remarks: req.remarks.slice(0, 100) || 'Refund',
        Occasion: (req.occasion ?? '').slice(0, 100),
      })
      const b = (body ?? {}) as Record<string, unknown>
      const conversationId = text(b.ConversationID)
      if (status !== 200 || String(b.ResponseCode) !== '0' || !conversationId) {
        throw refusal('the reversal', status, body)
      }
      return { conversationId, originatorConversationId: text(b.OriginatorConversationID) ?? '' }
    },
  }
}

// Section: results in plain words

export type StkOutcome = { status: 'succeeded' } | { status: 'failed' | 'cancelled'; reason: string }

/** Reasons a person reads on the payment page (and in "My purchases") for STK result codes. */
export const STK_REASONS: Record<number, string> = {
  1032: 'You cancelled the payment on your phone.',
  1: 'Not enough money in your M-Pesa account.',
  1037: 'The payment request timed out: your phone did not answer.',
  1019: 'The payment request expired before it was answered.',
  1001: 'Another M-Pesa payment was in progress on your phone. Try again in a minute.',
  2001: 'The M-Pesa PIN was not correct.',
}

/** What an STK result code means for the payment: 0 succeeded, 1032 cancelled, anything else failed. */
export function stkOutcome(resultCode: number): StkOutcome {
  if (resultCode === 0) return { status: 'succeeded' }
  const reason = STK_REASONS[resultCode] ?? `M-Pesa could not complete the payment (code ${resultCode}).`
  return { status: resultCode === 1032 ? 'cancelled' : 'failed', reason }
}

// Section: starting and settling a payment

export interface StkDeps {
  /** The privileged connection (attach_provider_ref and the record_* functions are service_role only). */
  sql: Sql
  daraja: DarajaClient
  log?: Logger
}

export interface StartStkPush {
  /** The payer's phone in any form normalizeKenyanPhone takes (the caller validates it first). */
  phone: string
  /** ≤ 12 characters, shown on the phone (e.g. "KIPINDI"). */
  accountReference: string
  /** ≤ 13 characters. */
  description: string
  /**
   * Creates the pending payment with the callback token's hash and answers its id and amount: the
   * api runs `public.start_course_payment(course, 'mpesa', beneficiary, callbackTokenHash)` as the
   * signed-in user here.
   */
  create(callbackTokenHash: string): Promise<{ id: string; amountMinor: number }>
}

export interface StartedStkPush {
  paymentId: string
  checkoutRequestId: string
  /** Daraja's message for the customer ("Success. Request accepted for processing"). */
  customerMessage: string
  /** What the phone is asked for, in whole shillings. */
  amount: number
}

/** Event id of a push Daraja refused (the payment then fails at once instead of staying pending). */
export const pushFailedEvent = (paymentId: string) => `push:${paymentId}`

/**
 * Starts an M-Pesa payment: makes the per-payment callback token (32 random bytes, base64url; only
 * its sha256 is stored, through `create`), sends the STK push with CallBackURL
 * `<DARAJA_CALLBACK_BASE or SUPABASE_URL>/functions/v1/mpesa-callback/<token>`, and stores the
 * CheckoutRequestID with private.attach_provider_ref. A push Daraja refuses marks the payment
 * failed and throws the DarajaError.
 */
export async function startStkPush(deps: StkDeps, payment: StartStkPush): Promise<StartedStkPush> {
  const { token, hash } = await newCallbackToken()
  const created = await payment.create(hash)
  const amount = mpesaAmount(created.amountMinor)
  let answer: StkPushAnswer
  try {
    answer = await deps.daraja.stkPush({
      amount,
      phone: payment.phone,
      callbackUrl: stkCallbackUrl(deps.daraja.config.callbackBase, token),
      accountReference: payment.accountReference,
      description: payment.description,
    })
  } catch (error) {
    deps.log?.warn('stk push refused', { paymentId: created.id, error })
    const reason =
      error instanceof DarajaError && error.errorCode === 'invalid_phone'
        ? 'That is not a Kenyan mobile number.'
        : 'M-Pesa could not send the payment request to your phone. Please try again.'
    await deps.sql`select private.record_payment_failure('mpesa', ${pushFailedEvent(created.id)},
      ${created.id}, 'failed', ${reason})`
    throw error
  }
  await deps.sql`select private.attach_provider_ref(${created.id}, ${answer.checkoutRequestId})`
  return {
    paymentId: created.id,
    checkoutRequestId: answer.checkoutRequestId,
    customerMessage: answer.customerMessage,
    amount,
  }
}

export type ConfirmOutcome =
  /** The result was recorded (record_* answered 'applied'). */
  | 'applied'
  /** Already recorded: nothing changed. */
  | 'duplicate'
  /** Recorded as an event, but the payment's state made it moot (e.g. a failure after success). */
  | 'ignored'
  /** Daraja is still processing: nothing changed. */
  | 'pending'
  /** Daraja's answer differs from the result claimed (a forged or stale callback): nothing changed. */
  | 'contradicted'

export interface ConfirmedStk {
  outcome: ConfirmOutcome
  /** Daraja's result code, when it gave one. */
  resultCode?: number
}

/**
 * Settles an M-Pesa payment from Daraja's own answer: asks stkpushquery for the CheckoutRequestID
 * and, when `claimed` is given (the ResultCode of a callback), acts only if Daraja says the same.
 * ResultCode 0 → private.record_mpesa_success (private.record_payment_success with event id
 * `<CheckoutRequestID>:0`, the payment's own amount (whole shillings, in cents) and the
 * CheckoutRequestID as provider_ref), storing the callback's `receipt` (MpesaReceiptNumber) once:
 * stkpushquery gives none, so a success the api confirmed first gets it when the callback comes.
 * Any other code → private.record_payment_failure (event `<CheckoutRequestID>:<code>`) with the
 * reason in plain words. Each is one statement recording the event id with its effect, so replays,
 * sequential or concurrent, change nothing.
 */
export async function confirmStkPayment(
  deps: StkDeps,
  payment: { id: string; amountMinor: number; checkoutRequestId: string },
  claimed?: number,
  receipt?: string,
): Promise<ConfirmedStk> {
  const answer = await deps.daraja.stkQuery(payment.checkoutRequestId)
  if (answer.state === 'pending') return { outcome: 'pending' }
  const { resultCode } = answer
  if (claimed !== undefined && claimed !== resultCode) return { outcome: 'contradicted', resultCode }
  const eventId = `${payment.checkoutRequestId}:${resultCode}`
  const outcome = stkOutcome(resultCode)
  if (outcome.status === 'succeeded') {
    const amountMinor = mpesaToMinor(mpesaAmount(payment.amountMinor))
    const stored = receipt !== undefined && MPESA_RECEIPT.test(receipt) ? receipt : null
    const [row] = await deps.sql<{ r: ConfirmOutcome }[]>`
      select private.record_mpesa_success(${eventId}, ${payment.id}, ${payment.checkoutRequestId},
        ${amountMinor}, ${stored}) as r`
    return { outcome: row?.r ?? 'duplicate', resultCode }
  }
  const [row] = await deps.sql<{ r: ConfirmOutcome }[]>`
    select private.record_payment_failure('mpesa', ${eventId}, ${payment.id}, ${outcome.status},
      ${outcome.reason}) as r`
  return { outcome: row?.r ?? 'duplicate', resultCode }
}

// Section: B2C payouts

/**
 * The ResultURL and QueueTimeOutURL of a payout's B2C request:
 * `<base>/functions/v1/mpesa-callback/b2c/<payout id>/<mac>[/timeout]`, where the mac is
 * base64url(HMAC-SHA256(secret, "mpesa-b2c:" + payout id)) and the secret is the service role key
 * (both the api and mpesa-callback have it): unguessable without a stored token. Changing the key
 * invalidates the URLs of payouts still in flight (their results must then be settled by hand).
 */
export async function b2cCallbackUrls(
  callbackBase: string,
  secret: string,
  payoutId: string,
): Promise<{ resultUrl: string; timeoutUrl: string }> {
  const base = `${callbackBase.replace(/\/+$/, '')}/functions/v1/mpesa-callback/b2c/${payoutId}/${await b2cMac(secret, payoutId)}`
  return { resultUrl: base, timeoutUrl: `${base}/timeout` }
}

/** The mac in a payout's B2C URLs (see b2cCallbackUrls). */
export const b2cMac = (secret: string, payoutId: string): Promise<string> =>
  urlMac(secret, `mpesa-b2c:${payoutId}`)

/** base64url(HMAC-SHA256(secret, message)): what authenticates a result URL we gave Daraja. */
async function urlMac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return base64url(new Uint8Array(mac))
}

/** Constant-time comparison of two strings (macs). */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Sends an approved M-Pesa payout through Daraja B2C (OriginatorConversationID = the payout id,
 * whole shillings to the payout's phone). The result arrives at the mpesa-callback function,
 * which settles the payout once (private.settle_payout).
 */
export async function sendB2CPayout(
  daraja: DarajaClient,
  secret: string,
  payout: { id: string; amountMinor: number; phone: string },
): Promise<B2CAnswer> {
  const urls = await b2cCallbackUrls(daraja.config.callbackBase, secret, payout.id)
  return daraja.b2c({
    originatorConversationId: payout.id,
    amount: mpesaAmount(payout.amountMinor),
    phone: payout.phone,
    ...urls,
    remarks: 'Kipindi instructor payout',
  })
}

/** The parts of a B2C `Result` we read; null when the body is not one. */
export function parseB2CResult(body: unknown): {
  resultCode: number
  resultDesc: string
  conversationId: string
  originatorConversationId: string
  transactionId?: string
} | null {
  const r = (body as { Result?: Record<string, unknown> } | null)?.Result
  if (!r || typeof r !== 'object') return null
  const code =
    typeof r.ResultCode === 'string' && /^\d{1,9}$/.test(r.ResultCode) ? Number(r.ResultCode) : r.ResultCode
  const conversationId = text(r.ConversationID)
  const originatorConversationId = text(r.OriginatorConversationID)
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || code < 0) return null
  if (!conversationId || !originatorConversationId) return null
  const transactionId = text(r.TransactionID)
  return {
    resultCode: code,
    resultDesc: text(r.ResultDesc, 500) ?? '',
    conversationId,
    originatorConversationId,
    ...(transactionId ? { transactionId } : {}),
  }
}

// Section: reversals (refunds)

/**
 * The ResultURL and QueueTimeOutURL of a reversal:
 * `<base>/functions/v1/mpesa-callback/reversal/<payment id>/<amount minor>/<mac>[/timeout]`, the
 * mac being base64url(HMAC-SHA256(secret, "mpesa-reversal:<payment id>:<amount minor>")) with the
 * service role key as secret (see b2cCallbackUrls): the amount to record travels in the URL, so
 * nobody can change it without the key.
 */
export async function reversalCallbackUrls(
  callbackBase: string,
  secret: string,
  paymentId: string,
  amountMinor: number,
): Promise<{ resultUrl: string; timeoutUrl: string }> {
  const mac = await reversalMac(secret, paymentId, amountMinor)
  const base = `${callbackBase.replace(/\/+$/, '')}/functions/v1/mpesa-callback/reversal/${paymentId}/${amountMinor}/${mac}`
  return { resultUrl: base, timeoutUrl: `${base}/timeout` }
}

/** The mac in a reversal's URLs (see reversalCallbackUrls). */
export const reversalMac = (secret: string, paymentId: string, amountMinor: number): Promise<string> =>
  urlMac(secret, `mpesa-reversal:${paymentId}:${amountMinor}`)

/** Asks Daraja to reverse (part of) a succeeded M-Pesa payment; the refund is recorded when the result arrives. */
export async function startReversal(
  deps: { daraja: DarajaClient; secret: string; log?: Logger },
  payment: { id: string; amountMinor: number; receipt: string },
): Promise<{ conversationId: string }> {
  // The URL's amount is what gets recorded, so it must be exactly what M-Pesa gives back.
  if (
    !Number.isSafeInteger(payment.amountMinor) ||
    payment.amountMinor < 100 ||
    payment.amountMinor % 100 !== 0
  ) {
    throw new DarajaError('M-Pesa gives back whole shillings ≥ 1.', 400, 'invalid_amount')
  }
  const urls = await reversalCallbackUrls(
    deps.daraja.config.callbackBase,
    deps.secret,
    payment.id,
    payment.amountMinor,
  )
  const answer = await deps.daraja.reverse({
    transactionId: payment.receipt,
    amount: mpesaAmount(payment.amountMinor),
    ...urls,
    remarks: 'Kipindi refund',
  })
  deps.log?.info('reversal requested', {
    paymentId: payment.id,
    amountMinor: payment.amountMinor,
    conversationId: answer.conversationId,
  })
  return { conversationId: answer.conversationId }
}

/** The parts of a reversal `Result` we read (see parseReversalResult). */
export interface ReversalResult {
  /** Daraja's ResultCode as text: '0' is success; failures are numbers or codes like 'R000002', 'SFC_IC0003'. */
  resultCode: string
  resultDesc: string
  conversationId: string
  originatorConversationId?: string
  /** The reversal's own M-Pesa transaction id (the refund's refund_ref). */
  transactionId?: string
  /** The receipt that was reversed (ResultParameters OriginalTransactionID), when given. */
  originalTransactionId?: string
  /** What was given back in shillings (ResultParameters Amount), when given. */
  amount?: number
}

/**
 * The parts of a Transaction Reversal `Result` we read; null when the body is not one. Lenient
 * about what Daraja varies: ResultCode as a number or a string, ResultParameter as a list or a
 * single item, Amount as a number or a numeric string.
 */
export function parseReversalResult(body: unknown): ReversalResult | null {
  const r = (body as { Result?: Record<string, unknown> } | null)?.Result
  if (!r || typeof r !== 'object' || Array.isArray(r)) return null
  const code = r.ResultCode
  const resultCode =
    typeof code === 'number' && Number.isSafeInteger(code) && code >= 0
      ? String(code)
      : typeof code === 'string' && /^[A-Za-z0-9._-]{1,20}$/.test(code)
        ? code
        : undefined
  // Short enough that 'reversal:' + it fits payment_events.event_id (255).
  const conversationId = text(r.ConversationID, 200)
  if (resultCode === undefined || !conversationId) return null
  const params = resultParameters(r.ResultParameters)
  const out: ReversalResult = { resultCode, resultDesc: text(r.ResultDesc, 500) ?? '', conversationId }
  const originator = text(r.OriginatorConversationID)
  const transactionId = text(r.TransactionID, 64)
  const original = text(params.get('OriginalTransactionID'), 64)
  const amount = params.get('Amount')
  const shillings =
    typeof amount === 'number'
      ? amount
      : typeof amount === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(amount)
        ? Number(amount)
        : Number.NaN
  if (originator) out.originatorConversationId = originator
  if (transactionId && MPESA_RECEIPT.test(transactionId)) out.transactionId = transactionId
  if (original && MPESA_RECEIPT.test(original)) out.originalTransactionId = original
  if (Number.isFinite(shillings) && shillings >= 0) out.amount = shillings
  return out
}

/** `ResultParameters.ResultParameter` ({Key, Value} items, or one item alone) by key. */
function resultParameters(raw: unknown): Map<string, unknown> {
  const list = (raw as { ResultParameter?: unknown } | null)?.ResultParameter
  const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : []
  const out = new Map<string, unknown>()
  for (const item of items.slice(0, 50)) {
    const key = (item as { Key?: unknown } | null)?.Key
    if (typeof key === 'string') out.set(key, (item as { Value?: unknown }).Value)
  }
  return out
}
