-- Access that changes while people are connected (issue 9). Every change that can take away (or
-- give) someone's access to a live topic or a lesson draft sends `pg_notify('access', {user_id})`
-- after commit; each realtime instance LISTENs and re-checks that user's open subscriptions and
-- Yjs sockets at once, in the order of the other notifications (docs/decisions.md). A periodic
-- re-check stays as the backstop.
--
-- Removing or demoting a support agent gives their open tickets back to the queue (round-robin),
-- and no notification carries a ticket's content to someone who can no longer see the ticket.

-- Section: the signal

create function private.access_changed(person uuid, reason text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if person is null then return; end if;
  perform pg_notify('access', json_build_object('user_id', person, 'reason', reason)::text);
end $$;
comment on function private.access_changed(uuid, text) is 'Tells every realtime instance to re-check one user''s live access now (NOTIFY access).';
revoke all on function private.access_changed(uuid, text) from public, anon, authenticated;

-- One trigger function for the tables whose rows grant access to a user (column user_id). The
-- triggers are named `<table>_signal_access` so that they fire after `<table>_live` (triggers fire
-- in name order): a removed participant first hears why (`removed`), then loses the topic.
create function private.user_access_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform private.access_changed(old.user_id, tg_table_name); end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.user_id is distinct from old.user_id) then
    perform private.access_changed(new.user_id, tg_table_name);
  end if;
  return null;
end $$;
comment on function private.user_access_changed() is 'Signals an access change for the user of a membership, co-authorship, enrolment, booking, admission or removal row.';

create trigger memberships_signal_access after insert or update of role or delete on public.memberships
  for each row execute function private.user_access_changed();
create trigger course_authors_signal_access after insert or update of role or delete on public.course_authors
  for each row execute function private.user_access_changed();
create trigger enrolments_signal_access after insert or delete on public.enrolments
  for each row execute function private.user_access_changed();
create trigger session_bookings_signal_access after insert or delete on public.session_bookings
  for each row execute function private.user_access_changed();
create trigger session_admissions_signal_access after insert or update of status or delete on public.session_admissions
  for each row execute function private.user_access_changed();
create trigger session_removals_signal_access after insert or delete on public.session_removals
  for each row execute function private.user_access_changed();

create function private.session_tutor_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.access_changed(old.instructor_id, 'tutoring_sessions');
  perform private.access_changed(new.instructor_id, 'tutoring_sessions');
  return null;
end $$;
comment on function private.session_tutor_changed() is 'Signals an access change for the old and the new tutor of a session.';
create trigger tutoring_sessions_signal_access after update of instructor_id on public.tutoring_sessions
  for each row when (new.instructor_id is distinct from old.instructor_id)
  execute function private.session_tutor_changed();

create function private.ticket_assignee_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.access_changed(old.assignee_id, 'tickets');
  perform private.access_changed(new.assignee_id, 'tickets');
  return null;
end $$;
comment on function private.ticket_assignee_changed() is 'Signals an access change for the old and the new assignee of a ticket.';
create trigger tickets_signal_access after update of assignee_id on public.tickets
  for each row when (new.assignee_id is distinct from old.assignee_id)
  execute function private.ticket_assignee_changed();

-- Section: one question for every live topic

/** The realtime server's re-check: one function for every topic family, as the calling user. */
create function public.live_access(topic text) returns text
language plpgsql stable set search_path = '' as $$
declare
  kind text := split_part(topic, ':', 1);
  id text := substr(topic, length(kind) + 2);
begin
  if id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then return 'missing'; end if;
  case kind
    when 'ticket' then return public.ticket_access(id::uuid);
    when 'queue' then return case when public.support_queue_access(id::uuid) then 'staff' else 'none' end;
    when 'user' then return case when id::uuid = (select auth.uid()) then 'self' else 'none' end;
    when 'session' then return public.session_room_access(id::uuid);
    else return 'missing';
  end case;
end $$;
comment on function public.live_access(text) is 'The caller''s access to a live topic (ticket:, queue:, user:, session:), as each topic''s own access function answers it.';
revoke all on function public.live_access(text) from public, anon;
grant execute on function public.live_access(text) to authenticated, service_role;

-- Section: tickets of agents who leave the desk

/** Whether a given person (not the caller) may see a ticket now: its school's support staff, or its requester while a member. */
create function private.may_see_ticket(person uuid, ticket uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.tickets t
    join public.memberships m on m.tenant_id = t.tenant_id and m.user_id = person
    where t.id = ticket and (m.role = any (private.support_roles()) or t.requester_id = person)
  );
end $$;
comment on function private.may_see_ticket(uuid, uuid) is 'True when the person is support staff of the ticket''s school, or its requester and still a member.';
revoke all on function private.may_see_ticket(uuid, uuid) from public, anon, authenticated;

create or replace function private.notify_user(person uuid, tenant uuid, kind text, title text, body text, ticket uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if person is null then return; end if;
  -- Nothing about a ticket goes to someone who can no longer see it (removed, demoted).
  if ticket is not null and not private.may_see_ticket(person, ticket) then return; end if;
  if tenant is not null and not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = person) then
    return;
  end if;
  insert into public.notifications (user_id, tenant_id, kind, title, body, link, ticket_id)
  values (person, tenant, kind, left(title, 200), left(body, 500),
          case when ticket is null then '' else '/t/' || (select s.slug from public.tenants s where s.id = tenant) || '/support/' || ticket end,
          ticket);
end $$;
comment on function private.notify_user(uuid, uuid, text, text, text, uuid) is 'Adds one in-app notification (the bell) for a user who may still see what it is about.';
revoke all on function private.notify_user(uuid, uuid, text, text, text, uuid) from public, anon, authenticated;

/** After a member leaves the desk (removed, or demoted out of the support roles): their open tickets go back to the queue. */
create function private.release_tickets() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  t record;
  agent uuid;
begin
  if not (old.role = any (private.support_roles())) then return null; end if;
  if tg_op = 'UPDATE' and new.role = any (private.support_roles()) then return null; end if;
  -- The whole school is being deleted: its tickets go with it.
  if not exists (select 1 from public.tenants s where s.id = old.tenant_id) then return null; end if;
  for t in
    select id from public.tickets
    where tenant_id = old.tenant_id and assignee_id = old.user_id and status in ('open', 'pending')
    order by id
    for update
  loop
    agent := private.pick_agent(old.tenant_id);
    update public.tickets set assignee_id = agent where id = t.id;
  end loop;
  return null;
end $$;
comment on function private.release_tickets() is 'Unassigns the open tickets of someone who left the support desk and hands each to the next agent by round-robin.';
create trigger memberships_release_tickets after update of role or delete on public.memberships
  for each row execute function private.release_tickets();

-- Section: notifications already in the bell

drop policy "People see their own notifications" on public.notifications;
create policy "People see their own notifications about what they may still see" on public.notifications
  for select to authenticated using (
    user_id = (select auth.uid())
    and (tenant_id is null or private.is_member(tenant_id))
    and (ticket_id is null or public.ticket_access(ticket_id) in ('staff', 'requester'))
  );
create index notifications_tenant_idx on public.notifications (tenant_id);
