import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { silentLogger } from '../../edge/lib/log.ts'
import { createMpesaCallbackApp, DARAJA_ACK, MpesaCallbackEnv } from '../../edge/mpesa-callback/app.ts'
import {
  CALLBACK_TOKEN,
  callbackTokenHash,
  confirmStkPayment,
  createDarajaClient,
  type DarajaClient,
  DarajaError,
  darajaConfigFrom,
  newCallbackToken,
  type StartedStkPush,
  sendB2CPayout,
  startStkPush,
} from '../../edge/payments/daraja.ts'
import {
  type DarajaSimulator,
  type SimPush,
  startDarajaSimulator,
} from '../../scripts/lib/daraja-simulator.ts'
import { type TestUser, testDb, testEnv, unique } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

// The M-Pesa flow end to end against the real Postgres and the local Daraja simulator: the api's
// startStkPush sends the push, the simulator POSTs Daraja's callback over HTTP to the
// mpesa-callback app (served behind a /functions/v1 prefix as the gateway does), which confirms
// with stkpushquery before recording anything.
const sql = testDb(8)
let w: World
let sim: DarajaSimulator
let server: ServerType
let fn: ReturnType<typeof createMpesaCallbackApp>
let daraja: DarajaClient
let base: string
let serviceKey: string

beforeAll(async () => {
  w = await createWorld(sql)
  sim = await startDarajaSimulator()
  // Stands in for the gateway: strips /functions/v1 and hands the request to the function's app.
  server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (req: Request) => {
      const url = new URL(req.url)
      if (!url.pathname.startsWith('/functions/v1/')) return new Response('no route', { status: 404 })
      url.pathname = url.pathname.slice('/functions/v1'.length)
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer()
      return fn.app.fetch(new Request(url, { method: req.method, headers: req.headers, body }))
    },
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const env = await testEnv({ ...sim.env, DARAJA_CALLBACK_BASE: base })
  serviceKey = env.SUPABASE_SERVICE_ROLE_KEY
  fn = createMpesaCallbackApp(env, { log: silentLogger })
  const cfg = darajaConfigFrom(MpesaCallbackEnv.parse(env))
  if (!cfg) throw new Error('Daraja is not configured')
  daraja = createDarajaClient(cfg)
})
afterAll(async () => {
  await fn?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await sim?.close()
  await sql.end()
})

/** A course by the instructor priced in KES (whole shillings). */
async function pricedCourse(amountMinor = 100_000): Promise<string> {
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                        values (${w.a.id}, ${unique('Course ')}, ${w.users.instructor.id}) returning id`
  await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${c?.id}, 'KES', ${amountMinor})`
  return c?.id as string
}

/** What the api does when a student pays by M-Pesa. */
async function buy(
  courseId: string,
  opts: { who?: TestUser; phone?: string; client?: DarajaClient } = {},
): Promise<StartedStkPush> {
  const who = opts.who ?? w.users.student
  return startStkPush(
    { sql, daraja: opts.client ?? daraja, log: silentLogger },
    {
      phone: opts.phone ?? '0712 345 678',
      accountReference: 'KIPINDI',
      description: 'Course',
      create: (hash) =>
        withUser(sql, who.claims, async (tx) => {
          const [s] = await tx`select public.start_course_payment(${courseId}, 'mpesa', null, ${hash}) as id`
          const [p] = await tx`select amount_minor from public.payments where id = ${s?.id}`
          return { id: s?.id as string, amountMinor: Number(p?.amount_minor) }
        }),
    },
  )
}

/** What a person or an accountant would notice about a payment. */
async function state(paymentId: string) {
  const [p] = await sql`select p.status, p.failure_reason, p.provider_ref,
      exists (select 1 from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id) as enrolled,
      (select count(*)::int from public.enrolments e where e.course_id = p.course_id) as enrolments,
      (select count(*)::int from public.ledger_transactions t where t.payment_id = p.id) as transactions,
      (select count(*)::int from private.payment_events e where e.payment_id = p.id) as events
    from public.payments p where p.id = ${paymentId}`
  return { ...p }
}

const PENDING = {
  status: 'pending',
  failure_reason: null,
  enrolled: false,
  enrolments: 0,
  transactions: 0,
  events: 0,
}

/** Posts a raw body to the function as Daraja would, through the gateway prefix. */
async function post(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/functions/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body as BodyInit,
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, body: json }
}

const ACK = JSON.stringify(DARAJA_ACK)
const tokenOf = (push: SimPush) => push.callbackUrl.split('/').at(-1) as string

