import { describe, expect, it } from 'vitest'
import {
  b2cMac,
  CALLBACK_TOKEN,
  callbackTokenHash,
  createDarajaClient,
  type DarajaConfig,
  DarajaEnv,
  DarajaError,
  darajaConfigFrom,
  darajaPassword,
  darajaTimestamp,
  newCallbackToken,
  parseReversalResult,
  reversalCallbackUrls,
  reversalMac,
  startReversal,
  stkCallbackUrl,
  stkOutcome,
} from './daraja.ts'
import { mpesaAmount, mpesaToMinor } from './split.ts'

describe('Daraja timestamp and password', () => {
  it('formats the time in Nairobi (UTC+3, no daylight saving)', () => {
    expect(darajaTimestamp(new Date('2026-12-31T21:59:58Z'))).toBe('20270101005958')
    expect(darajaTimestamp(new Date('2026-07-01T00:00:00Z'))).toBe('20260701030000')
    expect(darajaTimestamp(new Date('2026-02-28T23:05:09.999Z'))).toBe('20260301020509')
  })

  it('is base64 of shortcode + passkey + timestamp', () => {
    expect(darajaPassword('174379', 'pass', '20160216165627')).toBe(btoa('174379pass20160216165627'))
  })
})

describe('M-Pesa whole-shilling rounding', () => {
  it('charges whole shillings, rounding any cents up', () => {
    expect(mpesaAmount(100_000)).toBe(1000)
    expect(mpesaAmount(100)).toBe(1)
    expect(mpesaAmount(101)).toBe(2)
    expect(mpesaAmount(199)).toBe(2)
    expect(mpesaAmount(1)).toBe(1)
    expect(mpesaAmount(0)).toBe(0)
    expect(mpesaToMinor(mpesaAmount(123_456))).toBe(123_500)
    expect(mpesaToMinor(1000)).toBe(100_000)
    expect(() => mpesaAmount(-1)).toThrow(RangeError)
    expect(() => mpesaAmount(1.5)).toThrow(RangeError)
  })

  it('never charges less than the price, and at most 99 cents more', () => {
    for (let minor = 0; minor < 5000; minor += 7) {
      const charged = mpesaToMinor(mpesaAmount(minor))
      expect(charged).toBeGreaterThanOrEqual(minor)
      expect(charged - minor).toBeLessThan(100)
    }
  })
})

describe('callback tokens', () => {
  it('are 32 random bytes in base64url, stored as their sha256', async () => {
    const a = await newCallbackToken()
    const b = await newCallbackToken()
    expect(a.token).toMatch(CALLBACK_TOKEN)
    expect(a.token).not.toBe(b.token)
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(await callbackTokenHash(a.token)).toBe(a.hash)
    expect(await callbackTokenHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(stkCallbackUrl('https://x.supabase.co/', a.token)).toBe(
      `https://x.supabase.co/functions/v1/mpesa-callback/${a.token}`,
    )
  })
})

describe('stkOutcome', () => {
  it('maps result codes to a status and a reason in plain words', () => {
    expect(stkOutcome(0)).toEqual({ status: 'succeeded' })
    expect(stkOutcome(1032)).toEqual({
      status: 'cancelled',
      reason: 'You cancelled the payment on your phone.',
    })
    expect(stkOutcome(1)).toEqual({ status: 'failed', reason: 'Not enough money in your M-Pesa account.' })
    expect(stkOutcome(1037)).toEqual({
      status: 'failed',
      reason: 'The payment request timed out: your phone did not answer.',
    })
    expect(stkOutcome(9999)).toMatchObject({ status: 'failed', reason: expect.stringContaining('9999') })
  })
})

describe('darajaConfigFrom', () => {
  const base = { SUPABASE_URL: 'http://127.0.0.1:54321' }
  it('is null without the credentials, and defaults to the sandbox and SUPABASE_URL', () => {
    expect(darajaConfigFrom({ ...base, ...DarajaEnv.parse({}) })).toBeNull()
    const cfg = darajaConfigFrom({
      ...base,
      ...DarajaEnv.parse({
        DARAJA_CONSUMER_KEY: 'k',
        DARAJA_CONSUMER_SECRET: 's',
        DARAJA_SHORTCODE: '174379',
        DARAJA_PASSKEY: 'p',
        DARAJA_CALLBACK_BASE: '',
      }),
    })
    expect(cfg).toMatchObject({
      baseUrl: 'https://sandbox.safaricom.co.ke',
      callbackBase: 'http://127.0.0.1:54321',
      partyB: '174379',
      transactionType: 'CustomerPayBillOnline',
    })
    expect(cfg?.b2c).toBeUndefined()
  })
})

const CFG: DarajaConfig = {
  baseUrl: 'https://daraja.test',
  consumerKey: 'key',
  consumerSecret: 'secret',
  shortcode: '174379',
  passkey: 'passkey',
  transactionType: 'CustomerPayBillOnline',
  partyB: '174379',
  callbackBase: 'https://fn.test',
}

/** A scripted Daraja: each path answers from its queue (or its last answer), and records requests. */
function fakeDaraja(routes: Record<string, { status: number; body: unknown }[]>) {
  const requests: { path: string; headers: Headers; body: unknown }[] = []
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    const path = url.pathname
    requests.push({
      path,
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    })
    await new Promise((r) => setTimeout(r, 1))
    const queue = routes[path]
    if (!queue) return new Response('not found', { status: 404 })
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!
    return Response.json(answer.body, { status: answer.status })
  }) as typeof fetch
  return { fetchFn, requests }
}

