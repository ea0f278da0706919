import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { markLessons, newCourse, newLesson, newQuiz, quizResult } from '../support/course-work.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  outcome,
  type Role,
  violates,
  type World,
} from '../support/rls.ts'

// Completion rules and certificates (issue 16). Tenant A: the instructor's course c1 with one
// published lesson and one published quiz; the student did both and holds certificate cert1; the
// peer (another student) is enrolled but has done nothing. Parent P is linked to the student,
// parent Q to the peer. Tenant B: course cB whose student holds certificate certB.
//
// The cast of test/support/rls.ts plus the peer and both parents: another school, another student
// and the parent of another child must neither read nor write the student's certificate.
const sql = testDb(12)
let w: World
let P: TestUser
let Q: TestUser
let studentB: TestUser
const ids = {} as Record<'c1' | 'c2' | 'cB' | 'cert1' | 'certB' | 'code1', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer, adminB } = w.users
  ;[P, Q, studentB] = [await createUser(sql), await createUser(sql), await createUser(sql)]
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${w.a.id}, ${P.id}, 'parent'), (${w.a.id}, ${Q.id}, 'parent'), (${w.b.id}, ${studentB.id}, 'student')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values
    (${w.a.id}, ${P.id}, ${student.id}), (${w.a.id}, ${Q.id}, ${peer.id})`
  ids.c1 = await newCourse(sql, w.a.id, instructor.id, 'Fractions')
  ids.c2 = await newCourse(sql, w.a.id, instructor.id, 'Decimals')
  ids.cB = await newCourse(sql, w.b.id, adminB.id, 'Algebra')
  await sql`insert into public.course_completion_rules (course_id, pass_percent) values (${ids.c1}, 50)`
  await sql`insert into public.enrolments (course_id, user_id) values
    (${ids.c1}, ${student.id}), (${ids.c1}, ${peer.id}), (${ids.cB}, ${studentB.id})`
  const lesson = await newLesson(sql, ids.c1)
  await markLessons(sql, student.id, [lesson])
  const quiz = await newQuiz(sql, ids.c1)
  await quizResult(sql, quiz, student.id, 10)
  await newLesson(sql, ids.cB)
  const issue = (who: TestUser, course: string) =>
    withUser(sql, who.claims, (tx) => tx`select id, code from private.issue_certificate(${course})`)
  const [c1] = await issue(student, ids.c1)
  ids.cert1 = c1?.id
  ids.code1 = c1?.code
  const [lessonB] = await sql`select id from public.lessons where course_id = ${ids.cB}`
  await markLessons(sql, studentB.id, [lessonB?.id])
  const [cB] = await issue(studentB, ids.cB)
  ids.certB = cB?.id
})
afterAll(() => sql.end())

type Who = Role | 'peer' | 'parent' | 'otherParent'
const WHO: Who[] = [...CAST, 'peer', 'parent', 'otherParent']
type Expect = Record<Who, number | string>

const person = (who: Who): TestUser | null =>
  who === 'anon' ? null : who === 'parent' ? P : who === 'otherParent' ? Q : w.users[who]

/** `rest` for everyone not named, `anon` for the anon role. */
const only = (named: Partial<Expect>, rest: number | string, anon: number | string): Expect =>
  Object.fromEntries(WHO.map((r) => [r, r === 'anon' ? anon : (named[r] ?? rest)])) as Expect

/** The course's teachers in the cast: its author and the school's staff, admins and owner. */
const TEACHERS = (v: number | string) => ({ instructor: v, staff: v, admin: v, owner: v })

interface Case {
  op: 'select' | 'insert' | 'update' | 'delete'
  name: string
  run: (tx: Tx) => Promise<{ count: number }>
  expect: Expect
}

/** walkCast's table with the extra people: one test per command, the whole row compared at once. */
function walk(table: string, cases: Case[]) {
  describe(`${table}: RLS matrix`, () => {
    for (const c of cases) {
      it(`${c.op}: ${c.name}`, async () => {
        const got = await Promise.all(WHO.map((who) => outcome(sql, person(who), c.run)))
        expect(Object.fromEntries(WHO.map((who, j) => [who, got[j]]))).toEqual(c.expect)
      })
    }
  })
}

const NO_PROGRESS = "Only the student, their parents and the course's teachers can see this progress."
const MANAGERS = "Only the course's editors and the school's owners and admins can revoke a certificate."
const NO_CERT = 'No such certificate.'
const NO_PRIVATE = NO_PRIVATE_CALL
const NO_COURSE = 'No such course, or you are not a member of its school.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walk('course_completion_rules', [
  {
    op: 'select', name: "read c1's rules (its teachers)",
    run: (tx) => tx`select 1 from public.course_completion_rules where course_id = ${ids.c1}`,
    expect: only(TEACHERS(1), 0, denied('course_completion_rules')),
  },
  {
    op: 'insert', name: 'set the rules of c2 (its editor)',
    run: (tx) => tx`insert into public.course_completion_rules (course_id, pass_percent) values (${ids.c2}, 70)`,
    expect: only({ instructor: 1 }, violates('course_completion_rules'), denied('course_completion_rules')),
  },
  {
    op: 'update', name: 'change the pass mark (its editor)',
    run: (tx) => tx`update public.course_completion_rules set pass_percent = 90 where course_id = ${ids.c1}`,
    expect: only({ instructor: 1 }, 0, denied('course_completion_rules')),
  },
  {
    op: 'delete', name: 'reset to the defaults (its editor)',
    run: (tx) => tx`delete from public.course_completion_rules where course_id = ${ids.c1}`,
    expect: only({ instructor: 1 }, 0, denied('course_completion_rules')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walk('certificates', [
  {
    op: 'select', name: "read the student's certificate (them, their parent, the course's teachers)",
    run: (tx) => tx`select 1 from public.certificates where id in ${tx([ids.cert1, ids.certB])}`,
    expect: only({ student: 1, parent: 1, ...TEACHERS(1), adminB: 1 }, 0, denied('certificates')),
  },
  {
    op: 'insert', name: 'forge a certificate (nobody: issue_certificate)',
    run: (tx) => tx`insert into public.certificates (code, tenant_id, course_id, user_id, student_name,
                      course_title, school_name)
                    values ('ABCDEFGHJKLM', ${w.a.id}, ${ids.c1}, (select auth.uid()), 'Me', 'C', 'S')`,
    expect: only({}, denied('certificates'), denied('certificates')),
  },
  {
    op: 'update', name: 'change a name or un-revoke (nobody)',
    run: (tx) => tx`update public.certificates set student_name = 'Someone else' where id = ${ids.cert1}`,
    expect: only({}, denied('certificates'), denied('certificates')),
  },
  {
    op: 'delete', name: 'delete a certificate (nobody)',
    run: (tx) => tx`delete from public.certificates where id = ${ids.cert1}`,
    expect: only({}, denied('certificates'), denied('certificates')),
  },
  {
    op: 'update', name: 'revoke_certificate (the course editor, the school owner and admins)',
    run: (tx) => tx`select 1 from private.revoke_certificate(${ids.cert1}, 'Copied work')`,
    expect: only(
      { instructor: 1, admin: 1, owner: 1, staff: MANAGERS, student: MANAGERS, parent: MANAGERS },
      NO_CERT,
      NO_PRIVATE,
    ),
  },
  {
    op: 'insert', name: 'issue_certificate for c1 (the student again: the same one; the peer: not complete)',
    run: async (tx) => {
      const [c] = await tx`select id from private.issue_certificate(${ids.c1})`
      return { count: c?.id === ids.cert1 ? 1 : 2 }
    },
    expect: only(
      { student: 1, peer: 'Complete the course first: you are at 0 %.', outsider: NO_COURSE, adminB: NO_COURSE, superadmin: NO_COURSE },
      'Enrol in this course to earn its certificate.',
      NO_PRIVATE,
    ),
  },
  {
    op: 'select', name: "course_progress of the student (them, their parent, the course's teachers)",
    run: (tx) => tx`select 1 from private.course_progress(${ids.c1}, ${w.users.student.id}) where complete`,
    expect: only({ student: 1, parent: 1, ...TEACHERS(1) }, NO_PROGRESS, NO_PRIVATE),
  },
  {
    op: 'select', name: 'verify_certificate by its code (anyone, signed in or not)',
    run: (tx) => tx`select 1 from public.verify_certificate(${ids.code1.toLowerCase().replace(/(.{4})/g, '$1-')})`,
    expect: only({}, 1, 1),
  },
])

describe('certificates: what verification and issuing show', () => {
  it('verification shows names, dates and revocation only: no ids, no emails', async () => {
    const [row] = await sql`select * from public.verify_certificate(${ids.code1})`
    expect(Object.keys(row ?? {}).sort()).toEqual(
      ['course_title', 'issued_at', 'revoked', 'revoked_at', 'school_name', 'student_name'].sort(),
    )
    expect(row).toMatchObject({ course_title: 'Fractions', revoked: false, revoked_at: null })
    expect(await sql`select * from public.verify_certificate('NOPE-NOPE-NOPE')`).toHaveLength(0)
  })

  it('codes are 12 characters of the unambiguous alphabet, and differ', async () => {
    const codes = await sql`select private.new_certificate_code() as code from generate_series(1, 200)`
    for (const { code } of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(new Set(codes.map((c) => c.code)).size).toBe(200)
    expect(ids.code1).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
  })

  it('revoking is audited, and a revoked certificate is not issued again', async () => {
    // certB is tenant B's: tenant A's admin does not see it.
    const other = await outcome(
      sql,
      w.users.admin,
      (tx) => tx`select 1 from private.revoke_certificate(${ids.certB}, 'Wrong person')`,
    )
    expect(other).toBe(NO_CERT)
    const [r] = await withUser(
      sql,
      w.users.adminB.claims,
      (tx) => tx`select revoked_reason from private.revoke_certificate(${ids.certB}, ' Wrong person ')`,
    )
    expect(r?.revoked_reason).toBe('Wrong person')
    const [audit] = await sql`select action, actor_id from public.audit_log
      where target_id = ${ids.certB} and action = 'certificate.revoked'`
    expect(audit?.actor_id).toBe(w.users.adminB.id)
    const again = await outcome(sql, studentB, (tx) => tx`select 1 from private.issue_certificate(${ids.cB})`)
    expect(again).toBe('Your certificate for this course was revoked: Wrong person')
    const twice = await outcome(
      sql,
      w.users.adminB,
      (tx) => tx`select 1 from private.revoke_certificate(${ids.certB}, 'Again')`,
    )
    expect(twice).toBe('This certificate was already revoked.')
    const [v] =
      await sql`select revoked, revoked_at from public.verify_certificate(${await codeOf(ids.certB)})`
    expect(v?.revoked).toBe(true)
    expect(v?.revoked_at).toBeInstanceOf(Date)
  })
})

async function codeOf(id: string): Promise<string> {
  const [row] = await sql`select code from public.certificates where id = ${id}`
  return row?.code as string
}
