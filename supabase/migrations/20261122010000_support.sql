-- Support desk: tickets with a live conversation (public replies and internal notes), a staff
-- queue with round-robin assignment, canned replies, SLA policies counted in the school's
-- business hours with exactly-once escalation, satisfaction ratings, and in-app notifications.
-- Live delivery: triggers send `pg_notify('live', …)`; every realtime instance LISTENs and
-- forwards to the subscribers whose access it checked in the database.

-- Section: types

create type public.ticket_status as enum ('open', 'pending', 'resolved', 'closed');
comment on type public.ticket_status is 'open: staff act next; pending: waiting on the requester (SLA paused); resolved: answered, may reopen; closed: final.';
create type public.ticket_priority as enum ('low', 'normal', 'high', 'urgent');
comment on type public.ticket_priority is 'How fast a ticket must be handled; an SLA breach raises it one step.';
create type public.ticket_category as enum ('technical', 'billing', 'academic', 'account');
comment on type public.ticket_category is 'What a ticket is about, chosen by the requester.';
create type public.sla_target as enum ('first_response', 'next_response', 'resolution');
comment on type public.sla_target is 'The clocks of an SLA: first staff reply, each next staff reply, resolution.';
create type public.sla_state as enum ('ok', 'warning', 'breached', 'paused', 'met');
comment on type public.sla_state is 'Where a ticket stands against its running SLA clocks.';

-- Section: clock

-- Everything time-dependent here reads this clock, so tests (and a dry run of the SLA job) can
-- set `kipindi.clock` for their transaction. Our API and PostgREST never set it.
create function private.clock() returns timestamptz
language plpgsql stable set search_path = '' as $$
begin
  return coalesce(nullif(current_setting('kipindi.clock', true), '')::timestamptz, now());
end $$;
comment on function private.clock() is 'now(), or the transaction''s kipindi.clock setting when a test or dry run sets one.';

-- A change made by a signed-in person's request, not by our own triggers, the SLA job or the
-- service role: those run with other roles, or one trigger level deeper.
create function private.acting_user() returns boolean
language plpgsql stable set search_path = '' as $$
begin
  return current_setting('role') = 'authenticated' and pg_trigger_depth() <= 1;
end $$;
comment on function private.acting_user() is 'True inside a signed-in user''s own statement (role authenticated, not a nested trigger).';

-- Section: tables — configuration

create table public.support_calendars (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  work_days int[] not null default '{1,2,3,4,5}'
    check (cardinality(work_days) between 1 and 7 and work_days <@ '{1,2,3,4,5,6,7}'::int[]),
  day_start time not null default '08:00',
  day_end time not null default '17:00',
  updated_at timestamptz not null default now(),
  check (day_end > day_start)
);
alter table public.support_calendars enable row level security;
comment on table public.support_calendars is 'A school''s support hours: ISO weekdays (1 = Monday) and daily hours in the school''s time zone. Missing: Monday–Friday 08:00–17:00.';

create table public.support_holidays (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  day date not null,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  primary key (tenant_id, day)
);
alter table public.support_holidays enable row level security;
comment on table public.support_holidays is 'Days the support desk is closed: SLA clocks do not run on them.';

create table public.sla_policies (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  priority public.ticket_priority not null,
  first_response_minutes int not null check (first_response_minutes between 1 and 100000),
  next_response_minutes int not null check (next_response_minutes between 1 and 100000),
  resolution_minutes int not null check (resolution_minutes between 1 and 1000000),
  warn_percent int not null default 80 check (warn_percent between 1 and 99),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, priority)
);
alter table public.sla_policies enable row level security;
comment on table public.sla_policies is 'SLA targets per school and priority, in business minutes. Missing priorities use private.default_sla.';

create table public.support_agents (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  available boolean not null default true,
  max_open int not null default 10 check (max_open between 0 and 1000),
  last_seen_at timestamptz,
  last_assigned_at timestamptz,
  primary key (tenant_id, user_id)
);
alter table public.support_agents enable row level security;
comment on table public.support_agents is 'Staff taking tickets: availability, open-ticket cap, and when they were last online (the live queue) and last given a ticket (round-robin).';
create index support_agents_user_id_idx on public.support_agents (user_id);

create table public.canned_replies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 100),
  body text not null check (char_length(btrim(body)) between 1 and 4000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.canned_replies enable row level security;
comment on table public.canned_replies is 'Saved replies of a school''s support staff; {{requester_name}}, {{agent_name}}, {{ticket_number}}, {{school_name}} are filled in when used.';
create index canned_replies_tenant_id_idx on public.canned_replies (tenant_id, lower(title));
create index canned_replies_created_by_idx on public.canned_replies (created_by);

-- Section: tables — tickets

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  number int not null,
  requester_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  subject text not null check (char_length(btrim(subject)) between 1 and 200),
  category public.ticket_category not null,
  priority public.ticket_priority not null default 'normal',
  status public.ticket_status not null default 'open',
  assignee_id uuid references auth.users (id) on delete set null,
  context jsonb not null default '{}' check (jsonb_typeof(context) = 'object' and octet_length(context::text) <= 2000),
  merged_into uuid references public.tickets (id) on delete set null,
  sla_state public.sla_state not null default 'ok',
  sla_due_at timestamptz,
  paused_at timestamptz,
  first_response_at timestamptz,
  last_message_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, number)
);
alter table public.tickets enable row level security;
comment on table public.tickets is 'A support request of a member to their school''s staff; context holds where it was opened (page, course, lesson, session).';
create index tickets_queue_idx on public.tickets (tenant_id, status, updated_at desc);
create index tickets_requester_idx on public.tickets (requester_id, updated_at desc);
create index tickets_assignee_idx on public.tickets (assignee_id, status);
create index tickets_merged_into_idx on public.tickets (merged_into);

create table public.ticket_messages (
  id bigint generated always as identity primary key,
  ticket_id uuid not null references public.tickets (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 4000),
  internal boolean not null default false,
  system boolean not null default false,
  created_at timestamptz not null default now()
);
alter table public.ticket_messages enable row level security;
comment on table public.ticket_messages is 'The conversation of a ticket: public replies, internal notes (staff only) and system lines (status, assignment, SLA).';
create index ticket_messages_ticket_idx on public.ticket_messages (ticket_id, id);
create index ticket_messages_author_idx on public.ticket_messages (author_id);
create index ticket_messages_internal_idx on public.ticket_messages (internal, ticket_id);

