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

-- Section: attendance

/**
 * Every seat of the period's sessions the caller may see: the students who booked, and students who
 * came without booking. A seat is present when its student was in the room at all; minutes are the
 * time in the room, overlapping stays (two tabs) counted once, an open stay until the session's end
 * or now. Sessions not yet started and cancelled ones have no seats.
 */
create function private.attendance_seats(tenant uuid, from_day date, to_day date, course uuid, class uuid, student uuid)
returns table (session_id uuid, title text, starts_at timestamptz, instructor_id uuid, student_id uuid,
               present boolean, minutes int)
language plpgsql stable security definer set search_path = '' as $$
declare
  scope text := private.require_report_scope(tenant);
  me uuid := (select auth.uid());
  period_from timestamptz;
  period_to timestamptz;
  now_at timestamptz := private.clock();
begin
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with sessions as (
    select s.id, s.title, s.starts_at, s.instructor_id,
           least(coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)), now_at) as until
    from public.tutoring_sessions s
    where s.tenant_id = tenant and s.starts_at >= period_from and s.starts_at < least(period_to, now_at)
      and s.status <> 'cancelled'
      and (course is null or s.course_id = course)
      and (scope <> 'teacher' or s.instructor_id = me
           or exists (select 1 from public.course_authors ca where ca.course_id = s.course_id and ca.user_id = me))
  ), people as (
    select b.session_id, b.user_id from public.session_bookings b join sessions s on s.id = b.session_id
    union
    select a.session_id, a.user_id from public.session_attendance a
    join sessions s on s.id = a.session_id
    join public.memberships m on m.tenant_id = tenant and m.user_id = a.user_id and m.role = 'student'
    where a.joined_at is not null
  ), stays as (
    select a.session_id, a.user_id,
           range_agg(tstzrange(a.joined_at, greatest(a.joined_at, coalesce(a.left_at, s.until)))) as spans
    from public.session_attendance a join sessions s on s.id = a.session_id
    where a.joined_at is not null
    group by a.session_id, a.user_id
  )
  select s.id, s.title, s.starts_at, s.instructor_id, p.user_id, st.spans is not null,
         coalesce((select floor(extract(epoch from sum(upper(r) - lower(r))) / 60)::int from unnest(st.spans) r), 0)
  from people p
  join sessions s on s.id = p.session_id
  left join stays st on st.session_id = p.session_id and st.user_id = p.user_id
  where (student is null or p.user_id = student)
    and (class is null or exists (select 1 from public.class_members cm where cm.class_id = class and cm.user_id = p.user_id))
    and (scope <> 'self' or p.user_id = me)
    and (scope <> 'guardian' or exists (select 1 from public.guardian_links g
                                        where g.tenant_id = tenant and g.parent_id = me and g.student_id = p.user_id));
end $$;

/**
 * The attendance report, grouped by session, student, class or seat (a student in a session). Each
 * row: a key, a label and a detail (session: its tutor; student: their class; seat: the session),
 * the session's start (session and seat rows), its students, seats booked, seats attended and
 * minutes in the room. `ordinal` is the row's place: sessions and seats newest first, the others by
 * name.
 */
create function public.attendance_report(tenant uuid, from_day date, to_day date, group_by text,
  course uuid default null, class uuid default null, student uuid default null)
returns table (ordinal bigint, key uuid, label text, detail text, starts_at timestamptz,
               students int, booked int, present int, minutes int)
language plpgsql stable security definer set search_path = '' as $$
begin
  if group_by is null or group_by not in ('session', 'student', 'class', 'seat') then
    raise exception 'A report is grouped by session, student, class or seat.' using errcode = '22023', hint = 'report_grouping';
  end if;
  return query
  with seats as (
    select x.*, cm.class_id
    from private.attendance_seats(tenant, from_day, to_day, course, class, student) x
    left join public.class_members cm on cm.tenant_id = tenant and cm.user_id = x.student_id
  ), grouped as (
    select x.session_id as k, x.title as l, private.display_name(x.instructor_id) as d, x.starts_at as at,
           count(*)::int as n, count(*)::int as b, (count(*) filter (where x.present))::int as p,
           sum(x.minutes)::int as m
    from seats x where group_by = 'session' group by x.session_id, x.title, x.instructor_id, x.starts_at
    union all
    select x.student_id, private.display_name(x.student_id), c.name, null, 1,
           count(*)::int, (count(*) filter (where x.present))::int, sum(x.minutes)::int
    from seats x left join public.classes c on c.id = x.class_id
    where group_by = 'student' group by x.student_id, c.name
    union all
    select x.class_id, c.name, null, null, count(distinct x.student_id)::int,
           count(*)::int, (count(*) filter (where x.present))::int, sum(x.minutes)::int
    from seats x left join public.classes c on c.id = x.class_id
    where group_by = 'class' group by x.class_id, c.name
    union all
    select x.student_id, private.display_name(x.student_id), x.title, x.starts_at, 1,
           1, x.present::int, x.minutes
    from seats x where group_by = 'seat'
  )
  select row_number() over (order by g.at desc nulls last, g.l nulls last, g.k),
         g.k, g.l, g.d, g.at, g.n, g.b, g.p, g.m
  from grouped g;
end $$;
comment on function public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) is 'Attendance of tutoring sessions over days of the school''s calendar, grouped by session, student, class or seat, as far as the caller''s report scope reaches.';

revoke all on function private.report_scope(uuid), private.report_period(uuid, date, date),
  private.require_report_scope(uuid), private.attendance_seats(uuid, date, date, uuid, uuid, uuid),
  public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) from public, anon;
grant execute on function private.report_scope(uuid), private.report_period(uuid, date, date),
  private.require_report_scope(uuid), private.attendance_seats(uuid, date, date, uuid, uuid, uuid),
  public.attendance_report(uuid, date, date, text, uuid, uuid, uuid) to authenticated, service_role;

-- The report reads a term of a school's sessions by start; bookings by session are the primary key.
create index session_attendance_session_user_idx on public.session_attendance (session_id, user_id) where joined_at is not null;

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