describe('starting an M-Pesa payment', () => {
  it('stores only the token\u2019s hash, pushes whole shillings to the normalised phone, keeps the CheckoutRequestID', async () => {
    const started = await buy(await pricedCourse(150_000), { phone: '+254 110 123 456' })
    const push = sim.push(started.checkoutRequestId)
    expect(push).toMatchObject({ amount: 1500, phone: '254110123456', accountReference: 'KIPINDI' })
    expect(started.amount).toBe(1500)
    expect(push.callbackUrl).toMatch(new RegExp(`^${base}/functions/v1/mpesa-callback/[A-Za-z0-9_-]{43}$`))
    const token = tokenOf(push)
    expect(token).toMatch(CALLBACK_TOKEN)
    const [p] =
      await sql`select provider, currency, amount_minor::int as amount, provider_ref, callback_token_hash
                          from public.payments where id = ${started.paymentId}`
    expect(p).toEqual({
      provider: 'mpesa',
      currency: 'KES',
      amount: 150_000,
      provider_ref: started.checkoutRequestId,
      callback_token_hash: await callbackTokenHash(token),
    })
    const [raw] =
      await sql`select count(*)::int as n from public.payments where callback_token_hash = ${token}`
    expect(raw?.n).toBe(0)
  })

  it('marks the payment failed when Daraja refuses the push', async () => {
    const cfg = { ...daraja.config, passkey: 'wrong' }
    const bad = createDarajaClient(cfg)
    const courseId = await pricedCourse()
    const error = await buy(courseId, { client: bad }).catch((e) => e)
    expect(error).toBeInstanceOf(DarajaError)
    const [p] = await sql`select status, failure_reason, provider_ref from public.payments
                          where course_id = ${courseId}`
    expect(p).toEqual({
      status: 'failed',
      failure_reason: 'M-Pesa could not send the payment request to your phone. Please try again.',
      provider_ref: null,
    })
  })

  it('renews a token Daraja stopped accepting', async () => {
    await daraja.token()
    sim.expireTokens()
    const started = await buy(await pricedCourse())
    expect(sim.push(started.checkoutRequestId)).toBeDefined()
  })
})

describe('the callback', () => {
  it('enrols the student once Daraja confirms the payment', async () => {
    const started = await buy(await pricedCourse())
    const queries = sim.calls('/mpesa/stkpushquery/v1/query')
    const delivered = await sim.settle(started.checkoutRequestId, 'success')
    expect(delivered).toEqual({ status: 200, body: ACK })
    expect(sim.calls('/mpesa/stkpushquery/v1/query')).toBe(queries + 1)
    expect(await state(started.paymentId)).toEqual({
      status: 'succeeded',
      failure_reason: null,
      provider_ref: started.checkoutRequestId,
      enrolled: true,
      enrolments: 1,
      transactions: 1,
      events: 1,
    })
    const [e] =
      await sql`select event_id, type from private.payment_events where payment_id = ${started.paymentId}`
    expect(e).toEqual({ event_id: `${started.checkoutRequestId}:0`, type: 'payment.succeeded' })
    // 60/30/10 of KES 1,000.00 into the instructor's pending wallet.
    const parts = await sql`select a.kind, e.amount_minor::int as amount
      from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
      join public.ledger_accounts a on a.id = e.account_id where t.payment_id = ${started.paymentId} order by a.kind`
    expect(parts.map((r) => [r.kind, r.amount])).toEqual([
      ['gateway_clearing', 100_000],
      ['instructor_pending', -60_000],
      ['marketing_support', -10_000],
      ['platform_revenue', -30_000],
    ])
  })

  it.each([
    ['cancelled', 'cancelled', 'You cancelled the payment on your phone.'],
    ['insufficient', 'failed', 'Not enough money in your M-Pesa account.'],
    ['timeout', 'failed', 'The payment request timed out: your phone did not answer.'],
  ] as const)(
    '%s: the payment is %s with the reason in plain words, nobody is enrolled',
    async (outcome, status, reason) => {
      const started = await buy(await pricedCourse())
      expect(await sim.settle(started.checkoutRequestId, outcome)).toEqual({ status: 200, body: ACK })
      expect(await state(started.paymentId)).toMatchObject({
        status,
        failure_reason: reason,
        enrolled: false,
        enrolments: 0,
        transactions: 0,
        events: 1,
      })
    },
  )

  it('applies a success after a failed attempt of another payment, and ignores a failure after success', async () => {
    const courseId = await pricedCourse()
    const first = await buy(courseId)
    await sim.settle(first.checkoutRequestId, 'cancelled')
    const second = await buy(courseId)
    await sim.settle(second.checkoutRequestId, 'success')
    expect(await state(first.paymentId)).toMatchObject({ status: 'cancelled', enrolled: true, enrolments: 1 })
    expect(await state(second.paymentId)).toMatchObject({
      status: 'succeeded',
      enrolled: true,
      transactions: 1,
    })
    // A later "timeout" for the paid push: Daraja still says 0, so the claim is contradicted.
    await sim.deliver(
      sim.push(second.checkoutRequestId).callbackUrl,
      sim.callbackBody(second.checkoutRequestId, 1037),
    )
    expect(await state(second.paymentId)).toMatchObject({ status: 'succeeded', events: 1 })
  })
})