const TOKEN = { status: 200, body: { access_token: 'tok1', expires_in: '3599' } }

describe('Daraja client', () => {
  it('caches the token, shares one token request between concurrent calls, and renews it when it expires', async () => {
    let now = new Date('2026-12-06T10:00:00Z')
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN, { status: 200, body: { access_token: 'tok2', expires_in: '3599' } }],
    })
    const client = createDarajaClient(CFG, { fetch: fetchFn, now: () => now })
    expect(await Promise.all([client.token(), client.token(), client.token()])).toEqual([
      'tok1',
      'tok1',
      'tok1',
    ])
    expect(requests).toHaveLength(1)
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa('key:secret')}`)
    now = new Date(now.getTime() + 3500_000)
    expect(await client.token()).toBe('tok1')
    now = new Date(now.getTime() + 100_000)
    expect(await client.token()).toBe('tok2')
    expect(requests).toHaveLength(2)
  })

  it('sends the STK push Daraja expects and returns the CheckoutRequestID', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/stkpush/v1/processrequest': [
        {
          status: 200,
          body: {
            MerchantRequestID: 'm-1',
            CheckoutRequestID: 'ws_CO_1',
            ResponseCode: '0',
            ResponseDescription: 'Success. Request accepted for processing',
            CustomerMessage: 'Success. Request accepted for processing',
          },
        },
      ],
    })
    const client = createDarajaClient(CFG, { fetch: fetchFn, now: () => new Date('2026-12-06T10:00:00Z') })
    const answer = await client.stkPush({
      amount: 1000,
      phone: '0712 345 678',
      callbackUrl: 'https://fn.test/functions/v1/mpesa-callback/t',
      accountReference: 'KIPINDI-COURSE',
      description: 'Course payment now',
    })
    expect(answer).toEqual({
      merchantRequestId: 'm-1',
      checkoutRequestId: 'ws_CO_1',
      customerMessage: 'Success. Request accepted for processing',
    })
    const push = requests[1]!
    expect(push.headers.get('authorization')).toBe('Bearer tok1')
    expect(push.body).toEqual({
      BusinessShortCode: '174379',
      Password: btoa('174379passkey20261206130000'),
      Timestamp: '20261206130000',
      TransactionType: 'CustomerPayBillOnline',
      Amount: 1000,
      PartyA: '254712345678',
      PartyB: '174379',
      PhoneNumber: '254712345678',
      CallBackURL: 'https://fn.test/functions/v1/mpesa-callback/t',
      AccountReference: 'KIPINDI-COUR',
      TransactionDesc: 'Course paymen',
    })
  })

  it('refuses a bad phone or amount before calling Daraja, and reports Daraja refusals', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/stkpush/v1/processrequest': [
        {
          status: 400,
          body: { requestId: 'r', errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Amount' },
        },
      ],
    })
    const client = createDarajaClient(CFG, { fetch: fetchFn })
    const req = {
      amount: 10,
      phone: '0712345678',
      callbackUrl: 'https://x',
      accountReference: 'A',
      description: 'D',
    }
    await expect(client.stkPush({ ...req, phone: '12345' })).rejects.toMatchObject({
      errorCode: 'invalid_phone',
    })
    await expect(client.stkPush({ ...req, amount: 10.5 })).rejects.toMatchObject({
      errorCode: 'invalid_amount',
    })
    expect(requests).toHaveLength(0)
    const refused = await client.stkPush(req).catch((e) => e)
    expect(refused).toBeInstanceOf(DarajaError)
    expect(refused).toMatchObject({ status: 400, errorCode: '400.002.02' })
    expect(refused.message).toContain('Invalid Amount')
  })

  it('renews a token Daraja no longer accepts, once', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN, { status: 200, body: { access_token: 'tok2', expires_in: '3599' } }],
      '/mpesa/stkpushquery/v1/query': [
        { status: 404, body: { errorCode: '404.001.03', errorMessage: 'Invalid Access Token' } },
        {
          status: 200,
          body: {
            ResponseCode: '0',
            CheckoutRequestID: 'ws_CO_1',
            ResultCode: '1032',
            ResultDesc: 'Request cancelled by user',
          },
        },
      ],
    })
    const client = createDarajaClient(CFG, { fetch: fetchFn })
    expect(await client.stkQuery('ws_CO_1')).toEqual({
      state: 'done',
      resultCode: 1032,
      resultDesc: 'Request cancelled by user',
      checkoutRequestId: 'ws_CO_1',
    })
    expect(requests.map((r) => [r.path, r.headers.get('authorization')?.slice(0, 12)])).toEqual([
      ['/oauth/v1/generate', 'Basic a2V5On'],
      ['/mpesa/stkpushquery/v1/query', 'Bearer tok1'],
      ['/oauth/v1/generate', 'Basic a2V5On'],
      ['/mpesa/stkpushquery/v1/query', 'Bearer tok2'],
    ])
  })

  it('reads a query still in progress as pending, and refuses an answer without a result', async () => {
    const { fetchFn } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/stkpushquery/v1/query': [
        {
          status: 500,
          body: {
            requestId: 'r',
            errorCode: '500.001.1001',
            errorMessage: 'The transaction is being processed',
          },
        },
        { status: 200, body: { ResponseCode: '0', CheckoutRequestID: 'ws_CO_1' } },
      ],
    })
    const client = createDarajaClient(CFG, { fetch: fetchFn })
    expect(await client.stkQuery('ws_CO_1')).toEqual({ state: 'pending' })
    await expect(client.stkQuery('ws_CO_1')).rejects.toBeInstanceOf(DarajaError)
  })

  it('answers a DarajaError when Daraja cannot be reached', async () => {
    const client = createDarajaClient(CFG, {
      fetch: (async () => {
        throw new TypeError('fetch failed')
      }) as typeof fetch,
    })
    await expect(client.token()).rejects.toMatchObject({ name: 'DarajaError', status: 0 })
  })

  it('sends B2C v3 requests only when B2C is configured', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/b2c/v3/paymentrequest': [
        {
          status: 200,
          body: {
            ConversationID: 'AG_1',
            OriginatorConversationID: 'payout-1',
            ResponseCode: '0',
            ResponseDescription: 'Accept the service request successfully.',
          },
        },
      ],
    })
    const req = {
      originatorConversationId: 'payout-1',
      amount: 150,
      phone: '0110123456',
      resultUrl: 'https://fn.test/r',
      timeoutUrl: 'https://fn.test/t',
      remarks: 'Instructor payout',
    }
    await expect(createDarajaClient(CFG, { fetch: fetchFn }).b2c(req)).rejects.toMatchObject({
      errorCode: 'b2c_not_configured',
    })
    const b2c = { shortcode: '600000', initiatorName: 'api', securityCredential: 'cred' }
    const client = createDarajaClient({ ...CFG, b2c }, { fetch: fetchFn })
    expect(await client.b2c(req)).toEqual({ conversationId: 'AG_1', originatorConversationId: 'payout-1' })
    expect(requests.at(-1)?.body).toEqual({
      OriginatorConversationID: 'payout-1',
      InitiatorName: 'api',
      SecurityCredential: 'cred',
      CommandID: 'BusinessPayment',
      Amount: 150,
      PartyA: '600000',
      PartyB: '254110123456',
      Remarks: 'Instructor payout',
      QueueTimeOutURL: 'https://fn.test/t',
      ResultURL: 'https://fn.test/r',
      Occasion: '',
    })
  })
})

describe('M-Pesa reversals', () => {
  const B2C = { shortcode: '600000', initiatorName: 'api-op', securityCredential: 'sealed' }
  const ACCEPTED = {
    status: 200,
    body: {
      OriginatorConversationID: 'o-1',
      ConversationID: 'AG_20261206_1',
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    },
  }
  const PAYMENT = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'

  it('sends the Transaction Reversal Daraja expects, with URLs that carry the payment, the amount and a mac', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/reversal/v1/request': [ACCEPTED],
    })
    const daraja = createDarajaClient({ ...CFG, b2c: B2C }, { fetch: fetchFn })
    const logged: unknown[] = []
    const log = { info: (...a: unknown[]) => logged.push(a), warn: () => {}, error: () => {} }
    const answer = await startReversal(
      { daraja, secret: 'service-key', log },
      { id: PAYMENT, amountMinor: 40_000, receipt: 'SIM1A2B3C4' },
    )
    expect(answer).toEqual({ conversationId: 'AG_20261206_1' })
    const mac = await reversalMac('service-key', PAYMENT, 40_000)
    const resultUrl = `https://fn.test/functions/v1/mpesa-callback/reversal/${PAYMENT}/40000/${mac}`
    const sent = requests.at(-1)!
    expect(sent.path).toBe('/mpesa/reversal/v1/request')
    expect(sent.headers.get('authorization')).toBe('Bearer tok1')
    expect(sent.body).toEqual({
      Initiator: 'api-op',
      SecurityCredential: 'sealed',
      CommandID: 'TransactionReversal',
      TransactionID: 'SIM1A2B3C4',
      Amount: 400,
      ReceiverParty: '174379',
      RecieverIdentifierType: '11',
      ResultURL: resultUrl,
      QueueTimeOutURL: `${resultUrl}/timeout`,
      Remarks: 'Kipindi refund',
      Occasion: '',
    })
    expect(logged).toHaveLength(1)
  })

  it('macs the payment and the amount together, apart from B2C payouts', async () => {
    const mac = await reversalMac('k', PAYMENT, 40_000)
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await reversalMac('k', PAYMENT, 40_000)).toBe(mac)
    expect(await reversalMac('k', PAYMENT, 40_100)).not.toBe(mac)
    expect(await reversalMac('other', PAYMENT, 40_000)).not.toBe(mac)
    expect(await b2cMac('k', PAYMENT)).not.toBe(mac)
    expect(await reversalCallbackUrls('https://x.test/', 'k', PAYMENT, 100)).toEqual({
      resultUrl: `https://x.test/functions/v1/mpesa-callback/reversal/${PAYMENT}/100/${await reversalMac('k', PAYMENT, 100)}`,
      timeoutUrl: `https://x.test/functions/v1/mpesa-callback/reversal/${PAYMENT}/100/${await reversalMac('k', PAYMENT, 100)}/timeout`,
    })
  })

  it('needs the initiator credentials, a receipt and whole shillings, before calling Daraja', async () => {
    const { fetchFn, requests } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/reversal/v1/request': [ACCEPTED],
    })
    const off = createDarajaClient(CFG, { fetch: fetchFn })
    const on = createDarajaClient({ ...CFG, b2c: B2C }, { fetch: fetchFn })
    const payment = { id: PAYMENT, amountMinor: 100, receipt: 'SIM1A2B3C4' }
    await expect(startReversal({ daraja: off, secret: 'k' }, payment)).rejects.toMatchObject({
      name: 'DarajaError',
      status: 503,
      errorCode: 'reversal_not_configured',
    })
    for (const amountMinor of [0, 50, 150, -100, 1.5, Number.NaN]) {
      await expect(
        startReversal({ daraja: on, secret: 'k' }, { ...payment, amountMinor }),
        String(amountMinor),
      ).rejects.toMatchObject({ status: 400, errorCode: 'invalid_amount' })
    }
    for (const receipt of ['', 'SIM 1A2B', 'x'.repeat(65)]) {
      await expect(startReversal({ daraja: on, secret: 'k' }, { ...payment, receipt })).rejects.toMatchObject(
        {
          status: 400,
          errorCode: 'invalid_receipt',
        },
      )
    }
    expect(requests).toHaveLength(0)
  })

  it('reports a refused reversal as a DarajaError', async () => {
    const { fetchFn } = fakeDaraja({
      '/oauth/v1/generate': [TOKEN],
      '/mpesa/reversal/v1/request': [
        {
          status: 400,
          body: {
            requestId: 'r',
            errorCode: '400.002.02',
            errorMessage: 'Bad Request - Invalid TransactionID',
          },
        },
      ],
    })
    const daraja = createDarajaClient({ ...CFG, b2c: B2C }, { fetch: fetchFn })
    const refused = await startReversal(
      { daraja, secret: 'k' },
      { id: PAYMENT, amountMinor: 100, receipt: 'SIM1A2B3C4' },
    ).catch((e) => e)
    expect(refused).toBeInstanceOf(DarajaError)
    expect(refused).toMatchObject({ status: 400, errorCode: '400.002.02' })
    expect(refused.message).toContain('Invalid TransactionID')
  })
})

