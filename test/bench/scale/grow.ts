// Grows a seeded database (supabase/seed.sql) set-based, for the scale benchmark and the query-plan test.
//
// The seed's demo school is one "unit" of a school: 8 members (an admin, two instructors, a support agent,
// two students, a parent, a partner), 3 courses of 2 modules and 13 lessons, 3 enrolments, 5 tickets with
// their messages, 6 tutoring sessions (3 ahead, 2 held, 1 cancelled) with bookings and stays, a guardian
// link. `growTo(sql, { schools: S, units: U })` makes the demo school U units and adds schools until there
// are S in all, each of U units (units added to schools grown before, so sizes can follow each other).
// The demo people's own rows are left as the seed made them: the school grows around them.
//
// Rows are written with triggers off (session_replication_role = replica) except for auth.users (its
// trigger writes the profiles) and tenants (owner membership and code); what the other triggers would add
// (the creator as a course's editor, ticket numbers, SLA states) is written here, every key consistent.
import type postgres from 'postgres'

type Pg = postgres.Sql | postgres.TransactionSql

export const DEMO_SCHOOL = '10000000-0000-4000-a000-000000000001'

const FIRST = [
  'Amina',
  'Baraka',
  'Wanjiru',
  'Otieno',
  'Achieng',
  'Kamau',
  'Njeri',
  'Mwangi',
  'Chebet',
  'Kiprono',
]
const LAST = [
  'Mwangi',
  'Otieno',
  'Kamau',
  'Wanjiku',
  'Ochieng',
  'Njoroge',
  'Kiptoo',
  'Mutiso',
  'Odhiambo',
  'Korir',
]

/** Members of a unit, by number (1–8): the seed's roles. */
const ROLES = ['admin', 'instructor', 'instructor', 'staff', 'student', 'student', 'parent', 'partner']

export interface Size {
  schools: number
  units: number
}

/** How many rows the big tables hold now (for progress lines and the report). */
export async function tableSizes(sql: Pg): Promise<Record<string, number>> {
  const rows = await sql<{ name: string; n: number }[]>`
    select 'tenants' as name, (select count(*) from public.tenants)::int as n
    union all select 'profiles', (select count(*) from public.profiles)::int
    union all select 'memberships', (select count(*) from public.memberships)::int
    union all select 'courses', (select count(*) from public.courses)::int
    union all select 'lessons', (select count(*) from public.lessons)::int
    union all select 'enrolments', (select count(*) from public.enrolments)::int
    union all select 'tickets', (select count(*) from public.tickets)::int
    union all select 'ticket_messages', (select count(*) from public.ticket_messages)::int
    union all select 'tutoring_sessions', (select count(*) from public.tutoring_sessions)::int
    union all select 'session_bookings', (select count(*) from public.session_bookings)::int`
  return Object.fromEntries(rows.map((r) => [r.name, r.n]))
}

/**
 * Grows from `from` (what the database holds: { schools: 1, units: 1 } after the seed) to `to`.
 * `progress` hears a line per step.
 */
