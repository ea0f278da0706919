import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sql, withAnon, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb, unique } from '../support/fixtures.ts'
import { createWorld, denied, email, outcome, violates, type World, walkCast } from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  for (const t of [w.a, w.b]) {
    await sql`insert into public.invitations (tenant_id, email, role, token_hash) values (${t.id}, ${email()}, 'student', ${unique()})`
  }
})
afterAll(() => sql.end())

const DENIED = denied('invitations')
const RLS = violates('invitations')
const ONLY_OWNER_INVITES = 'Only an owner can invite another owner.'
const FORGED = 'A new invitation cannot already be accepted.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('invitations', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select 1 from public.invitations where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 1, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'invite a student to A',
    run: (tx, w) => tx`insert into public.invitations (tenant_id, email, role, token_hash)
                       values (${w.a.id}, ${email()}, 'student', ${unique()}) returning id`,
    expect: { anon: DENIED, outsider: RLS, student: RLS, instructor: RLS, staff: RLS, admin: 1, owner: 1, adminB: RLS, superadmin: RLS },
  },
  {
    op: 'insert',
    name: 'invite an owner to A',
    // The guard trigger runs before the policy's with check, so everyone but the owner hears it.
    run: (tx, w) => tx`insert into public.invitations (tenant_id, email, role, token_hash)
                       values (${w.a.id}, ${email()}, 'owner', ${unique()})`,
    expect: {
      anon: DENIED,
      outsider: ONLY_OWNER_INVITES,
      student: ONLY_OWNER_INVITES,
      instructor: ONLY_OWNER_INVITES,
      staff: ONLY_OWNER_INVITES,
      admin: ONLY_OWNER_INVITES,
      owner: 1,
      adminB: ONLY_OWNER_INVITES,
      superadmin: ONLY_OWNER_INVITES,
    },
  },
  {
    op: 'insert',
    name: 'invite in the owner\u2019s name',
    run: (tx, w) => tx`insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
                       values (${w.a.id}, ${email()}, 'student', ${unique()}, ${w.users.owner.id})`,
    expect: { anon: DENIED, outsider: RLS, student: RLS, instructor: RLS, staff: RLS, admin: RLS, owner: 1, adminB: RLS, superadmin: RLS },
  },
  {
    op: 'insert',
    name: 'insert an invitation already marked accepted',
    run: (tx, w) => tx`insert into public.invitations (tenant_id, email, role, token_hash, accepted_at, accepted_by)
                       values (${w.a.id}, ${email()}, 'student', ${unique()}, now(), ${w.users.outsider.id})`,
    expect: {
      anon: DENIED,
      outsider: FORGED,
      student: FORGED,
      instructor: FORGED,
      staff: FORGED,
      admin: FORGED,
      owner: FORGED,
      adminB: FORGED,
      superadmin: FORGED,
    },
  },
  {
    op: 'update',
    name: 'extend an invitation',
    run: (tx, w) => tx`update public.invitations set expires_at = now() + interval '30 days' where tenant_id = ${w.a.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: 0, superadmin: 0 },
  },
  {
    op: 'delete',
    name: 'revoke A\u2019s invitation',
    run: (tx, w) => tx`delete from public.invitations where tenant_id = ${w.a.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 0 },
  },
])

/** Invites `to` (a new user unless given) to the tenant as `inviter`, committed; returns the raw token. */
async function invite(
  db: Sql,
  inviter: TestUser,
  tenantId: string,
  to: string,
  role: string,
  expired = false,
) {
  const token = unique('token-')
  await withUser(
    db,
    inviter.claims,
    (tx) => tx`
    insert into public.invitations (tenant_id, email, role, token_hash, expires_at)
    values (${tenantId}, ${to}, ${role}, encode(sha256(convert_to(${token}::text, 'UTF8')), 'hex'),
            now() + ${expired ? '-1 minute' : '7 days'}::interval)`,
  )
  return token
}

