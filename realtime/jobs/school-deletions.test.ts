import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer } from '../testing.ts'

// The school deletion job against the shared test database: a school whose deletion was asked is
// kept by a run before its date and deleted by a run whose clock is past the 30-day grace.

const DAY = 86_400_000

describe('the school deletion job', () => {
  const sql = testDb(2)
  afterAll(() => sql.end())

  it('deletes a school once its grace period has ended, not before', async () => {
    const owner = await createUser(sql)
    const tenant = await createTenant(sql, owner)
    await sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true),
        set_config('request.jwt.claims', ${JSON.stringify(owner.claims)}, true)`
      await tx`select public.request_school_deletion(${tenant.id})`
    })
    const exists = async () => (await sql`select 1 from public.tenants where id = ${tenant.id}`).length === 1

    const early = await startTestServer({
      yjs: false,
      schoolDeletions: { intervalMs: 60_000, clock: () => new Date(Date.now() + 29 * DAY) },
    })
    try {
      await early.server.schoolDeletions?.run()
      expect(await exists()).toBe(true)
    } finally {
      await early.close()
    }

    const late = await startTestServer({
      yjs: false,
      schoolDeletions: { intervalMs: 60_000, clock: () => new Date(Date.now() + 31 * DAY) },
    })
    try {
      expect(await late.server.schoolDeletions?.run()).toBeGreaterThanOrEqual(1)
      expect(await exists()).toBe(false)
      const [entry] = await sql`select count(*)::int as n from public.audit_log
        where target_id = ${tenant.id} and action = 'tenant.deleted'`
      expect(entry.n).toBe(1)
    } finally {
      await late.close()
    }
  })
})
