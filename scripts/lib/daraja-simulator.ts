// A local Safaricom Daraja for tests and the offline stack: the REST endpoints our client calls
// (edge/payments/daraja.ts), with Daraja's request checks and answer shapes. An STK push is
// accepted and then stays pending until the test decides its result: complete (0), cancel (1032),
// insufficient funds (1) or timeout (1037), each POSTing a properly formed `Body.stkCallback` to
// the CallBackURL the push gave. stkpushquery answers what the simulator did, unless told to
// contradict it (forgery tests). B2C requests and Transaction Reversals (of the receipt of a push
// that succeeded here) are accepted and settled the same way through their ResultURL, by the test,
// or automatically after a delay with `autoSettle` (the offline stack has nobody to decide them;
// STK pushes still wait). Control also over HTTP for Playwright and the offline stack:
// `POST /__simulator/stk/<CheckoutRequestID>/<success|cancelled|insufficient|timeout>`,
// `POST /__simulator/b2c/<ConversationID>/<success|failed>`,
// `POST /__simulator/reversal/<ConversationID>/<success|failed>`, and GET of each list.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const SIM_CONSUMER_KEY = 'sim-consumer-key'
export const SIM_CONSUMER_SECRET = 'sim-consumer-secret'
export const SIM_SHORTCODE = '174379'
export const SIM_PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919'
/**
 * The B2C initiator's variables (payouts, and reversals, which use the same API operator), for
 * stacks that turn those on. The simulator checks only that they are sent, as their result would
 * tell (Daraja answers a wrong credential asynchronously).
 */
export const SIM_B2C_ENV = {
  DARAJA_B2C_SHORTCODE: '600000',
  DARAJA_B2C_INITIATOR: 'testapi',
  DARAJA_B2C_SECURITY_CREDENTIAL: 'sim-security-credential',
}

export type StkOutcomeName = 'success' | 'cancelled' | 'insufficient' | 'timeout'
export const RESULT_CODES: Record<StkOutcomeName, number> = {
  success: 0,
  cancelled: 1032,
  insufficient: 1,
  timeout: 1037,
}
const RESULT_DESCS: Record<number, string> = {
  0: 'The service request is processed successfully.',
  1032: 'Request cancelled by user',
  1: 'The balance is insufficient for the transaction',
  1037: 'DS timeout user cannot be reached',
}

export interface SimPush {
  merchantRequestId: string
  checkoutRequestId: string
  amount: number
  phone: string
  callbackUrl: string
  accountReference: string
  description: string
  /** null while the customer has not answered. */
  resultCode: number | null
  receipt?: string
  /** What stkpushquery answers instead of the truth (forgery tests). */
  queryOverride?: number | 'pending'
}

export interface SimB2C {
  conversationId: string
  originatorConversationId: string
  amount: number
  phone: string
  resultUrl: string
  timeoutUrl: string
  resultCode: number | null
  /** What the ResultURL answered when autoSettle delivered the result. */
  delivered?: Delivery | { error: string }
}

export interface SimReversal {
  conversationId: string
  originatorConversationId: string
  /** The receipt being reversed (Daraja's TransactionID field). */
  transactionId: string
  /** Whole shillings. */
  amount: number
  resultUrl: string
  timeoutUrl: string
  remarks: string
  /** The reversal's own transaction id, sent in its result. */
  reversalTransactionId: string
  /** null until settled; 0 succeeded, anything else (e.g. 'R000002') failed. */
  resultCode: number | string | null
  /** What the ResultURL answered when autoSettle delivered the result. */
  delivered?: Delivery | { error: string }
}

/** What the HTTP control's `failed` sends: B2C "initiator information invalid", reversal "invalid OriginalTransactionID". */
export const B2C_FAILED = 2001
export const REVERSAL_FAILED = 'R000002'

export interface Delivery {
  status: number
  body: string
}

