-- The platform dashboard (issue 20, "superadmins see the platform"): the superadmins' console shows
-- the whole platform week by week and as it stands now. Superadmins only (42501 superadmins_only).
--
-- Weeks run Monday to Sunday in Africa/Nairobi (EAT, UTC+3 all year, no daylight saving): the
-- platform's home and the default clock of its schools. A school's own time zone cannot be used for
-- a platform-wide week (one week must be one interval for every school); for the rare school
-- elsewhere, an event near midnight on a Sunday may land in the neighbouring week. The last week is
-- the current one, up to now.
--
-- Per week: schools active (anything happened in them: someone's activity below, a ticket opened,
-- money received), new schools, active students, lessons finished, sessions held, tutor questions,
-- support tickets opened, and money received and refunded per currency (the ledger's gateway
-- clearing: sales when a payment succeeds, refunds when they are made). "Active" is the reports'
-- definition (private.activity_weeks, 20261213010000_weekly_activity.sql and its course version
-- 20261214040000_course_weekly.sql): a student opened or finished a lesson, came to a session, asked
-- the tutor or wrote in a forum. Its events are here one function, private.activity_events, which
-- the platform reads across schools; the reports' function keeps its per-school query (it filters
-- each source by the caller's courses and sessions) and can move onto it. A person who is a
-- student in two schools is one active student. Sessions held: sessions a student came to, in the
-- week they were to start. Lessons finished and tutor questions count what students did (people who
-- are students now, as in the reports).
--
-- Speed: each source is read once for the whole period and grouped by week (never one pass per
-- week). The activity is one pass of each of its sources, grouped per week and school, per week and
-- student and per week and session at once (grouping sets), then per week; tickets, the ledger and
-- new schools are one grouped pass each. Ranges over every school need an index on the time alone,
-- added below where a table had one only after its school. lesson_progress gets none: last_read_at
-- changes on every read, and an index on it would turn each of those updates from HOT into an update
-- of every index on the hottest write path; its pass is one sequential scan for the three times of
-- each lesson. 500 schools, 100,000 students, two years of activity: ~4 s of backend CPU for 12
-- weeks on the 2-core machine (docs/decisions.md).

-- Section: what makes someone active

/**
 * Every event between `since` and `until` that makes a person active in a school, one row per event:
 * a lesson opened (first, `opened`, and last, `read`) or finished (`done`), a session come to
 * (`came`: once per person and session, at the session's start, cancelled sessions left out), a
 * question to the tutor (`asked`), a forum thread or reply (`posted`). Any person's: a reader keeps
 * the students (memberships) and the schools, courses or sessions it covers. A plain SQL function of
 * one query, inlined into its reader's query (no security definer, no settings): each source's time
 * filter reaches its index, and a lesson's three times are read in one pass of lesson_progress.
 */
create function private.activity_events(since timestamptz, until timestamptz)
returns table (kind text, tenant_id uuid, course_id uuid, session_id uuid, user_id uuid, at timestamptz)
language sql stable as $$
  select e.kind, p.tenant_id, p.course_id, null::uuid, p.user_id, e.at
  from public.lesson_progress p
  cross join lateral (values ('opened', p.first_read_at), ('read', p.last_read_at), ('done', p.completed_at)) e (kind, at)
  where (p.first_read_at >= since or p.last_read_at >= since or p.completed_at >= since)
    and e.at >= since and e.at < until
  union all
  select 'came', s.tenant_id, s.course_id, s.id, a.user_id, s.starts_at
  from public.tutoring_sessions s join public.session_attendance a on a.session_id = s.id
  where s.starts_at >= since and s.starts_at < until and s.status <> 'cancelled' and a.joined_at is not null
  group by s.id, a.user_id
  union all
  select 'asked', c.tenant_id, c.course_id, null, c.student_id, m.created_at
  from public.ai_messages m join public.ai_conversations c on c.id = m.conversation_id
  where m.role = 'user' and m.created_at >= since and m.created_at < until
  union all
  select 'posted', f.tenant_id, f.course_id, null, f.author_id, f.created_at from public.forum_threads f
  where f.created_at >= since and f.created_at < until
  union all
  select 'posted', f.tenant_id, f.course_id, null, f.author_id, f.created_at from public.forum_posts f
  where f.created_at >= since and f.created_at < until
$$;
comment on function private.activity_events(timestamptz, timestamptz) is 'Events of a period that make a person active in a school (kind opened, read, done, came, asked, posted; at: when), any person''s: the reports'' definition of an active student, read across schools by public.platform_weekly (inlined into its query).';
revoke all on function private.activity_events(timestamptz, timestamptz) from public, anon, authenticated;

