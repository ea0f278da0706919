import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  outcome,
  type Role,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

// Sponsorships (issue 15 "Sponsors"). Tenant A: the instructor's course c1 (KES 1,500) and c2 (no
// price); two partners, `partner` (sponsoring the student and the peer in c1: s1, pending) and
// `rival` (s2, sponsoring the peer). The cast has no partner: the partners' own rows follow the
// matrices, and what a partner sees of the school is checked after them.
const sql = testDb(12)
let w: World
let partner: TestUser
let rival: TestUser
const ids = {} as Record<'c1' | 'c2' | 's1' | 's2', string>

beforeAll(async () => {
  w = await createWorld(sql)
  ;[partner, rival] = (await Promise.all([createUser(sql), createUser(sql)])) as [TestUser, TestUser]
  await sql`insert into public.memberships (tenant_id, user_id, role)
            values (${w.a.id}, ${partner.id}, 'partner'), (${w.a.id}, ${rival.id}, 'partner')`
  const course = async () =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${w.users.instructor.id}) returning id`
    )[0]?.id as string
  ids.c1 = await course()
  ids.c2 = await course()
  await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${ids.c1}, 'KES', 150000)`
  const sponsor = async (who: TestUser, students: TestUser[]) => {
    const [s] =
      await sql`insert into public.sponsorships (tenant_id, sponsor_id, organisation, course_id, seats)
                          values (${w.a.id}, ${who.id}, 'Org', ${ids.c1}, ${students.length}) returning id`
    for (const st of students)
      await sql`insert into public.sponsored_seats (sponsorship_id, student_id) values (${s?.id}, ${st.id})`
    return s?.id as string
  }
  ids.s1 = await sponsor(partner, [w.users.student, w.users.peer])
  ids.s2 = await sponsor(rival, [w.users.peer])
})
afterAll(() => sql.end())

/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)

