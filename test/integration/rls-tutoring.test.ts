import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { withUser } from '../../edge/lib/db.ts'
import { testDb } from '../support/fixtures.ts'
import {
  actor,
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  outcome,
  type Role,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Tenant A's instructor teaches s1 (open now: started 5 minutes ago) with the cast's student and
// the peer booked; both have a stay in its room, the student and the instructor wrote in its
// chat, and the peer waits in its waiting room. s2 (in two days) has the peer booked and removed.
// s3 (tomorrow) has no bookings. Rows a person makes for themselves take their id from the
// column default, auth.uid().
const sql = testDb(10)
let w: World
const ids = {} as Record<'s1' | 's2' | 's3', string>
beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer } = w.users
  for (const [key, startsIn] of [
    ['s1', '-5 minutes'],
    ['s2', '2 days'],
    ['s3', '1 day'],
  ] as const) {
    const [row] = await sql`
      insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity, notes)
      values (${w.a.id}, ${instructor.id}, ${key}, now() + ${startsIn}::interval, 60, 5, 'Tutor only')
      returning id`
    ids[key] = row?.id
  }
  await sql`insert into public.session_bookings (session_id, user_id)
            values (${ids.s1}, ${student.id}), (${ids.s1}, ${peer.id}), (${ids.s2}, ${peer.id})`
  await sql`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at)
            values (${ids.s1}, 'PA_student', ${student.id}, 'livekit', now()), (${ids.s1}, 'PA_peer', ${peer.id}, 'livekit', now())`
  await sql`insert into public.session_messages (session_id, author_id, body)
            values (${ids.s1}, ${student.id}, 'Hello'), (${ids.s1}, ${instructor.id}, 'Welcome')`
  await sql`insert into public.session_admissions (session_id, user_id) values (${ids.s1}, ${peer.id})`
  await sql`insert into public.session_removals (session_id, user_id, reason) values (${ids.s2}, ${peer.id}, 'x')`
})
afterAll(() => sql.end())

type Outcomes = Record<Role, number | string>
/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (roles: Role[], value: number | string, rest: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : roles.includes(r) ? value : rest])) as Outcomes
const all = (value: number | string, anon: number | string) => only([], value, value, anon)

