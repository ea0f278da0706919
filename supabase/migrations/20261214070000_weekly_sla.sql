-- Support SLA on the school's weekly charts (issue 20, the admins' dashboard): public.weekly_activity
-- gives, beside the tickets opened each week, how many of them breached an SLA clock (first answer,
-- next answer or resolution), so the Support chart shows the desk keeping its promises or not. Tickets
-- merged into another are no longer counted apart (the support report counts them in the ticket they
-- joined). Everything else is as 20261214040000_course_weekly.sql left it.

drop function public.weekly_activity(uuid, int, uuid);
drop function private.activity_weeks(uuid, text, uuid, int, timestamptz, uuid);

/** The weeks for `scope` as `me` sees it (of one course, or all), up to the week of `now_at`. */
create function private.activity_weeks(tenant uuid, scope text, me uuid, weeks int, now_at timestamptz,
                                       course uuid default null)
returns table (week date, active_students int, lesson_reads int, lessons_completed int, seats_booked int, seats_attended int,
               tutor_questions int, forum_posts int, enrolments int, tickets_opened int, tickets_breached int,
               revenue_minor bigint, currency text)
language plpgsql stable security definer set search_path = ''
-- Planned for each call's arguments: a generic plan cannot drop the filters a call does not use and
-- joins a term's seats in nested loops (minutes instead of milliseconds).
set plan_cache_mode = force_custom_plan set work_mem = '32MB' as $$
declare
  tz text := (select t.time_zone from public.tenants t where t.id = tenant);
  first_week date;
  since timestamptz;
  money text;
begin
  first_week := date_trunc('week', now_at at time zone tz)::date - 7 * (weeks - 1);
  since := first_week::timestamp at time zone tz;
  if scope = 'school' and course is null then
    select p.currency into money from public.payments p
    where p.tenant_id = tenant and p.status in ('succeeded', 'partially_refunded', 'refunded') and p.created_at >= since
    group by p.currency order by count(*) desc, p.currency limit 1;
  end if;

  return query
  with people as (
    -- The students whose activity counts: all of the school's, the linked children, or oneself.
    select m.user_id from public.memberships m
    where m.tenant_id = tenant and m.role = 'student'
      and (scope in ('school', 'teacher')
           or (scope = 'self' and m.user_id = me)
           or (scope = 'guardian' and exists (select 1 from public.guardian_links g
                 where g.tenant_id = tenant and g.parent_id = me and g.student_id = m.user_id)))
  ), courses as (
    select c.id from public.courses c
    where c.tenant_id = tenant
      and (scope <> 'teacher' or exists (select 1 from public.course_authors a where a.course_id = c.id and a.user_id = me))
      and (course is null or c.id = course)
  ), sessions as (
    select s.id, s.starts_at from public.tutoring_sessions s
    where s.tenant_id = tenant and s.starts_at >= since and s.starts_at < now_at and s.status <> 'cancelled'
      and (scope <> 'teacher' or s.instructor_id = me or s.course_id in (select id from courses))
      and (course is null or s.course_id = course)
  ), events as (
    select 'read' as kind, p.user_id, p.last_read_at as at from public.lesson_progress p
    where p.tenant_id = tenant and p.last_read_at >= since and p.course_id in (select id from courses)
    union all
    select 'opened', p.user_id, p.first_read_at from public.lesson_progress p
    where p.tenant_id = tenant and p.first_read_at >= since and p.course_id in (select id from courses)
    union all
    select 'done', p.user_id, p.completed_at from public.lesson_progress p
    where p.tenant_id = tenant and p.completed_at >= since and p.course_id in (select id from courses)
    union all
    select 'booked', b.user_id, s.starts_at from public.session_bookings b join sessions s on s.id = b.session_id
    union all
    select 'came', a.user_id, min(s.starts_at) from public.session_attendance a join sessions s on s.id = a.session_id
    where a.joined_at is not null group by a.session_id, a.user_id
    union all
    select 'asked', c.student_id, m.created_at from public.ai_messages m
    join public.ai_conversations c on c.id = m.conversation_id
    where c.tenant_id = tenant and m.role = 'user' and m.created_at >= since
      and (scope <> 'teacher' or c.course_id in (select id from courses))
      and (course is null or c.course_id = course)
    union all
    select 'posted', f.author_id, f.created_at from public.forum_posts f
    where f.tenant_id = tenant and f.created_at >= since and f.course_id in (select id from courses)
    union all
    select 'posted', f.author_id, f.created_at from public.forum_threads f
    where f.tenant_id = tenant and f.created_at >= since and f.course_id in (select id from courses)
    union all
    select 'enrolled', e.user_id, e.created_at from public.enrolments e
    where e.created_at >= since and e.course_id in (select id from courses)
  ), counted as (
    select date_trunc('week', e.at at time zone tz)::date as week, e.kind, e.user_id
    from events e join people p on p.user_id = e.user_id
  ), school as (
    select date_trunc('week', t.created_at at time zone tz)::date as week, count(*)::int as tickets,
      (count(*) filter (where exists (select 1 from public.ticket_sla_targets c
                                      where c.ticket_id = t.id and c.breached_at is not null)))::int as breached
    from public.tickets t where scope = 'school' and course is null and t.tenant_id = tenant and t.created_at >= since
      and t.merged_into is null
    group by 1
  ), money_in as (
    select date_trunc('week', p.created_at at time zone tz)::date as week,
           sum(p.amount_minor - p.refunded_minor)::bigint as received
    from public.payments p
    where scope = 'school' and p.tenant_id = tenant and p.currency = money and p.created_at >= since
      and p.status in ('succeeded', 'partially_refunded', 'refunded')
    group by 1
  ), per_week as (
    select c.week,
      count(distinct c.user_id) filter (where c.kind in ('read', 'opened', 'done', 'came', 'asked', 'posted'))::int as active,
      (count(*) filter (where c.kind = 'opened'))::int as opened,
      (count(*) filter (where c.kind = 'done'))::int as done,
      (count(*) filter (where c.kind = 'booked'))::int as booked,
      (count(*) filter (where c.kind = 'came'))::int as came,
      (count(*) filter (where c.kind = 'asked'))::int as asked,
      (count(*) filter (where c.kind = 'posted'))::int as posted,
      (count(*) filter (where c.kind = 'enrolled'))::int as enrolled
    from counted c group by c.week
  )
  select w.week::date, coalesce(x.active, 0), coalesce(x.opened, 0), coalesce(x.done, 0), coalesce(x.booked, 0), coalesce(x.came, 0),
    coalesce(x.asked, 0), coalesce(x.posted, 0), coalesce(x.enrolled, 0),
    case when scope = 'school' and course is null then coalesce(s.tickets, 0) end,
    case when scope = 'school' and course is null then coalesce(s.breached, 0) end,
    case when scope = 'school' and money is not null then coalesce(m.received, 0) end,
    money
  from generate_series(first_week, first_week + 7 * (weeks - 1), interval '7 days') w(week)
  left join per_week x on x.week = w.week::date
  left join school s on s.week = w.week::date
  left join money_in m on m.week = w.week::date
  order by 1;
