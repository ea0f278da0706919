-- The support desk report and the AI tutor usage report (issue 20), over days of a school's calendar,
-- on the reports page and exported as CSV, XLSX or PDF by the same job as the other reports.
--
-- Support (owners, admins and staff, as the support desk: 42501 `support_staff_only` for anyone else):
-- by agent, by category or ticket by ticket. SLA figures are the tickets opened in the period (merged
-- ones count in the ticket they joined) by their current agent: medians to the first answer and to
-- resolution, SLA clocks met on time and breached (public.ticket_sla_targets). Satisfaction is the
-- ratings given in the period, by the agent and category they were given to (by ticket: the ticket's
-- rating, whenever it came). The support page (edge/api/support/report.ts) shows these figures too,
-- read from here. A desk's history is small (tickets, not seats), so unlike the other reports this one
-- takes a period longer than a year: "every rating since we opened" is a question people ask.
--
-- AI tutor (owners and admins the school; instructors the conversations about courses they write;
-- 42501 `tutor_report_forbidden` for anyone else): by course, student, day or provider, counted from
-- the period's messages — questions, answers given and failed, messages flagged, tokens. The usage per
-- provider and day that the AI settings page shows (public.ai_usage_daily) is the school's bill; this
-- report is what was asked, by whom and where.
--
-- Both take the group 'total' besides their groupings: one row with the whole period's figures, for
-- the API's totals (medians and distinct students do not add up from rows).

-- Section: support desk

/**
 * The support report. Each row: `key` (the agent, null for tickets nobody works; the ticket; null by
 * category), `label` (the agent's name; the ticket's subject), `detail` (by ticket its agent),
 * `number` and `opened_at` (by ticket), `category` (by category and ticket), then `tickets`,
 * `first_response_minutes` and `resolution_hours` (medians, one decimal), `met` and `breached` (SLA
 * clocks), `ratings`, `average_score` (two decimals) and `satisfied` (ratings of 4 or 5). `ordinal`:
 * agents by name (the unassigned last), categories in their order, tickets by number.
 */
create function public.support_report(tenant uuid, from_day date, to_day date, group_by text)
returns table (ordinal bigint, key uuid, label text, detail text, number int, category text,
               opened_at timestamptz, tickets int, first_response_minutes float8, resolution_hours float8,
               met int, breached int, ratings int, average_score float8, satisfied int)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan as $$
declare
  tz text := (select t.time_zone from public.tenants t where t.id = tenant);
  period_from timestamptz := from_day::timestamp at time zone tz;
  period_to timestamptz := (to_day + 1)::timestamp at time zone tz;