describe('the M-Pesa receipt', () => {
  /** The payment's stored MpesaReceiptNumber. */
  async function receiptOf(paymentId: string): Promise<string | null> {
    const [p] = await sql`select provider_receipt from public.payments where id = ${paymentId}`
    return p?.provider_receipt ?? null
  }

  /** A callback body for a push with its MpesaReceiptNumber replaced. */
  function withReceipt(push: SimPush, receipt: unknown) {
    const body = sim.callbackBody(push.checkoutRequestId, 0) as {
      Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } }
    }
    const item = body.Body.stkCallback.CallbackMetadata.Item.find((i) => i.Name === 'MpesaReceiptNumber')
    if (item) item.Value = receipt
    return body
  }

  it('stores the receipt of a confirmed success, and never another one after it', async () => {
    const started = await buy(await pricedCourse())
    await sim.settle(started.checkoutRequestId, 'success')
    const push = sim.push(started.checkoutRequestId)
    expect(push.receipt).toMatch(/^[A-Z0-9]{10}$/)
    expect(await receiptOf(started.paymentId)).toBe(push.receipt)
    // The same callback again, then one naming another receipt: the first one stays.
    expect(await sim.deliver(push.callbackUrl, sim.callbackBody(push.checkoutRequestId, 0))).toEqual({
      status: 200,
      body: ACK,
    })
    expect(await sim.deliver(push.callbackUrl, withReceipt(push, 'OTHER12345'))).toEqual({
      status: 200,
      body: ACK,
    })
    expect(await receiptOf(started.paymentId)).toBe(push.receipt)
    expect(await state(started.paymentId)).toMatchObject({ status: 'succeeded', events: 1, transactions: 1 })
  })

  it('fills the receipt when the callback comes after the api confirmed the payment without one', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 0 // the customer paid; the callback is late
    const confirmed = await confirmStkPayment(
      { sql, daraja, log: silentLogger },
      { id: started.paymentId, amountMinor: 100_000, checkoutRequestId: started.checkoutRequestId },
    )
    expect(confirmed).toEqual({ outcome: 'applied', resultCode: 0 })
    expect(await receiptOf(started.paymentId)).toBeNull()
    expect(await sim.settle(started.checkoutRequestId, 'success')).toEqual({ status: 200, body: ACK })
    expect(await receiptOf(started.paymentId)).toBe(push.receipt)
    expect(await state(started.paymentId)).toMatchObject({ status: 'succeeded', events: 1, transactions: 1 })
  })

  it('takes no receipt from an unconfirmed claim, of an odd form, or that another payment holds', async () => {
    const paid = await buy(await pricedCourse())
    await sim.settle(paid.checkoutRequestId, 'success')
    const taken = sim.push(paid.checkoutRequestId).receipt

    // Claims success while Daraja still says "being processed": nothing, receipt included.
    const waiting = await buy(await pricedCourse())
    const push = sim.push(waiting.checkoutRequestId)
    await sim.deliver(push.callbackUrl, withReceipt(push, 'EARLY12345'))
    expect(await state(waiting.paymentId)).toMatchObject(PENDING)
    expect(await receiptOf(waiting.paymentId)).toBeNull()

    // Daraja confirms, but the callback carries another payment's receipt, then an odd one.
    push.resultCode = 0
    expect(await sim.deliver(push.callbackUrl, withReceipt(push, taken))).toEqual({ status: 200, body: ACK })
    expect(await state(waiting.paymentId)).toMatchObject({ status: 'succeeded', enrolled: true })
    expect(await receiptOf(waiting.paymentId)).toBeNull()
    for (const odd of ['not a receipt', 'X'.repeat(65), 12345, null]) {
      expect(await sim.deliver(push.callbackUrl, withReceipt(push, odd))).toEqual({ status: 200, body: ACK })
    }
    expect(await receiptOf(waiting.paymentId)).toBeNull()
    expect(await receiptOf(paid.paymentId)).toBe(taken)
  })

  it('is not for anyone to write through the API', async () => {
    const started = await buy(await pricedCourse())
    await sim.settle(started.checkoutRequestId, 'success')
    const update = await withUser(sql, w.users.admin.claims, (tx) =>
      tx`update public.payments set provider_receipt = 'FORGED1234' where id = ${started.paymentId}`.then(
        (r) => r.count,
        (e: Error) => e.message,
      ),
    )
    expect(update).toBe('permission denied for table payments')
    const call = await withUser(sql, w.users.admin.claims, (tx) =>
      tx`select private.record_mpesa_success('x', ${started.paymentId}, 'y', 1, 'FORGED1234')`.then(
        () => 'called',
        (e: Error) => e.message,
      ),
    )
    expect(call).toBe('permission denied for function record_mpesa_success')
    expect(await receiptOf(started.paymentId)).toBe(sim.push(started.checkoutRequestId).receipt)
  })
})

