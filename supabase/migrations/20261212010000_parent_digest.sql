-- The parents' weekly digest (issue 20, scheduled reports): a parent who asks for it (notification
-- kind `weekly_digest`, off until they switch it on, in the bell or by email) hears once a week, on
-- Sunday from 17:00 in the school's time zone, how each linked child's week went: the lessons they
-- finished and opened, and the tutoring sessions booked for the week ahead.
--
-- private.run_parent_digests(at) runs every 10 minutes wherever the SLA job runs (realtime/jobs/
-- digests.ts). Each (parent, school, week) is claimed once in private.parent_digests_sent, so every
-- instance may run it at once and a restart never sends twice; a week with nothing to tell still
-- says so (a quiet week is news to a parent too).

create table private.parent_digests_sent (
  parent_id uuid not null references auth.users (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  week date not null,
  sent_at timestamptz not null default now(),
  primary key (parent_id, tenant_id, week)
);
alter table private.parent_digests_sent enable row level security;
comment on table private.parent_digests_sent is 'Weekly digests already sent, one per parent, school and week (its Monday): a second run (or instance) sends none again.';
create index parent_digests_sent_tenant_idx on private.parent_digests_sent (tenant_id);
create policy "Nobody reads sent digests through the API" on private.parent_digests_sent
  for select to authenticated using (false);
create policy "Only the digest job records digests" on private.parent_digests_sent
  for insert to authenticated with check (false);
create policy "Nobody changes sent digests" on private.parent_digests_sent
  for update to authenticated using (false) with check (false);
create policy "Nobody removes sent digests" on private.parent_digests_sent
  for delete to authenticated using (false);

/** One child's week as lines of text in the parent's language: lessons finished, opened, sessions ahead. */
create function private.child_week(tenant uuid, child uuid, since timestamptz, until timestamptz, tz text, locale text)
returns text
language sql stable security definer set search_path = '' as $$
  with finished as (
    select l.title from public.lesson_progress p join public.lessons l on l.id = p.lesson_id
    where p.tenant_id = tenant and p.user_id = child and p.completed_at >= since and p.completed_at < until
    order by p.completed_at
  ), opened as (
    select count(*) as n from public.lesson_progress p
    where p.tenant_id = tenant and p.user_id = child and p.last_read_at >= since and p.last_read_at < until
  ), ahead as (
    select s.title, s.starts_at from public.session_bookings b
    join public.tutoring_sessions s on s.id = b.session_id
    where b.user_id = child and s.tenant_id = tenant and s.status = 'scheduled'
      and s.starts_at >= until and s.starts_at < until + interval '7 days'
    order by s.starts_at
  )
  select concat_ws(E'\n',
    case when locale = 'sw'
      then format('Masomo aliyomaliza: %s', coalesce((select string_agg(title, ', ') from finished), 'hakuna'))
      else format('Lessons finished: %s', coalesce((select string_agg(title, ', ') from finished), 'none')) end,
    case when locale = 'sw' then format('Masomo aliyofungua: %s', (select n from opened))
      else format('Lessons opened: %s', (select n from opened)) end,
    case when locale = 'sw'
      then format('Vipindi wiki ijayo: %s', coalesce((select string_agg(format('%s (%s)', title, private.local_time(starts_at, tz, 'sw')), ', ') from ahead), 'hakuna'))
      else format('Sessions next week: %s', coalesce((select string_agg(format('%s (%s)', title, private.local_time(starts_at, tz, 'en')), ', ') from ahead), 'none')) end)
$$;
revoke all on function private.child_week(uuid, uuid, timestamptz, timestamptz, text, text) from public, anon, authenticated;

create function private.run_parent_digests(at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  now_ timestamptz := coalesce(at, private.clock());
  due record;
  child record;
  body_en text;
  body_sw text;
  sent int := 0;
begin
  for due in
    with schools as (
      -- Schools where it is Sunday from 17:00 now; the week is the one that began on Monday.
      select t.id, t.slug, t.time_zone,
        (date_trunc('week', now_ at time zone t.time_zone))::date as week
      from public.tenants t
      where extract(isodow from now_ at time zone t.time_zone) = 7
        and (now_ at time zone t.time_zone)::time >= time '17:00'
    ), wanting as (
      select distinct g.parent_id, s.id as tenant_id, s.slug, s.time_zone, s.week
      from schools s
      join public.guardian_links g on g.tenant_id = s.id
      join public.notification_settings n on n.user_id = g.parent_id and n.kind = 'weekly_digest'
        and (n.in_app or n.email)
    )
    insert into private.parent_digests_sent (parent_id, tenant_id, week, sent_at)
    select w.parent_id, w.tenant_id, w.week, now_ from wanting w
    order by w.parent_id, w.tenant_id
    on conflict do nothing
    returning parent_id, tenant_id, week
  loop
    body_en := '';
    body_sw := '';
    for child in
      select g.student_id, coalesce(p.display_name, '') as name, t.time_zone
      from public.guardian_links g
      join public.tenants t on t.id = g.tenant_id
      left join public.profiles p on p.id = g.student_id
      where g.tenant_id = due.tenant_id and g.parent_id = due.parent_id
      order by p.display_name
    loop
      body_en := body_en || format(E'%s\n%s\n\n', child.name,
        private.child_week(due.tenant_id, child.student_id, due.week::timestamp at time zone child.time_zone,
          (due.week + 7)::timestamp at time zone child.time_zone, child.time_zone, 'en'));
      body_sw := body_sw || format(E'%s\n%s\n\n', child.name,
        private.child_week(due.tenant_id, child.student_id, due.week::timestamp at time zone child.time_zone,
          (due.week + 7)::timestamp at time zone child.time_zone, child.time_zone, 'sw'));
    end loop;
    perform private.notify(due.parent_id, due.tenant_id, 'weekly_digest',
      format('Your child''s week (from %s)', to_char(due.week, 'DD/MM')), rtrim(body_en, E'\n'),
      format('Wiki ya mtoto wako (kuanzia %s)', to_char(due.week, 'DD/MM')), rtrim(body_sw, E'\n'),
      format('/t/%s/children', (select s.slug from public.tenants s where s.id = due.tenant_id)));
    sent := sent + 1;
  end loop;
  return jsonb_build_object('sent', sent, 'at', now_);
end $$;
comment on function private.run_parent_digests(timestamptz) is 'The weekly digest job: on Sunday from 17:00 school time, each parent who asked for it hears how their linked children''s week went, once per week.';
revoke all on function private.run_parent_digests(timestamptz) from public, anon, authenticated;
grant execute on function private.run_parent_digests(timestamptz) to service_role;

-- Section: the weekly_digest notification kind (off until a parent asks for it)

create or replace function private.notification_defaults() returns table (ord int, kind text, in_app boolean, email boolean)
language sql immutable set search_path = '' as $$
  select d.ord, d.kind, d.in_app, d.email from (values
    (1, 'ticket_message', true, true),
    (2, 'ticket_assigned', true, true),
    (3, 'sla_warning', true, false),
    (4, 'sla_breach', true, false),
    (5, 'session_booked', true, false),
    (6, 'session_cancelled', true, true),
    (7, 'session_rescheduled', true, true),
    (8, 'session_reminder', true, true),
    (9, 'lesson_published', true, false),
    (10, 'role_changed', true, true),
    (11, 'invitation_accepted', true, true),
    (12, 'tutor_flagged', true, true),
    (13, 'forum_reply', true, true),
    (14, 'forum_review', true, true),
    (15, 'mention', true, true),
    (16, 'lesson_question', true, true),
    (17, 'comment_reply', true, true),
    (18, 'direct_message', true, true),
    (19, 'weekly_digest', false, false)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
