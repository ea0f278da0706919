import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { CAST, createWorld, type Role, type Row, violates, type World, walkCast } from '../support/rls.ts'

// Group assignments (issue 16). Tenant A: the instructor's course c1 with the student, peer, mate and
// free enrolled; group assignment ga (published, released) with groups g1 {student, mate}, g2 {peer}
// and g3 (empty); g1 handed in by mate with a file of mate's, g2 by peer, both graded. Parents: of
// mate (parentMate), of peer (parentPeer). Tenant B: group assignment gaB with group gB.
const sql = testDb(12)
let w: World
let mate: TestUser
let free: TestUser
let parentMate: TestUser
let parentPeer: TestUser
const ids = {} as Record<'c1' | 'cB' | 'ga' | 'gaB' | 'g1' | 'g2' | 'g3' | 'gB' | 's1' | 's2', string>
let matesFile = ''

const course = async (tenant: string, by: string) =>
  (
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
  )[0]?.id as string
const groupAssignment = async (courseId: string) =>
  (
    await sql`insert into public.assignments (course_id, title, mode, published_at, results_released_at)
      values (${courseId}, 'Project', 'group', now(), now()) returning id`
  )[0]?.id as string
const group = async (assignment: string, name: string, members: string[]) => {
  const [g] = await sql`insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
    select id, course_id, tenant_id, ${name} from public.assignments where id = ${assignment} returning id`
  for (const m of members) {
    await sql`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id)
      values (${g?.id}, ${assignment}, ${ids.c1}, ${m})`
  }
  return g?.id as string
}
/** The group's submission by `who` (the superuser plays them: auth.uid() is null, so user_id counts). */
const handIn = async (assignment: string, who: string, files: object[] = []) => {
  const [s] = await sql`insert into public.assignment_submissions (assignment_id, user_id, body, files)
    values (${assignment}, ${who}, 'Our work', ${sql.json(files as never)}) returning id`
  await sql`insert into public.assignment_grades (submission_id, raw_points) values (${s?.id}, 70)`
  return s?.id as string
}

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer, adminB } = w.users
  mate = await createUser(sql)
  free = await createUser(sql)
  parentMate = await createUser(sql)
  parentPeer = await createUser(sql)
  for (const [u, role] of [
    [mate, 'student'],
    [free, 'student'],
    [parentMate, 'parent'],
    [parentPeer, 'parent'],
  ] as const) {
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${u.id}, ${role})`
  }
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values
    (${w.a.id}, ${parentMate.id}, ${mate.id}), (${w.a.id}, ${parentPeer.id}, ${peer.id})`
  ids.c1 = await course(w.a.id, instructor.id)
  ids.cB = await course(w.b.id, adminB.id)
  for (const u of [student, peer, mate, free]) {
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${u.id})`
  }
  ids.ga = await groupAssignment(ids.c1)
  ids.gaB = await groupAssignment(ids.cB)
  ids.g1 = await group(ids.ga, 'Lions', [student.id, mate.id])
  ids.g2 = await group(ids.ga, 'Zebras', [peer.id])
  ids.g3 = await group(ids.ga, 'Empty', [])
  const [gB] = await sql`insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
    values (${ids.gaB}, ${ids.cB}, ${w.b.id}, 'B team') returning id`
  ids.gB = gB?.id as string
  const name = `${w.a.id}/${ids.ga}/${mate.id}/plan.pdf`
  await sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
    values ('assignment-files', ${name}, ${mate.id}, ${mate.id}, gen_random_uuid()::text,
            ${sql.json({ size: 1000, mimetype: 'application/pdf' })})`
  matesFile = name
  ids.s1 = await handIn(ids.ga, mate.id, [{ path: `assignment-files/${name}` }])
  ids.s2 = await handIn(ids.ga, peer.id)
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const TEACHERS = (n: number) => ({ instructor: n, staff: n, admin: n, owner: n })

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_groups', () => w, [
  {
    op: 'select', name: "read groups (teachers all of c1's; a student only their own; B's own admin)",
    run: (tx) => tx`select 1 from public.assignment_groups where id in ${tx([ids.g1, ids.g2, ids.g3, ids.gB])}`,
    expect: only({ ...TEACHERS(3), student: 1, adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'make a group of ga (its editor)',
    run: (tx) => tx`insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
                    values (${ids.ga}, ${ids.c1}, ${w.a.id}, 'New')`,
    expect: only({ instructor: 1 }, violates('assignment_groups'), violates('assignment_groups')),
  },
  {
    op: 'update', name: 'rename the groups of ga (its editor)',
    run: (tx) => tx`update public.assignment_groups set name = 'Renamed' where assignment_id = ${ids.ga}`,
    expect: only({ instructor: 3 }, 0, 0),
  },
  {
    op: 'delete', name: 'delete the empty group (its editor)',
    run: (tx) => tx`delete from public.assignment_groups where id = ${ids.g3}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_group_members', () => w, [
  {
    op: 'select', name: "read members of ga's groups (teachers all; a student their group's)",
    run: (tx) => tx`select 1 from public.assignment_group_members where assignment_id in ${tx([ids.ga, ids.gaB])}`,
    expect: only({ ...TEACHERS(3), student: 2 }, 0, 0),
  },
  {
    op: 'insert', name: 'put free in g3 (its editor)',
    run: (tx) => tx`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id)
                    values (${ids.g3}, ${ids.ga}, ${ids.c1}, ${free.id})`,
    expect: only({ instructor: 1 }, violates('assignment_group_members'), violates('assignment_group_members')),
  },
  {
    op: 'update', name: 'move peer into g1 (its editor)',
    run: (tx) => tx`update public.assignment_group_members set group_id = ${ids.g1} where user_id = ${w.users.peer.id}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  {
    op: 'delete', name: 'take mate out of g1 (its editor)',
    run: (tx) => tx`delete from public.assignment_group_members where user_id = ${mate.id}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_submissions (groups)', () => w, [
  {
    op: 'select', name: "read ga's submissions (teachers both; the student their group's, handed in by mate)",
    run: (tx) => tx`select 1 from public.assignment_submissions where assignment_id = ${ids.ga}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
  {
    op: 'update', name: "resubmit ga's work (a member of the group, whoever handed it in first)",
    run: (tx) => tx`update public.assignment_submissions set body = 'Better' where assignment_id = ${ids.ga}`,
    expect: only({ student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'hand in ga again beside the group (one submission per group)',
    run: (tx) => tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body)
                    values (${ids.ga}, ${ids.c1}, ${w.a.id}, 'Mine')`,
    expect: only(
      { student: 'duplicate key value violates unique constraint "assignment_submissions_group_idx"' },
      violates('assignment_submissions'), violates('assignment_submissions'),
    ),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_grades and grade_history (groups)', () => w, [
  {
    op: 'select', name: "read ga's grades (teachers both; the student their group's, released)",
    run: (tx) => tx`select 1 from public.assignment_grades where assignment_id = ${ids.ga}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
  {
    op: 'select', name: "read ga's grade history (the same)",
    run: (tx) => tx`select 1 from public.grade_history where assignment_id = ${ids.ga}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
])

describe('a group shares its work, files and grade', () => {
  const as = <T>(who: TestUser, fn: (tx: Parameters<Parameters<typeof withUser>[2]>[0]) => Promise<T>) =>
    withUser(sql, who.claims, fn)
  const fileSeen = (who: TestUser) =>
    as(
      who,
      async (tx) =>
        (await tx`select 1 from storage.objects where bucket_id = 'assignment-files' and name = ${matesFile}`)
          .length,
    )

  it("members read each other's files of their submission; others in the course or school do not", async () => {
    expect(await fileSeen(w.users.student)).toBe(1)
    expect(await fileSeen(mate)).toBe(1)
    expect(await fileSeen(w.users.instructor)).toBe(1)
    expect(await fileSeen(w.users.peer)).toBe(0)
    expect(await fileSeen(free)).toBe(0)
    expect(await fileSeen(w.users.adminB)).toBe(0)
    expect(await fileSeen(parentMate)).toBe(0)
  })

  it("every member's grade is the group's: gradebook and completion", async () => {
    const { student, peer, instructor } = w.users
    const book = (who: TestUser, users: string[]) =>
      as(
        who,
        (tx) =>
          tx`select user_id, points::float8 as points from private.gradebook_results(${ids.c1}, ${users}::uuid[])`,
      )
    expect(await book(student, [student.id])).toEqual([{ user_id: student.id, points: 70 }])
    const all = await book(instructor, [student.id, mate.id, peer.id, free.id])
    expect(all.map((r) => r.user_id).sort()).toEqual([student.id, mate.id, peer.id].sort())
    const progress = await as(
      student,
      (tx) => tx`select * from private.course_progress(${ids.c1}, ${student.id})`,
    )
    expect(progress[0]).toMatchObject({ assessments_total: 1, assessments_passed: 1, complete: true })
    const freeProgress = await as(
      free,
      (tx) => tx`select * from private.course_progress(${ids.c1}, ${free.id})`,
    )
    expect(freeProgress[0]).toMatchObject({ assessments_passed: 0, complete: false })
  })

  it("a member's parent sees the group's released grade; a parent of another child does not", async () => {
    const grades = (who: TestUser) =>
      as(who, async (tx) =>
        (await tx`select submission_id from public.assignment_grades where assignment_id = ${ids.ga}`).map(
          (r) => r.submission_id,
        ),
      )
    expect(await grades(parentMate)).toEqual([ids.s1])
    expect(await grades(parentPeer)).toEqual([ids.s2])
    const book = (who: TestUser, child: string) =>
      as(
        who,
        async (tx) =>
          (await tx`select 1 from private.gradebook_results(${ids.c1}, ${[child]}::uuid[])`).length,
      )
    expect(await book(parentMate, mate.id)).toBe(1)
    expect(await book(parentPeer, mate.id)).toBe(0)
    expect(await book(parentPeer, w.users.student.id)).toBe(0)
  })

  it('a student in no group cannot hand in group work, nor a file from outside the group', async () => {
    const refused = await as(free, (tx) =>
      tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body)
         values (${ids.ga}, ${ids.c1}, ${w.a.id}, 'Alone')`.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    )
    expect(refused).toMatch(/not in a group/)
    const peerFile = await as(w.users.peer, (tx) =>
      tx`update public.assignment_submissions set files = ${tx.json([{ path: `assignment-files/${matesFile}` }] as never)}
         where id = ${ids.s2}`.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    )
    expect(peerFile).toMatch(/not one of your uploads/)
  })

  it('the mode stays once work is in', async () => {
    const changed = await as(w.users.instructor, (tx) =>
      tx`update public.assignments set mode = 'individual' where id = ${ids.ga}`.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    )
    expect(changed).toMatch(/stays group work/)
  })

  it('only enrolled students join groups', async () => {
    const joined = await as(w.users.instructor, (tx) =>
      tx`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id)
         values (${ids.g3}, ${ids.ga}, ${ids.c1}, ${w.users.staff.id})`.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    )
    expect(joined).toMatch(/Only students enrolled/)
  })
})
