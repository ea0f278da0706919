import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { silentLogger } from '../../edge/lib/log.ts'
import { createMpesaCallbackApp, DARAJA_ACK, MpesaCallbackEnv } from '../../edge/mpesa-callback/app.ts'
import {
  createDarajaClient,
  type DarajaClient,
  DarajaError,
  darajaConfigFrom,
  newCallbackToken,
  reversalCallbackUrls,
  startReversal,
  startStkPush,
} from '../../edge/payments/daraja.ts'
import {
  type DarajaSimulator,
  REVERSAL_FAILED,
  SIM_B2C_ENV,
  type SimReversal,
  startDarajaSimulator,
} from '../../scripts/lib/daraja-simulator.ts'
import { testDb, testEnv, unique } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

// M-Pesa refunds end to end against the real Postgres and the local Daraja simulator: the api's
// startReversal asks Daraja to reverse a paid push by its receipt, the simulator POSTs the Result
// over HTTP to the mpesa-callback app (behind a /functions/v1 prefix as the gateway does), which
// records the refund once: ledger reversed pro rata, status, and the enrolment on a full refund.
const sql = testDb(8)
let w: World
let sim: DarajaSimulator
let server: ServerType
let fn: ReturnType<typeof createMpesaCallbackApp>
let daraja: DarajaClient
let base: string
let serviceKey: string

const B2C = {
  shortcode: SIM_B2C_ENV.DARAJA_B2C_SHORTCODE,
  initiatorName: SIM_B2C_ENV.DARAJA_B2C_INITIATOR,
  securityCredential: SIM_B2C_ENV.DARAJA_B2C_SECURITY_CREDENTIAL,
}

beforeAll(async () => {
  w = await createWorld(sql)
  sim = await startDarajaSimulator()
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
  daraja = createDarajaClient({ ...cfg, b2c: B2C })
})
afterAll(async () => {
  await fn?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await sim?.close()
  await sql.end()
})

const ACK = JSON.stringify(DARAJA_ACK)
const NOT_FOUND = JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } })

/** A course by the instructor priced in KES, bought and paid by the student through M-Pesa. */
async function paid(amountMinor = 100_000): Promise<{ paymentId: string; receipt: string }> {
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                        values (${w.a.id}, ${unique('Course ')}, ${w.users.instructor.id}) returning id`
  await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${c?.id}, 'KES', ${amountMinor})`
  const started = await startStkPush(
    { sql, daraja, log: silentLogger },
    {
      phone: '0712345678',
      accountReference: 'KIPINDI',
      description: 'Course',
      create: (hash) =>
        withUser(sql, w.users.student.claims, async (tx) => {
          const [s] = await tx`select public.start_course_payment(${c?.id}, 'mpesa', null, ${hash}) as id`
          return { id: s?.id as string, amountMinor }
        }),
    },
  )
  expect(await sim.settle(started.checkoutRequestId, 'success')).toEqual({ status: 200, body: ACK })
  const [p] = await sql`select provider_receipt from public.payments where id = ${started.paymentId}`
  expect(p?.provider_receipt).toBe(sim.push(started.checkoutRequestId).receipt)
  return { paymentId: started.paymentId, receipt: p?.provider_receipt }
}

/** What the api's refund route will do: ask Daraja, and find the request the simulator got. */
async function reverse(
  payment: { paymentId: string; receipt: string },
  amountMinor: number,
): Promise<SimReversal> {
  const { conversationId } = await startReversal(
    { daraja, secret: serviceKey, log: silentLogger },
    { id: payment.paymentId, amountMinor, receipt: payment.receipt },
  )
  const x = sim.reversals.find((r) => r.conversationId === conversationId)
  if (!x) throw new Error('the simulator got no reversal')
  return x
}

/** What a person or an accountant would notice about a payment and its refunds. */
async function state(paymentId: string) {
  const [p] = await sql`select p.status, p.refunded_minor::int as refunded,
      exists (select 1 from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id) as enrolled,
      (select count(*)::int from private.payment_events e where e.payment_id = p.id) as events,
      (select count(*)::int from public.refunds r where r.payment_id = p.id) as refunds
    from public.payments p where p.id = ${paymentId}`
  return { ...p }
}

/** Net ledger movement per account kind over all of a payment's transactions. */
async function ledger(paymentId: string): Promise<Record<string, number>> {
  const rows = await sql`select a.kind, sum(e.amount_minor)::int as net
    from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
    join public.ledger_accounts a on a.id = e.account_id where t.payment_id = ${paymentId}
    group by a.kind order by a.kind`
  return Object.fromEntries(rows.map((r) => [r.kind, r.net]))
}

