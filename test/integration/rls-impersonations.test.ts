import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  type Role,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

// Impersonations (issue 17): superadmins read every row, the person acted as reads their own; nobody
// writes through the API (local auth's definer functions do). The superadmin acted as the student of
// tenant A; another impersonation of tenant B's admin stands beside it.
const sql = testDb(10)
let w: World
let rows: { student: string; adminB: string }
beforeAll(async () => {
  w = await createWorld(sql)
  const startAs = async (user: string) =>
    (
      await sql`select id from private.start_impersonation(${w.users.superadmin.id}, ${user},
                'Cannot see the quiz results (ticket 12)')`
    )[0]?.id as string
  rows = { student: await startAs(w.users.student.id), adminB: await startAs(w.users.adminB.id) }
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<Role, number | string>>, rest: number | string): Row =>
  Object.fromEntries(
    CAST.map((r) => [r, r === 'anon' ? denied('impersonations') : (roles[r] ?? rest)]),
  ) as Row
const NO_WRITE = only({}, denied('impersonations'))

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('impersonations', () => w, [
  {
    op: 'select', name: "read the student's and adminB's impersonations (superadmin: both; each person: theirs)",
    run: (tx) => tx`select 1 from public.impersonations where id in (${rows.student}, ${rows.adminB})`,
    expect: only({ student: 1, adminB: 1, superadmin: 2 }, 0),
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.impersonations (superadmin_id, user_id, session_id, reason, ends_at)
      values (${w.users.superadmin.id}, ${w.users.peer.id}, gen_random_uuid(), 'Helping with a quiz', now() + interval '10 minutes')`,
    expect: NO_WRITE,
  },
  {
    op: 'insert', name: 'through the start function (local auth only)',
    run: (tx) => tx`select 1 from private.start_impersonation(${w.users.superadmin.id}, ${w.users.peer.id}, 'Helping with a quiz')`,
    expect: { ...only({}, 'permission denied for function start_impersonation'), anon: NO_PRIVATE_CALL },
  },
  {
    op: 'update', name: 'extend the end',
    run: (tx) => tx`update public.impersonations set ends_at = ends_at + interval '1 minute' where id = ${rows.student}`,
    expect: NO_WRITE,
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.impersonations where id = ${rows.student}`,
    expect: NO_WRITE,
  },
])
