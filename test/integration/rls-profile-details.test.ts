import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'
import { actor, CAST, createWorld, denied, outcome, type World, walkCast } from '../support/rls.ts'

// Profile details (20261208070000_profile_details.sql): the table is its owner's alone; everyone
// else reads a member's card through public.member_profile, which shows each field by its
// visibility. Profiles itself never shows more than name and picture.

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  // Every member of school A and B has details with a phone (staff-only) and a bio (school).
  for (const user of Object.values(w.users)) {
    await sql`insert into public.profile_details (user_id, phone, bio, headline)
      values (${user.id}, '+254700000001', 'Hello', 'Teacher')`
  }
})
afterAll(() => sql.end())

const DENIED = denied('profile_details')
const VIOLATES = 'new row violates row-level security policy for table "profile_details"'
const MOVE = 'Profile details cannot move to another person.'
const NOT_MEMBER = 'That person is not a member of this school.'
const NO_FUNCTION = 'permission denied for function member_profile'

/** 1 when the card of `person` in school A shows the phone, 0 when it does not (or an error). */
const phoneOf = (tenant: (w: World) => string, person: keyof World['users']) => (tx: Tx, w: World) =>
  tx`select 1 from public.member_profile(${tenant(w)}::uuid, ${w.users[person].id}::uuid) where phone is not null`
const bioOf = (person: keyof World['users']) => (tx: Tx, w: World) =>
  tx`select 1 from public.member_profile(${w.a.id}::uuid, ${w.users[person].id}::uuid) where bio is not null`