begin
  if not private.is_support_staff(tenant) then
    raise exception 'Only the school''s owners, admins and staff read its support report.'
      using errcode = '42501', hint = 'support_staff_only';
  end if;
  if group_by is null or group_by not in ('agent', 'category', 'ticket', 'total') then
    raise exception 'A support report is grouped by agent, category or ticket.'
      using errcode = '22023', hint = 'report_grouping';
  end if;
  if from_day > to_day then
    raise exception 'The period starts after it ends.' using errcode = '22023', hint = 'period_reversed';
  end if;
  return query
  with opened as (
    select t.id, t.number, t.subject, t.category, t.assignee_id, t.created_at,
           extract(epoch from t.first_response_at - t.created_at) / 60 as to_answer,
           extract(epoch from t.resolved_at - t.created_at) / 3600 as to_resolve
    from public.tickets t
    where t.tenant_id = tenant and t.created_at >= period_from and t.created_at < period_to
      and t.merged_into is null
  ), clocks as (
    select s.ticket_id,
           count(*) filter (where s.met_at is not null and s.met_at <= s.due_at and s.breached_at is null) as met,
           count(*) filter (where s.breached_at is not null) as breached
    from public.ticket_sla_targets s join opened o on o.id = s.ticket_id
    group by s.ticket_id
  ), rated as (
    select g.ticket_id, g.agent_id, g.category, g.score from public.ticket_ratings g
    where g.tenant_id = tenant and case when group_by = 'ticket' then g.ticket_id in (select o.id from opened o)
                                        else g.created_at >= period_from and g.created_at < period_to end
  ), keyed as (
    select case group_by when 'agent' then o.assignee_id when 'ticket' then o.id end as k,
           case when group_by in ('category', 'ticket') then o.category::text end as cat,
           1 as n, o.to_answer, o.to_resolve, coalesce(c.met, 0) as met, coalesce(c.breached, 0) as breached,
           null::int as score
    from opened o left join clocks c on c.ticket_id = o.id
    union all
    select case group_by when 'agent' then r.agent_id when 'ticket' then r.ticket_id end,
           case when group_by = 'category' then r.category::text end, 0, null, null, 0, 0, r.score
    from rated r
  ), grouped as (
    select x.k, max(x.cat) as cat, sum(x.n)::int as n,
           round((percentile_cont(0.5) within group (order by x.to_answer))::numeric, 1)::float8 as fr,
           round((percentile_cont(0.5) within group (order by x.to_resolve))::numeric, 1)::float8 as rh,
           sum(x.met)::int as met, sum(x.breached)::int as breached, count(x.score)::int as ratings,
           round(avg(x.score), 2)::float8 as score, (count(*) filter (where x.score >= 4))::int as sat
    from keyed x
    group by x.k, case when group_by = 'category' then x.cat end
  )
  select row_number() over (order by
           case when group_by = 'agent' then private.person_name(pa.display_name, pa.email) end nulls last,
           case when group_by = 'category' then g.cat::public.ticket_category end, o.number, g.k),
         g.k,
         case group_by when 'agent' then private.person_name(pa.display_name, pa.email) when 'ticket' then o.subject end,
         case when group_by = 'ticket' then private.person_name(pa.display_name, pa.email) end,
         o.number, g.cat, o.created_at, g.n, g.fr, g.rh, g.met, g.breached, g.ratings, g.score, g.sat
  from grouped g
  left join opened o on group_by = 'ticket' and o.id = g.k
  left join public.profiles pa on pa.id = case group_by when 'agent' then g.k when 'ticket' then o.assignee_id end;
end $$;
comment on function public.support_report(uuid, date, date, text) is 'The support desk over days of the school''s calendar: SLA of the tickets opened and satisfaction of the ratings given, by agent, category or ticket (or ''total''). Owners, admins and staff only.';

revoke all on function public.support_report(uuid, date, date, text) from public, anon;
grant execute on function public.support_report(uuid, date, date, text) to authenticated, service_role;

-- Section: AI tutor