export interface DarajaSimulator {
  url: string
  env: Record<string, string>
  pushes: SimPush[]
  b2cs: SimB2C[]
  reversals: SimReversal[]
  /** Requests per path, e.g. calls('/mpesa/stkpushquery/v1/query'). */
  calls(path: string): number
  /** The push with this id (or the latest). */
  push(checkoutRequestId?: string): SimPush
  /** Waits for a push to arrive (the latest, or the nth from 1). */
  waitForPush(n?: number, timeoutMs?: number): Promise<SimPush>
  /** Sets the push's result and POSTs its callback to the CallBackURL; answers what the callback answered. */
  settle(checkoutRequestId: string, outcome: StkOutcomeName | number): Promise<Delivery>
  /** The callback Daraja would send for a push with this result (also for forging). */
  callbackBody(checkoutRequestId: string, resultCode: number): unknown
  /** POSTs a callback body to a URL as Daraja would. */
  deliver(url: string, body: unknown): Promise<Delivery>
  /** Makes stkpushquery answer this code (or pending) for the push, whatever really happened. */
  contradict(checkoutRequestId: string, answer: number | 'pending'): void
  /** Settles a B2C payment through its ResultURL. */
  settleB2C(conversationId: string, resultCode: number): Promise<Delivery>
  /** Settles a reversal through its ResultURL (0 succeeded; e.g. 'R000002' failed). */
  settleReversal(conversationId: string, resultCode: number | string): Promise<Delivery>
  /** The Result Daraja would send for a reversal with this code (also for replays and forgeries). */
  reversalResultBody(conversationId: string, resultCode: number | string): unknown
  /** Forgets every token it issued: the next API call is refused as Daraja does (404.001.03). */
  expireTokens(): void
  close(): Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const daraError = (res: ServerResponse, status: number, errorCode: string, errorMessage: string) =>
  json(res, status, { requestId: randomBytes(6).toString('hex'), errorCode, errorMessage })

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Daraja's Timestamp in Nairobi time, for the callback's TransactionDate (a number, YYYYMMDDHHmmss). */
function nairobiNow(): number {
  const d = new Date(Date.now() + 3 * 3600_000)
  return Number(
    d
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14),
  )
}

