import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer } from '../testing.ts'

// The wallet job against the shared test database: a sale made now is released by a run whose
// clock is past the 7-day hold, once, and the instructor's share moves from pending to available.

const DAY = 86_400_000

describe('the wallet job', () => {
  const sql = testDb(2)
  afterAll(() => sql.end())

  it('releases a sale whose hold has ended, once, into the instructor’s available balance', async () => {
    const owner = await createUser(sql)
    const teacher = await createUser(sql)
    const student = await createUser(sql)
    const tenant = await createTenant(sql, owner, [
      [teacher, 'instructor'],
      [student, 'student'],
    ])
    const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
      values (${tenant.id}, 'Held course', ${teacher.id}) returning id`
    const [payment] = await sql`
      insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
      values (${tenant.id}, ${student.id}, ${student.id}, 'course', ${course?.id}, 'test', 'KES', 100000) returning id`
    await sql`select private.record_payment_success('test', ${`evt-${payment?.id}`}, ${payment?.id}, null, 100000, 'KES')`
    const wallet = async () =>
      (
        await sql`select pending_minor::int as pending, available_minor::int as available
          from public.instructor_wallets where instructor_id = ${teacher.id} and currency = 'KES'`
      )[0]
    expect(await wallet()).toEqual({ pending: 60_000, available: 0 })

    const t = await startTestServer({
      yjs: false,
      wallets: { intervalMs: 60_000, clock: () => new Date(Date.now() + 8 * DAY) },
    })
    try {
      expect(await t.server.wallets?.run()).toBeGreaterThanOrEqual(1)
      expect(await wallet()).toEqual({ pending: 0, available: 60_000 })
      await t.server.wallets?.run()
      const [releases] = await sql`select count(*)::int as n from public.ledger_transactions
        where payment_id = ${payment?.id} and kind = 'release'`
      expect(releases?.n).toBe(1)
    } finally {
      await t.close()
    }
  })
})