/** True when the caller reads the whole school's tutor use (owners, admins), false for an instructor (their courses'); refuses anyone else. */
create function private.tutor_report_scope(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.has_role(tenant, private.admin_roles()) then
    return true;
  end if;
  if private.has_role(tenant, array['instructor']::public.tenant_role[]) then
    return false;
  end if;
  raise exception 'The AI tutor report is for the school''s owners, admins and teachers.'
    using errcode = '42501', hint = 'tutor_report_forbidden';
end $$;
comment on function private.tutor_report_scope(uuid) is 'True for owners and admins (the school), false for instructors (the courses they write); 42501 tutor_report_forbidden for anyone else.';
revoke all on function private.tutor_report_scope(uuid) from public, anon;
grant execute on function private.tutor_report_scope(uuid) to authenticated, service_role;

/**
 * The AI tutor usage report. Each row: `key` (the course, null for conversations about none; the
 * student), `day` (by day, in the school's time zone), `label` (the course's title, the student's name,
 * the provider — `lessons` or `safety` for answers made without one), then `students` and
 * `conversations` with a message in the row, `questions` (by provider: those it answered or failed
 * to), `answers`, `failed`, `flagged` messages and the answers' `tokens_in` and `tokens_out`.
 * `ordinal`: days in order, else by label (no course last).
 */
create function public.tutor_report(tenant uuid, from_day date, to_day date, group_by text, course uuid default null)
returns table (ordinal bigint, key uuid, day date, label text, students int, conversations int, questions int,
               answers int, failed int, flagged int, tokens_in bigint, tokens_out bigint)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan as $$
declare
  whole boolean := private.tutor_report_scope(tenant);
  tz text := (select t.time_zone from public.tenants t where t.id = tenant);
  period_from timestamptz;
  period_to timestamptz;
begin
  if group_by is null or group_by not in ('course', 'student', 'day', 'provider', 'total') then
    raise exception 'An AI tutor report is grouped by course, student, day or provider.'
      using errcode = '22023', hint = 'report_grouping';
  end if;
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with conv as (
    select c.id, c.student_id, c.course_id from public.ai_conversations c
    where c.tenant_id = tenant and (course is null or c.course_id = course)
      and (whole or (c.course_id is not null and private.can_edit_course(c.course_id)))
  ), keyed as (
    select case group_by when 'course' then c.course_id when 'student' then c.student_id end as k,
           case when group_by = 'day' then (m.created_at at time zone tz)::date end as d,
           case when group_by = 'provider' then coalesce(m.provider, m.source) end as p,
           c.id as conversation, c.student_id, m.role, m.status, m.flagged, m.tokens_in, m.tokens_out
    from conv c join public.ai_messages m on m.conversation_id = c.id
    where m.created_at >= period_from and m.created_at < period_to
      and (group_by <> 'provider' or m.role = 'assistant')
  ), grouped as (
    select x.k, x.d, x.p, count(distinct x.student_id)::int as n, count(distinct x.conversation)::int as nc,
           (count(*) filter (where x.role = 'user' or group_by = 'provider'))::int as q,
           (count(*) filter (where x.role = 'assistant' and x.status = 'done'))::int as a,
           (count(*) filter (where x.role = 'assistant' and x.status = 'failed'))::int as f,
           (count(*) filter (where x.flagged))::int as fl,
           coalesce(sum(x.tokens_in), 0)::bigint as ti, coalesce(sum(x.tokens_out), 0)::bigint as t_out
    from keyed x
    group by x.k, x.d, x.p
  ), named as (
    select g.*, case group_by when 'course' then co.title when 'student' then private.person_name(pr.display_name, pr.email)
                              when 'provider' then g.p end as l
    from grouped g
    left join public.courses co on group_by = 'course' and co.id = g.k
    left join public.profiles pr on group_by = 'student' and pr.id = g.k
  )
  select row_number() over (order by x.d, x.l nulls last, x.k), x.k, x.d, x.l, x.n, x.nc, x.q, x.a, x.f, x.fl, x.ti, x.t_out
  from named x;
end $$;
comment on function public.tutor_report(uuid, date, date, text, uuid) is 'AI tutor use over days of the school''s calendar (questions, answers, failures, flags, tokens) by course, student, day or provider (or ''total''): owners and admins the school, instructors the courses they write.';

revoke all on function public.tutor_report(uuid, date, date, text, uuid) from public, anon;
grant execute on function public.tutor_report(uuid, date, date, text, uuid) to authenticated, service_role;

-- Section: exports of them

alter table public.report_exports drop constraint report_exports_report_check;
alter table public.report_exports add constraint report_exports_report_check
  check (report in ('attendance', 'progress', 'payments', 'support', 'tutor'));

/** Only those who may read a report ask for an export of it (public.request_report_export writes the row as the caller). */
create or replace function private.report_export_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  case new.report
    when 'payments' then perform private.require_payments_report(new.tenant_id);
    when 'tutor' then perform private.tutor_report_scope(new.tenant_id);
    when 'support' then
      if not private.is_support_staff(new.tenant_id) then
        raise exception 'Only the school''s owners, admins and staff read its support report.'
          using errcode = '42501', hint = 'support_staff_only';
      end if;
    else null;
  end case;
  return new;
end $$;
revoke all on function private.report_export_guard() from public, anon, authenticated;