describe('forged callbacks change nothing', () => {
  it('a wrong token: 404 that reveals nothing, and Daraja is not even asked', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 0 // the customer really paid; only the URL is wrong
    const body = JSON.stringify(sim.callbackBody(started.checkoutRequestId, 0))
    const queries = sim.calls('/mpesa/stkpushquery/v1/query')
    const { token: other } = await newCallbackToken()
    const notFound = { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } }
    expect(await post(`/mpesa-callback/${other}`, body)).toEqual(notFound)
    expect(await post('/mpesa-callback/short', body)).toEqual(notFound)
    expect(await post(`/mpesa-callback/${tokenOf(push).toUpperCase()}`, body)).toEqual(notFound)
    expect(await post('/mpesa-callback', body)).toEqual(notFound)
    expect(sim.calls('/mpesa/stkpushquery/v1/query')).toBe(queries)
    expect(await state(started.paymentId)).toMatchObject({
      ...PENDING,
      provider_ref: started.checkoutRequestId,
    })
  })

  it('the right token with another CheckoutRequestID: acknowledged, nothing changes', async () => {
    const a = await buy(await pricedCourse())
    const b = await buy(await pricedCourse())
    await sim.settle(b.checkoutRequestId, 'success') // b is paid and confirmable
    const forged = sim.callbackBody(b.checkoutRequestId, 0)
    expect(await sim.deliver(sim.push(a.checkoutRequestId).callbackUrl, forged)).toEqual({
      status: 200,
      body: ACK,
    })
    expect(await state(a.paymentId)).toMatchObject(PENDING)
  })

  it('the right token but Daraja says otherwise (still pending, or another result): nothing changes', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    // Claims success while the customer has not answered: the query says "being processed".
    expect(await sim.deliver(push.callbackUrl, sim.callbackBody(push.checkoutRequestId, 0))).toEqual({
      status: 200,
      body: ACK,
    })
    expect(await state(started.paymentId)).toMatchObject(PENDING)
    // Claims success, Daraja answers "cancelled".
    sim.contradict(push.checkoutRequestId, 1032)
    await sim.deliver(push.callbackUrl, sim.callbackBody(push.checkoutRequestId, 0))
    expect(await state(started.paymentId)).toMatchObject(PENDING)
    // Claims a cancellation, Daraja answers success: the claim is not trusted either way.
    sim.contradict(push.checkoutRequestId, 0)
    await sim.deliver(push.callbackUrl, sim.callbackBody(push.checkoutRequestId, 1032))
    expect(await state(started.paymentId)).toMatchObject(PENDING)
    // The genuine result is then applied.
    sim.push(push.checkoutRequestId).queryOverride = undefined
    await sim.settle(push.checkoutRequestId, 'success')
    expect(await state(started.paymentId)).toMatchObject({ status: 'succeeded', enrolled: true, events: 1 })
  })

  it('when Daraja cannot be asked: acknowledged, nothing changes', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 0
    const offline = createMpesaCallbackApp(
      await testEnv({ ...sim.env, DARAJA_BASE_URL: 'http://127.0.0.1:9' }),
      { log: silentLogger, daraja: { timeoutMs: 2000 } },
    )
    try {
      const res = await offline.app.request(`/mpesa-callback/${tokenOf(push)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sim.callbackBody(push.checkoutRequestId, 0)),
      })
      expect([res.status, await res.json()]).toEqual([200, DARAJA_ACK])
    } finally {
      await offline.close()
    }
    expect(await state(started.paymentId)).toMatchObject(PENDING)
  })
})

describe('replays', () => {
  it('the same callback 3\u00d7 in a row and 5\u00d7 at once: one enrolment, one sale, one event', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 0
    const body = sim.callbackBody(push.checkoutRequestId, 0)
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => sim.deliver(push.callbackUrl, body)))
    expect(concurrent.every((d) => d.status === 200 && d.body === ACK)).toBe(true)
    for (let i = 0; i < 3; i++)
      expect(await sim.deliver(push.callbackUrl, body)).toEqual({ status: 200, body: ACK })
    expect(await state(started.paymentId)).toMatchObject({
      status: 'succeeded',
      enrolled: true,
      enrolments: 1,
      transactions: 1,
      events: 1,
    })
  })

  it('a failure replayed concurrently is recorded once', async () => {
    const started = await buy(await pricedCourse(), { who: w.users.peer })
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 1
    const body = sim.callbackBody(push.checkoutRequestId, 1)
    await Promise.all(Array.from({ length: 4 }, () => sim.deliver(push.callbackUrl, body)))
    await sim.deliver(push.callbackUrl, body)
    expect(await state(started.paymentId)).toMatchObject({ status: 'failed', events: 1, enrolled: false })
  })
})

describe('bad input', () => {
  it('answers 400/413 in the JSON error shape and keeps serving', async () => {
    const started = await buy(await pricedCourse())
    const url = `/mpesa-callback/${tokenOf(sim.push(started.checkoutRequestId))}`
    const cases: [string | Uint8Array, number, string][] = [
      ['not json', 400, 'invalid_json'],
      ['', 400, 'invalid_json'],
      ['{"Body":', 400, 'invalid_json'],
      ['null', 400, 'invalid_event'],
      ['[]', 400, 'invalid_event'],
      ['{}', 400, 'invalid_event'],
      ['{"Body":{"stkCallback":"x"}}', 400, 'invalid_event'],
      ['{"Body":{"stkCallback":{"CheckoutRequestID":42,"ResultCode":0}}}', 400, 'invalid_event'],
      [
        `{"Body":{"stkCallback":{"CheckoutRequestID":"${started.checkoutRequestId}","ResultCode":"zero"}}}`,
        400,
        'invalid_event',
      ],
      [
        `{"Body":{"stkCallback":{"CheckoutRequestID":"${started.checkoutRequestId}","ResultCode":-1}}}`,
        400,
        'invalid_event',
      ],
      [
        `{"Body":{"stkCallback":{"CheckoutRequestID":"${'x'.repeat(300)}","ResultCode":0}}}`,
        400,
        'invalid_event',
      ],
      ['{"a":"' + 'x'.repeat(100 * 1024) + '"}', 413, 'payload_too_large'],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), 400, 'invalid_json'],
    ]
    for (const [body, status, code] of cases) {
      const res = await post(url, body)
      expect(
        [res.status, (res.body as { error?: { code?: string } }).error?.code],
        String(body).slice(0, 60),
      ).toEqual([status, code])
    }
    const chunked = await fetch(`${base}/functions/v1${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024)))
          c.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect((await fetch(`${base}/functions/v1${url}`)).status).toBe(404)
    expect(await state(started.paymentId)).toMatchObject(PENDING)
    // Still serving: the genuine callback goes through.
    expect(await sim.settle(started.checkoutRequestId, 'success')).toEqual({ status: 200, body: ACK })
    expect(await state(started.paymentId)).toMatchObject({ status: 'succeeded', enrolled: true })
  })

  it('accepts ResultCode as a string, as some Daraja answers carry it', async () => {
    const started = await buy(await pricedCourse())
    const push = sim.push(started.checkoutRequestId)
    push.resultCode = 1037
    const body = sim.callbackBody(push.checkoutRequestId, 1037) as {
      Body: { stkCallback: { ResultCode: unknown } }
    }
    body.Body.stkCallback.ResultCode = '1037'
    expect(await sim.deliver(push.callbackUrl, body)).toEqual({ status: 200, body: ACK })
    expect(await state(started.paymentId)).toMatchObject({ status: 'failed', events: 1 })
  })
})

