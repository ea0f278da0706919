import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import {
  CAST,
  type Case,
  createWorld,
  denied,
  outcome,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  // Setup wrote A: tenant.created + 6 × member.added; B: tenant.created + 2 × member.added.
  const counts = await sql`select tenant_id, count(*)::int as n from public.audit_log
                           where tenant_id in ${sql([w.a.id, w.b.id])} group by tenant_id`
  expect(Object.fromEntries(counts.map((r) => [r.tenant_id, r.n]))).toEqual({ [w.a.id]: 7, [w.b.id]: 3 })
  await sql`insert into private.outbox_emails (to_email, subject, body_text, kind)
            values (${w.users.student.email}, 'Welcome', 'Hello', 'notification')`
})
afterAll(() => sql.end())

/** The same outcome for the whole cast (the grant is missing, so RLS never even runs). */
const all = (anon: string, signedIn: string): Row =>
  Object.fromEntries(CAST.map((role) => [role, role === 'anon' ? anon : signedIn])) as Row

const AUDIT_DENIED = all(denied('audit_log'), denied('audit_log'))

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('audit_log', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select 1 from public.audit_log where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: { anon: denied('audit_log'), outsider: 0, student: 0, instructor: 0, staff: 0, admin: 7, owner: 7, adminB: 3, superadmin: 10 },
  },
  {
    op: 'insert',
    name: 'forge an entry',
    run: (tx, w) => tx`insert into public.audit_log (tenant_id, actor_id, action, target_type)
                       values (${w.a.id}, ${w.users.owner.id}, 'tenant.created', 'tenant')`,
    expect: AUDIT_DENIED,
  },
  {
    op: 'update',
    name: 'rewrite history',
    run: (tx, w) => tx`update public.audit_log set action = 'nothing' where tenant_id = ${w.a.id}`,
    expect: AUDIT_DENIED,
  },
  {
    op: 'delete',
    name: 'erase history',
    run: (tx, w) => tx`delete from public.audit_log where tenant_id = ${w.a.id}`,
    expect: AUDIT_DENIED,
  },
])

const OUTBOX_DENIED = all('permission denied for schema private', denied('outbox_emails'))
const outboxCases: Case[] = [
  { op: 'select', run: (tx) => tx`select 1 from private.outbox_emails`, expect: OUTBOX_DENIED },
  {
    op: 'insert',
    run: (tx) => tx`insert into private.outbox_emails (to_email, subject, body_text, kind)
                    values ('victim@test.kipindi.test', 'Reset', 'Click', 'recovery')`,
    expect: OUTBOX_DENIED,
  },
  { op: 'update', run: (tx) => tx`update private.outbox_emails set subject = 'x'`, expect: OUTBOX_DENIED },
  { op: 'delete', run: (tx) => tx`delete from private.outbox_emails`, expect: OUTBOX_DENIED },
]
walkCast('private.outbox_emails', () => w, outboxCases)

describe('audit log: rules', () => {
  it('cannot be written through the audit helper either', async () => {
    const got = await outcome(
      sql,
      w.users.owner,
      (tx) => tx`select private.audit(${w.a.id}, 'forged', 'tenant', null, null)`,
    )
    expect(got).toBe('permission denied for function audit')
  })

  it('cannot be truncated, and neither can any other table, by a signed-in user', async () => {
    const tables = ['audit_log', 'memberships', 'invitations', 'profiles', 'tenants']
    for (const table of tables) {
      const got = await outcome(sql, w.users.owner, (tx) => tx.unsafe(`truncate public.${table} cascade`))
      expect(got, table).toBe(denied(table))
    }
  })
})