/** A receipt in M-Pesa's form: 10 capitals and digits. */
const newReceipt = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`.slice(0, 10)

const isUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\//.test(v)

export interface DarajaSimulatorOptions {
  port?: number
  shortcode?: string
  passkey?: string
  /** Settle every B2C payment and reversal with success this long after it is accepted. */
  autoSettle?: { delayMs: number }
}

export async function startDarajaSimulator(opts: DarajaSimulatorOptions = {}): Promise<DarajaSimulator> {
  const shortcode = opts.shortcode ?? SIM_SHORTCODE
  const passkey = opts.passkey ?? SIM_PASSKEY
  const tokens = new Set<string>()
  const pushes: SimPush[] = []
  const b2cs: SimB2C[] = []
  const reversals: SimReversal[] = []
  const counts = new Map<string, number>()
  const waiters: (() => void)[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()

  const find = (id?: string) => {
    const p = id === undefined ? pushes.at(-1) : pushes.find((x) => x.checkoutRequestId === id)
    if (!p) throw new Error(`No STK push ${id ?? '(none yet)'}`)
    return p
  }

  const callbackBody = (id: string, resultCode: number) => {
    const p = find(id)
    const stkCallback: Record<string, unknown> = {
      MerchantRequestID: p.merchantRequestId,
      CheckoutRequestID: p.checkoutRequestId,
      ResultCode: resultCode,
      ResultDesc: RESULT_DESCS[resultCode] ?? 'The transaction failed.',
    }
    if (resultCode === 0) {
      p.receipt ??= newReceipt('SIM')
      stkCallback.CallbackMetadata = {
        Item: [
          { Name: 'Amount', Value: p.amount },
          { Name: 'MpesaReceiptNumber', Value: p.receipt },
          { Name: 'Balance' },
          { Name: 'TransactionDate', Value: nairobiNow() },
          { Name: 'PhoneNumber', Value: Number(p.phone) },
        ],
      }
    }
    return { Body: { stkCallback } }
  }

  const deliver = async (url: string, body: unknown): Promise<Delivery> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.text() }
  }

  const settle = async (id: string, outcome: StkOutcomeName | number) => {
    const p = find(id)
    const code = typeof outcome === 'number' ? outcome : RESULT_CODES[outcome]
    p.resultCode = code
    if (code === 0) p.receipt ??= newReceipt('SIM')
    return deliver(p.callbackUrl, callbackBody(id, code))
  }

  const b2cResult = (b: SimB2C, resultCode: number) => ({
    Result: {
      ResultType: 0,
      ResultCode: resultCode,
      ResultDesc:
        resultCode === 0 ? 'The service request is processed successfully.' : 'The transaction failed.',
      OriginatorConversationID: b.originatorConversationId,
      ConversationID: b.conversationId,
      TransactionID: `SIMB${randomBytes(3).toString('hex').toUpperCase()}`,
      ...(resultCode === 0
        ? {
            ResultParameters: {
              ResultParameter: [
                { Key: 'TransactionAmount', Value: b.amount },
                { Key: 'TransactionReceipt', Value: `SIMB${randomBytes(3).toString('hex').toUpperCase()}` },
                { Key: 'ReceiverPartyPublicName', Value: `${b.phone} - Simulated Customer` },
                { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
              ],
            },
          }
        : {}),
      ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: b.timeoutUrl } },
    },
  })

  const findB2C = (conversationId: string) => {
    const x = b2cs.find((y) => y.conversationId === conversationId)
    if (!x) throw new Error(`No B2C payment ${conversationId}`)
    return x
  }

  const settleB2C = (conversationId: string, resultCode: number) => {
    const x = findB2C(conversationId)
    x.resultCode = resultCode
    return deliver(x.resultUrl, b2cResult(x, resultCode))
  }

  const findReversal = (conversationId: string) => {
    const x = reversals.find((y) => y.conversationId === conversationId)
    if (!x) throw new Error(`No reversal ${conversationId}`)
    return x
  }

  const reversalResultBody = (conversationId: string, resultCode: number | string) => {
    const x = findReversal(conversationId)
    const ok = resultCode === 0 || resultCode === '0'
    const push = pushes.find((p) => p.receipt === x.transactionId)
    return {
      Result: {
        ResultType: 0,
        ResultCode: resultCode,
        ResultDesc: ok
          ? 'The service request is processed successfully.'
          : resultCode === REVERSAL_FAILED
            ? 'The OriginalTransactionID is invalid.'
            : 'The transaction failed.',
        OriginatorConversationID: x.originatorConversationId,
        ConversationID: x.conversationId,
        TransactionID: x.reversalTransactionId,
        ...(ok
          ? {
              ResultParameters: {
                ResultParameter: [
                  { Key: 'DebitAccountBalance', Value: 'Utility Account|KES|100000.00|100000.00|0.00|0.00' },
                  { Key: 'Amount', Value: x.amount },
                  { Key: 'TransCompletedTime', Value: nairobiNow() },
                  { Key: 'OriginalTransactionID', Value: x.transactionId },
                  { Key: 'Charge', Value: 0 },
                  {
                    Key: 'CreditPartyPublicName',
                    Value: `${push?.phone ?? '254700000000'} - Simulated Customer`,
                  },
                  { Key: 'DebitPartyPublicName', Value: `${shortcode} - Simulated Business` },
                ],
              },
            }
          : {}),
        ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: x.timeoutUrl } },
      },
    }
  }

  const settleReversal = (conversationId: string, resultCode: number | string) => {
    const x = findReversal(conversationId)
    x.resultCode = resultCode
    return deliver(x.resultUrl, reversalResultBody(conversationId, resultCode))
  }

  /** Shillings of a succeeded push's receipt not yet reversed, counting reversals still in flight. */
  const leftToReverse = (push: SimPush) =>
    push.amount -
    reversals
      .filter(
        (r) =>
          r.transactionId === push.receipt &&
          (r.resultCode === null || r.resultCode === 0 || r.resultCode === '0'),
      )
      .reduce((sum, r) => sum + r.amount, 0)

  /** With autoSettle, delivers a success later unless the test or the control settled it first. */
  function settleLater(
    x: { resultCode: unknown; delivered?: Delivery | { error: string } },
    run: () => Promise<Delivery>,
  ) {
    if (!opts.autoSettle) return
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (x.resultCode !== null) return
      run().then(
        (d) => {
          x.delivered = d
        },
        (error) => {
          x.delivered = { error: String(error) }
        },
      )
    }, opts.autoSettle.delayMs)
    timers.add(timer)
  }

  function bearerOk(req: IncomingMessage): boolean {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    return !!m && tokens.has(m[1] as string)
  }

  function passwordOk(b: Record<string, unknown>): boolean {
    const ts = String(b.Timestamp ?? '')
    return (
      /^\d{14}$/.test(ts) &&
      String(b.BusinessShortCode) === shortcode &&
      b.Password === Buffer.from(shortcode + passkey + ts).toString('base64')
    )
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sim')
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1)
    const raw = req.method === 'POST' ? await readBody(req) : ''
    let b: Record<string, unknown> = {}
    if (raw) {
      try {
        b = JSON.parse(raw)
      } catch {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid JSON')
      }
    }

    if (req.method === 'GET' && url.pathname === '/oauth/v1/generate') {
      const expected = `Basic ${Buffer.from(`${SIM_CONSUMER_KEY}:${SIM_CONSUMER_SECRET}`).toString('base64')}`
      if (
        url.searchParams.get('grant_type') !== 'client_credentials' ||
        req.headers.authorization !== expected
      ) {
        return daraError(res, 400, '400.008.01', 'Invalid Authentication passed')
      }
      const token = randomBytes(14).toString('base64url')
      tokens.add(token)
      return json(res, 200, { access_token: token, expires_in: '3599' })
    }

    if (req.method === 'POST' && url.pathname.startsWith('/mpesa/')) {
      if (!bearerOk(req)) return daraError(res, 404, '404.001.03', 'Invalid Access Token')
    }

    if (req.method === 'POST' && url.pathname === '/mpesa/stkpush/v1/processrequest') {
      if (!passwordOk(b)) return daraError(res, 400, '400.002.02', 'Bad Request - Invalid Password')
      const phone = String(b.PhoneNumber ?? '')
      if (!/^254[17]\d{8}$/.test(phone) || String(b.PartyA) !== phone) {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid PhoneNumber')
      }
      if (!Number.isSafeInteger(b.Amount) || (b.Amount as number) < 1) {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid Amount')
      }
      if (typeof b.CallBackURL !== 'string' || !/^https?:\/\//.test(b.CallBackURL)) {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid CallBackURL')
      }
      if (
        !['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'].includes(String(b.TransactionType)) ||
        typeof b.AccountReference !== 'string' ||
        b.AccountReference.length > 12
      ) {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid Request')
      }
      const p: SimPush = {
        merchantRequestId: `${randomBytes(3).toString('hex')}-${Date.now()}-1`,
        checkoutRequestId: `ws_CO_${nairobiNow()}${randomBytes(6).toString('hex')}`,
        amount: b.Amount as number,
        phone,
        callbackUrl: b.CallBackURL,
        accountReference: b.AccountReference,
        description: String(b.TransactionDesc ?? ''),
        resultCode: null,
      }
      pushes.push(p)
      for (const w of waiters.splice(0)) w()
      return json(res, 200, {
        MerchantRequestID: p.merchantRequestId,
        CheckoutRequestID: p.checkoutRequestId,
        ResponseCode: '0',
        ResponseDescription: 'Success. Request accepted for processing',
        CustomerMessage: 'Success. Request accepted for processing',
      })
    }

    if (req.method === 'POST' && url.pathname === '/mpesa/stkpushquery/v1/query') {
      if (!passwordOk(b)) return daraError(res, 400, '400.002.02', 'Bad Request - Invalid Password')
      const p = pushes.find((x) => x.checkoutRequestId === b.CheckoutRequestID)
      if (!p) return daraError(res, 400, '400.002.02', 'Bad Request - Invalid CheckoutRequestID')
      const code = p.queryOverride ?? p.resultCode ?? 'pending'
      if (code === 'pending') return daraError(res, 500, '500.001.1001', 'The transaction is being processed')
      return json(res, 200, {
        ResponseCode: '0',
        ResponseDescription: 'The service request has been accepted successsfully',
        MerchantRequestID: p.merchantRequestId,
        CheckoutRequestID: p.checkoutRequestId,
        ResultCode: String(code),
        ResultDesc: RESULT_DESCS[code] ?? 'The transaction failed.',
      })
    }

    if (req.method === 'POST' && url.pathname === '/mpesa/b2c/v3/paymentrequest') {
      const phone = String(b.PartyB ?? '')
      if (
        typeof b.OriginatorConversationID !== 'string' ||
        typeof b.InitiatorName !== 'string' ||
        typeof b.SecurityCredential !== 'string' ||
        !/^254[17]\d{8}$/.test(phone) ||
        !Number.isSafeInteger(b.Amount) ||
        typeof b.ResultURL !== 'string' ||
        typeof b.QueueTimeOutURL !== 'string'
      ) {
        return daraError(res, 400, '400.002.02', 'Bad Request - Invalid Request')
      }
      const x: SimB2C = {
        conversationId: `AG_${nairobiNow()}_${randomBytes(6).toString('hex')}`,
        originatorConversationId: b.OriginatorConversationID,
        amount: b.Amount as number,
        phone,
        resultUrl: b.ResultURL,
        timeoutUrl: b.QueueTimeOutURL,
        resultCode: null,
      }
      b2cs.push(x)
      settleLater(x, () => settleB2C(x.conversationId, 0))
      return json(res, 200, {
        ConversationID: x.conversationId,
        OriginatorConversationID: x.originatorConversationId,
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      })
    }

    if (req.method === 'POST' && url.pathname === '/mpesa/reversal/v1/request') {
      const invalid = (field: string) => daraError(res, 400, '400.002.02', `Bad Request - Invalid ${field}`)
      if (typeof b.Initiator !== 'string' || !b.Initiator) return invalid('Initiator')
      if (typeof b.SecurityCredential !== 'string' || !b.SecurityCredential)
        return invalid('SecurityCredential')
      if (b.CommandID !== 'TransactionReversal') return invalid('CommandID')
      if (String(b.RecieverIdentifierType) !== '11') return invalid('RecieverIdentifierType')
      if (String(b.ReceiverParty) !== shortcode) return invalid('ReceiverParty')
      if (!isUrl(b.ResultURL)) return invalid('ResultURL')
      if (!isUrl(b.QueueTimeOutURL)) return invalid('QueueTimeOutURL')
      if (typeof b.Remarks !== 'string' || b.Remarks.length < 2 || b.Remarks.length > 100)
        return invalid('Remarks')
      const push = pushes.find(
        (p) => p.resultCode === 0 && p.receipt !== undefined && p.receipt === b.TransactionID,
      )
      if (!push) return invalid('TransactionID')
      if (
        !Number.isSafeInteger(b.Amount) ||
        (b.Amount as number) < 1 ||
        (b.Amount as number) > leftToReverse(push)
      ) {
        return invalid('Amount')
      }
      const x: SimReversal = {
        conversationId: `AG_${nairobiNow()}_${randomBytes(6).toString('hex')}`,
        originatorConversationId: `${randomBytes(3).toString('hex')}-${Date.now()}-1`,
        transactionId: push.receipt as string,
        amount: b.Amount as number,
        resultUrl: b.ResultURL,
        timeoutUrl: b.QueueTimeOutURL,
        remarks: b.Remarks,
        reversalTransactionId: newReceipt('SIMR'),
        resultCode: null,
      }
      reversals.push(x)
      settleLater(x, () => settleReversal(x.conversationId, 0))
      return json(res, 200, {
        OriginatorConversationID: x.originatorConversationId,
        ConversationID: x.conversationId,
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      })
    }

    // Control: POST /__simulator/stk/<CheckoutRequestID>/<success|cancelled|insufficient|timeout>
    const control = /^\/__simulator\/stk\/([^/]+)\/(success|cancelled|insufficient|timeout)$/.exec(
      url.pathname,
    )
    if (req.method === 'POST' && control) {
      try {
        const delivered = await settle(control[1] as string, control[2] as StkOutcomeName)
        return json(res, 200, { delivered })
      } catch (error) {
        return json(res, 404, { error: String(error) })
      }
    }
    if (req.method === 'GET' && url.pathname === '/__simulator/stk') return json(res, 200, pushes)
    // Control: POST /__simulator/<b2c|reversal>/<ConversationID>/<success|failed>
    const result = /^\/__simulator\/(b2c|reversal)\/([^/]+)\/(success|failed)$/.exec(url.pathname)
    if (req.method === 'POST' && result) {
      const [, kind, id, outcome] = result as unknown as [string, 'b2c' | 'reversal', string, string]
      try {
        const delivered =
          kind === 'b2c'
            ? await settleB2C(id, outcome === 'success' ? 0 : B2C_FAILED)
            : await settleReversal(id, outcome === 'success' ? 0 : REVERSAL_FAILED)
        return json(res, 200, { delivered })
      } catch (error) {
        return json(res, 404, { error: String(error) })
      }
    }
    if (req.method === 'GET' && url.pathname === '/__simulator/b2c') return json(res, 200, b2cs)
    if (req.method === 'GET' && url.pathname === '/__simulator/reversal') return json(res, 200, reversals)

    return daraError(res, 404, '404.001.01', 'Resource not found')
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) json(res, 500, { error: String(error) })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    env: {
      DARAJA_BASE_URL: url,
      DARAJA_CONSUMER_KEY: SIM_CONSUMER_KEY,
      DARAJA_CONSUMER_SECRET: SIM_CONSUMER_SECRET,
      DARAJA_SHORTCODE: shortcode,
      DARAJA_PASSKEY: passkey,
    },
    pushes,
    b2cs,
    reversals,
    calls: (path) => counts.get(path) ?? 0,
    push: find,
    async waitForPush(n, timeoutMs = 5000) {
      const want = n ?? pushes.length + 1
      const deadline = Date.now() + timeoutMs
      while (pushes.length < want) {
        if (Date.now() > deadline) throw new Error(`No STK push #${want} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      return pushes[want - 1] as SimPush
    },
    settle,
    callbackBody,
    deliver,
    contradict(id, answer) {
      find(id).queryOverride = answer
    },
    settleB2C,
    settleReversal,
    reversalResultBody,
    expireTokens() {
      tokens.clear()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