const ADMINS_A = { admin: 1, owner: 1 } as const
const NOT_FOUND = 'This sponsorship was not found.'
const ADMINS_ONLY = 'Only owners and admins of this school arrange sponsorships.'
const SPONSORS_ONLY = 'Only the sponsor, a partner of the school, pays for a sponsorship.'
const fn = (name: string) => `permission denied for function ${name}`

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('sponsorships', () => w, [
  {
    op: 'select', name: 'read sponsorships (the sponsor; school admins)',
    run: (tx) => tx`select 1 from public.sponsorships where id = ${ids.s1}`,
    expect: only({ ...ADMINS_A, superadmin: 1 }, 0, denied('sponsorships')),
  },
  {
    op: 'select', name: 'read who is sponsored (the student; school admins; never the sponsor)',
    run: (tx) => tx`select 1 from public.sponsored_seats where sponsorship_id in ${tx([ids.s1, ids.s2])}`,
    expect: only({ student: 1, admin: 3, owner: 3, superadmin: 3 }, 0, denied('sponsored_seats')),
  },
  {
    op: 'insert', name: 'write a sponsorship directly (nobody)',
    run: (tx) => tx`insert into public.sponsorships (tenant_id, sponsor_id, organisation, course_id, seats)
                    values (${w.a.id}, (select auth.uid()), 'Me', ${ids.c1}, 1)`,
    expect: all(denied('sponsorships'), denied('sponsorships')),
  },
  {
    op: 'update', name: 'activate by editing the row (nobody)',
    run: (tx) => tx`update public.sponsorships set status = 'active' where id = ${ids.s1}`,
    expect: all(denied('sponsorships'), denied('sponsorships')),
  },
  {
    op: 'insert', name: 'add a seat directly (nobody)',
    run: (tx) => tx`insert into public.sponsored_seats (sponsorship_id, student_id) values (${ids.s1}, (select auth.uid()))`,
    expect: all(denied('sponsored_seats'), denied('sponsored_seats')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.sponsorships where id = ${ids.s1}`,
    expect: all(denied('sponsorships'), denied('sponsorships')),
  },
  {
    op: 'insert', name: 'arrange one through create_sponsorship (school admins only)',
    run: (tx, w) => tx`select public.create_sponsorship(${w.a.id}, ${partner.id}, 'Mwangaza', ${ids.c1}, ${[w.users.student.id]}::uuid[])`,
    expect: only(ADMINS_A, ADMINS_ONLY, fn('create_sponsorship')),
  },
  {
    op: 'insert', name: 'start its payment through start_sponsorship_payment (the sponsor only)',
    run: (tx) => tx`select public.start_sponsorship_payment(${ids.s1}, 'stripe')`,
    expect: only({ admin: SPONSORS_ONLY, owner: SPONSORS_ONLY, superadmin: SPONSORS_ONLY }, NOT_FOUND, fn('start_sponsorship_payment')),
  },
  {
    op: 'select', name: 'read its progress through sponsorship_progress (the sponsor; school admins)',
    run: (tx) => tx`select * from public.sponsorship_progress(${ids.s1})`,
    expect: only({ ...ADMINS_A, superadmin: 1 }, NOT_FOUND, fn('sponsorship_progress')),
  },
  {
    op: 'update', name: 'activate it through the payment effects (nobody signed in)',
    run: (tx) => tx`select private.grant_sponsorship(gen_random_uuid())`,
    expect: all(fn('grant_sponsorship'), NO_PRIVATE_CALL),
  },
])

/** What `who` gets from `query`, as the API would run it (rolled back). */
const as = (who: TestUser, query: Parameters<typeof outcome>[2]) => outcome(sql, who, query)

describe('a partner', () => {
  it('reads its own sponsorship, not another partner\u2019s, and never who is sponsored', async () => {
    expect(await as(partner, (tx) => tx`select 1 from public.sponsorships where tenant_id = ${w.a.id}`)).toBe(
      1,
    )
    expect(await as(rival, (tx) => tx`select 1 from public.sponsorships where id = ${ids.s1}`)).toBe(0)
    expect(await as(partner, (tx) => tx`select 1 from public.sponsored_seats`)).toBe(0)
    const [progress] = await withUser(
      sql,
      partner.claims,
      (tx) => tx`select * from public.sponsorship_progress(${ids.s1})`,
    )
    expect(progress).toMatchObject({ seats: 2, enrolled: 0, suppressed: true, started: null, bucket_0: null })
    expect(JSON.stringify(progress)).not.toContain(w.users.student.id)
    expect(await as(rival, (tx) => tx`select * from public.sponsorship_progress(${ids.s1})`)).toBe(NOT_FOUND)
  })

  it('pays only for its own sponsorship and arranges none', async () => {
    expect(await as(partner, (tx) => tx`select public.start_sponsorship_payment(${ids.s1}, 'stripe')`)).toBe(
      1,
    )
    expect(await as(rival, (tx) => tx`select public.start_sponsorship_payment(${ids.s1}, 'stripe')`)).toBe(
      NOT_FOUND,
    )
    expect(await as(partner, (tx) => tx`select public.start_sponsorship_payment(${ids.s1}, 'mpesa')`)).toBe(1)
    const arrange = await as(
      partner,
      (tx) =>
        tx`select public.create_sponsorship(${w.a.id}, ${partner.id}, 'Me', ${ids.c1}, ${[w.users.student.id]}::uuid[])`,
    )
    expect(arrange).toBe(ADMINS_ONLY)
  })

  it('sees the people who work at the school and itself: not students, parents or other partners', async () => {
    const { owner, admin, instructor, staff, student, peer } = w.users
    const seen = await as(partner, (tx) => tx`select 1 from public.memberships where tenant_id = ${w.a.id}`)
    expect(seen).toBe(5)
    const people = [owner, admin, instructor, staff, student, peer, rival, partner].map((u) => u.id)
    expect(await as(partner, (tx) => tx`select 1 from public.profiles where id in ${tx(people)}`)).toBe(5)
    expect(
      await as(
        partner,
        (tx) => tx`select 1 from public.profiles where id in ${tx([student.id, peer.id, rival.id])}`,
      ),
    ).toBe(0)
    // Everyone else still sees the partner.
    expect(
      await as(student, (tx) => tx`select 1 from public.memberships where user_id = ${partner.id}`),
    ).toBe(1)
    expect(await as(student, (tx) => tx`select 1 from public.profiles where id = ${partner.id}`)).toBe(1)
    // No contact details, even of the people it sees.
    expect(
      await as(
        partner,
        (tx) =>
          tx`select 1 from public.profiles p where p.id = ${owner.id} and private.contact_email(${w.a.id}, p.id) is not null`,
      ),
    ).toBe(0)
  })

  it('sees the catalogue like a student, but no outline, no enrolments, and cannot enrol', async () => {
    expect(await as(partner, (tx) => tx`select 1 from public.courses where tenant_id = ${w.a.id}`)).toBe(2)
    expect(
      await as(partner, (tx) => tx`select 1 from public.course_prices where course_id = ${ids.c1}`),
    ).toBe(1)
    await sql`insert into public.lessons (course_id, title) values (${ids.c2}, 'L')`
    expect(await as(partner, (tx) => tx`select 1 from public.lessons where course_id = ${ids.c2}`)).toBe(0)
    expect(await as(partner, (tx) => tx`select 1 from public.enrolments where course_id = ${ids.c1}`)).toBe(0)
    expect(
      await as(
        partner,
        (tx) =>
          tx`insert into public.enrolments (course_id, user_id) values (${ids.c2}, (select auth.uid()))`,
      ),
    ).toBe('Only students of this school can be enrolled.')
    expect(await as(partner, (tx) => tx`select public.start_course_payment(${ids.c1}, 'stripe')`)).toBe(
      'Only students of this school can be enrolled.',
    )
  })
})