create table public.ticket_reads (
  ticket_id uuid not null references public.tickets (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  last_read_id bigint not null check (last_read_id > 0),
  read_at timestamptz not null default now(),
  primary key (ticket_id, user_id)
);
alter table public.ticket_reads enable row level security;
comment on table public.ticket_reads is 'How far each participant has read a ticket''s conversation: the "seen" state.';
create index ticket_reads_user_idx on public.ticket_reads (user_id);

create table public.ticket_sla_targets (
  ticket_id uuid not null references public.tickets (id) on delete cascade,
  target public.sla_target not null,
  cycle int not null default 0,
  started_at timestamptz not null,
  warn_at timestamptz not null,
  due_at timestamptz not null,
  met_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  primary key (ticket_id, target, cycle)
);
alter table public.ticket_sla_targets enable row level security;
comment on table public.ticket_sla_targets is 'Each SLA clock of a ticket. warned_at and breached_at are set once, by the SLA job, which escalates only the run that sets them.';
create index ticket_sla_targets_due_idx on public.ticket_sla_targets (due_at) where met_at is null and breached_at is null;
create index ticket_sla_targets_warn_idx on public.ticket_sla_targets (warn_at) where met_at is null and warned_at is null;

create table public.ticket_ratings (
  ticket_id uuid primary key references public.tickets (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  requester_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  agent_id uuid references auth.users (id) on delete set null,
  category public.ticket_category not null,
  score int not null check (score between 1 and 5),
  comment text not null default '' check (char_length(comment) <= 1000),
  created_at timestamptz not null default now()
);
alter table public.ticket_ratings enable row level security;
comment on table public.ticket_ratings is 'The requester''s 1–5 satisfaction rating of a resolved ticket (CSAT), once per ticket.';
create index ticket_ratings_tenant_idx on public.ticket_ratings (tenant_id, created_at desc);
create index ticket_ratings_requester_idx on public.ticket_ratings (requester_id);
create index ticket_ratings_agent_idx on public.ticket_ratings (agent_id);

create table public.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  tenant_id uuid references public.tenants (id) on delete cascade,
  kind text not null check (kind in ('ticket_message', 'ticket_assigned', 'sla_warning', 'sla_breach')),
  title text not null check (char_length(title) <= 200),
  body text not null default '' check (char_length(body) <= 500),
  link text not null default '' check (char_length(link) <= 500),
  ticket_id uuid references public.tickets (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
alter table public.notifications enable row level security;
comment on table public.notifications is 'In-app notifications (the bell). Written by triggers and the SLA job; users mark their own read.';
create index notifications_user_idx on public.notifications (user_id, id desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_ticket_idx on public.notifications (ticket_id);

-- Section: access helpers

create function private.support_roles() returns public.tenant_role[]
language sql immutable set search_path = '' as $$ select array['owner', 'admin', 'staff']::public.tenant_role[] $$;
comment on function private.support_roles() is 'Roles that work a school''s support desk.';

create function private.is_support_staff(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.has_role(tenant, private.support_roles());
end $$;
comment on function private.is_support_staff(uuid) is 'True for owners, admins and staff of the school: they see and work all its tickets.';

create function private.ticket_tenant(ticket uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select t.tenant_id from public.tickets t where t.id = ticket);
end $$;
comment on function private.ticket_tenant(uuid) is 'The school a ticket belongs to.';

create function private.is_requester(ticket uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.tickets t
    join public.memberships m on m.tenant_id = t.tenant_id and m.user_id = t.requester_id
    where t.id = ticket and t.requester_id = (select auth.uid())
  );
end $$;
comment on function private.is_requester(uuid) is 'True when the caller opened the ticket and is still in its school.';

create function private.can_work_ticket(ticket uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.is_support_staff(private.ticket_tenant(ticket));
end $$;
comment on function private.can_work_ticket(uuid) is 'True for the support staff of the ticket''s school.';

/** Used by the API and the realtime server when a socket subscribes to `ticket:<id>`. */
create function public.ticket_access(ticket uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.ticket_tenant(ticket) is null then return 'missing'; end if;
  if private.can_work_ticket(ticket) then return 'staff'; end if;
  if private.is_requester(ticket) then return 'requester'; end if;
  return 'none';
end $$;
comment on function public.ticket_access(uuid) is 'The caller''s access to a ticket: staff (all messages), requester (public messages), none, or missing.';

create function public.support_queue_access(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.is_support_staff(tenant);
end $$;
comment on function public.support_queue_access(uuid) is 'True when the caller may watch the school''s live ticket queue.';

revoke all on function private.support_roles(), private.is_support_staff(uuid), private.ticket_tenant(uuid),
  private.is_requester(uuid), private.can_work_ticket(uuid), public.ticket_access(uuid),
  public.support_queue_access(uuid), private.clock(), private.acting_user() from public, anon;
grant execute on function private.support_roles(), private.is_support_staff(uuid), private.ticket_tenant(uuid),
  private.is_requester(uuid), private.can_work_ticket(uuid), public.ticket_access(uuid),
  public.support_queue_access(uuid), private.clock(), private.acting_user() to authenticated, service_role;

-- Section: business calendar

create function private.default_sla(p public.ticket_priority, target public.sla_target) returns int
language sql immutable set search_path = '' as $$
  select case target
    when 'first_response' then case p when 'urgent' then 30 when 'high' then 60 when 'normal' then 240 else 480 end
    when 'next_response' then case p when 'urgent' then 60 when 'high' then 120 when 'normal' then 480 else 960 end
    else case p when 'urgent' then 240 when 'high' then 480 when 'normal' then 1440 else 2880 end
  end
$$;
comment on function private.default_sla(public.ticket_priority, public.sla_target) is 'Built-in SLA targets in business minutes, for priorities a school has not configured.';

-- The calendar of a school: its row, or Monday–Friday 08:00–17:00, in the school's time zone.
create function private.support_calendar(tenant uuid, out time_zone text, out work_days int[], out day_start time, out day_end time)
language plpgsql stable security definer set search_path = '' as $$
begin
  select t.time_zone, coalesce(c.work_days, '{1,2,3,4,5}'), coalesce(c.day_start, '08:00'), coalesce(c.day_end, '17:00')
    into time_zone, work_days, day_start, day_end
  from public.tenants t left join public.support_calendars c on c.tenant_id = t.id
  where t.id = tenant;
end $$;
comment on function private.support_calendar(uuid) is 'A school''s working days and hours (defaults filled in) and time zone.';

-- The working window of one local date, or nothing on a day off. Windows are built from local
-- times, so a daylight-saving change moves them with the wall clock.
create function private.work_window(tenant uuid, d date, time_zone text, work_days int[], day_start time, day_end time,
  out starts timestamptz, out ends timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  if extract(isodow from d)::int = any (work_days)
     and not exists (select 1 from public.support_holidays h where h.tenant_id = tenant and h.day = d) then
    starts := (d + day_start) at time zone time_zone;
    ends := (d + day_end) at time zone time_zone;
  end if;
end $$;
comment on function private.work_window(uuid, date, text, int[], time, time) is 'The support hours of one local date of a school, or nulls on a day off.';

create function private.add_business_time(tenant uuid, start timestamptz, duration interval) returns timestamptz
language plpgsql stable security definer set search_path = '' as $$
declare
  cal record;
  d date;
  remaining interval := greatest(duration, interval '0');
  w record;
  from_ timestamptz;
begin
  select * into cal from private.support_calendar(tenant);
  d := (start at time zone cal.time_zone)::date;
  for i in 1..3700 loop -- ten years of days off is a calendar error, not a deadline
    select * into w from private.work_window(tenant, d, cal.time_zone, cal.work_days, cal.day_start, cal.day_end);
    if w.starts is not null then
      from_ := greatest(w.starts, start);
      if w.ends > from_ then
        if w.ends - from_ >= remaining then return from_ + remaining; end if;
        remaining := remaining - (w.ends - from_);
      end if;
    end if;
    d := d + 1;
  end loop;
  raise exception 'The support calendar has no working time.' using errcode = '22023';
end $$;
comment on function private.add_business_time(uuid, timestamptz, interval) is 'The moment a duration of support hours after start has passed, in the school''s calendar.';

create function private.business_time_between(tenant uuid, a timestamptz, b timestamptz) returns interval
language plpgsql stable security definer set search_path = '' as $$
declare
  cal record;
  d date;
  last_day date;
  total interval := interval '0';
  w record;
begin
  if b <= a then return total; end if;
  select * into cal from private.support_calendar(tenant);
  d := (a at time zone cal.time_zone)::date;
  last_day := (b at time zone cal.time_zone)::date;
  while d <= last_day loop
    select * into w from private.work_window(tenant, d, cal.time_zone, cal.work_days, cal.day_start, cal.day_end);
    if w.starts is not null and least(w.ends, b) > greatest(w.starts, a) then
      total := total + (least(w.ends, b) - greatest(w.starts, a));
    end if;
    d := d + 1;
  end loop;
  return total;
end $$;
comment on function private.business_time_between(uuid, timestamptz, timestamptz) is 'How much support time of the school''s calendar lies between two moments.';

create function private.sla_minutes(tenant uuid, p public.ticket_priority, target public.sla_target, out minutes int, out warn_percent int)
language plpgsql stable security definer set search_path = '' as $$
begin
  select case target when 'first_response' then s.first_response_minutes
                     when 'next_response' then s.next_response_minutes else s.resolution_minutes end,
         s.warn_percent
    into minutes, warn_percent
  from public.sla_policies s where s.tenant_id = tenant and s.priority = p;
  minutes := coalesce(minutes, private.default_sla(p, target));
  warn_percent := coalesce(warn_percent, 80);
end $$;
comment on function private.sla_minutes(uuid, public.ticket_priority, public.sla_target) is 'A school''s target for one SLA clock and priority, with its warning threshold.';

-- Starts one SLA clock of a ticket at `at`.
create function private.start_sla(ticket public.tickets, which public.sla_target, cycle int, at timestamptz) returns void
language plpgsql security definer set search_path = '' as $$
declare
  target record;
begin
  select * into target from private.sla_minutes(ticket.tenant_id, ticket.priority, which);
  insert into public.ticket_sla_targets (ticket_id, target, cycle, started_at, warn_at, due_at)
  values (ticket.id, which, cycle, at,
          private.add_business_time(ticket.tenant_id, at, make_interval(mins => target.minutes * target.warn_percent / 100)),
          private.add_business_time(ticket.tenant_id, at, make_interval(mins => target.minutes)))
  on conflict do nothing;
end $$;
comment on function private.start_sla(public.tickets, public.sla_target, int, timestamptz) is 'Starts an SLA clock: its warning and due moments in business time.';

-- Recomputes the ticket's summary of its running clocks (kept on the ticket for the queue).
create function private.refresh_sla(ticket uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.tickets t set
    sla_due_at = s.due,
    sla_state = case
      when t.paused_at is not null then 'paused'
      when s.open = 0 then 'met'
      when s.breached > 0 then 'breached'
      when s.warned > 0 then 'warning'
      else 'ok' end::public.sla_state
  from (
    select min(x.due_at) filter (where x.breached_at is null) as due,
           count(*) as open,
           count(*) filter (where x.breached_at is not null) as breached,
           count(*) filter (where x.warned_at is not null) as warned
    from public.ticket_sla_targets x where x.ticket_id = ticket and x.met_at is null
  ) s
  where t.id = ticket
    and (t.sla_due_at is distinct from s.due or t.sla_state <> case
      when t.paused_at is not null then 'paused'
      when s.open = 0 then 'met'
      when s.breached > 0 then 'breached'
      when s.warned > 0 then 'warning'
      else 'ok' end::public.sla_state);
end $$;
comment on function private.refresh_sla(uuid) is 'Sets a ticket''s sla_state and sla_due_at from its running clocks.';

create function private.meet_sla(ticket uuid, targets public.sla_target[], at timestamptz) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.ticket_sla_targets x set met_at = at
  where x.ticket_id = ticket and x.target = any (targets) and x.met_at is null;
end $$;
comment on function private.meet_sla(uuid, public.sla_target[], timestamptz) is 'Stops the given running clocks of a ticket as met.';

revoke all on function private.default_sla(public.ticket_priority, public.sla_target), private.support_calendar(uuid),
  private.work_window(uuid, date, text, int[], time, time), private.add_business_time(uuid, timestamptz, interval),
  private.business_time_between(uuid, timestamptz, timestamptz),
  private.sla_minutes(uuid, public.ticket_priority, public.sla_target),
  private.start_sla(public.tickets, public.sla_target, int, timestamptz), private.refresh_sla(uuid),
  private.meet_sla(uuid, public.sla_target[], timestamptz) from public, anon, authenticated;
grant execute on function private.add_business_time(uuid, timestamptz, interval),
  private.business_time_between(uuid, timestamptz, timestamptz) to service_role;

-- Section: live delivery and notifications

-- Payloads over NOTIFY's 8000-byte limit go as a reference the realtime server loads.
create function private.live_notify(topic text, event text, audience text, data jsonb, ref jsonb default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
  payload text := jsonb_build_object('topic', topic, 'event', event, 'audience', audience, 'data', data)::text;
begin
  if octet_length(payload) > 7900 then
    payload := jsonb_build_object('topic', topic, 'event', event, 'audience', audience, 'ref', ref)::text;
  end if;
  perform pg_notify('live', payload);
end $$;
comment on function private.live_notify(text, text, text, jsonb, jsonb) is 'Publishes a live event (audience all or staff) to every realtime instance.';

create function private.display_name(person uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(nullif(p.display_name, ''), split_part(p.email, '@', 1)) from public.profiles p where p.id = person);
end $$;
comment on function private.display_name(uuid) is 'The name shown for a user: display name, else the local part of their email.';

/** The JSON of one message as the API and the live channel send it. */
create function private.ticket_message_json(message_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select jsonb_build_object('id', m.id, 'ticket_id', m.ticket_id, 'author_id', m.author_id,
      'author_name', case when m.author_id is null then null else private.display_name(m.author_id) end,
      'author_is_staff', m.author_id is not null and m.author_id <> t.requester_id,
      'body', m.body, 'internal', m.internal, 'system', m.system, 'created_at', m.created_at)
    from public.ticket_messages m join public.tickets t on t.id = m.ticket_id where m.id = message_id
  );
end $$;
comment on function private.ticket_message_json(bigint) is 'One ticket message with its author''s name, in the contract''s shape.';

/** The JSON of a ticket as the queue and the API list show it. */
create function private.ticket_json(ticket uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select jsonb_build_object('id', t.id, 'tenant_id', t.tenant_id, 'number', t.number, 'subject', t.subject,
      'category', t.category, 'priority', t.priority, 'status', t.status,
      'requester_id', t.requester_id, 'requester_name', private.display_name(t.requester_id),
      'assignee_id', t.assignee_id, 'assignee_name', case when t.assignee_id is null then null else private.display_name(t.assignee_id) end,
      'context', t.context, 'merged_into', t.merged_into, 'sla_state', t.sla_state, 'sla_due_at', t.sla_due_at,
      'first_response_at', t.first_response_at, 'last_message_at', t.last_message_at,
      'resolved_at', t.resolved_at, 'closed_at', t.closed_at, 'created_at', t.created_at, 'updated_at', t.updated_at)
    from public.tickets t where t.id = ticket
  );
end $$;
comment on function private.ticket_json(uuid) is 'One ticket with requester and assignee names, in the contract''s shape.';

create function private.notify_user(person uuid, tenant uuid, kind text, title text, body text, ticket uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if person is null then return; end if;
  insert into public.notifications (user_id, tenant_id, kind, title, body, link, ticket_id)
  values (person, tenant, kind, left(title, 200), left(body, 500),
          case when ticket is null then '' else '/t/' || (select s.slug from public.tenants s where s.id = tenant) || '/support/' || ticket end,
          ticket);
end $$;
comment on function private.notify_user(uuid, uuid, text, text, text, uuid) is 'Adds one in-app notification (the bell) for a user.';

revoke all on function private.live_notify(text, text, text, jsonb, jsonb), private.display_name(uuid),
  private.ticket_message_json(bigint), private.ticket_json(uuid),
  private.notify_user(uuid, uuid, text, text, text, uuid) from public, anon, authenticated;
grant execute on function private.ticket_message_json(bigint), private.ticket_json(uuid) to service_role;

-- Section: round-robin assignment

-- The next agent for a school: available, online in the last 90 seconds, under their cap, and
-- given a ticket longest ago. One advisory lock per school serialises concurrent picks, so two
-- tickets created at once never both go past an agent's cap.
create function private.pick_agent(tenant uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  chosen uuid;
begin
  perform pg_advisory_xact_lock(hashtextextended('kipindi.round_robin:' || tenant::text, 0));
  select a.user_id into chosen
  from public.support_agents a
  join public.memberships m on m.tenant_id = a.tenant_id and m.user_id = a.user_id and m.role = any (private.support_roles())
  where a.tenant_id = tenant and a.available and a.last_seen_at > private.clock() - interval '90 seconds'
    and (select count(*) from public.tickets t
         where t.tenant_id = tenant and t.assignee_id = a.user_id and t.status in ('open', 'pending')) < a.max_open
  order by a.last_assigned_at asc nulls first, a.user_id
  limit 1;
  if chosen is not null then
    update public.support_agents set last_assigned_at = clock_timestamp()
    where tenant_id = tenant and user_id = chosen;
  end if;
  return chosen;
end $$;
comment on function private.pick_agent(uuid) is 'Round-robin: the online, available agent under their cap who was given a ticket longest ago (locks the school''s pick).';
revoke all on function private.pick_agent(uuid) from public, anon, authenticated;

/** Called by the realtime server while a staff member watches the queue (online) and when they leave. */
create function public.support_presence(tenant uuid, online boolean) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.is_support_staff(tenant) then
    raise exception 'Only support staff of this school go online on its desk.' using errcode = '42501';
  end if;
  insert into public.support_agents as a (tenant_id, user_id, last_seen_at)
  values (tenant, (select auth.uid()), case when online then private.clock() end)
  on conflict (tenant_id, user_id) do update set last_seen_at = excluded.last_seen_at;
end $$;
comment on function public.support_presence(uuid, boolean) is 'Marks the calling agent online (now) or offline on a school''s desk.';
revoke all on function public.support_presence(uuid, boolean) from public, anon;
grant execute on function public.support_presence(uuid, boolean) to authenticated;

/** Assigns an unassigned or reassigned ticket by round-robin (support staff). */
create function public.auto_assign_ticket(ticket uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  agent uuid;
begin
  if not private.can_work_ticket(ticket) then
    raise exception 'Only support staff of this school assign tickets.' using errcode = '42501';
  end if;
  agent := private.pick_agent(private.ticket_tenant(ticket));
  if agent is not null then
    update public.tickets set assignee_id = agent where id = ticket;
  end if;
  return agent;
end $$;
comment on function public.auto_assign_ticket(uuid) is 'Gives a ticket to the next agent by round-robin; null when nobody is online and under their cap.';
revoke all on function public.auto_assign_ticket(uuid) from public, anon;
grant execute on function public.auto_assign_ticket(uuid) to authenticated;

-- Section: ticket triggers

create function private.ticket_before_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  at timestamptz := private.clock();
begin
  if private.acting_user() and not private.is_support_staff(new.tenant_id) then
    -- Requesters open tickets; staff decide priority and assignment.
    new.priority := 'normal';
    new.assignee_id := null;
  end if;
  new.status := 'open';
  new.merged_into := null;
  new.created_at := at;
  new.updated_at := at;
  new.last_message_at := null;
  new.first_response_at := null;
  new.resolved_at := null;
  new.closed_at := null;
  new.paused_at := null;
  perform pg_advisory_xact_lock(hashtextextended('kipindi.ticket_number:' || new.tenant_id::text, 0));
  select coalesce(max(t.number), 1000) + 1 into new.number from public.tickets t where t.tenant_id = new.tenant_id;
  if new.assignee_id is null then
    new.assignee_id := private.pick_agent(new.tenant_id);
  end if;
  return new;
end $$;
comment on function private.ticket_before_insert() is 'Numbers a new ticket per school (#1001, …), sets its clocks and state, and assigns it by round-robin.';
create trigger tickets_before_insert before insert on public.tickets for each row execute function private.ticket_before_insert();

create function private.ticket_after_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.start_sla(new, 'first_response', 0, new.created_at);
  perform private.start_sla(new, 'resolution', 0, new.created_at);
  perform private.refresh_sla(new.id);
  perform private.audit(new.tenant_id, 'ticket.created', 'ticket', new.id::text,
    jsonb_build_object('number', new.number, 'subject', new.subject));
  return null;
end $$;
comment on function private.ticket_after_insert() is 'Starts the first-response and resolution clocks of a new ticket.';
create trigger tickets_after_insert after insert on public.tickets for each row execute function private.ticket_after_insert();

-- What may change and who may change it. Requesters may only close their own ticket; staff
-- change status, priority, category and assignee. Identity fields never change.
create function private.ticket_before_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  at timestamptz := private.clock();
  staff boolean := not private.acting_user() or private.is_support_staff(old.tenant_id);
  shift interval;
begin
  if new.id <> old.id or new.tenant_id <> old.tenant_id or new.number <> old.number
     or new.requester_id <> old.requester_id or new.created_at <> old.created_at then
    raise exception 'A ticket cannot move to another school or requester.' using errcode = '42501';
  end if;
  if not staff and (new.subject <> old.subject or new.category <> old.category or new.priority <> old.priority
      or new.assignee_id is distinct from old.assignee_id or new.context <> old.context
      or new.merged_into is distinct from old.merged_into
      or (new.status <> old.status and new.status <> 'closed')) then
    raise exception 'Only support staff change a ticket; you can close your own.' using errcode = '42501';
  end if;
  if old.status = 'closed' and new.status <> 'closed' then
    raise exception 'A closed ticket cannot be reopened; open a new one.' using errcode = 'P0001', hint = 'ticket_closed';
  end if;
  if new.assignee_id is distinct from old.assignee_id and new.assignee_id is not null
     and not exists (select 1 from public.memberships m where m.tenant_id = new.tenant_id
                     and m.user_id = new.assignee_id and m.role = any (private.support_roles())) then
    raise exception 'Tickets are assigned to support staff of this school only.' using errcode = '23514', hint = 'assignee_not_staff';
  end if;
  if new.status <> old.status then
    -- Pending pauses every running clock; leaving it moves their moments by the time paused.
    if new.status = 'pending' and old.paused_at is null then
      new.paused_at := at;
    elsif new.status <> 'pending' and old.paused_at is not null then
      update public.ticket_sla_targets x set
        warn_at = private.add_business_time(new.tenant_id, at, private.business_time_between(new.tenant_id, old.paused_at, x.warn_at)),
        due_at = private.add_business_time(new.tenant_id, at, private.business_time_between(new.tenant_id, old.paused_at, x.due_at))
      where x.ticket_id = new.id and x.met_at is null and x.breached_at is null;
      new.paused_at := null;
    end if;
    if new.status in ('resolved', 'closed') then
      perform private.meet_sla(new.id, array['first_response', 'next_response', 'resolution']::public.sla_target[], at);
      new.resolved_at := coalesce(new.resolved_at, at);
      if new.status = 'closed' then new.closed_at := at; end if;
    elsif old.status in ('resolved') then
      -- Reopened: a new resolution clock.
      new.resolved_at := null;
      perform private.start_sla(new, 'resolution',
        (select coalesce(max(x.cycle), 0) + 1 from public.ticket_sla_targets x where x.ticket_id = new.id and x.target = 'resolution'), at);
    end if;
  end if;
  new.updated_at := at;
  return new;
end $$;
comment on function private.ticket_before_update() is 'Guards ticket changes by role, keeps SLA clocks paused while pending and stops them on resolve.';
create trigger tickets_before_update before update on public.tickets for each row execute function private.ticket_before_update();

create function private.ticket_after_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
  line text;
begin
  if new.status <> old.status or new.assignee_id is distinct from old.assignee_id or new.priority <> old.priority then
    if new.status <> old.status then
      line := format('Status changed from %s to %s', old.status, new.status);
    elsif new.assignee_id is distinct from old.assignee_id then
      line := case when new.assignee_id is null then 'Unassigned' else 'Assigned to ' || private.display_name(new.assignee_id) end;
    else
      line := format('Priority changed from %s to %s', old.priority, new.priority);
    end if;
    if actor is not null then line := line || ' by ' || private.display_name(actor); end if;
    -- Status lines are public; assignment and priority are staff business.
    insert into public.ticket_messages (ticket_id, author_id, body, internal, system)
    values (new.id, null, line, new.status = old.status, true);
  end if;
  if new.assignee_id is distinct from old.assignee_id and new.assignee_id is not null and new.assignee_id is distinct from actor then
    perform private.notify_user(new.assignee_id, new.tenant_id, 'ticket_assigned',
      format('Ticket #%s assigned to you', new.number), new.subject, new.id);
  end if;
  if new.status <> old.status or new.paused_at is distinct from old.paused_at then
    perform private.refresh_sla(new.id);
  end if;
  return null;
end $$;
comment on function private.ticket_after_update() is 'Writes system lines for status, assignment and priority changes and notifies a new assignee.';
create trigger tickets_after_update after update of status, assignee_id, priority, paused_at on public.tickets
  for each row execute function private.ticket_after_update();

create function private.ticket_assigned_on_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.assignee_id is not null and new.assignee_id is distinct from (select auth.uid()) then
    perform private.notify_user(new.assignee_id, new.tenant_id, 'ticket_assigned',
      format('Ticket #%s assigned to you', new.number), new.subject, new.id);
  end if;
  return null;
end $$;
comment on function private.ticket_assigned_on_insert() is 'Notifies the agent a new ticket was assigned to.';
create trigger tickets_assigned_on_insert after insert on public.tickets for each row execute function private.ticket_assigned_on_insert();

create function private.ticket_live() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  data jsonb := private.ticket_json(new.id);
begin
  perform private.live_notify('queue:' || new.tenant_id, 'ticket', 'staff', data);
  perform private.live_notify('ticket:' || new.id, 'ticket', 'all', data);
  return null;
end $$;
comment on function private.ticket_live() is 'Sends a new or changed ticket to the school''s live queue and to its conversation.';
create trigger tickets_live after insert or update on public.tickets for each row execute function private.ticket_live();

create function private.ticket_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status <> old.status or new.assignee_id is distinct from old.assignee_id or new.priority <> old.priority
     or new.merged_into is distinct from old.merged_into then
    perform private.audit(new.tenant_id, 'ticket.updated', 'ticket', new.id::text, jsonb_strip_nulls(jsonb_build_object(
      'status', case when new.status <> old.status then jsonb_build_object('from', old.status, 'to', new.status) end,
      'assignee_id', case when new.assignee_id is distinct from old.assignee_id then jsonb_build_object('from', old.assignee_id, 'to', new.assignee_id) end,
      'priority', case when new.priority <> old.priority then jsonb_build_object('from', old.priority, 'to', new.priority) end,
      'merged_into', new.merged_into)));
  end if;
  return null;
end $$;
comment on function private.ticket_audit() is 'Records status, assignment, priority and merge changes of tickets.';
create trigger tickets_audit after update on public.tickets for each row execute function private.ticket_audit();

-- Section: message triggers

-- Runs as the caller (not security definer): current_user is `authenticated` exactly when a
-- person's own statement writes the row, and the table owner when our functions do.
create function private.message_before_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  t public.tickets;
begin
  new.created_at := private.clock();
  if new.system then
    if current_user = 'authenticated' then
      raise exception 'System lines are written by the platform.' using errcode = '42501';
    end if;
    return new;
  end if;
  select * into t from public.tickets where id = new.ticket_id;
  if t.status = 'closed' then
    raise exception 'This ticket is closed; open a new one.' using errcode = 'P0001', hint = 'ticket_closed';
  end if;
  if new.author_id = t.requester_id and new.internal then
    raise exception 'Only support staff write internal notes.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.message_before_insert() is 'Refuses messages on closed tickets and internal notes by requesters.';
create trigger ticket_messages_before_insert before insert on public.ticket_messages
  for each row execute function private.message_before_insert();

-- A staff reply meets the response clocks; a requester's message after a staff reply starts the
-- next-response clock and takes a pending or resolved ticket back to open.
create function private.message_after_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  t public.tickets;
  from_requester boolean;
begin
  -- No key update: the insert's foreign-key check already holds a key-share lock on the ticket,
  -- and two messages at once would deadlock upgrading both to a full update lock.
  select * into t from public.tickets where id = new.ticket_id for no key update;
  from_requester := new.author_id = t.requester_id;
  if not new.system and not new.internal then
    if from_requester then
      if t.status in ('pending', 'resolved') then
        update public.tickets set status = 'open' where id = t.id;
      end if;
      if t.first_response_at is not null and not exists (
          select 1 from public.ticket_sla_targets x
          where x.ticket_id = t.id and x.target = 'next_response' and x.met_at is null) then
        select * into t from public.tickets where id = t.id;
        perform private.start_sla(t, 'next_response',
          (select coalesce(max(x.cycle), 0) + 1 from public.ticket_sla_targets x where x.ticket_id = t.id and x.target = 'next_response'),
          new.created_at);
      end if;
      perform private.notify_user(t.assignee_id, t.tenant_id, 'ticket_message',
        format('New message on #%s', t.number), left(new.body, 200), t.id);
    else
      perform private.meet_sla(t.id, array['first_response', 'next_response']::public.sla_target[], new.created_at);
      perform private.notify_user(t.requester_id, t.tenant_id, 'ticket_message',
        format('Reply on #%s: %s', t.number, t.subject), left(new.body, 200), t.id);
    end if;
  elsif new.internal and not new.system and new.author_id is distinct from t.assignee_id then
    perform private.notify_user(t.assignee_id, t.tenant_id, 'ticket_message',
      format('Internal note on #%s', t.number), left(new.body, 200), t.id);
  end if;
  update public.tickets set
    last_message_at = new.created_at,
    first_response_at = case when not new.system and not new.internal and not from_requester
                             then coalesce(first_response_at, new.created_at) else first_response_at end
  where id = t.id;
  perform private.refresh_sla(t.id);
  return null;
end $$;
comment on function private.message_after_insert() is 'Runs the SLA clocks and notifications for a new message.';
create trigger ticket_messages_after_insert after insert on public.ticket_messages
  for each row execute function private.message_after_insert();

create function private.message_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('ticket:' || new.ticket_id, 'message', case when new.internal then 'staff' else 'all' end,
    private.ticket_message_json(new.id), jsonb_build_object('message_id', new.id));
  return null;
end $$;
comment on function private.message_live() is 'Sends a new message to its ticket''s live subscribers (internal notes to staff only).';
create trigger ticket_messages_live after insert on public.ticket_messages
  for each row execute function private.message_live();

create function private.read_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('ticket:' || new.ticket_id, 'seen', 'all',
    jsonb_build_object('ticket_id', new.ticket_id, 'user_id', new.user_id, 'last_read_id', new.last_read_id, 'read_at', new.read_at));
  return null;
end $$;
comment on function private.read_live() is 'Tells a ticket''s subscribers how far a participant has read.';
create trigger ticket_reads_live after insert or update on public.ticket_reads
  for each row execute function private.read_live();

create function private.read_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and (new.ticket_id <> old.ticket_id or new.user_id <> old.user_id) then
    raise exception 'A read marker stays with its ticket and person.' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then new.last_read_id := greatest(new.last_read_id, old.last_read_id); end if;
  new.read_at := now();
  return new;
end $$;
comment on function private.read_before_write() is 'Read markers only move forward.';
create trigger ticket_reads_before_write before insert or update on public.ticket_reads
  for each row execute function private.read_before_write();

create function private.notification_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('user:' || new.user_id, 'notification', 'all', to_jsonb(new));
  return null;
end $$;
comment on function private.notification_live() is 'Sends a new notification to its user''s live topic (the bell).';
create trigger notifications_live after insert on public.notifications
  for each row execute function private.notification_live();

create function private.notification_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (to_jsonb(new) - 'read_at') <> (to_jsonb(old) - 'read_at') then
    raise exception 'Only the read mark of a notification changes.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.notification_guard() is 'Users may mark notifications read, nothing else.';
create trigger notifications_guard before update on public.notifications
  for each row execute function private.notification_guard();

create function private.rating_before_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  t public.tickets;
begin
  if private.acting_user() and not private.is_requester(new.ticket_id) then
    return new; -- not theirs: the policy refuses it, without telling whether the ticket exists
  end if;
  select * into t from public.tickets where id = new.ticket_id;
  if t.status not in ('resolved', 'closed') then
    raise exception 'Rate a ticket once it is resolved.' using errcode = 'P0001', hint = 'not_resolved';
  end if;
  new.tenant_id := t.tenant_id;
  new.requester_id := t.requester_id;
  new.agent_id := t.assignee_id;
  new.category := t.category;
  new.created_at := now();
  return new;
end $$;
comment on function private.rating_before_insert() is 'A rating takes its school, agent and category from the resolved ticket.';
create trigger ticket_ratings_before_insert before insert on public.ticket_ratings
  for each row execute function private.rating_before_insert();

create function private.rating_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('ticket:' || new.ticket_id, 'rating', 'staff', jsonb_build_object(
    'ticket_id', new.ticket_id, 'score', new.score, 'comment', new.comment, 'agent_id', new.agent_id,
    'category', new.category, 'created_at', new.created_at));
  return null;
end $$;
comment on function private.rating_live() is 'Shows a new satisfaction rating to the staff watching the ticket.';
create trigger ticket_ratings_live after insert on public.ticket_ratings
  for each row execute function private.rating_live();

create trigger support_calendars_touch before update on public.support_calendars for each row execute function private.touch_updated_at();
create trigger sla_policies_touch before update on public.sla_policies for each row execute function private.touch_updated_at();
create trigger canned_replies_touch before update on public.canned_replies for each row execute function private.touch_updated_at();

-- Section: merge

/** Merges a duplicate into another ticket of the same requester (support staff). */
create function public.merge_ticket(duplicate uuid, into_ticket uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  d public.tickets;
  t public.tickets;
begin
  -- Both rows locked in id order, so two crossed merges queue instead of deadlocking.
  perform 1 from public.tickets where id in (duplicate, into_ticket) order by id for update;
  select * into d from public.tickets where id = duplicate;
  select * into t from public.tickets where id = into_ticket;
  if d.id is null or t.id is null or not private.can_work_ticket(d.id) or not private.can_work_ticket(t.id) then
    raise exception 'No such ticket.' using errcode = 'P0002';
  end if;
  if d.id = t.id or d.tenant_id <> t.tenant_id or d.requester_id <> t.requester_id then
    raise exception 'Merge tickets of the same requester in the same school.' using errcode = '23514', hint = 'merge_mismatch';
  end if;
  if d.status = 'closed' or t.status = 'closed' or t.merged_into is not null then
    raise exception 'Closed or merged tickets cannot be merged.' using errcode = 'P0001', hint = 'ticket_closed';
  end if;
  insert into public.ticket_messages (ticket_id, author_id, body, internal, system)
  values (t.id, null, format('Ticket #%s (%s) was merged into this one by %s', d.number, d.subject, private.display_name((select auth.uid()))), false, true);
  update public.tickets set merged_into = t.id, status = 'closed' where id = d.id;
  insert into public.ticket_messages (ticket_id, author_id, body, internal, system)
  values (d.id, null, format('Merged into ticket #%s', t.number), false, true);
end $$;
comment on function public.merge_ticket(uuid, uuid) is 'Closes a duplicate ticket as merged into another of the same requester.';
revoke all on function public.merge_ticket(uuid, uuid) from public, anon;
grant execute on function public.merge_ticket(uuid, uuid) to authenticated;

-- Section: SLA job

-- Warns and escalates running clocks whose moment has come. Each clock's warned_at/breached_at
-- is set by exactly one run: a concurrent run blocks on the row, re-reads it, and skips it. Runs
-- every minute (the realtime server locally; pg_cron or a scheduled call on hosted Supabase).
create function private.run_sla(at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  now_ timestamptz := coalesce(at, private.clock());
  hit record;
  warned int := 0;
  breached int := 0;
  raised public.ticket_priority;
  label text;
begin
  -- Lock the tickets whose clocks fire first, in id order. A reply or status change locks its
  -- ticket before the ticket's clocks; taking clocks first here would deadlock with it (and
  -- concurrent runs, taking tickets in the same order, simply queue).
  perform 1 from public.tickets t
  where t.status = 'open' and t.paused_at is null
    and exists (select 1 from public.ticket_sla_targets x
                where x.ticket_id = t.id and x.met_at is null and x.breached_at is null
                  and x.warn_at <= now_ and (x.warned_at is null or x.due_at <= now_))
  order by t.id
  for no key update of t;

  for hit in
    update public.ticket_sla_targets x set warned_at = now_
    from public.tickets t
    where t.id = x.ticket_id and x.met_at is null and x.warned_at is null and x.breached_at is null
      and x.warn_at <= now_ and x.due_at > now_ and t.paused_at is null and t.status = 'open'
    returning x.ticket_id, x.target, x.due_at, t.tenant_id, t.number, t.subject, t.assignee_id
  loop
    warned := warned + 1;
    label := replace(hit.target::text, '_', ' ');
    perform private.notify_user(hit.assignee_id, hit.tenant_id, 'sla_warning',
      format('#%s: %s due soon', hit.number, label), hit.subject, hit.ticket_id);
    perform private.refresh_sla(hit.ticket_id);
  end loop;

  for hit in
    update public.ticket_sla_targets x set breached_at = now_, warned_at = coalesce(x.warned_at, now_)
    from public.tickets t
    where t.id = x.ticket_id and x.met_at is null and x.breached_at is null
      and x.due_at <= now_ and t.paused_at is null and t.status = 'open'
    returning x.ticket_id, x.target, x.due_at, t.tenant_id, t.number, t.subject, t.assignee_id, t.priority
  loop
    breached := breached + 1;
    label := replace(hit.target::text, '_', ' ');
    raised := case hit.priority when 'low' then 'normal' when 'normal' then 'high' else 'urgent' end::public.ticket_priority;
    update public.tickets set priority = raised where id = hit.ticket_id and priority <> raised;
    insert into public.ticket_messages (ticket_id, author_id, body, internal, system)
    values (hit.ticket_id, null, format('SLA breached: %s was due %s. Priority is now %s.', label,
      to_char(hit.due_at at time zone (select s.time_zone from public.tenants s where s.id = hit.tenant_id), 'YYYY-MM-DD HH24:MI'), raised), true, true);
    perform private.notify_user(m.user_id, hit.tenant_id, 'sla_breach',
      format('SLA breached on #%s: %s', hit.number, label), hit.subject, hit.ticket_id)
    from public.memberships m
    where m.tenant_id = hit.tenant_id and (m.role in ('owner', 'admin') or m.user_id = hit.assignee_id);
    perform private.audit(hit.tenant_id, 'ticket.sla_breached', 'ticket', hit.ticket_id::text,
      jsonb_build_object('target', hit.target, 'due_at', hit.due_at, 'priority', raised));
    perform private.refresh_sla(hit.ticket_id);
  end loop;
  return jsonb_build_object('warned', warned, 'breached', breached, 'at', now_);
end $$;
comment on function private.run_sla(timestamptz) is 'The SLA job: flags clocks near breach, escalates breached ones (priority up, admins notified) exactly once each.';
revoke all on function private.run_sla(timestamptz) from public, anon, authenticated;
grant execute on function private.run_sla(timestamptz) to service_role;

-- Section: policies — configuration

create policy "Support staff read the calendar" on public.support_calendars
  for select to authenticated using (private.is_support_staff(tenant_id));
create policy "Admins set the calendar" on public.support_calendars
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins change the calendar" on public.support_calendars
  for update to authenticated using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins remove the calendar" on public.support_calendars
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

create policy "Support staff read holidays" on public.support_holidays
  for select to authenticated using (private.is_support_staff(tenant_id));
create policy "Admins add holidays" on public.support_holidays
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins change holidays" on public.support_holidays
  for update to authenticated using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins remove holidays" on public.support_holidays
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

create policy "Support staff read SLA policies" on public.sla_policies
  for select to authenticated using (private.is_support_staff(tenant_id));
create policy "Admins add SLA policies" on public.sla_policies
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins change SLA policies" on public.sla_policies
  for update to authenticated using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins remove SLA policies" on public.sla_policies
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

create policy "Support staff see the school's agents" on public.support_agents
  for select to authenticated using (private.is_support_staff(tenant_id));
create policy "Agents join the desk; admins add agents" on public.support_agents
  for insert to authenticated
  with check (private.is_support_staff(tenant_id)
              and (user_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())));
create policy "Agents change their own settings; admins any" on public.support_agents
  for update to authenticated
  using (private.is_support_staff(tenant_id)
         and (user_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())))
  with check (private.is_support_staff(tenant_id)
              and (user_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())));
create policy "Admins remove agents" on public.support_agents
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

create policy "Support staff read canned replies" on public.canned_replies
  for select to authenticated using (private.is_support_staff(tenant_id));
create policy "Support staff add canned replies" on public.canned_replies
  for insert to authenticated with check (private.is_support_staff(tenant_id) and created_by = (select auth.uid()));
create policy "Authors and admins change canned replies" on public.canned_replies
  for update to authenticated
  using (private.is_support_staff(tenant_id) and (created_by = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())))
  with check (private.is_support_staff(tenant_id));
create policy "Authors and admins remove canned replies" on public.canned_replies
  for delete to authenticated
  using (private.is_support_staff(tenant_id) and (created_by = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())));

-- Section: policies — tickets

create policy "Requesters see their tickets; staff see the school's" on public.tickets
  for select to authenticated
  using ((requester_id = (select auth.uid()) and private.is_member(tenant_id)) or private.is_support_staff(tenant_id));
create policy "Members open tickets for themselves" on public.tickets
  for insert to authenticated
  with check (requester_id = (select auth.uid()) and private.is_member(tenant_id));
create policy "Staff work tickets; requesters close theirs" on public.tickets
  for update to authenticated
  using (private.is_support_staff(tenant_id) or (requester_id = (select auth.uid()) and private.is_member(tenant_id)))
  with check (private.is_support_staff(tenant_id) or (requester_id = (select auth.uid()) and private.is_member(tenant_id)));
create policy "Tickets are never deleted" on public.tickets
  for delete to authenticated using (false);

create policy "Staff see all messages; requesters the public ones" on public.ticket_messages
  for select to authenticated
  using (private.can_work_ticket(ticket_id) or (not internal and private.is_requester(ticket_id)));
create policy "Staff reply and note; requesters reply" on public.ticket_messages
  for insert to authenticated
  with check (author_id = (select auth.uid())
              and (private.can_work_ticket(ticket_id) or (not internal and private.is_requester(ticket_id))));
create policy "Messages are never edited" on public.ticket_messages
  for update to authenticated using (false) with check (false);
create policy "Messages are never deleted" on public.ticket_messages
  for delete to authenticated using (false);

create policy "Participants see read markers" on public.ticket_reads
  for select to authenticated using (private.can_work_ticket(ticket_id) or private.is_requester(ticket_id));
create policy "Participants mark their own reading" on public.ticket_reads
  for insert to authenticated
  with check (user_id = (select auth.uid()) and (private.can_work_ticket(ticket_id) or private.is_requester(ticket_id)));
create policy "Participants move their own marker" on public.ticket_reads
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (private.can_work_ticket(ticket_id) or private.is_requester(ticket_id)));
create policy "Read markers stay" on public.ticket_reads
  for delete to authenticated using (false);

create policy "Support staff see SLA clocks" on public.ticket_sla_targets
  for select to authenticated using (private.can_work_ticket(ticket_id));
create policy "Only triggers start SLA clocks" on public.ticket_sla_targets
  for insert to authenticated with check (false);
create policy "Only the SLA job changes clocks" on public.ticket_sla_targets
  for update to authenticated using (false) with check (false);
create policy "SLA clocks stay" on public.ticket_sla_targets
  for delete to authenticated using (false);

create policy "Requesters see their ratings; staff the school's" on public.ticket_ratings
  for select to authenticated using (requester_id = (select auth.uid()) or private.is_support_staff(tenant_id));
create policy "Requesters rate their resolved tickets" on public.ticket_ratings
  for insert to authenticated with check (private.is_requester(ticket_id));
create policy "Ratings are final" on public.ticket_ratings
  for update to authenticated using (false) with check (false);
create policy "Ratings stay" on public.ticket_ratings
  for delete to authenticated using (false);

create policy "People see their own notifications" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Only the platform notifies" on public.notifications
  for insert to authenticated with check (false);
create policy "People mark their own notifications read" on public.notifications
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "People dismiss their own notifications" on public.notifications
  for delete to authenticated using (user_id = (select auth.uid()));

-- Section: grants

revoke all on public.support_calendars, public.support_holidays, public.sla_policies, public.support_agents,
  public.canned_replies, public.tickets, public.ticket_messages, public.ticket_reads, public.ticket_sla_targets,
  public.ticket_ratings, public.notifications from anon, authenticated;
grant select, insert, update, delete on public.support_calendars, public.support_holidays, public.sla_policies,
  public.support_agents, public.canned_replies, public.notifications, public.ticket_reads to authenticated;
grant select, insert, update on public.tickets to authenticated;
grant select, insert on public.ticket_messages, public.ticket_ratings to authenticated;
grant select on public.ticket_sla_targets to authenticated;
