// A person whose access changed hears it on their own topic (issue 12): event `access {reason}` on
// `user:<id>`, after their subscriptions were re-checked, and nobody else does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userTopic } from '../../edge/contract/support-values.ts'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { type Recorder, recorder } from './testing.ts'

describe('the access event', () => {
  const sql = testDb(4)
  let t: TestServer
  const clients: Recorder[] = []
  const open = (user: TestUser) => {
    const c = recorder(t.url(undefined, user.token))
    clients.push(c)
    return c
  }
  const setRole = (admin: TestUser, tenant: string, user: TestUser, role: string) =>
    withUser(
      sql,
      admin.claims,
      (tx) =>
        tx`update public.memberships set role = ${role}::public.tenant_role where tenant_id = ${tenant} and user_id = ${user.id}`,
    )

  beforeAll(async () => {
    t = await startTestServer({ liveRecheckMs: 0 })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('reaches every open socket of the person whose role changed, and only theirs', async () => {
    const [owner, member, other] = await Promise.all(
      ['Owner', 'Member', 'Other'].map((name) => createUser(sql, { name })),
    )
    const tenant = await createTenant(sql, owner, [
      [member, 'student'],
      [other, 'student'],
    ])
    const tabs = [open(member), open(member)]
    const bystanders = [open(other), open(owner)]
    for (const tab of tabs)
      expect(await tab.subscribe(userTopic(member.id))).toMatchObject({ type: 'subscribed' })
    expect(await bystanders[0].subscribe(userTopic(other.id))).toMatchObject({ type: 'subscribed' })
    expect(await bystanders[1].subscribe(userTopic(owner.id))).toMatchObject({ type: 'subscribed' })

    await setRole(owner, tenant.id, member, 'instructor')
    for (const tab of tabs) {
      const got = await tab.waitFor(
        (m) => m.type === 'event' && m.event === 'access',
        'the access event on each tab',
        2000,
      )
      expect(got).toMatchObject({ topic: userTopic(member.id), data: { reason: 'memberships' } })
    }
    for (const b of bystanders) {
      await b.ping()
      expect(b.events('access')).toHaveLength(0)
    }
  })

  it('reaches a person removed from the school, who keeps their own topic', async () => {
    const [owner, member] = await Promise.all(['Owner', 'Member'].map((name) => createUser(sql, { name })))
    const tenant = await createTenant(sql, owner, [[member, 'student']])
    const tab = open(member)
    expect(await tab.subscribe(userTopic(member.id))).toMatchObject({ type: 'subscribed' })
    await withUser(
      sql,
      owner.claims,
      (tx) => tx`delete from public.memberships where tenant_id = ${tenant.id} and user_id = ${member.id}`,
    )
    await tab.waitFor((m) => m.type === 'event' && m.event === 'access', 'the access event', 2000)
    expect(tab.got.some((m) => m.type === 'unsubscribed')).toBe(false)
  })
})