end $$;
revoke all on function private.activity_weeks(uuid, text, uuid, int, timestamptz, uuid) from public, anon, authenticated;

create function public.weekly_activity(tenant uuid, weeks int default 12, course uuid default null)
returns table (week date, active_students int, lesson_reads int, lessons_completed int, seats_booked int,
               seats_attended int, tutor_questions int, forum_posts int, enrolments int, tickets_opened int,
               tickets_breached int, revenue_minor bigint, currency text)
language plpgsql stable security definer set search_path = '' as $$
declare
  scope text := private.require_report_scope(tenant);
begin
  if weeks is null or weeks not between 1 and 52 then
    raise exception 'Charts cover 1 to 52 weeks.' using errcode = '22023', hint = 'weeks_range';
  end if;
  if course is not null and not exists (select 1 from public.courses c where c.id = course and c.tenant_id = tenant) then
    raise exception 'No such course in this school.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  return query select * from private.activity_weeks(tenant, scope, (select auth.uid()), weeks, private.clock(), course);
end $$;
comment on function public.weekly_activity(uuid, int, uuid) is 'Week-by-week activity of the last weeks (active students, lessons opened and finished, seats booked and attended, tutor questions, forum posts, enrolments; tickets opened and those that breached an SLA clock, and money, for the whole school) as far as the caller''s report scope reaches, of one course or all.';
revoke all on function public.weekly_activity(uuid, int, uuid) from public, anon;
grant execute on function public.weekly_activity(uuid, int, uuid) to authenticated, service_role;

-- The weekly school report (an owner's or admin's Monday notification) says it too.

/** A week's figures as lines of text in a language (`en` or `sw`). */
create or replace function private.school_week_text(w record, locale text) returns text
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
      format('Tiketi za msaada zilizofunguliwa: %s (SLA zilizopitwa: %s)', w.tickets_opened, w.tickets_breached),
      case when money is not null then format('Pesa zilizopokelewa: %s', money) end);
  end if;
  return concat_ws(E'\n',
    format('Active students: %s', w.active_students),
    format('Lessons finished: %s', w.lessons_completed),
    format('Tutoring seats attended: %s of %s (%s)', w.seats_attended, w.seats_booked, rate),
    format('Tutor questions: %s', w.tutor_questions),
    format('Forum posts: %s', w.forum_posts),
    format('New enrolments: %s', w.enrolments),
    format('Support tickets opened: %s (SLA breached: %s)', w.tickets_opened, w.tickets_breached),
    case when money is not null then format('Money received: %s', money) end);
end $$;
revoke all on function private.school_week_text(record, text) from public, anon, authenticated;