const accept = (user: TestUser, token: string) =>
  withUser(sql, user.claims, (tx) => tx`select * from public.accept_invitation(${token})`).then((rows) => [
    ...rows,
  ])

const roleIn = async (tenantId: string, user: TestUser) =>
  (await sql`select role from public.memberships where tenant_id = ${tenantId} and user_id = ${user.id}`)[0]
    ?.role

describe('accept_invitation', () => {
  it('joins the invitee once, with the invited role, and records it', async () => {
    const invitee = await createUser(sql)
    const token = await invite(sql, w.users.admin, w.a.id, invitee.email, 'instructor')
    expect(
      await outcome(sql, invitee, (tx) => tx`select 1 from public.invitations where tenant_id = ${w.a.id}`),
    ).toBe(0)
    expect(await accept(invitee, token)).toEqual([
      { tenant_id: w.a.id, tenant_name: expect.any(String), tenant_slug: w.a.slug, role: 'instructor' },
    ])
    expect(await roleIn(w.a.id, invitee)).toBe('instructor')
    const [inv] =
      await sql`select accepted_by, accepted_at from public.invitations where email = ${invitee.email}`
    expect(inv.accepted_by).toBe(invitee.id)
    const log =
      await sql`select action from public.audit_log where tenant_id = ${w.a.id} and actor_id = ${invitee.id} order by id`
    expect(log.map((r) => r.action)).toEqual(['member.added', 'invitation.accepted'])
    await expect(accept(invitee, token)).rejects.toThrow('This invitation has already been used.')
  })

  it('refuses an expired invitation', async () => {
    const invitee = await createUser(sql)
    const token = await invite(sql, w.users.owner, w.a.id, invitee.email, 'student', true)
    await expect(accept(invitee, token)).rejects.toThrow(
      'This invitation has expired. Ask the school for a new one.',
    )
    expect(await roleIn(w.a.id, invitee)).toBeUndefined()
  })

  it('refuses someone signed in with another email, and an unknown token', async () => {
    const invitee = await createUser(sql)
    const other = await createUser(sql)
    const token = await invite(sql, w.users.owner, w.a.id, invitee.email, 'student')
    await expect(accept(other, token)).rejects.toThrow(
      `This invitation was sent to ${invitee.email}, but you are signed in as ${other.email}.`,
    )
    await expect(accept(other, `${token}x`)).rejects.toThrow('This invitation link is not valid.')
    expect(await roleIn(w.a.id, other)).toBeUndefined()
    expect(await accept(invitee, token)).toHaveLength(1)
  })

  it('is not callable without signing in', async () => {
    await expect(
      withAnon(sql, (tx) => tx`select * from public.accept_invitation('anything')`),
    ).rejects.toThrow('permission denied for function accept_invitation')
  })

  it('makes an owner only from an owner\u2019s invitation', async () => {
    const owner = await createUser(sql)
    const admin = await createUser(sql)
    const t = await createTenant(sql, owner, [[admin, 'admin']])
    const invitee = await createUser(sql)
    await expect(invite(sql, admin, t.id, invitee.email, 'owner')).rejects.toThrow(ONLY_OWNER_INVITES)
    const token = await invite(sql, owner, t.id, invitee.email, 'owner')
    expect((await accept(invitee, token))[0].role).toBe('owner')
    // Two owners now: the original one may step down.
    const stepped = await withUser(
      sql,
      owner.claims,
      (tx) =>
        tx`update public.memberships set role = 'admin' where tenant_id = ${t.id} and user_id = ${owner.id}`,
    )
    expect(stepped.count).toBe(1)
  })

  it('promotes an existing member but never demotes one', async () => {
    const token = await invite(sql, w.users.owner, w.a.id, w.users.instructor.email, 'student')
    expect((await accept(w.users.instructor, token))[0].role).toBe('instructor')
    const member = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${member.id}, 'student')`
    const promote = await invite(sql, w.users.owner, w.a.id, member.email, 'staff')
    expect((await accept(member, promote))[0].role).toBe('staff')
  })
})
