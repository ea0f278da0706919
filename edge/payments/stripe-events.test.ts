import { describe, expect, it } from 'vitest'
import { mapStripeEvent, STRIPE_EVENT_TYPES, subscriptionStatus } from './stripe-events.ts'

const PID = '0b7c1f2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b'
const TENANT = '1c8d2a3f-4b5e-4f60-9a1b-2c3d4e5f6a7b'
const ev = (type: string, object: Record<string, unknown>, created = 1_800_000_000) => ({
  id: 'evt_1',
  object: 'event',
  type,
  created,
  data: { object },
})

describe('mapStripeEvent', () => {
  it('maps a paid checkout session to a success in upper-case currency', () => {
    const m = mapStripeEvent(
      ev('checkout.session.completed', {
        id: 'cs_1',
        mode: 'payment',
        payment_status: 'paid',
        amount_total: 9999,
        currency: 'usd',
        payment_intent: { id: 'pi_1', object: 'payment_intent' },
        metadata: { payment_id: PID.toUpperCase() },
      }),
    )
    expect(m).toEqual({
      id: 'evt_1',
      type: 'checkout.session.completed',
      handled: true,
      effects: [
        {
          kind: 'success',
          eventId: 'evt_1',
          paymentId: PID,
          sessionId: 'cs_1',
          paymentIntent: 'pi_1',
          amountMinor: 9999,
          currency: 'USD',
        },
      ],
    })
  })

  it('ignores unpaid sessions and sessions without metadata, with a reason', () => {
    const base = { id: 'cs_1', amount_total: 1, currency: 'usd', metadata: { payment_id: PID } }
    const unpaid = mapStripeEvent(ev('checkout.session.completed', { ...base, payment_status: 'unpaid' }))
    expect(unpaid).toMatchObject({ handled: true, effects: [], reason: 'payment_status is unpaid' })
    const bare = mapStripeEvent(
      ev('checkout.session.completed', { ...base, payment_status: 'paid', metadata: null }),
    )
    expect(bare).toMatchObject({ handled: true, effects: [] })
    expect(bare.reason).toMatch(/metadata/)
  })

  it('gives a subscription checkout with a payment two effects with distinct event ids', () => {
    const m = mapStripeEvent(
      ev('checkout.session.completed', {
        id: 'cs_2',
        mode: 'subscription',
        payment_status: 'paid',
        amount_total: 4900,
        currency: 'usd',
        customer: 'cus_1',
        subscription: 'sub_1',
        metadata: { payment_id: PID, tenant_id: TENANT, plan: 'standard' },
      }),
    )
    expect(m.handled && m.effects.map((e) => [e.kind, e.eventId])).toEqual([
      ['success', 'evt_1'],
      ['subscription', 'evt_1:subscription'],
    ])
  })

  it('maps refunds, leaving failed ones out', () => {
    const m = mapStripeEvent(
      ev('charge.refunded', {
        id: 'ch_1',
        payment_intent: 'pi_1',
        amount_refunded: 700,
        metadata: {},
        refunds: {
          data: [
            { id: 're_1', amount: 700, status: 'succeeded' },
            { id: 're_2', amount: 300, status: 'failed' },
          ],
        },
      }),
    )
    expect(m).toMatchObject({
      handled: true,
      effects: [
        {
          kind: 'refunds',
          paymentId: null,
          paymentIntent: 'pi_1',
          amountRefunded: 700,
          refunds: [{ id: 're_1', amountMinor: 700 }],
        },
      ],
    })
  })

  it('reads plans from metadata or lookup keys, and orders events of one second by type', () => {
    const sub = (status: string, lookup: string) => ({
      id: 'sub_1',
      customer: 'cus_1',
      status,
      metadata: { tenant_id: TENANT },
      items: { data: [{ price: { lookup_key: lookup }, current_period_end: 1_900_000_000 }] },
    })
    const created = mapStripeEvent(ev('customer.subscription.created', sub('trialing', 'premium_yearly')))
    const deleted = mapStripeEvent(ev('customer.subscription.deleted', sub('canceled', 'premium')))
    const c = created.handled ? created.effects[0] : undefined
    const d = deleted.handled ? deleted.effects[0] : undefined
    expect(c).toMatchObject({ kind: 'subscription', plan: 'premium', status: 'active', tenantId: TENANT })
    expect(d).toMatchObject({ plan: 'premium', status: 'cancelled' })
    if (c?.kind !== 'subscription' || d?.kind !== 'subscription') throw new Error('not subscriptions')
    expect(d.eventAt.getTime()).toBeGreaterThan(c.eventAt.getTime())
    expect(c.currentPeriodEnd).toEqual(new Date(1_900_000_000_000))
    const gold = mapStripeEvent(ev('customer.subscription.updated', sub('active', 'gold')))
    expect(gold).toMatchObject({ handled: true, effects: [] })
    const incomplete = mapStripeEvent(ev('customer.subscription.updated', sub('incomplete', 'premium')))
    expect(incomplete).toMatchObject({ handled: true, effects: [] })
  })

  it('maps invoices (new and old API shapes) to active / past_due', () => {
    const paid = mapStripeEvent(
      ev('invoice.paid', {
        id: 'in_1',
        customer: 'cus_1',
        parent: {
          subscription_details: { subscription: 'sub_1', metadata: { tenant_id: TENANT, plan: 'standard' } },
        },
        lines: { data: [{ period: { end: 1_900_000_000 } }] },
      }),
    )
    expect(paid).toMatchObject({ effects: [{ status: 'active', plan: 'standard', subscriptionId: 'sub_1' }] })
    const failed = mapStripeEvent(
      ev('invoice.payment_failed', {
        id: 'in_2',
        subscription: 'sub_1',
        subscription_details: { metadata: { tenant_id: TENANT } },
        lines: { data: [{ price: { lookup_key: 'premium_monthly' } }] },
      }),
    )
    expect(failed).toMatchObject({
      effects: [{ status: 'past_due', plan: 'premium', subscriptionId: 'sub_1' }],
    })
  })

  it('never throws, whatever it is given', () => {
    for (const raw of [
      null,
      undefined,
      42,
      'x',
      [],
      {},
      { id: 1 },
      { id: 'e', type: 'x', created: -1, data: 1 },
    ]) {
      expect(mapStripeEvent(raw).handled).toBe(false)
    }
    for (const type of STRIPE_EVENT_TYPES) {
      for (const object of [{}, { id: 'x', metadata: 'nope' }, { id: 'x', refunds: { data: 'no' } }]) {
        expect(() => mapStripeEvent(ev(type, object))).not.toThrow()
        expect(mapStripeEvent(ev(type, object))).toMatchObject({ handled: true, effects: [] })
      }
    }
    expect(mapStripeEvent(ev('customer.created', {}))).toMatchObject({ handled: false })
  })

  it('maps Stripe subscription statuses', () => {
    expect(
      ['active', 'trialing', 'past_due', 'unpaid', 'canceled', 'paused', 'incomplete'].map(
        subscriptionStatus,
      ),
    ).toEqual(['active', 'active', 'past_due', 'past_due', 'cancelled', 'cancelled', null])
  })
})