describe('B2C payout results', () => {
  const b2cClient = () =>
    createDarajaClient({
      ...daraja.config,
      b2c: { shortcode: '600000', initiatorName: 'testapi', securityCredential: 'sealed' },
    })

  /** An approved M-Pesa payout (as approve_payout leaves it; its debit is not needed here). */
  async function approvedPayout(amountMinor = 25_000): Promise<string> {
    const [p] =
      await sql`insert into public.payouts (tenant_id, instructor_id, currency, amount_minor, method, destination, status)
      values (${w.a.id}, ${w.users.instructor.id}, 'KES', ${amountMinor}, 'mpesa', '254712345678', 'approved') returning id`
    return p?.id as string
  }

  async function payoutState(id: string) {
    const [p] = await sql`select status, provider_ref, reason,
        (select array_agg(t.kind order by t.kind) from public.ledger_transactions t where t.payout_id = p.id) as kinds
      from public.payouts p where p.id = ${id}`
    return { ...p }
  }

  it('a paid result settles the payout once, however often it arrives', async () => {
    const id = await approvedPayout()
    const sent = await sendB2CPayout(b2cClient(), serviceKey, {
      id,
      amountMinor: 25_000,
      phone: '0712345678',
    })
    const x = sim.b2cs.find((b) => b.conversationId === sent.conversationId)
    expect(x).toMatchObject({ originatorConversationId: id, amount: 250, phone: '254712345678' })
    expect(x?.resultUrl).toMatch(
      new RegExp(`^${base}/functions/v1/mpesa-callback/b2c/${id}/[A-Za-z0-9_-]{43}$`),
    )
    expect(x?.timeoutUrl).toBe(`${x?.resultUrl}/timeout`)
    expect(await sim.settleB2C(sent.conversationId, 0)).toEqual({ status: 200, body: ACK })
    const body = { Result: await lastB2CResult(sent.conversationId) }
    await Promise.all([1, 2, 3].map(() => sim.deliver(x?.resultUrl as string, body)))
    const s = await payoutState(id)
    expect(s).toMatchObject({ status: 'paid', kinds: ['payout_paid'] })
    expect(s.provider_ref).toMatch(/^SIMB/)
  })

  /** A well-formed success Result for a conversation (replays of what the simulator sent). */
  async function lastB2CResult(conversationId: string) {
    const x = sim.b2cs.find((b) => b.conversationId === conversationId)
    return {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: x?.originatorConversationId,
      ConversationID: conversationId,
      TransactionID: 'SIMBREPLAY',
    }
  }

  it('a failed result returns the money with the reason; forged or timed-out results change nothing', async () => {
    const id = await approvedPayout()
    const sent = await sendB2CPayout(b2cClient(), serviceKey, {
      id,
      amountMinor: 25_000,
      phone: '0712345678',
    })
    const x = sim.b2cs.find((b) => b.conversationId === sent.conversationId)!
    const success = { Result: await lastB2CResult(sent.conversationId) }
    const other = await approvedPayout()
    const notFound = { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } }
    // Another payout's URL with this mac, a made-up mac, a body for another payout, the queue timeout.
    const forgedUrl = x.resultUrl.replace(id, other)
    expect(
      await sim.deliver(forgedUrl, { Result: { ...success.Result, OriginatorConversationID: other } }),
    ).toEqual({
      status: 404,
      body: JSON.stringify(notFound.body),
    })
    const madeUp = `${x.resultUrl.slice(0, x.resultUrl.lastIndexOf('/'))}/${(await newCallbackToken()).token}`
    expect((await sim.deliver(madeUp, success)).status).toBe(404)
    const otherBody = { Result: { ...success.Result, OriginatorConversationID: other } }
    expect(await sim.deliver(x.resultUrl, otherBody)).toEqual({ status: 200, body: ACK })
    expect(await sim.deliver(x.timeoutUrl, success)).toEqual({ status: 200, body: ACK })
    expect((await sim.deliver(`${x.resultUrl}/other`, success)).status).toBe(404)
    expect((await post(x.resultUrl.slice(base.length + '/functions/v1'.length), 'nope')).status).toBe(400)
    expect(await payoutState(id)).toMatchObject({ status: 'approved', kinds: null })
    expect(await payoutState(other)).toMatchObject({ status: 'approved', kinds: null })
    expect(await sim.settleB2C(sent.conversationId, 2001)).toEqual({ status: 200, body: ACK })
    expect(await payoutState(id)).toMatchObject({
      status: 'failed',
      reason: 'M-Pesa could not pay out: The transaction failed.',
      kinds: ['payout_failed'],
    })
  })
})
