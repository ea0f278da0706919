-- The weekly school report (issue 20, scheduled reports): an owner or admin who asks for it
-- (notification kind `school_report`, off until they switch it on, in the bell or by email) hears on
-- Monday from 07:00 in the school's time zone how the week before went: active students, lessons
-- finished, tutoring seats attended of those booked, tutor questions, forum posts, new enrolments,
-- support tickets opened and money received — the figures of the reports page's charts
-- (private.activity_weeks, the school scope), with a link to the page.
--
-- private.run_school_reports(at) runs beside the parents' digest (realtime/jobs/digests.ts, every 10
-- minutes). Each (person, school, week) is claimed once in private.school_reports_sent, so every
-- instance may run it at once and a restart never sends twice.

create table private.school_reports_sent (
  user_id uuid not null references auth.users (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  week date not null,
  sent_at timestamptz not null default now(),
  primary key (user_id, tenant_id, week)
);
alter table private.school_reports_sent enable row level security;
comment on table private.school_reports_sent is 'Weekly school reports already sent, one per person, school and week (the Monday it reports on).';
create index school_reports_sent_tenant_idx on private.school_reports_sent (tenant_id);
create policy "Nobody reads sent school reports through the API" on private.school_reports_sent
  for select to authenticated using (false);
create policy "Only the report job records school reports" on private.school_reports_sent
  for insert to authenticated with check (false);
create policy "Nobody changes sent school reports" on private.school_reports_sent
  for update to authenticated using (false) with check (false);
create policy "Nobody removes sent school reports" on private.school_reports_sent
  for delete to authenticated using (false);

/** A week's figures as lines of text in a language (`en` or `sw`). */
create function private.school_week_text(w record, locale text) returns text
language plpgsql stable set search_path = '' as $$
declare
  rate text := case when w.seats_booked > 0 then round(100.0 * w.seats_attended / w.seats_booked)::text || '%' else '—' end;
  money text := case when w.currency is not null
    then w.currency || ' ' || to_char(coalesce(w.revenue_minor, 0) / 100.0, 'FM999,999,999,990.00') end;
begin
  if locale = 'sw' then
    return concat_ws(E'\n',
      format('Wanafunzi hai: %s', w.active_students),
      format('Masomo yaliyokamilika: %s', w.lessons_completed),
      format('Nafasi za mafunzo zilizohudhuriwa: %s kati ya %s (%s)', w.seats_attended, w.seats_booked, rate),
      format('Maswali kwa mkufunzi: %s', w.tutor_questions),
      format('Machapisho ya jukwaa: %s', w.forum_posts),
      format('Usajili mpya: %s', w.enrolments),
      format('Tiketi za msaada zilizofunguliwa: %s', w.tickets_opened),
      case when money is not null then format('Pesa zilizopokelewa: %s', money) end);
  end if;
  return concat_ws(E'\n',
    format('Active students: %s', w.active_students),
    format('Lessons finished: %s', w.lessons_completed),
    format('Tutoring seats attended: %s of %s (%s)', w.seats_attended, w.seats_booked, rate),
    format('Tutor questions: %s', w.tutor_questions),
    format('Forum posts: %s', w.forum_posts),
    format('New enrolments: %s', w.enrolments),
    format('Support tickets opened: %s', w.tickets_opened),
    case when money is not null then format('Money received: %s', money) end);
end $$;
revoke all on function private.school_week_text(record, text) from public, anon, authenticated;

create function private.run_school_reports(at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  now_ timestamptz := coalesce(at, private.clock());
  due record;
  w record;
  sent int := 0;
begin
  for due in
    with schools as (
      -- Schools where it is Monday from 07:00 (or later in the week) now; the report is on the week before.
      select t.id, t.slug, t.time_zone,
        (date_trunc('week', now_ at time zone t.time_zone))::date - 7 as week
      from public.tenants t
      where (now_ at time zone t.time_zone) >= date_trunc('week', now_ at time zone t.time_zone) + interval '7 hours'
    ), wanting as (
      select distinct m.user_id, s.id as tenant_id, s.week
      from schools s
      join public.memberships m on m.tenant_id = s.id and m.role in ('owner', 'admin')
      join public.notification_settings n on n.user_id = m.user_id and n.kind = 'school_report'
        and (n.in_app or n.email)
    )
    insert into private.school_reports_sent (user_id, tenant_id, week, sent_at)
    select x.user_id, x.tenant_id, x.week, now_ from wanting x
    order by x.user_id, x.tenant_id
    on conflict do nothing
    returning user_id, tenant_id, week
  loop
    select a.* into w from private.activity_weeks(due.tenant_id, 'school', null, 2, now_) a order by a.week limit 1;
    perform private.notify(due.user_id, due.tenant_id, 'school_report',
      format('Your school''s week (from %s)', to_char(due.week, 'DD/MM')), private.school_week_text(w, 'en'),
      format('Wiki ya shule yako (kuanzia %s)', to_char(due.week, 'DD/MM')), private.school_week_text(w, 'sw'),
      format('/t/%s/reports', (select s.slug from public.tenants s where s.id = due.tenant_id)));
    sent := sent + 1;
  end loop;
  return jsonb_build_object('sent', sent, 'at', now_);
end $$;
comment on function private.run_school_reports(timestamptz) is 'The weekly school report job: on Monday from 07:00 school time, each owner or admin who asked for it hears how the week before went, once per week.';
revoke all on function private.run_school_reports(timestamptz) from public, anon, authenticated;
grant execute on function private.run_school_reports(timestamptz) to service_role;

-- Section: the school_report notification kind (off until an owner or admin asks for it)

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
    (19, 'weekly_digest', false, false),
    (20, 'school_report', false, false)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
