import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Notification settings are each person's own: nobody else reads or writes them, not an admin of
// their school, not another school, not the platform super-admin. The student and the peer (both
// of school A) have one row each.
const sql = testDb(10)
let w: World
afterAll(() => sql.end())

beforeAll(async () => {
  w = await createWorld(sql)
  await sql`
    insert into public.notification_settings (user_id, kind, in_app, email)
    values (${w.users.student.id}, 'session_booked', true, true), (${w.users.peer.id}, 'session_booked', false, false)`
})

/** `yes` for the named roles, `no` for the other signed-in ones, permission denied for anon. */
function only(roles: Role[], yes: number | string, no: number | string): Row {
  return Object.fromEntries(
    CAST.map((r) => [r, r === 'anon' ? denied('notification_settings') : roles.includes(r) ? yes : no]),
  ) as Row
}

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('notification_settings', () => w, [
  {
    op: 'select',
    name: "the student's and the peer's rows",
    run: (tx, w) => tx`select 1 from public.notification_settings where user_id in ${tx([w.users.student.id, w.users.peer.id])}`,
    expect: only(['student'], 1, 0),
  },
  {
    op: 'insert',
    name: 'a row for yourself',
    run: (tx) => tx`insert into public.notification_settings (user_id, kind, in_app, email) values ((select auth.uid()), 'role_changed', false, true)`,
    expect: only(CAST.filter((r) => r !== 'anon'), 1, 1),
  },
  {
    op: 'insert',
    name: 'a row for the student',
    run: (tx, w) => tx`insert into public.notification_settings (user_id, kind, in_app, email) values (${w.users.student.id}, 'role_changed', false, false)`,
    expect: only(['student'], 1, violates('notification_settings')),
  },
  {
    op: 'update',
    name: "the student's row",
    run: (tx, w) => tx`update public.notification_settings set email = false where user_id = ${w.users.student.id}`,
    expect: only(['student'], 1, 0),
  },
  {
    op: 'update',
    name: "give the student's row to yourself",
    run: (tx, w) => tx`update public.notification_settings set user_id = (select auth.uid()) where user_id = ${w.users.student.id}`,
    expect: only(['student'], 1, 0),
  },
  {
    op: 'update',
    name: 'give your row to the peer',
    run: (tx, w) => tx`update public.notification_settings set user_id = ${w.users.peer.id} where user_id = (select auth.uid())`,
    expect: only(['student'], violates('notification_settings'), 0),
  },
  {
    op: 'delete',
    name: "the student's row",
    run: (tx, w) => tx`delete from public.notification_settings where user_id = ${w.users.student.id}`,
    expect: only(['student'], 1, 0),
  },
])