/** The entries of one refund's ledger transaction, per account kind. */
async function refundEntries(refundRef: string): Promise<Record<string, number>> {
  const rows = await sql`select a.kind, e.amount_minor::int as amount
    from public.refunds r join public.ledger_transactions t on t.refund_id = r.id
    join public.ledger_entries e on e.transaction_id = t.id join public.ledger_accounts a on a.id = e.account_id
    where r.refund_ref = ${refundRef} order by a.kind`
  return Object.fromEntries(rows.map((r) => [r.kind, r.amount]))
}

/** A reversal Result as Daraja words it, for results the simulator did not send itself. */
function result(fields: {
  code?: number | string
  conversationId?: string
  transactionId?: string
  original?: string
}) {
  return {
    Result: {
      ResultType: 0,
      ResultCode: fields.code ?? 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: 'o-forged',
      ConversationID: fields.conversationId ?? unique('AG_'),
      TransactionID: fields.transactionId ?? 'SIMRFORGED',
      ...(fields.original
        ? {
            ResultParameters: { ResultParameter: [{ Key: 'OriginalTransactionID', Value: fields.original }] },
          }
        : {}),
    },
  }
}

describe('a reversal', () => {
  it('asks Daraja for the receipt in whole shillings, with URLs carrying payment, amount and mac', async () => {
    const payment = await paid(150_000)
    const x = await reverse(payment, 150_000)
    expect(x).toMatchObject({ transactionId: payment.receipt, amount: 1500, remarks: 'Kipindi refund' })
    expect(x.resultUrl).toMatch(
      new RegExp(
        `^${base}/functions/v1/mpesa-callback/reversal/${payment.paymentId}/150000/[A-Za-z0-9_-]{43}$`,
      ),
    )
    expect(x.timeoutUrl).toBe(`${x.resultUrl}/timeout`)
    // Nothing is recorded until the result comes.
    expect(await state(payment.paymentId)).toMatchObject({ status: 'succeeded', refunded: 0, refunds: 0 })
  })

  it('in full: the payment is refunded, the sale reversed to zero, the enrolment removed', async () => {
    const payment = await paid()
    const x = await reverse(payment, 100_000)
    expect(await sim.settleReversal(x.conversationId, 0)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toEqual({
      status: 'refunded',
      refunded: 100_000,
      enrolled: false,
      events: 2,
      refunds: 1,
    })
    const [r] = await sql`select provider, amount_minor::int as amount, refund_ref, requested_by, reason
      from public.refunds where payment_id = ${payment.paymentId}`
    expect(r).toEqual({
      provider: 'mpesa',
      amount: 100_000,
      refund_ref: x.reversalTransactionId,
      requested_by: null,
      reason: 'Reversed in M-Pesa',
    })
    const [e] =
      await sql`select type from private.payment_events where event_id = ${`reversal:${x.conversationId}`}`
    expect(e).toEqual({ type: 'refund' })
    expect(await ledger(payment.paymentId)).toEqual({
      gateway_clearing: 0,
      instructor_pending: 0,
      marketing_support: 0,
      platform_revenue: 0,
    })
  })

  it('in part, then the rest: pro rata each time, access kept until all is back', async () => {
    const payment = await paid()
    const first = await reverse(payment, 30_000)
    // Settled through the simulator's HTTP control, as Playwright and the offline stack do.
    const control = await fetch(`${sim.url}/__simulator/reversal/${first.conversationId}/success`, {
      method: 'POST',
    })
    expect(control.status).toBe(200)
    expect(await control.json()).toEqual({ delivered: { status: 200, body: ACK } })
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refunded: 30_000,
      enrolled: true,
    })
    expect(await refundEntries(first.reversalTransactionId)).toEqual({
      gateway_clearing: -30_000,
      instructor_pending: 18_000,
      marketing_support: 3_000,
      platform_revenue: 9_000,
    })
    // More than is left: Daraja refuses, nothing changes.
    const tooMuch = await reverse(payment, 80_000).catch((e) => e)
    expect(tooMuch).toBeInstanceOf(DarajaError)
    expect(tooMuch).toMatchObject({ status: 400, errorCode: '400.002.02' })
    const rest = await reverse(payment, 70_000)
    expect(await sim.settleReversal(rest.conversationId, 0)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'refunded',
      refunded: 100_000,
      enrolled: false,
    })
    expect(await refundEntries(rest.reversalTransactionId)).toEqual({
      gateway_clearing: -70_000,
      instructor_pending: 42_000,
      marketing_support: 7_000,
      platform_revenue: 21_000,
    })
    expect(Object.values(await ledger(payment.paymentId)).every((net) => net === 0)).toBe(true)
  })

  it('is recorded once, however often its result arrives, in a row or at once', async () => {
    const payment = await paid()
    const x = await reverse(payment, 40_000)
    const body = sim.reversalResultBody(x.conversationId, 0)
    const concurrent = await Promise.all([1, 2, 3, 4, 5].map(() => sim.deliver(x.resultUrl, body)))
    expect(concurrent.every((d) => d.status === 200 && d.body === ACK)).toBe(true)
    for (let i = 0; i < 3; i++)
      expect(await sim.deliver(x.resultUrl, body)).toEqual({ status: 200, body: ACK })
    // The same reversal under another ConversationID still counts once (its TransactionID).
    const again = result({ conversationId: unique('AG_'), transactionId: x.reversalTransactionId })
    expect(await sim.deliver(x.resultUrl, again)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refunded: 40_000,
      refunds: 1,
      enrolled: true,
    })
  })

  it('Daraja refuses a receipt it did not pay, and the call fails without initiator credentials', async () => {
    const payment = await paid()
    const unknown = await reverse({ ...payment, receipt: 'SIMUNKNOWN' }, 100_000).catch((e) => e)
    expect(unknown).toMatchObject({ name: 'DarajaError', status: 400, errorCode: '400.002.02' })
    const plain = createDarajaClient({ ...daraja.config, b2c: undefined })
    const off = await startReversal(
      { daraja: plain, secret: serviceKey },
      { id: payment.paymentId, amountMinor: 100_000, receipt: payment.receipt },
    ).catch((e) => e)
    expect(off).toMatchObject({ status: 503, errorCode: 'reversal_not_configured' })
    expect(await state(payment.paymentId)).toMatchObject({ status: 'succeeded', refunds: 0 })
  })
})