export async function growTo(
  sql: postgres.Sql,
  from: Size,
  to: Size,
  progress: (l: string) => void = () => {},
) {
  if (to.schools < from.schools || to.units < from.units) throw new Error('growTo only grows')
  const t0 = performance.now()
  const step = async (label: string, run: (tx: postgres.TransactionSql) => Promise<unknown>) => {
    const t = performance.now()
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await run(tx)
    })
    progress(`  ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
  }
  await sql`drop table if exists public.scale_units`
  // The units to add: (school number, unit number, tenant id). Units of existing schools from
  // from.units + 1, then whole new schools. A plain table (not temp): each step is its own transaction
  // and may run on any connection of the pool.
  await sql`
    create unlogged table public.scale_units as
    select s, u, case when s = 1 then ${DEMO_SCHOOL}::uuid else md5('scale-school-' || s)::uuid end as tenant_id,
      's' || s || 'u' || u as k
    from generate_series(1, ${to.schools}::int) s, generate_series(1, ${to.units}::int) u
    where (s <= ${from.schools} and u > ${from.units}) or (s > ${from.schools} and not (s = 1 and u = 1))`
  await sql`alter table public.scale_units enable row level security`
  const [count] = await sql<{ n: number }[]>`select count(*)::int as n from public.scale_units`
  progress(
    `growing to ${to.schools} schools × ${to.units} units: ${count?.n.toLocaleString('en-US')} units to add`,
  )
  if (!count?.n) return

  // Users (with their profiles, through the trigger) and the new schools with their owners.
  const t = performance.now()
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select '00000000-0000-0000-0000-000000000000', md5(x.k || 'r' || r)::uuid, 'authenticated', 'authenticated',
      x.k || 'r' || r || '@scale.bench.kipindi.test', '', now(), '{"provider":"email","providers":["email"]}',
      jsonb_build_object('display_name', (${FIRST}::text[])[1 + (x.s * 7 + x.u * 3 + r) % 10] || ' ' ||
        (${LAST}::text[])[1 + (x.s * 3 + x.u * 7 + r * 5) % 10] || ' ' || x.k || r), now(), now()
    from public.scale_units x, generate_series(1, 8) r`
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select '00000000-0000-0000-0000-000000000000', md5('scale-owner-' || s)::uuid, 'authenticated', 'authenticated',
      'owner' || s || '@scale.bench.kipindi.test', '', now(), '{"provider":"email","providers":["email"]}',
      jsonb_build_object('display_name', 'Owner ' || s), now(), now()
    from generate_series(${from.schools + 1}::int, ${to.schools}::int) s`
  await sql`
    insert into public.tenants (id, name, slug, created_by)
    select md5('scale-school-' || s)::uuid, 'Scale School ' || s, 'scale-school-' || s, md5('scale-owner-' || s)::uuid
    from generate_series(${from.schools + 1}::int, ${to.schools}::int) s`
  progress(`  users and schools (${((performance.now() - t) / 1000).toFixed(1)} s)`)

  await step('memberships and guardian links', async (tx) => {
    await tx`
      insert into public.memberships (tenant_id, user_id, role)
      select x.tenant_id, md5(x.k || 'r' || r)::uuid, (${ROLES}::text[])[r]::public.tenant_role
      from public.scale_units x, generate_series(1, 8) r`
    await tx`
      insert into public.guardian_links (tenant_id, parent_id, student_id, created_by)
      select x.tenant_id, md5(x.k || 'r7')::uuid, md5(x.k || 'r5')::uuid, null from public.scale_units x`
  })

  // Courses c1 (instructor r2, r3 a viewer), c2 and c3 (instructor r3); 2 modules each; lessons 2+3, 2+2, 2+2.
  await step('courses, modules, lessons, published versions', async (tx) => {
    await tx`
      insert into public.courses (id, tenant_id, title, summary, level, learning_area, created_by, created_at, updated_at)
      select md5(x.k || 'c' || c)::uuid, x.tenant_id,
        (array['Integrated Science', 'Mathematics', 'Kiswahili'])[c] || ' ' || x.k,
        'A course of the scale benchmark.', 'Grade ' || (6 + c % 2), (array['Science', 'Mathematics', 'Kiswahili'])[c],
        md5(x.k || 'r' || (case when c = 1 then 2 else 3 end))::uuid,
        now() - make_interval(days => 30 - (x.u % 20)), now() - make_interval(days => 30 - (x.u % 20))
      from public.scale_units x, generate_series(1, 3) c`
    await tx`
      insert into public.course_authors (course_id, user_id, role, added_by)
      select md5(x.k || 'c' || c)::uuid, md5(x.k || 'r' || (case when c = 1 then 2 else 3 end))::uuid, 'editor'::public.author_role, null::uuid
      from public.scale_units x, generate_series(1, 3) c
      union all
      select md5(x.k || 'c1')::uuid, md5(x.k || 'r3')::uuid, 'viewer'::public.author_role, null::uuid from public.scale_units x`
    await tx`
      insert into public.course_modules (id, course_id, title, position)
      select md5(x.k || 'c' || c || 'm' || m)::uuid, md5(x.k || 'c' || c)::uuid, 'Module ' || m, m - 1
      from public.scale_units x, generate_series(1, 3) c, generate_series(1, 2) m`
    await tx`
      insert into public.lessons (id, course_id, module_id, title, position, created_by, created_at, updated_at)
      select md5(x.k || 'c' || c || 'm' || m || 'l' || p)::uuid, md5(x.k || 'c' || c)::uuid,
        md5(x.k || 'c' || c || 'm' || m)::uuid, 'Lesson ' || m || '.' || (p + 1),
        p, md5(x.k || 'r' || (case when c = 1 then 2 else 3 end))::uuid,
        now() - make_interval(days => 20), now() - make_interval(days => 20 - p)
      from public.scale_units x, generate_series(1, 3) c, generate_series(1, 2) m,
        generate_series(0, case when c = 1 and m = 2 then 2 else 1 end) p`
    // Every lesson but a course's last one published (version 1); the last is a draft.
    await tx`
      insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by, published_at)
      select md5(x.k || 'c' || c || 'm' || m || 'l' || p)::uuid, 1, 'Lesson ' || m || '.' || (p + 1),
        '<p>Lesson ' || m || '.' || (p + 1) || '</p>', 'Lesson ' || m || '.' || (p + 1), '\\x00'::bytea,
        md5(x.k || 'r' || (case when c = 1 then 2 else 3 end))::uuid, now() - make_interval(days => 19 - p)
      from public.scale_units x, generate_series(1, 3) c, generate_series(1, 2) m,
        generate_series(0, case when c = 1 and m = 2 then 2 else 1 end) p
      where not (m = 2 and p = case when c = 1 then 2 else 1 end)`
    // The demo school's own seed lessons (no versions without `npm start`'s demo content) published too.
    await tx`
      insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by, published_at)
      select l.id, 1, l.title, '<p>' || l.title || '</p>', l.title, '\\x00'::bytea, l.created_by, l.created_at
      from public.lessons l join public.courses c on c.id = l.course_id
      where c.tenant_id = ${DEMO_SCHOOL} and c.created_at < now() - interval '19 days'
        and not exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)`
  })

  // Enrolments: both students in c1, the first in c3; the first read two c1 lessons (one done), the second one.
  await step('enrolments and progress', async (tx) => {
    await tx`
      insert into public.enrolments (course_id, user_id, enrolled_by, created_at)
      select md5(x.k || 'c' || e.c)::uuid, md5(x.k || 'r' || e.r)::uuid, null, now() - interval '15 days'
      from public.scale_units x, (values (1, 5), (1, 6), (3, 5)) e(c, r)`
    await tx`
      insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, first_read_at, last_read_at, completed_at)
      select md5(x.k || 'r' || p.r)::uuid, md5(x.k || 'c1m1l' || p.l)::uuid, md5(x.k || 'c1')::uuid, x.tenant_id,
        now() - make_interval(days => 10 + p.l), now() - make_interval(days => (x.u + p.r) % 12),
        case when p.done then now() - make_interval(days => 9) end
      from public.scale_units x, (values (5, 0, true), (5, 1, false), (6, 0, false)) p(r, l, done)`
  })

  // Tickets: the parent's closed one, the second student's resolved and pending ones, the first student's
  // open one (assigned to the unit's agent, some breached), the parent's open and unassigned one.
  await step('tickets and messages', async (tx) => {
    await tx`
      insert into public.tickets (id, tenant_id, number, requester_id, subject, category, priority, status, assignee_id,
        sla_state, sla_due_at, first_response_at, last_message_at, resolved_at, closed_at, created_at, updated_at)
      select md5(x.k || 't' || t.n)::uuid, x.tenant_id, 2000 + (x.u - 1) * 5 + t.n,
        md5(x.k || 'r' || t.r)::uuid, t.subject || ' (' || x.k || ')', t.category::public.ticket_category, 'normal',
        t.status::public.ticket_status, case when t.assigned then md5(x.k || 'r4')::uuid end,
        (case when t.status in ('resolved', 'closed') then 'met'
              when t.n = 4 and x.u % 3 = 0 then 'breached' when t.n = 4 and x.u % 3 = 1 then 'warning' else 'ok' end)::public.sla_state,
        case when t.status in ('open', 'pending') then now() + make_interval(hours => (x.u % 48) - 12) end,
        case when t.assigned then at.at + interval '1 hour' end, at.at + interval '2 hours',
        case when t.status in ('resolved', 'closed') then at.at + interval '3 hours' end,
        case when t.status = 'closed' then at.at + interval '4 hours' end,
        at.at, at.at + interval '2 hours'
      from public.scale_units x,
        (values (1, 7, 'Fees statement for this term', 'billing', 'closed', true),
                (2, 6, 'Cannot open the lesson video', 'technical', 'resolved', true),
                (3, 6, 'Question about the homework marks', 'academic', 'pending', true),
                (4, 5, 'My quiz did not submit', 'technical', 'open', true),
                (5, 7, 'How do I see my child''s progress?', 'account', 'open', false)) t(n, r, subject, category, status, assigned),
        lateral (select now() - make_interval(days => (x.s * 7 + x.u * 13 + t.n * 5) % 30, hours => t.n) as at) at`
    await tx`
      insert into public.ticket_messages (ticket_id, author_id, body, created_at)
      select t.id, case when m = 2 then coalesce(t.assignee_id, t.requester_id) else t.requester_id end,
        (array['Hello, I need help with this.', 'Thank you, we are looking into it.', 'Asante, that works.'])[m],
        t.created_at + make_interval(hours => m - 1)
      from public.scale_units x, generate_series(1, 5) n, generate_series(1, 3) m,
        lateral (select * from public.tickets where id = md5(x.k || 't' || n)::uuid) t`
  })

  // Sessions: 3 ahead in the next fortnight, 2 held (6 and 2 days ago), 1 cancelled.
  await step('tutoring sessions, bookings and stays', async (tx) => {
    await tx`
      insert into public.tutoring_sessions (id, tenant_id, instructor_id, course_id, title, starts_at, duration_minutes,
        capacity, status, started_at, ended_at, created_at, updated_at)
      select md5(x.k || 'ses' || n)::uuid, x.tenant_id, md5(x.k || 'r' || (2 + n % 2))::uuid,
        md5(x.k || 'c' || (1 + n % 3))::uuid, 'Session ' || n || ' ' || x.k, st.at, 60, 6,
        (case when n <= 3 then 'scheduled' when n = 6 then 'cancelled' else 'ended' end)::public.session_status,
        case when n in (4, 5) then st.at end, case when n in (4, 5) then st.at + interval '60 minutes' end,
        now() - interval '20 days', now() - interval '20 days'
      from public.scale_units x, generate_series(1, 6) n,
        lateral (select date_trunc('hour', now()) + case
          when n <= 3 then make_interval(days => 1 + (x.u * 5 + x.s + n * 4) % 14, hours => n)
          when n = 4 then make_interval(days => -6) when n = 5 then make_interval(days => -2)
          else make_interval(days => 3) end as at) st`
    await tx`
      insert into public.session_bookings (session_id, user_id, booked_by, created_at)
      select md5(x.k || 'ses' || b.n)::uuid, md5(x.k || 'r' || b.r)::uuid, md5(x.k || 'r' || b.r)::uuid, now() - interval '10 days'
      from public.scale_units x, (values (1, 5), (3, 6), (4, 5), (4, 6), (5, 5)) b(n, r)`
    await tx`
      insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      select s.id, 'p2p:' || md5(x.k || a.n || a.r), md5(x.k || 'r' || a.r)::uuid, 'p2p',
        s.starts_at + interval '1 minute', s.starts_at + interval '55 minutes'
      from public.scale_units x, (values (4, 2), (4, 5), (4, 6), (5, 3), (5, 5)) a(n, r),
        lateral (select * from public.tutoring_sessions where id = md5(x.k || 'ses' || a.n)::uuid) s`
  })
  await sql`drop table public.scale_units`
  const ta = performance.now()
  await sql`analyze`
  progress(
    `  analyze (${((performance.now() - ta) / 1000).toFixed(1)} s); grown in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}
