-- The attendance report's speed (issue 20: a term of a 5,000-student school, p95 ≤ 300 ms). Same
-- rows, same numbers; only how Postgres gets them changes. EXPLAIN (ANALYZE, BUFFERS) of the report
-- by session over the benchmark's term (650 sessions, 130,000 seats) spent ~230 ms where a bare
-- aggregate of the same seats takes ~50 ms:
--
-- 1. private.clock() once per seat. The report handed `private.clock()` to private.attendance_seats,
--    and an inlined SQL function copies its argument's expression wherever the parameter is used:
--    every seat's minutes called that plpgsql function (~110 ms for 130,000 calls). The report now
--    reads the clock once into a variable, a constant of its custom plan; and only a seat with an
--    open stay computes the open stay's minutes (numeric epochs, ~30 ms over a term otherwise).
-- 2. A WITH in private.attendance_seats. A subquery with a WITH list is not pulled up into the query
--    that uses it, so its rows came out of a Subquery Scan without column statistics: the planner
--    took every seat for a group of its own and sorted the 130,000 seats to group them. The function
--    is now one flat query; grouping by session or student is a hash aggregate over hash joins.
-- 3. `booked or exists (student membership)` per seat: the planner costs an EXISTS under an OR as its
--    per-row subplan (~8 cost units a seat, a million for the term), which steered it to nested loops
--    and to reading the seats in student order through session_seats_user_idx. It is now a left join
--    to the membership (at most one: its key is tenant and user).
-- 4. With other schools' seats in the table the seats were read by a sequential scan of all of them
--    (1.3 million seats for ten such schools: ~160 ms a report). The seats' key now carries the
--    figures, so a school's term is an index-only scan of its sessions' entries (~60 ms at that size).
--
-- Backend CPU per report over the benchmark's term, before → after: by session ~230 → ~55 ms, by
-- student ~260 → ~70 ms, by class ~280 → ~60 ms (2 cores; docs/benchmarks.md has the API's figures).
-- Per-session totals kept by triggers were considered and left out: at these figures the seats are
-- cheap to aggregate, the groupings by student and class would not use them, and such totals would
-- have to follow memberships (a seat nobody booked counts while its person is a student) and the
-- clock (an open stay counts up to now) as well as bookings and stays.

-- Section: seats

-- A term's seats read from the key alone: the report joins a school's sessions of the period to their
-- seats, and with the figures in the key that is an index-only scan of those sessions' entries,
-- whatever the size of the other schools' seats (a sequential scan of all of them otherwise). The
-- key's columns are unchanged, so refresh_seat's `on conflict (session_id, user_id)` still finds it.
alter table private.session_seats drop constraint session_seats_pkey,
  add constraint session_seats_pkey primary key (session_id, user_id) include (booked, present, minutes, open_from);
comment on index private.session_seats_pkey is 'A seat per person and session, with the figures the attendance report reads (index-only scans).';

-- Section: attendance

/**
 * Every seat of the period's sessions within `scope` for `me` (private.session_seats): the people who
 * booked, and students who came without booking. A seat is present when its student was in the room
 * at all; minutes are the time in the room, overlapping stays (two tabs) counted once, an open stay
 * until the session's end or `now_at`. Sessions not yet started and cancelled ones have no seats.
 * A plain SQL function of one flat query (no WITH: a subquery with one is not pulled up, and its rows
 * lose their statistics) so that the report's query inlines it and plans its joins and groups with
 * the tables' statistics; `now_at` must be a value, not a call (it is copied into every seat's
 * minutes). Only public.attendance_report calls it, after deciding the scope.
 */
create or replace function private.attendance_seats(tenant uuid, period_from timestamptz, period_to timestamptz,
  now_at timestamptz, scope text, me uuid, course uuid, class uuid, student uuid)
returns table (session_id uuid, title text, starts_at timestamptz, instructor_id uuid, student_id uuid,
               present boolean, minutes int)
language sql stable as $$
  select s.id, s.title, s.starts_at, s.instructor_id, x.user_id, x.present,
         -- Only a seat with an open stay pays for the time arithmetic (numeric epochs add up over a term).
         x.minutes + case when x.open_from is null then 0 else floor(extract(epoch from greatest(
           least(coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)), now_at) - x.open_from,
           interval '0')) / 60)::int end
  from public.tutoring_sessions s
  join private.session_seats x on x.session_id = s.id
  -- A seat nobody booked counts when its person is a student of the school (at most one membership).
  left join public.memberships m on m.tenant_id = tenant and m.user_id = x.user_id and m.role = 'student'
  where s.tenant_id = tenant and s.starts_at >= period_from and s.starts_at < least(period_to, now_at)
    and s.status <> 'cancelled'
    and (course is null or s.course_id = course)
    and (scope <> 'teacher' or s.instructor_id = me
         or exists (select 1 from public.course_authors ca where ca.course_id = s.course_id and ca.user_id = me))
    and (x.booked or m.user_id is not null)
    and (student is null or x.user_id = student)
    and (class is null or exists (select 1 from public.class_members cm where cm.class_id = class and cm.user_id = x.user_id))
    and (scope <> 'self' or x.user_id = me)
    and (scope <> 'guardian' or exists (select 1 from public.guardian_links g
                                        where g.tenant_id = tenant and g.parent_id = me and g.student_id = x.user_id))