describe('results that record nothing', () => {
  it('a wrong mac, another payment, an altered amount or a made-up path: 404, nothing written', async () => {
    const payment = await paid()
    const other = await paid()
    const x = await reverse(payment, 40_000)
    const body = sim.reversalResultBody(x.conversationId, 0)
    const mac = x.resultUrl.split('/').at(-1) as string
    const { token: madeUp } = await newCallbackToken()
    const forged = [
      x.resultUrl.replace(mac, madeUp),
      `${x.resultUrl.replace(mac, madeUp)}/timeout`,
      x.resultUrl.replace(payment.paymentId, other.paymentId),
      x.resultUrl.replace('/40000/', '/100000/'),
      x.resultUrl.replace('/40000/', '/040000/'),
      x.resultUrl.replace('/40000/', '/40000.0/'),
      x.resultUrl.replace(payment.paymentId, payment.paymentId.toUpperCase()),
      `${x.resultUrl}/other`,
      `${x.resultUrl}/timeout/more`,
      x.resultUrl.replace(`/${mac}`, ''),
      `${base}/functions/v1/mpesa-callback/reversal`,
    ]
    for (const url of forged)
      expect(await sim.deliver(url, body), url).toEqual({ status: 404, body: NOT_FOUND })
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'succeeded',
      refunded: 0,
      refunds: 0,
      events: 1,
    })
    expect(await state(other.paymentId)).toMatchObject({
      status: 'succeeded',
      refunded: 0,
      refunds: 0,
      events: 1,
    })
    // The genuine URL still works.
    expect(await sim.settleReversal(x.conversationId, 0)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toMatchObject({ status: 'partially_refunded', refunded: 40_000 })
  })

  it('a failure code or the queue timeout: acknowledged, nothing recorded, and a later success still counts', async () => {
    const payment = await paid()
    const x = await reverse(payment, 100_000)
    // The timeout URL records nothing, even with a body that says 0.
    expect(await sim.deliver(x.timeoutUrl, sim.reversalResultBody(x.conversationId, 0))).toEqual({
      status: 200,
      body: ACK,
    })
    expect(await sim.settleReversal(x.conversationId, REVERSAL_FAILED)).toEqual({ status: 200, body: ACK })
    for (const code of [1, 2001, '1', 'SFC_IC0003']) {
      expect(await sim.deliver(x.resultUrl, result({ code, conversationId: x.conversationId }))).toEqual({
        status: 200,
        body: ACK,
      })
    }
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'succeeded',
      refunds: 0,
      enrolled: true,
      events: 1,
    })
    expect(await sim.settleReversal(x.conversationId, 0)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toMatchObject({ status: 'refunded', enrolled: false })
  })

  it('a result for a payment that is not a succeeded M-Pesa payment of that receipt changes nothing', async () => {
    const payment = await paid()
    const sent: string[] = []
    const deliver = async (paymentId: string, body: ReturnType<typeof result>) => {
      sent.push(`reversal:${body.Result.ConversationID}`)
      const { resultUrl } = await reversalCallbackUrls(base, serviceKey, paymentId, 100_000)
      expect(await sim.deliver(resultUrl, body)).toEqual({ status: 200, body: ACK })
    }

    // Another receipt than the payment's.
    await deliver(payment.paymentId, result({ original: 'SIMOTHER01' }))
    expect(await state(payment.paymentId)).toMatchObject({ status: 'succeeded', refunds: 0, events: 1 })

    // A pending M-Pesa payment.
    const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                          values (${w.a.id}, ${unique('Course ')}, ${w.users.instructor.id}) returning id`
    await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${c?.id}, 'KES', 100000)`
    const start = (provider: string) =>
      withUser(sql, w.users.peer.claims, async (tx) => {
        const [s] = await tx`select public.start_course_payment(${c?.id}, ${provider}) as id`
        return s?.id as string
      })
    const pending = await start('mpesa')
    await deliver(pending, result({}))
    expect(await state(pending)).toMatchObject({ status: 'pending', refunds: 0, events: 0 })

    // A succeeded payment through another provider.
    const card = await start('test')
    await sql`select private.record_payment_success('test', ${unique('ev')}, ${card}, ${unique('ref')}, 100000, 'KES')`
    await deliver(card, result({}))
    expect(await state(card)).toMatchObject({ status: 'succeeded', refunds: 0, events: 1 })

    // A payment that does not exist.
    await deliver('00000000-0000-4000-8000-000000000000', result({}))
    const [n] =
      await sql`select count(*)::int as n from private.payment_events where event_id in ${sql(sent)}`
    expect(n?.n).toBe(0)
  })

  it('malformed bodies: 400/413 in the JSON error shape, and the function keeps answering', async () => {
    const payment = await paid()
    const x = await reverse(payment, 100_000)
    const path = x.resultUrl.slice(`${base}/functions/v1`.length)
    const cases: [string | Uint8Array, number, string][] = [
      ['not json', 400, 'invalid_json'],
      ['', 400, 'invalid_json'],
      ['{"Result":', 400, 'invalid_json'],
      ['null', 400, 'invalid_event'],
      ['[]', 400, 'invalid_event'],
      ['{}', 400, 'invalid_event'],
      ['{"Result":"x"}', 400, 'invalid_event'],
      ['{"Result":{"ResultCode":0}}', 400, 'invalid_event'],
      ['{"Result":{"ResultCode":"zero!","ConversationID":"AG_1"}}', 400, 'invalid_event'],
      ['{"Result":{"ResultCode":-1,"ConversationID":"AG_1"}}', 400, 'invalid_event'],
      [`{"Result":{"ResultCode":0,"ConversationID":"${'x'.repeat(300)}"}}`, 400, 'invalid_event'],
      [
        '{"Result":{"ResultCode":1,"ConversationID":"AG_1","ResultParameters":{"ResultParameter":[null,1,{"Key":"__proto__","Value":{}}]}}}',
        200,
        '',
      ],
      [`{"a":"${'x'.repeat(100 * 1024)}"}`, 413, 'payload_too_large'],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), 400, 'invalid_json'],
    ]
    for (const [body, status, code] of cases) {
      const res = await fetch(`${base}/functions/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body as BodyInit,
      })
      const json = (await res.json()) as { error?: { code?: string } }
      expect([res.status, json.error?.code ?? ''], String(body).slice(0, 60)).toEqual([status, code])
    }
    expect(await state(payment.paymentId)).toMatchObject({ status: 'succeeded', refunds: 0, events: 1 })
    expect(await sim.settleReversal(x.conversationId, 0)).toEqual({ status: 200, body: ACK })
    expect(await state(payment.paymentId)).toMatchObject({
      status: 'refunded',
      refunds: 1,
      refunded: 100_000,
    })
  })
})

describe('the simulator on its own (offline stack)', () => {
  /** What Daraja POSTs, as far as these checks read it. */
  interface Posted {
    path: string
    body: {
      Body?: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value: unknown }[] } } }
      Result?: {
        ResultCode: unknown
        ConversationID: string
        ResultParameters?: { ResultParameter: unknown[] }
      }
    }
  }

  /** A stand-in for our functions: records what Daraja POSTs and acknowledges it. */
  async function receiver(): Promise<{ url: string; got: Posted[]; server: Server }> {
    const got: Posted[] = []
    const srv = createServer(async (req: IncomingMessage, res) => {
      let raw = ''
      for await (const chunk of req) raw += chunk
      got.push({ path: req.url ?? '', body: JSON.parse(raw) })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(ACK)
    })
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
    return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, got, server: srv }
  }

  const until = async (ok: () => boolean, ms = 3000) => {
    const deadline = Date.now() + ms
    while (!ok()) {
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  it('settles B2C payments and reversals by itself with autoSettle; STK pushes keep waiting', async () => {
    const auto = await startDarajaSimulator({ autoSettle: { delayMs: 30 } })
    const rx = await receiver()
    try {
      const cfg = darajaConfigFrom(MpesaCallbackEnv.parse(await testEnv(auto.env)))
      if (!cfg) throw new Error('Daraja is not configured')
      const client = createDarajaClient({ ...cfg, b2c: B2C })
      const push = await client.stkPush({
        amount: 500,
        phone: '0712345678',
        callbackUrl: `${rx.url}/stk`,
        accountReference: 'KIPINDI',
        description: 'Course',
      })
      const waiting = await client.stkPush({
        amount: 500,
        phone: '0712345678',
        callbackUrl: `${rx.url}/stk`,
        accountReference: 'KIPINDI',
        description: 'Course',
      })
      await auto.settle(push.checkoutRequestId, 'success')
      const receipt = auto.push(push.checkoutRequestId).receipt
      const items = rx.got[0]?.body.Body?.stkCallback.CallbackMetadata.Item ?? []
      expect(items.find((i) => i.Name === 'MpesaReceiptNumber')?.Value).toBe(receipt)

      const reversal = await client.reverse({
        transactionId: receipt as string,
        amount: 200,
        resultUrl: `${rx.url}/reversal`,
        timeoutUrl: `${rx.url}/reversal/timeout`,
        remarks: 'Refund',
      })
      const payout = await client.b2c({
        originatorConversationId: 'payout-1',
        amount: 100,
        phone: '0712345678',
        resultUrl: `${rx.url}/b2c`,
        timeoutUrl: `${rx.url}/b2c/timeout`,
        remarks: 'Payout',
      })
      await until(() => rx.got.length === 3)
      const byPath = Object.fromEntries(rx.got.map((g) => [g.path, g.body]))
      expect(byPath['/reversal']?.Result).toMatchObject({
        ResultCode: 0,
        ConversationID: reversal.conversationId,
      })
      expect(byPath['/reversal']?.Result?.ResultParameters?.ResultParameter).toEqual(
        expect.arrayContaining([
          { Key: 'OriginalTransactionID', Value: receipt },
          { Key: 'Amount', Value: 200 },
        ]),
      )
      expect(byPath['/b2c']?.Result).toMatchObject({ ResultCode: 0, ConversationID: payout.conversationId })
      await until(() => !!auto.reversals[0]?.delivered && !!auto.b2cs[0]?.delivered)
      expect(auto.reversals[0]).toMatchObject({ resultCode: 0, delivered: { status: 200, body: ACK } })
      expect(auto.b2cs[0]).toMatchObject({ resultCode: 0, delivered: { status: 200, body: ACK } })
      await new Promise((r) => setTimeout(r, 100))
      expect(auto.push(waiting.checkoutRequestId).resultCode).toBeNull()
      // Only what is left can be reversed (300 of 500).
      await expect(
        client.reverse({
          transactionId: receipt as string,
          amount: 301,
          resultUrl: `${rx.url}/reversal`,
          timeoutUrl: `${rx.url}/reversal/timeout`,
          remarks: 'Refund',
        }),
      ).rejects.toMatchObject({ status: 400 })
      // The HTTP control: lists, and settling unknown ids answers 404.
      expect(await (await fetch(`${auto.url}/__simulator/reversal`)).json()).toHaveLength(1)
      expect(await (await fetch(`${auto.url}/__simulator/b2c`)).json()).toHaveLength(1)
      expect((await fetch(`${auto.url}/__simulator/b2c/AG_nope/failed`, { method: 'POST' })).status).toBe(404)
      expect(
        (await fetch(`${auto.url}/__simulator/reversal/AG_nope/success`, { method: 'POST' })).status,
      ).toBe(404)
    } finally {
      await auto.close()
      await new Promise<void>((resolve) => rx.server.close(() => resolve()))
    }
  })
})