-- The time alone, for ranges over every school (the platform's weeks).
create index tutoring_sessions_starts_idx on public.tutoring_sessions (starts_at);
create index ai_messages_asked_idx on public.ai_messages (created_at) where role = 'user';
create index forum_threads_created_idx on public.forum_threads (created_at);
create index forum_posts_created_idx on public.forum_posts (created_at);
create index tickets_created_idx on public.tickets (created_at);
create index ledger_money_in_idx on public.ledger_transactions (created_at) where kind in ('sale', 'refund');

-- Section: the platform's weeks

create function public.platform_weekly(weeks int default 12)
returns table (week date, schools_active int, schools_new int, active_students int, lessons_completed int,
               sessions_held int, tutor_questions int, tickets_opened int, money jsonb)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set work_mem = '64MB' as $$
declare
  tz constant text := 'Africa/Nairobi';
  now_at timestamptz := private.clock();
  first_week date;
  since timestamptz;
begin
  perform private.require_superadmin();
  if weeks is null or weeks not between 1 and 52 then
    raise exception 'Charts cover 1 to 52 weeks.' using errcode = '22023', hint = 'weeks_range';
  end if;
  first_week := date_trunc('week', now_at at time zone tz)::date - 7 * (weeks - 1);
  since := first_week::timestamp at time zone tz;

  return query
  with tickets as (
    select date_trunc('week', t.created_at at time zone tz)::date as week, t.tenant_id, count(*)::int as opened
    from public.tickets t where t.created_at >= since and t.created_at < now_at
    group by 1, 2
  ), ledger as (
    -- Money through the gateways: a sale debits gateway clearing, a refund credits it.
    select date_trunc('week', t.created_at at time zone tz)::date as week, t.tenant_id, e.currency,
      coalesce(sum(e.amount_minor) filter (where t.kind = 'sale'), 0) as received,
      coalesce(-sum(e.amount_minor) filter (where t.kind = 'refund'), 0) as refunded
    from public.ledger_transactions t
    join public.ledger_entries e on e.transaction_id = t.id
    join public.ledger_accounts l on l.id = e.account_id and l.kind = 'gateway_clearing'
    where t.kind in ('sale', 'refund') and t.created_at >= since and t.created_at < now_at
    group by 1, 2, 3
  ), events as (
    -- Everything that makes a school active that week; `student` and `held` are set for what a
    -- student of the school did (and the session they came to), null otherwise.
    select date_trunc('week', a.at at time zone tz)::date as week, a.tenant_id, a.kind,
      case when m.user_id is not null then a.user_id end as student,
      case when m.user_id is not null and a.kind = 'came' then a.session_id end as held
    from private.activity_events(since, now_at) a
    left join public.memberships m on m.tenant_id = a.tenant_id and m.user_id = a.user_id and m.role = 'student'
    union all
    select t.week, t.tenant_id, 'ticket', null, null from tickets t
    union all
    select l.week, l.tenant_id, 'money', null, null from ledger l
  ), grouped as (
    -- One pass over them, three groupings at once: per week and school (g = 3), per week and
    -- student (g = 5: each person once, whichever schools), per week and session held (g = 6).
    select e.week, grouping(e.tenant_id, e.student, e.held) as g, e.student, e.held,
      count(*) filter (where e.kind = 'done') as done,
      count(*) filter (where e.kind = 'asked') as asked
    from events e
    group by grouping sets ((e.week, e.tenant_id), (e.week, e.student), (e.week, e.held))
  ), per_week as (
    select x.week,
      (count(*) filter (where x.g = 3))::int as schools,
      (count(*) filter (where x.g = 5 and x.student is not null))::int as active,
      (sum(x.done) filter (where x.g = 5 and x.student is not null))::int as done,
      (sum(x.asked) filter (where x.g = 5 and x.student is not null))::int as asked,
      (count(*) filter (where x.g = 6 and x.held is not null))::int as held
    from grouped x group by x.week
  ), tickets_week as (
    select t.week, sum(t.opened)::int as opened from tickets t group by t.week
  ), money_in as (
    select y.week, jsonb_agg(jsonb_build_object('currency', y.currency, 'received_minor', y.received,
                                                'refunded_minor', y.refunded) order by y.currency) as money
    from (select l.week, l.currency, sum(l.received) as received, sum(l.refunded) as refunded
          from ledger l group by 1, 2) y
    group by y.week
  ), new_schools as (
    select date_trunc('week', t.created_at at time zone tz)::date as week, count(*)::int as schools
    from public.tenants t where t.created_at >= since and t.created_at < now_at
    group by 1
  )
  select w.week::date, coalesce(x.schools, 0), coalesce(n.schools, 0), coalesce(x.active, 0), coalesce(x.done, 0),
    coalesce(x.held, 0), coalesce(x.asked, 0), coalesce(k.opened, 0), coalesce(m.money, '[]'::jsonb)
  from generate_series(first_week, first_week + 7 * (weeks - 1), interval '7 days') w(week)
  left join per_week x on x.week = w.week::date
  left join new_schools n on n.week = w.week::date
  left join tickets_week k on k.week = w.week::date
  left join money_in m on m.week = w.week::date
  order by 1;
end $$;
comment on function public.platform_weekly(int) is 'The whole platform week by week (Monday to Sunday, Africa/Nairobi) over the last weeks (1 to 52, the current one last): schools active and new, active students, lessons finished, sessions held, tutor questions, tickets opened, money received and refunded per currency. Superadmins only.';
revoke all on function public.platform_weekly(int) from public, anon;
grant execute on function public.platform_weekly(int) to authenticated, service_role;

-- Section: the platform now

create function public.platform_totals()
returns table (schools_by_status jsonb, deletion_planned int, members_by_role jsonb, people int)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_superadmin();
  return query
  select
    (select jsonb_build_object('active', count(*) filter (where t.status = 'active'),
                               'suspended', count(*) filter (where t.status = 'suspended'),
                               'deleted', count(*) filter (where t.status = 'deleted'))
     from public.tenants t),
    (select count(*)::int from public.tenants t where t.deletion_due_at is not null and t.status <> 'deleted'),
    (select coalesce(jsonb_object_agg(r.role, r.n), '{}'::jsonb)
     from (select m.role, count(*) as n from public.memberships m group by m.role) r),
    (select count(distinct m.user_id)::int from public.memberships m);
end $$;
comment on function public.platform_totals() is 'The platform as it stands: schools by status (active, suspended, deleted) and those whose deletion is planned, memberships by role (a person in two schools counts in each) and people who belong to a school. Superadmins only.';
revoke all on function public.platform_totals() from public, anon;
grant execute on function public.platform_totals() to authenticated, service_role;