$$;
comment on function private.attendance_seats(uuid, timestamptz, timestamptz, timestamptz, text, uuid, uuid, uuid, uuid) is 'The seats the attendance report counts, within a scope already decided (only public.attendance_report calls it); inlined into the report''s query.';

/**
 * The attendance report, grouped by session, student, class or seat (a student in a session). Each
 * row: a key, a label and a detail (session: its tutor; student: their class; seat: the session),
 * the session's start (session and seat rows), its students, seats booked, seats attended and
 * minutes in the room. `ordinal` is the row's place: sessions and seats newest first, the others by
 * name. Each grouping aggregates the seats first and looks names up for its rows only. The clock is
 * read once, before the query (see the header of this migration).
 */
create or replace function public.attendance_report(tenant uuid, from_day date, to_day date, group_by text,
  course uuid default null, class uuid default null, student uuid default null)
returns table (ordinal bigint, key uuid, label text, detail text, starts_at timestamptz,
               students int, booked int, present int, minutes int)
language plpgsql stable security definer set search_path = ''
-- Planned for each call's arguments: a generic plan cannot drop the filters a call does not use and
-- joins a term's seats in nested loops (minutes instead of milliseconds).
set plan_cache_mode = force_custom_plan set work_mem = '32MB' as $$
declare
  scope text := private.require_report_scope(tenant);
  me uuid := (select auth.uid());
  now_at timestamptz := private.clock();
  period_from timestamptz;
  period_to timestamptz;
begin
  if group_by is null or group_by not in ('session', 'student', 'class', 'seat') then
    raise exception 'A report is grouped by session, student, class or seat.' using errcode = '22023', hint = 'report_grouping';
  end if;
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with seats as not materialized (
    select * from private.attendance_seats(tenant, period_from, period_to, now_at, scope, me, course, class, student)
  ), per_student as not materialized (
    select x.student_id, count(*)::int as b, (count(*) filter (where x.present))::int as p, sum(x.minutes)::int as m
    from seats x group by x.student_id
  ), grouped as (
    select g.session_id as k, s.title as l, private.person_name(pr.display_name, pr.email) as d, s.starts_at as at,
           g.b as n, g.b, g.p, g.m
    from (select x.session_id, count(*)::int as b, (count(*) filter (where x.present))::int as p, sum(x.minutes)::int as m
          from seats x where group_by = 'session' group by x.session_id) g
    join public.tutoring_sessions s on s.id = g.session_id
    left join public.profiles pr on pr.id = s.instructor_id
    union all
    select g.student_id, private.person_name(pr.display_name, pr.email), c.name, null, 1, g.b, g.p, g.m
    from per_student g
    left join public.profiles pr on pr.id = g.student_id
    left join public.class_members cm on cm.tenant_id = tenant and cm.user_id = g.student_id
    left join public.classes c on c.id = cm.class_id
    where group_by = 'student'
    union all
    select c.id, min(c.name), null, null, count(*)::int, sum(g.b)::int, sum(g.p)::int, sum(g.m)::int
    from per_student g
    left join public.class_members cm on cm.tenant_id = tenant and cm.user_id = g.student_id
    left join public.classes c on c.id = cm.class_id
    where group_by = 'class'
    group by c.id
    union all
    select x.student_id, private.person_name(pr.display_name, pr.email), x.title, x.starts_at, 1, 1, x.present::int, x.minutes
    from seats x left join public.profiles pr on pr.id = x.student_id
    where group_by = 'seat'
  )
  select row_number() over (order by g.at desc nulls last, g.l nulls last, g.k),
         g.k, g.l, g.d, g.at, g.n, g.b, g.p, g.m
  from grouped g;
end $$;