describe('parseReversalResult', () => {
  const success = {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: 'dad6-4c34-8787',
      ConversationID: 'AG_20211114_201018edbbf9f1582eaa',
      TransactionID: 'SKE52PAWR9',
      ResultParameters: {
        ResultParameter: [
          { Key: 'DebitAccountBalance', Value: 'Utility Account|KES|7722179.62|7722179.62|0.00|0.00' },
          { Key: 'Amount', Value: 1.0 },
          { Key: 'TransCompletedTime', Value: 20211114132711 },
          { Key: 'OriginalTransactionID', Value: 'SKC82PACB8' },
          { Key: 'Charge', Value: 0.0 },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://x' } },
    },
  }

  it('reads a success as Daraja sends it', () => {
    expect(parseReversalResult(success)).toEqual({
      resultCode: '0',
      resultDesc: 'The service request is processed successfully.',
      conversationId: 'AG_20211114_201018edbbf9f1582eaa',
      originatorConversationId: 'dad6-4c34-8787',
      transactionId: 'SKE52PAWR9',
      originalTransactionId: 'SKC82PACB8',
      amount: 1,
    })
  })

  it('is lenient where Daraja varies: string codes, one parameter alone, amounts as text', () => {
    const failure = {
      Result: {
        ResultCode: 'R000002',
        ResultDesc: 'The OriginalTransactionID is invalid.',
        ConversationID: 'AG_2',
      },
    }
    expect(parseReversalResult(failure)).toEqual({
      resultCode: 'R000002',
      resultDesc: 'The OriginalTransactionID is invalid.',
      conversationId: 'AG_2',
    })
    const single = {
      Result: {
        ...success.Result,
        ResultCode: '0',
        ResultParameters: { ResultParameter: { Key: 'Amount', Value: '100.00' } },
      },
    }
    expect(parseReversalResult(single)).toMatchObject({ resultCode: '0', amount: 100 })
    const odd = {
      Result: {
        ...success.Result,
        TransactionID: 'not a receipt!',
        ResultParameters: {
          ResultParameter: [null, 7, { Key: '__proto__', Value: 1 }, { Key: 'Amount', Value: null }],
        },
      },
    }
    const parsed = parseReversalResult(odd)
    expect(parsed).toMatchObject({ resultCode: '0', conversationId: 'AG_20211114_201018edbbf9f1582eaa' })
    expect(parsed).not.toHaveProperty('transactionId')
    expect(parsed).not.toHaveProperty('amount')
  })

  it.each([
    null,
    undefined,
    42,
    'Result',
    [],
    {},
    { Result: null },
    { Result: [] },
    { Result: { ResultCode: 0 } },
    { Result: { ConversationID: 'AG_1' } },
    { Result: { ResultCode: -1, ConversationID: 'AG_1' } },
    { Result: { ResultCode: 1.5, ConversationID: 'AG_1' } },
    { Result: { ResultCode: 'a b', ConversationID: 'AG_1' } },
    { Result: { ResultCode: 0, ConversationID: 'x'.repeat(201) } },
    { Result: { ResultCode: 0, ConversationID: 12 } },
  ])('refuses %j', (body) => {
    expect(parseReversalResult(body)).toBeNull()
  })
})
