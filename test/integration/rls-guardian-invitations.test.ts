import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  email,
  outcome,
  type Role,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

// Guardian invitations and a parent's view of a child (issue 17), straight in SQL under RLS.
// Tenant A: the student invited a parent (i1), the admin invited one for the peer (i2); parent P is
// linked to the student, parent Q to the peer. Tenant B: its admin invited one for its student (i3).
const sql = testDb(12)
let w: World
let P: TestUser
let Q: TestUser
let parentB: TestUser

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, admin, adminB } = w.users
  P = await createUser(sql)
  Q = await createUser(sql)
  parentB = await createUser(sql)
  const studentB = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${w.a.id}, ${P.id}, 'parent'), (${w.a.id}, ${Q.id}, 'parent'),
    (${w.b.id}, ${parentB.id}, 'parent'), (${w.b.id}, ${studentB.id}, 'student')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values
    (${w.a.id}, ${P.id}, ${student.id}), (${w.a.id}, ${Q.id}, ${peer.id}),
    (${w.b.id}, ${parentB.id}, ${studentB.id})`
  const inv = (tenant: string, kid: string, by: string, as: string, n: string) =>
    sql`insert into public.guardian_invitations (tenant_id, student_id, email, token_hash, invited_by, invited_as)
      values (${tenant}, ${kid}, ${email()}, ${`hash-${n}-${Date.now()}`}, ${by}, ${as})`
  await inv(w.a.id, student.id, student.id, 'student', '1')
  await inv(w.a.id, peer.id, admin.id, 'admin', '2')
  await inv(w.b.id, studentB.id, adminB.id, 'admin', '3')
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)

const FORBIDDEN = 'Only admins, or the student themself, can invite a parent.'
const NO_CHILD = 'No such child linked to you.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('guardian_invitations', () => w, [
  {
    op: 'select', name: 'read invitations (admins: their school; the child and sender: theirs; superadmin)',
    run: (tx) => tx`select 1 from public.guardian_invitations where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only({ student: 1, admin: 2, owner: 2, adminB: 1, superadmin: 3 }, 0, denied('guardian_invitations')),
  },
  {
    op: 'insert', name: 'write an invitation directly (nobody: invite_guardian)',
    run: (tx) => tx`insert into public.guardian_invitations (tenant_id, student_id, email, token_hash, invited_as)
      values (${w.a.id}, ${w.users.student.id}, 'x@y.test', 'direct', 'student')`,
    expect: all(denied('guardian_invitations'), denied('guardian_invitations')),
  },
  {
    op: 'update', name: 'accept directly (nobody: accept_guardian_invitation)',
    run: (tx) => tx`update public.guardian_invitations set accepted_at = now()`,
    expect: all(denied('guardian_invitations'), denied('guardian_invitations')),
  },
  {
    op: 'delete', name: 'remove directly (nobody: revoke_guardian_invitation)',
    run: (tx) => tx`delete from public.guardian_invitations`,
    expect: all(denied('guardian_invitations'), denied('guardian_invitations')),
  },
  {
    op: 'insert', name: 'invite_guardian for the student (admins of the school; the student themself)',
    run: (tx) => tx`select public.invite_guardian(${w.a.id}, ${w.users.student.id}, ${email()}, null,
      ${`t-${Math.random()}`}, 'http://127.0.0.1:1')`,
    expect: only({ student: 1, admin: 1, owner: 1 }, FORBIDDEN, 'permission denied for function invite_guardian'),
  },
  {
    op: 'insert', name: 'invite_guardian for the peer (admins of the school only)',
    run: (tx) => tx`select public.invite_guardian(${w.a.id}, ${w.users.peer.id}, ${email()}, null,
      ${`t-${Math.random()}`}, 'http://127.0.0.1:1')`,
    expect: only({ admin: 1, owner: 1 }, FORBIDDEN, 'permission denied for function invite_guardian'),
  },
  {
    op: 'select', name: "child_overview of the student (their linked parent only, who is not in the cast)",
    run: (tx) => tx`select public.child_overview(${w.a.id}, ${w.users.student.id})`,
    expect: all(NO_CHILD, 'permission denied for function child_overview'),
  },
])

describe("a parent's view of a child under RLS", () => {
  const view = (who: TestUser, tenant: string, child: string) =>
    outcome(sql, who, (tx) => tx`select public.child_overview(${tenant}, ${child})`)

  it('a parent sees only linked children: not a sibling, not from another school', async () => {
    expect(await view(P, w.a.id, w.users.student.id)).toBe(1)
    expect(await view(P, w.a.id, w.users.peer.id)).toBe(NO_CHILD)
    expect(await view(Q, w.a.id, w.users.student.id)).toBe(NO_CHILD)
    expect(await view(parentB, w.a.id, w.users.student.id)).toBe(NO_CHILD)
    expect(await view(parentB, w.b.id, w.users.student.id)).toBe(NO_CHILD)
  })

  it('a parent reads the invitations addressed to them, not other families’', async () => {
    const [made] = await sql`insert into public.guardian_invitations
        (tenant_id, student_id, email, parent_id, token_hash, invited_by, invited_as)
      values (${w.a.id}, ${w.users.peer.id}, ${P.email.toLowerCase()}, ${P.id}, ${`hash-p-${Date.now()}`},
        ${w.users.admin.id}, 'admin') returning id`
    const read = (who: TestUser) => outcome(sql, who, (tx) => tx`select 1 from public.guardian_invitations`)
    expect(await read(P)).toBe(1)
    expect(await read(Q)).toBe(0)
    expect(await read(w.users.peer)).toBe(2)
    await sql`delete from public.guardian_invitations where id = ${made?.id}`
  })

  it('a student cannot revoke another student’s invitation; the admin can', async () => {
    const [i] =
      await sql`select id from public.guardian_invitations where student_id = ${w.users.peer.id} limit 1`
    const revoke = (who: TestUser) =>
      outcome(sql, who, (tx) => tx`select public.revoke_guardian_invitation(${i?.id})`)
    expect(await revoke(w.users.student)).toBe('No such invitation in this school.')
    expect(await revoke(P)).toBe('No such invitation in this school.')
    expect(await revoke(w.users.adminB)).toBe('No such invitation in this school.')
    expect(await revoke(w.users.admin)).toBe(1)
  })
})
