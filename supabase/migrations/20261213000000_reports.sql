-- Reports (issue 20): the attendance report and exports of reports as background jobs.
--
-- Who sees what is decided once per call by private.report_scope: a school's owners, admins and
-- staff see the whole school; an instructor the sessions they run and those of the courses they
-- write; a parent their linked children; a student themself; a partner nothing. The report
-- functions are security definer and apply that scope set-wise, so a term of a 5,000-student school
-- is one pass over its sessions rather than a policy check per row.
--
-- An export (public.report_exports) is asked for with public.request_report_export and made by the
-- realtime process (realtime/jobs/exports.ts): it claims the row with a lease, reads the report as
-- the person who asked (so a right lost since the request is a right lost for the export too),
-- writes CSV, XLSX or PDF into the private bucket `report-exports` and marks the row done. Every
-- change is a live `report_export` event on the person's user topic. Exports are kept for 7 days.

-- Section: scope

create function private.report_scope(tenant uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case
    when m.role in ('owner', 'admin', 'staff') then 'school'
    when m.role = 'instructor' then 'teacher'
    when m.role = 'parent' then 'guardian'
    when m.role = 'student' then 'self'
  end
  from public.memberships m
  where m.tenant_id = tenant and m.user_id = (select auth.uid())
$$;
comment on function private.report_scope(uuid) is 'What the caller''s reports of a school cover: school (owners, admins, staff), teacher (their sessions and courses), guardian (linked children), self (a student), null (a partner or a stranger).';

/** The period of a report as moments: from the start of from_day to the end of to_day in the school's time zone. */
create function private.report_period(tenant uuid, from_day date, to_day date, out from_at timestamptz, out to_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare
  tz text := (select t.time_zone from public.tenants t where t.id = tenant);
begin
  if from_day > to_day then
    raise exception 'The period starts after it ends.' using errcode = '22023', hint = 'period_reversed';
  end if;
  if to_day - from_day > 366 then
    raise exception 'A report covers at most a year.' using errcode = '22023', hint = 'period_too_long';
  end if;
  from_at := from_day::timestamp at time zone tz;
  to_at := (to_day + 1)::timestamp at time zone tz;
end $$;

create function private.require_report_scope(tenant uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  scope text := private.report_scope(tenant);
begin
  if scope is null then
    raise exception 'Reports of this school are for its staff, teachers, students and parents.'
      using errcode = '42501', hint = 'reports_forbidden';
  end if;
  return scope;
end $$;

-- Section: seats (what the attendance report reads)

-- One row per person booked in or come to a session, kept by triggers on bookings and stays: a term
-- of a big school is then one scan of its seats, not a merge of every stay (range_agg) per request.
-- `minutes` are the closed stays' time in the room, overlapping stays (two tabs) counted once;
-- `open_from` is the start of the earliest stay still open (the report counts it up to the session's
-- end or now).
create table private.session_seats (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  booked boolean not null default false,
  present boolean not null default false,
  minutes int not null default 0,
  open_from timestamptz,
  primary key (session_id, user_id)
);
alter table private.session_seats enable row level security;
comment on table private.session_seats is 'Each person booked in or come to a session: booked, present, minutes in the room (closed stays) and the start of a stay still open. Kept by triggers; read by the attendance report only.';
create index session_seats_user_idx on private.session_seats (user_id);
create policy "Nobody reads seats through the API" on private.session_seats
  for select to authenticated using (false);
create policy "Only the triggers write seats" on private.session_seats
  for insert to authenticated with check (false);
create policy "Only the triggers change seats" on private.session_seats
  for update to authenticated using (false) with check (false);
create policy "Only the triggers remove seats" on private.session_seats
  for delete to authenticated using (false);

-- A seat is refreshed from its person's stays in the session.
create index session_attendance_session_user_idx on public.session_attendance (session_id, user_id) where joined_at is not null;

/** Recomputes one person's seat in a session from the booking and the stays; removes an empty one. */
create function private.refresh_seat(session uuid, person uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  is_booked boolean := exists (select 1 from public.session_bookings b where b.session_id = session and b.user_id = person);
  closed tstzmultirange;
  opened timestamptz;
  came boolean;
begin
  select range_agg(tstzrange(a.joined_at, greatest(a.joined_at, a.left_at))) filter (where a.left_at is not null),
         min(a.joined_at) filter (where a.left_at is null),
         count(*) > 0
    into closed, opened, came
  from public.session_attendance a
  where a.session_id = session and a.user_id = person and a.joined_at is not null;
  if not is_booked and not came then
    delete from private.session_seats x where x.session_id = session and x.user_id = person;
    return;
  end if;
  insert into private.session_seats as x (session_id, user_id, booked, present, minutes, open_from)
  values (session, person, is_booked, came,
          coalesce((select floor(extract(epoch from sum(upper(r) - lower(r))) / 60)::int from unnest(closed) r), 0), opened)
  on conflict (session_id, user_id) do update
    set booked = excluded.booked, present = excluded.present, minutes = excluded.minutes, open_from = excluded.open_from;
end $$;

create function private.seat_follows_row() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.refresh_seat(old.session_id, old.user_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform private.refresh_seat(new.session_id, new.user_id);
  end if;
  return null;
end $$;
revoke all on function private.refresh_seat(uuid, uuid), private.seat_follows_row() from public, anon, authenticated;
create trigger session_bookings_seat after insert or delete on public.session_bookings
  for each row execute function private.seat_follows_row();
create trigger session_attendance_seat after insert or delete or update of joined_at, left_at, user_id, session_id
  on public.session_attendance for each row execute function private.seat_follows_row();

/**
 * Rebuilds the seats of one school's sessions (all schools' when null) from bookings and stays in one
 * pass: the backfill below, and data written with the triggers off (benchmarks, imports).
 */
create function private.rebuild_seats(school uuid default null) returns void
language sql security definer set search_path = '' as $$
  delete from private.session_seats x using public.tutoring_sessions s
  where s.id = x.session_id and (school is null or s.tenant_id = school);
  with stays as (
    select a.session_id, a.user_id,
           range_agg(tstzrange(a.joined_at, greatest(a.joined_at, a.left_at))) filter (where a.left_at is not null) as closed,
           min(a.joined_at) filter (where a.left_at is null) as open_from
    from public.session_attendance a join public.tutoring_sessions s on s.id = a.session_id
    where a.joined_at is not null and (school is null or s.tenant_id = school)
    group by a.session_id, a.user_id
  ), booked as (
    select b.session_id, b.user_id from public.session_bookings b join public.tutoring_sessions s on s.id = b.session_id
    where school is null or s.tenant_id = school
  )
  insert into private.session_seats (session_id, user_id, booked, present, minutes, open_from)
  select coalesce(b.session_id, st.session_id), coalesce(b.user_id, st.user_id), b.user_id is not null, st.user_id is not null,
         coalesce((select floor(extract(epoch from sum(upper(r) - lower(r))) / 60)::int from unnest(st.closed) r), 0),
         st.open_from
  from booked b full join stays st on st.session_id = b.session_id and st.user_id = b.user_id
$$;
revoke all on function private.rebuild_seats(uuid) from public, anon, authenticated;

-- The seats of what happened before this migration.
select private.rebuild_seats();

-- Section: attendance

/** How a person is shown: their display name, else the local part of their email (private.display_name, set-wise). */
create function private.person_name(display_name text, email text) returns text
language sql immutable as $$ select coalesce(nullif(display_name, ''), split_part(email, '@', 1)) $$;

/**
 * Every seat of the period's sessions within `scope` for `me` (private.session_seats): the people who
 * booked, and students who came without booking. A seat is present when its student was in the room
 * at all; minutes are the time in the room, overlapping stays (two tabs) counted once, an open stay
 * until the session's end or now. Sessions not yet started and cancelled ones have no seats.
 * A plain SQL function so that the report's query inlines it (no 100,000-row hand-over between
 * functions); only public.attendance_report calls it, after deciding the scope.
 */
create function private.attendance_seats(tenant uuid, period_from timestamptz, period_to timestamptz, now_at timestamptz,
  scope text, me uuid, course uuid, class uuid, student uuid)
returns table (session_id uuid, title text, starts_at timestamptz, instructor_id uuid, student_id uuid,
               present boolean, minutes int)
language sql stable as $$
  with sessions as (
    select s.id, s.title, s.starts_at, s.instructor_id,
           least(coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)), now_at) as until
    from public.tutoring_sessions s
    where s.tenant_id = tenant and s.starts_at >= period_from and s.starts_at < least(period_to, now_at)
      and s.status <> 'cancelled'
      and (course is null or s.course_id = course)
      and (scope <> 'teacher' or s.instructor_id = me
           or exists (select 1 from public.course_authors ca where ca.course_id = s.course_id and ca.user_id = me))
  )
  select s.id, s.title, s.starts_at, s.instructor_id, x.user_id, x.present,
         x.minutes + coalesce(floor(extract(epoch from greatest(s.until - x.open_from, interval '0')) / 60)::int, 0)
  from sessions s
  join private.session_seats x on x.session_id = s.id
  where (x.booked or exists (select 1 from public.memberships m
                             where m.tenant_id = tenant and m.user_id = x.user_id and m.role = 'student'))
    and (student is null or x.user_id = student)
    and (class is null or exists (select 1 from public.class_members cm where cm.class_id = class and cm.user_id = x.user_id))
    and (scope <> 'self' or x.user_id = me)
    and (scope <> 'guardian' or exists (select 1 from public.guardian_links g
                                        where g.tenant_id = tenant and g.parent_id = me and g.student_id = x.user_id))
$$;

/**
 * The attendance report, grouped by session, student, class or seat (a student in a session). Each
 * row: a key, a label and a detail (session: its tutor; student: their class; seat: the session),
 * the session's start (session and seat rows), its students, seats booked, seats attended and
 * minutes in the room. `ordinal` is the row's place: sessions and seats newest first, the others by
 * name. Each grouping aggregates the seats first and looks names up for its rows only.
 */
create function public.attendance_report(tenant uuid, from_day date, to_day date, group_by text,
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
  period_from timestamptz;
  period_to timestamptz;
begin
  if group_by is null or group_by not in ('session', 'student', 'class', 'seat') then
    raise exception 'A report is grouped by session, student, class or seat.' using errcode = '22023', hint = 'report_grouping';
  end if;
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with seats as not materialized (
    select * from private.attendance_seats(tenant, period_from, period_to, private.clock(), scope, me, course, class, student)
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
comment on function public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) is 'Attendance of tutoring sessions over days of the school''s calendar, grouped by session, student, class or seat, as far as the caller''s report scope reaches.';

revoke all on function private.report_scope(uuid), private.report_period(uuid, date, date),
  private.require_report_scope(uuid), private.person_name(text, text),
  public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) from public, anon;
grant execute on function private.report_scope(uuid), private.report_period(uuid, date, date),
  private.require_report_scope(uuid), private.person_name(text, text),
  public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) to authenticated, service_role;
-- It takes the scope as given: only the report (as its owner) calls it.
revoke all on function private.attendance_seats(uuid, timestamptz, timestamptz, timestamptz, text, uuid, uuid, uuid, uuid)
  from public, anon, authenticated;


-- Section: exports

create table public.report_exports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  requested_by uuid not null references auth.users (id) on delete cascade default auth.uid(),
  report text not null check (report in ('attendance')),
  format text not null check (format in ('csv', 'xlsx', 'pdf')),
  locale text not null default 'en' check (locale in ('en', 'sw')),
  filters jsonb not null default '{}' check (jsonb_typeof(filters) = 'object' and octet_length(filters::text) <= 2000),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress smallint not null default 0 check (progress between 0 and 100),
  row_count int check (row_count >= 0),
  byte_size bigint check (byte_size >= 0),
  object_name text check (char_length(object_name) <= 300),
  error text check (char_length(error) <= 500),
  attempts smallint not null default 0,
  -- running: the claim's end; queued after a failed try: when it may be tried again.
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  expires_at timestamptz not null default now() + interval '7 days'
);
alter table public.report_exports enable row level security;
comment on table public.report_exports is 'Exports of reports a person asked for: made in the background (status, progress), kept as a file in the report-exports bucket for 7 days.';
create index report_exports_requested_by_idx on public.report_exports (requested_by, created_at desc);
create index report_exports_tenant_idx on public.report_exports (tenant_id);
create index report_exports_due_idx on public.report_exports (created_at) where status in ('queued', 'running');

create policy "People see the exports they asked for, while in the school" on public.report_exports
  for select to authenticated
  using (requested_by = (select auth.uid()) and (select private.is_member(tenant_id)));
create policy "Exports are asked for through request_report_export" on public.report_exports
  for insert to authenticated with check (false);
create policy "Only the export job changes exports" on public.report_exports
  for update to authenticated using (false) with check (false);
create policy "Exports expire; nobody removes them early" on public.report_exports
  for delete to authenticated using (false);
revoke all on public.report_exports from anon, authenticated;
grant select on public.report_exports to authenticated;

/** Asks for an export of a report the caller may read; at most 3 of theirs wait or run at once. */
create function public.request_report_export(tenant uuid, report text, format text, filters jsonb, locale text default 'en')
returns public.report_exports
language plpgsql security definer set search_path = '' as $$
declare
  row public.report_exports;
begin
  perform private.require_report_scope(tenant);
  if (select count(*) from public.report_exports e
      where e.requested_by = (select auth.uid()) and e.status in ('queued', 'running')) >= 3 then
    raise exception 'Three of your exports are still being made; wait for one to finish.'
      using errcode = 'P0001', hint = 'exports_busy';
  end if;
  insert into public.report_exports (tenant_id, requested_by, report, format, locale, filters, created_at, expires_at)
  values (tenant, (select auth.uid()), report, format, coalesce(locale, 'en'), coalesce(filters, '{}'),
          private.clock(), private.clock() + interval '7 days')
  returning * into row;
  perform pg_notify('report_exports', row.id::text);
  return row;
end $$;
revoke all on function public.request_report_export(uuid, text, text, jsonb, text) from public, anon;
grant execute on function public.request_report_export(uuid, text, text, jsonb, text) to authenticated, service_role;

/**
 * The job's claim: the oldest queued export (a retry once its wait is over) or a running one whose
 * lease ran out, leased for `lease` (of one school only when `school` is given: tests share a database).
 */
create function private.claim_report_export(lease interval, school uuid default null) returns public.report_exports
language sql security definer set search_path = '' as $$
  update public.report_exports e
  set status = 'running', progress = 0, attempts = e.attempts + 1, lease_until = now() + lease, error = null
  where e.id = (
    select x.id from public.report_exports x
    where x.status in ('queued', 'running') and (x.lease_until is null or x.lease_until < now())
      and (school is null or x.tenant_id = school)
    order by x.created_at
    limit 1 for update skip locked)
  returning e.*
$$;
revoke all on function private.claim_report_export(interval, uuid) from public, anon, authenticated;
grant execute on function private.claim_report_export(interval, uuid) to service_role;

/** The live event of an export, to the person who asked for it. */
create function private.report_export_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('user:' || new.requested_by, 'report_export', 'all',
    jsonb_build_object('id', new.id, 'status', new.status, 'progress', new.progress));
  return null;
end $$;
revoke all on function private.report_export_changed() from public, anon, authenticated;
create trigger report_exports_live after insert or update of status, progress on public.report_exports
  for each row execute function private.report_export_changed();

-- Section: the bucket (report-exports: <school>/<export id>.<format>)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('report-exports', 'report-exports', false, 52428800,
    array['text/csv', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
on conflict (id) do nothing;

create function private.can_read_export_object(name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.report_exports e
    where e.id = private.try_uuid(split_part(split_part(name, '/', 2), '.', 1))
      and e.tenant_id::text = split_part(name, '/', 1)
      and e.object_name = name
      and e.requested_by = (select auth.uid())
      and private.is_member(e.tenant_id))
$$;
comment on function private.can_read_export_object(text) is 'An export''s file is read by the person who asked for it, while they are in the school.';
revoke all on function private.can_read_export_object(text) from public, anon;
grant execute on function private.can_read_export_object(text) to authenticated, service_role;

create policy "People read the files of their own exports" on storage.objects
  for select to authenticated
  using (bucket_id = 'report-exports' and private.can_read_export_object(name));