const schoolA = (w: World) => w.a.id

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('profile_details', () => w, [
  {
    op: 'select',
    name: 'everyone\u2019s details straight from the table',
    run: (tx, w) => tx`select 1 from public.profile_details where user_id in ${tx(w.everyone)}`,
    expect: { anon: DENIED, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
  {
    op: 'insert',
    name: "details for the peer student",
    run: (tx, w) => tx`insert into public.profile_details (user_id) values (${w.users.peer.id})`,
    expect: { anon: DENIED, outsider: VIOLATES, student: VIOLATES, instructor: VIOLATES, staff: VIOLATES, admin: VIOLATES, owner: VIOLATES, adminB: VIOLATES, superadmin: VIOLATES },
  },
  {
    op: 'update',
    name: "the peer student's phone",
    run: (tx, w) => tx`update public.profile_details set phone = '+254700000009' where user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'your own bio',
    run: (tx) => tx`update public.profile_details set bio = 'Mine' where user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
  {
    op: 'update',
    name: 'move your details to the peer student',
    run: (tx, w) => tx`update public.profile_details set user_id = ${w.users.peer.id} where user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: MOVE, student: MOVE, instructor: MOVE, staff: MOVE, admin: MOVE, owner: MOVE, adminB: MOVE, superadmin: MOVE },
  },
  {
    op: 'delete',
    name: "the peer student's details",
    run: (tx, w) => tx`delete from public.profile_details where user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: 0, superadmin: 0 },
  },
  {
    op: 'delete',
    name: 'your own details',
    run: (tx) => tx`delete from public.profile_details where user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('member_profile', () => w, [
  {
    op: 'select',
    name: "the instructor's staff-only phone in school A",
    run: phoneOf(schoolA, 'instructor'),
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: 0, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: NOT_MEMBER, superadmin: 1 },
  },
  {
    op: 'select',
    name: "the peer student's staff-only phone in school A",
    run: phoneOf(schoolA, 'peer'),
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: 0, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: NOT_MEMBER, superadmin: 1 },
  },
  {
    op: 'select',
    name: "the instructor's school-wide bio",
    run: bioOf('instructor'),
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: NOT_MEMBER, superadmin: 1 },
  },
  {
    op: 'select',
    name: "the peer student's bio (a student's every field is staff-only)",
    run: bioOf('peer'),
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: 0, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: NOT_MEMBER, superadmin: 1 },
  },
  {
    op: 'select',
    name: "school B's owner asked about in school A",
    run: (tx, w) => tx`select 1 from public.member_profile(${w.a.id}::uuid, ${w.users.ownerB.id}::uuid)`,
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: NOT_MEMBER, instructor: NOT_MEMBER, staff: NOT_MEMBER, admin: NOT_MEMBER, owner: NOT_MEMBER, adminB: NOT_MEMBER, superadmin: NOT_MEMBER },
  },
  {
    op: 'select',
    name: 'your own phone, in school A',
    run: (tx, w) => tx`select 1 from public.member_profile(${w.a.id}::uuid, (select auth.uid())) where phone is not null`,
    expect: { anon: NO_FUNCTION, outsider: NOT_MEMBER, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: NOT_MEMBER, superadmin: NOT_MEMBER },
  },
])

describe('profile details: rules', () => {
  it('keeps phone and the new fields out of profiles: signed-in users cannot select every column', async () => {
    for (const role of CAST) {
      const got = await outcome(sql, actor(w, role), (tx) => tx`select * from public.profiles`)
      expect(got, role).toBe(denied('profiles'))
    }
    const [{ n }] = await sql`select count(*)::int as n from information_schema.columns
      where table_schema = 'public' and table_name = 'profiles' and column_name ~ 'phone|bio|city|county|contact'`
    expect(n).toBe(0)
  })

  it('shows a parent their linked child’s staff-only fields and not another child’s', async () => {
    const owner = await createUser(sql)
    const child = await createUser(sql)
    const other = await createUser(sql)
    const parent = await createUser(sql)
    const t = await createTenant(sql, owner, [
      [child, 'student'],
      [other, 'student'],
      [parent, 'parent'],
    ])
    for (const kid of [child, other]) {
      await sql`insert into public.profile_details (user_id, phone, city) values (${kid.id}, '+254711111111', 'Nakuru')`
    }
    await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${t.id}, ${parent.id}, ${child.id})`
    const card = (person: string) =>
      withUser(sql, parent.claims, (tx) => tx`select * from public.member_profile(${t.id}, ${person})`)
    const [mine] = await card(child.id)
    expect(mine).toMatchObject({ access: 'all', phone: '+254711111111', city: 'Nakuru' })
    const [theirs] = await card(other.id)
    expect(theirs).toMatchObject({ access: 'none', phone: null, city: null })
  })

  it('refuses a student showing a field to the whole school, and lets a teacher', async () => {
    const owner = await createUser(sql)
    const pupil = await createUser(sql)
    await createTenant(sql, owner, [[pupil, 'student']])
    const show = (who: typeof owner) =>
      outcome(
        sql,
        who,
        (tx) => tx`insert into public.profile_details (user_id, visibility)
          values ((select auth.uid()), '{"phone": "school"}')`,
      )
    expect(await show(pupil)).toBe("A student's profile details are shown to the school's staff only.")
    expect(await show(owner)).toBe(1)
  })

  it('refuses an unknown time zone and malformed lists', async () => {
    const user = await createUser(sql)
    const write = (values: string) =>
      outcome(sql, user, (tx) => tx.unsafe(`insert into public.profile_details (user_id, ${values}`))
    expect(await write(`time_zone) values ('${user.id}', 'Mars/Olympus')`)).toBe(
      'Unknown time zone Mars/Olympus.',
    )
    expect(await write(`time_zone) values ('${user.id}', 'Africa/Nairobi')`)).toBe(1)
    expect(await write(`qualifications) values ('${user.id}', '[{"title": ""}]')`)).toMatch(
      /check constraint/,
    )
    expect(await write(`qualifications) values ('${user.id}', '[{"title": "BEd", "grade": "A"}]')`)).toMatch(
      /check constraint/,
    )
    expect(await write(`visibility) values ('${user.id}', '{"phone": "everyone"}')`)).toMatch(
      /check constraint/,
    )
    expect(await write(`phone) values ('${user.id}', '0712345678')`)).toMatch(/check constraint/)
  })
})