const MANAGERS: Role[] = ['instructor', 'admin', 'owner']
const STAFF: Role[] = ['instructor', 'staff', 'admin', 'owner']
const MEMBERS: Role[] = ['student', 'instructor', 'staff', 'admin', 'owner', 'superadmin']

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('tutoring_sessions', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select id, title from public.tutoring_sessions where id in ${tx([ids.s1, ids.s2, ids.s3])}`,
    expect: only(MEMBERS, 3, 0, denied('tutoring_sessions')),
  },
  {
    op: 'select',
    name: 'read the notes column directly (nobody: the logbook is read through private.session_notes)',
    run: (tx) => tx`select notes from public.tutoring_sessions where id = ${ids.s1}`,
    expect: all(denied('tutoring_sessions'), denied('tutoring_sessions')),
  },
  {
    op: 'select',
    name: 'read the notes through private.session_notes (tutor and staff)',
    run: (tx) => tx`select 1 where private.session_notes(${ids.s1}) = 'Tutor only'`,
    expect: only(STAFF, 1, 0, NO_PRIVATE_CALL),
  },
  {
    op: 'insert',
    name: 'schedule a session in A for oneself',
    run: (tx) => tx`insert into public.tutoring_sessions (tenant_id, title, starts_at, duration_minutes, capacity)
                    values (${w.a.id}, 'New', now() + interval '1 day', 30, 2)`,
    expect: only(MANAGERS, 1, 'Sessions are led by instructors or admins of this school.', denied('tutoring_sessions')),
  },
  {
    op: 'insert',
    name: "schedule a session in A for A's instructor",
    run: (tx, w) => tx`insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
                       values (${w.a.id}, ${w.users.instructor.id}, 'New', now() + interval '1 day', 30, 2)`,
    expect: only(MANAGERS, 1, violates('tutoring_sessions'), denied('tutoring_sessions')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.tutoring_sessions set title = 'Renamed' where id = ${ids.s1}`,
    expect: only(MANAGERS, 1, 0, denied('tutoring_sessions')),
  },
  {
    op: 'update',
    name: 'hand the session to another tutor',
    run: (tx, w) => tx`update public.tutoring_sessions set instructor_id = ${w.users.admin.id} where id = ${ids.s1}`,
    expect: only(MANAGERS, 'A session stays with its school and tutor.', 0, denied('tutoring_sessions')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.tutoring_sessions where id = ${ids.s1}`,
    expect: only(MANAGERS, 1, 0, denied('tutoring_sessions')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('session_bookings', () => w, [
  {
    op: 'select',
    name: "see s1's two bookings (a student sees only their own)",
    run: (tx) => tx`select 1 from public.session_bookings where session_id = ${ids.s1}`,
    expect: { anon: denied('session_bookings'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'book oneself in s3',
    run: (tx) => tx`insert into public.session_bookings (session_id) values (${ids.s3})`,
    expect: { anon: denied('session_bookings'), outsider: 'Only students of this school book seats.', student: 1, instructor: 'Only students of this school book seats.', staff: 'Only students of this school book seats.', admin: 'Only students of this school book seats.', owner: 'Only students of this school book seats.', adminB: 'Only students of this school book seats.', superadmin: 'Only students of this school book seats.' },
  },
  {
    op: 'insert',
    name: 'book the peer in s3',
    run: (tx, w) => tx`insert into public.session_bookings (session_id, user_id) values (${ids.s3}, ${w.users.peer.id})`,
    expect: only(MANAGERS, 1, violates('session_bookings'), denied('session_bookings')),
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.session_bookings set created_at = now() where session_id = ${ids.s1} and user_id = ${w.users.student.id}`,
    expect: all(0, denied('session_bookings')),
  },
  {
    op: 'delete',
    name: "cancel the student's booking in s1",
    run: (tx, w) => tx`delete from public.session_bookings where session_id = ${ids.s1} and user_id = ${w.users.student.id}`,
    expect: only(['student', ...MANAGERS], 1, 0, denied('session_bookings')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('session_attendance', () => w, [
  {
    op: 'select',
    name: "see s1's stays (a student sees only their own)",
    run: (tx) => tx`select 1 from public.session_attendance where session_id = ${ids.s1}`,
    expect: { anon: denied('session_attendance'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    run: (tx, w) => tx`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at)
                       values (${ids.s1}, 'forged', ${w.users.student.id}, 'p2p', now())`,
    expect: all(denied('session_attendance'), denied('session_attendance')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.session_attendance set left_at = now() where session_id = ${ids.s1}`,
    expect: all(denied('session_attendance'), denied('session_attendance')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.session_attendance where session_id = ${ids.s1}`,
    expect: all(denied('session_attendance'), denied('session_attendance')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('session_messages', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.session_messages where session_id = ${ids.s1}`,
    expect: only(['student', ...STAFF], 2, 0, denied('session_messages')),
  },
  {
    op: 'insert',
    name: 'write in the open room s1',
    run: (tx) => tx`insert into public.session_messages (session_id, body) values (${ids.s1}, 'Hi')`,
    expect: only(['student', ...STAFF], 1, violates('session_messages'), denied('session_messages')),
  },
  {
    op: 'insert',
    name: 'write in s2, which is not open yet',
    run: (tx) => tx`insert into public.session_messages (session_id, body) values (${ids.s2}, 'Hi')`,
    expect: all(violates('session_messages'), denied('session_messages')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.session_messages set body = 'Changed' where session_id = ${ids.s1}`,
    expect: all(denied('session_messages'), denied('session_messages')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.session_messages where session_id = ${ids.s1}`,
    expect: all(denied('session_messages'), denied('session_messages')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('session_admissions', () => w, [
  {
    op: 'select',
    name: "see s1's waiting room (the peer waits)",
    run: (tx) => tx`select 1 from public.session_admissions where session_id = ${ids.s1}`,
    expect: only(MANAGERS, 1, 0, denied('session_admissions')),
  },
  {
    op: 'insert',
    name: 'ask to enter s1',
    run: (tx) => tx`insert into public.session_admissions (session_id) values (${ids.s1})`,
    expect: only(['student'], 1, violates('session_admissions'), denied('session_admissions')),
  },
  {
    op: 'update',
    name: 'let the peer in',
    run: (tx, w) => tx`update public.session_admissions set status = 'admitted' where session_id = ${ids.s1} and user_id = ${w.users.peer.id}`,
    expect: only(MANAGERS, 1, 0, denied('session_admissions')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.session_admissions where session_id = ${ids.s1}`,
    expect: only(MANAGERS, 1, 0, denied('session_admissions')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('session_removals', () => w, [
  {
    op: 'select',
    name: "see s2's removal of the peer",
    run: (tx) => tx`select 1 from public.session_removals where session_id = ${ids.s2}`,
    expect: only(MANAGERS, 1, 0, denied('session_removals')),
  },
  {
    op: 'insert',
    name: 'remove the student from s1',
    run: (tx, w) => tx`insert into public.session_removals (session_id, user_id) values (${ids.s1}, ${w.users.student.id})`,
    expect: only(MANAGERS, 1, violates('session_removals'), denied('session_removals')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.session_removals set reason = 'Changed' where session_id = ${ids.s2}`,
    expect: all(0, denied('session_removals')),
  },
  {
    op: 'delete',
    name: 'let the peer back into s2',
    run: (tx) => tx`delete from public.session_removals where session_id = ${ids.s2}`,
    expect: only(MANAGERS, 1, 0, denied('session_removals')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('private.livekit_events and the webhook function', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from private.livekit_events`,
    expect: all(denied('livekit_events'), NO_PRIVATE_CALL),
  },
  {
    op: 'insert',
    name: 'apply a forged LiveKit event',
    run: (tx) => tx`select private.apply_livekit_event('EV_forged', 'room_finished', ${`session-${ids.s1}`}, now(), null, null, null)`,
    expect: all('permission denied for function apply_livekit_event', NO_PRIVATE_CALL),
  },
])

describe('tutoring room functions', () => {
  const as = async (
    role: Role,
    run: (tx: Parameters<Parameters<typeof withUser>[2]>[0]) => Promise<{ count: number }>,
  ) => outcome(sql, actor(w, role), run)

  it('answers session_room_access per person: role, removed, closed, none or missing', async () => {
    const access = async (role: Role, session: string) => {
      let got: string | undefined
      await as(role, async (tx) => {
        const [row] = await tx`select public.session_room_access(${session}) as a`
        got = row?.a
        return { count: 1 }
      })
      return got
    }
    const expected: Partial<Record<Role, string>> = {
      outsider: 'missing',
      student: 'participant',
      instructor: 'moderator',
      staff: 'observer',
      admin: 'observer',
      owner: 'observer',
      adminB: 'missing',
      superadmin: 'none',
    }
    for (const [role, value] of Object.entries(expected))
      expect(await access(role as Role, ids.s1), role).toBe(value)
    expect(await access('student', ids.s2)).toBe('none')
    expect(await access('instructor', ids.s2)).toBe('closed')
  })

  it('lets only the tutor and admins mute (mesh), with the readable refusal for others', async () => {
    const mute = (role: Role) =>
      as(role, (tx) => tx`select public.session_mute(${ids.s1}, ${w.users.student.id}, 'audio')`)
    expect(await mute('instructor')).toBe(1)
    expect(await mute('admin')).toBe(1)
    for (const role of ['student', 'staff', 'outsider', 'adminB'] as const) {
      expect(await mute(role)).toBe('Only the tutor mutes people in this room.')
    }
  })

  it('records mesh presence for people who may be in the room, one open stay per person', async () => {
    const present = (role: Role) =>
      as(role, async (tx) => {
        await tx`select public.session_presence(${ids.s1}, true)`
        await tx`select public.session_presence(${ids.s1}, true)`
        return tx`select 1 from public.session_attendance where session_id = ${ids.s1} and transport = 'p2p'
                  and user_id = (select auth.uid()) and left_at is null`
      })
    expect(await present('student')).toBe(1)
    expect(await present('instructor')).toBe(1)
    expect(await present('outsider')).toBe('You cannot be in this room now.')
  })
})
