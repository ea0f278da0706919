import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { createUser, testDb, unique } from '../support/fixtures.ts'
import { actor, CAST, createWorld, denied, outcome, type World, walkCast } from '../support/rls.ts'

// Contact privacy in the database: signed-in users never select profiles.email; they read an
// email through private.contact_email, which answers it only to the person themself, the school's
// owners and admins, its support staff for people who opened a ticket there, and super-admins.

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
})
afterAll(() => sql.end())

const DENIED = denied('profiles')
/** anon may not call private helpers (which check fails first depends on the connection's plan cache). */
const NO_PRIVATE = expect.stringMatching(/^permission denied for (schema private|function contact_email)$/)

/** 1 when `private.contact_email(tenant, person)` gives the person's email to the caller, 0 when null. */
const seesEmail = (tenant: string, person: { id: string; email: string }) => (tx: Tx) =>
  tx`select 1 where private.contact_email(${tenant}::uuid, ${person.id}::uuid) = ${person.email}`

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('profile contacts', () => w, [
  {
    op: 'select',
    name: 'emails of everyone in the world, straight from profiles',
    run: (tx, w) => tx`select email from public.profiles where id in ${tx(w.everyone)}`,
    expect: { anon: DENIED, outsider: DENIED, student: DENIED, instructor: DENIED, staff: DENIED, admin: DENIED, owner: DENIED, adminB: DENIED, superadmin: DENIED },
  },
  {
    op: 'select',
    name: 'your own email, straight from profiles',
    run: (tx) => tx`select email from public.profiles where id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: DENIED, student: DENIED, instructor: DENIED, staff: DENIED, admin: DENIED, owner: DENIED, adminB: DENIED, superadmin: DENIED },
  },
  {
    op: 'select',
    name: 'names of everyone in the world (A has 6 members, B has 2)',
    run: (tx, w) => tx`select id, display_name, created_at, updated_at from public.profiles where id in ${tx(w.everyone)}`,
    expect: { anon: DENIED, outsider: 1, student: 6, instructor: 6, staff: 6, admin: 6, owner: 6, adminB: 2, superadmin: 10 },
  },
  {
    op: 'select',
    name: "a student's email in their school, through private.contact_email",
    run: (tx, w) => seesEmail(w.a.id, w.users.peer)(tx),
    expect: { anon: NO_PRIVATE, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 1 },
  },
  {
    op: 'select',
    name: "the owner's email in their school, through private.contact_email",
    run: (tx, w) => seesEmail(w.a.id, w.users.owner)(tx),
    expect: { anon: NO_PRIVATE, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 1 },
  },
  {
    op: 'select',
    name: "school B's owner, asked about in school A (not a member there)",
    run: (tx, w) => seesEmail(w.a.id, w.users.ownerB)(tx),
    expect: { anon: NO_PRIVATE, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: 0, superadmin: 1 },
  },
  {
    op: 'select',
    name: 'your own email, through private.contact_email without a school',
    run: (tx) => tx`select 1 where private.contact_email(null, (select auth.uid())) is not null`,
    expect: { anon: NO_PRIVATE, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
])

describe('profile contacts: rules', () => {
  it('shows support staff the email of a member once they open a ticket in the school, only there', async () => {
    const world = await createWorld(sql)
    const peerSeenBy = async () =>
      Object.fromEntries(
        await Promise.all(
          CAST.map(async (role) => [
            role,
            await outcome(sql, actor(world, role), seesEmail(world.a.id, world.users.peer)),
          ]),
        ),
      )
    expect((await peerSeenBy()).staff).toBe(0)
    await withUser(
      sql,
      world.users.peer.claims,
      (tx) =>
        tx`insert into public.tickets (tenant_id, subject, category) values (${world.a.id}, 'Locked out', 'account')`,
    )
    expect(await peerSeenBy()).toEqual({
      anon: NO_PRIVATE,
      outsider: 0,
      student: 0,
      instructor: 0,
      staff: 1,
      admin: 1,
      owner: 1,
      adminB: 0,
      superadmin: 1,
    })
    // Asked about in another school, the ticket in school A counts for nothing.
    expect(await outcome(sql, world.users.staff, seesEmail(world.b.id, world.users.peer))).toBe(0)
  })

  it('never leaves a shown name blank: a blanked name shows the email’s local part', async () => {
    const local = unique('kevin.mwangi.').toLowerCase()
    const user = await createUser(sql, { email: `${local}@test.kipindi.test`, name: 'Kevin' })
    await withUser(
      sql,
      user.claims,
      (tx) => tx`update public.profiles set display_name = '  ' where id = ${user.id}`,
    )
    const [profile] = await sql`select display_name from public.profiles where id = ${user.id}`
    expect(profile?.display_name).toBe(local)
  })
})
