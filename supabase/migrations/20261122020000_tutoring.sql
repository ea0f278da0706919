-- Tutoring sessions: instructors publish sessions, students book seats (capacity enforced under
-- concurrency), participants meet in a video room (LiveKit, or a browser mesh of at most 4 when
-- LiveKit is not configured), chat is kept with the session, the instructor moderates (waiting
-- room, mute, remove, end) and sees attendance and writes notes afterwards.

-- Section: types

create type public.session_status as enum ('scheduled', 'live', 'ended', 'cancelled');
comment on type public.session_status is 'scheduled until someone joins; live while the room is open; ended by the tutor or time; cancelled before it happened.';

-- Section: tables

create table public.tutoring_sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  instructor_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  course_id uuid references public.courses (id) on delete set null,
  series_id uuid,
  title text not null check (char_length(btrim(title)) between 1 and 200),
  description text not null default '' check (char_length(description) <= 2000),
  starts_at timestamptz not null,
  duration_minutes int not null check (duration_minutes between 5 and 480),
  capacity int not null check (capacity between 1 and 100),
  waiting_room boolean not null default false,
  status public.session_status not null default 'scheduled',
  notes text not null default '' check (char_length(notes) <= 20000),
  started_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.tutoring_sessions enable row level security;
comment on table public.tutoring_sessions is 'A tutoring session of a school: an instructor, a time, seats for students, a video room; notes are the tutor''s logbook.';
create index tutoring_sessions_tenant_idx on public.tutoring_sessions (tenant_id, starts_at);
create index tutoring_sessions_instructor_idx on public.tutoring_sessions (instructor_id, starts_at);
create index tutoring_sessions_course_idx on public.tutoring_sessions (course_id);
create index tutoring_sessions_series_idx on public.tutoring_sessions (series_id);

create table public.session_bookings (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  booked_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (session_id, user_id)
);
alter table public.session_bookings enable row level security;
comment on table public.session_bookings is 'Seats booked in a session: one per student; never more than the session''s capacity.';
create index session_bookings_user_idx on public.session_bookings (user_id);

create table public.session_admissions (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  status text not null default 'waiting' check (status in ('waiting', 'admitted', 'denied')),
  requested_at timestamptz not null default now(),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  primary key (session_id, user_id)
);
alter table public.session_admissions enable row level security;
comment on table public.session_admissions is 'The waiting room: who asked to enter a session and the tutor''s decision.';
create index session_admissions_user_idx on public.session_admissions (user_id);

create table public.session_removals (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  reason text not null default '' check (char_length(reason) <= 300),
  removed_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (session_id, user_id)
);
alter table public.session_removals enable row level security;
comment on table public.session_removals is 'People the tutor removed from a session: they cannot join it again.';
create index session_removals_user_idx on public.session_removals (user_id);

create table public.session_messages (
  id bigint generated always as identity primary key,
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);
alter table public.session_messages enable row level security;
comment on table public.session_messages is 'The chat of a session room, kept with the session record.';
create index session_messages_session_idx on public.session_messages (session_id, id);
create index session_messages_author_idx on public.session_messages (author_id);

-- One row per stay in the room. LiveKit stays are keyed by the participant's sid (each connection
-- has its own); mesh (P2P) stays by a key the realtime server makes per socket.
create table public.session_attendance (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  stay_key text not null check (char_length(stay_key) between 1 and 200),
  user_id uuid not null references auth.users (id) on delete cascade,
  transport text not null check (transport in ('livekit', 'p2p')),
  joined_at timestamptz,
  left_at timestamptz,
  primary key (session_id, stay_key)
);
alter table public.session_attendance enable row level security;
comment on table public.session_attendance is 'When each person was in a session''s room: one row per stay (joined_at, left_at).';
create index session_attendance_user_idx on public.session_attendance (user_id);

create table private.livekit_events (
  id text primary key,
  event text not null,
  room text,
  created_at timestamptz,
  received_at timestamptz not null default now()
);
alter table private.livekit_events enable row level security;
comment on table private.livekit_events is 'LiveKit webhook events already applied, by event id: a replay changes nothing.';

-- Section: access helpers

create function private.session_tenant(session uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select s.tenant_id from public.tutoring_sessions s where s.id = session);
end $$;
comment on function private.session_tenant(uuid) is 'The school a session belongs to.';

create function private.can_manage_session(session uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.tutoring_sessions s where s.id = session
                 and s.instructor_id = (select auth.uid()) and private.is_member(s.tenant_id))
    or private.has_role(private.session_tenant(session), private.admin_roles());
end $$;
comment on function private.can_manage_session(uuid) is 'True for the session''s instructor and the school''s admins: they change it and moderate its room.';

create function private.is_booked(session uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.session_bookings b where b.session_id = session and b.user_id = (select auth.uid()))
    and private.is_member(private.session_tenant(session));
end $$;
comment on function private.is_booked(uuid) is 'True when the caller holds a seat in the session and is still in its school.';

create function private.can_see_session_record(session uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.can_manage_session(session) or private.is_booked(session)
    or private.has_role(private.session_tenant(session), array['owner', 'admin', 'staff']::public.tenant_role[]);
end $$;
comment on function private.can_see_session_record(uuid) is 'True for the tutor, booked students and the school''s staff: they see the chat and bookings.';

create function private.session_role(session uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.tutoring_sessions;
begin
  select * into s from public.tutoring_sessions where id = session;
  if s.id is null then return null; end if;
  if s.instructor_id = (select auth.uid()) and private.is_member(s.tenant_id) then return 'moderator'; end if;
  if private.is_booked(session) then return 'participant'; end if;
  if private.has_role(s.tenant_id, array['owner', 'admin', 'staff']::public.tenant_role[]) then return 'observer'; end if;
  return null;
end $$;
comment on function private.session_role(uuid) is 'The caller''s part in a session room: moderator (its tutor), participant (booked), observer (school staff), or null.';

-- Students see only their own bookings (RLS), yet the schedule shows every member how many seats
-- are taken; these two answer that without revealing who booked, and keep the tutor's logbook
-- from students (their column is not granted to authenticated).
create function private.session_booked_count(session uuid) returns int
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.is_member(private.session_tenant(session)) or private.is_superadmin()) then return null; end if;
  return (select count(*) from public.session_bookings b where b.session_id = session);
end $$;
comment on function private.session_booked_count(uuid) is 'Seats taken in a session, for members of its school (null for others).';

create function private.session_notes(session uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.can_manage_session(session)
          or private.has_role(private.session_tenant(session), array['owner', 'admin', 'staff']::public.tenant_role[])) then
    return null;
  end if;
  return (select s.notes from public.tutoring_sessions s where s.id = session);
end $$;
comment on function private.session_notes(uuid) is 'The session''s notes (logbook) for its tutor and the school''s staff; null for everyone else.';

/**
 * May the caller be in the room now? Used by the API's join and by the realtime server when a
 * socket subscribes to `session:<id>`. The room opens 10 minutes before the start and closes at
 * the end (or when the tutor ends it).
 */
create function public.session_room_access(session uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.tutoring_sessions;
  role text;
  at timestamptz := private.clock();
begin
  select * into s from public.tutoring_sessions where id = session;
  if s.id is null or not private.is_member(s.tenant_id) and not private.is_superadmin() then return 'missing'; end if;
  role := private.session_role(session);
  if role is null then return 'none'; end if;
  if s.status in ('ended', 'cancelled') or at < s.starts_at - interval '10 minutes'
     or at >= s.starts_at + make_interval(mins => s.duration_minutes) then
    return 'closed';
  end if;
  if role = 'participant' then
    if exists (select 1 from public.session_removals r where r.session_id = session and r.user_id = (select auth.uid())) then
      return 'removed';
    end if;
    if s.waiting_room and not exists (select 1 from public.session_admissions a where a.session_id = session
                                      and a.user_id = (select auth.uid()) and a.status = 'admitted') then
      return 'waiting';
    end if;
  end if;
  return role;
end $$;
comment on function public.session_room_access(uuid) is 'moderator | participant | observer (may be in the room now), or waiting | removed | closed | none | missing.';

revoke all on function private.session_tenant(uuid), private.can_manage_session(uuid), private.is_booked(uuid),
  private.can_see_session_record(uuid), private.session_role(uuid), public.session_room_access(uuid),
  private.session_booked_count(uuid), private.session_notes(uuid) from public, anon;
grant execute on function private.session_tenant(uuid), private.can_manage_session(uuid), private.is_booked(uuid),
  private.can_see_session_record(uuid), private.session_role(uuid), public.session_room_access(uuid),
  private.session_booked_count(uuid), private.session_notes(uuid) to authenticated, service_role;

-- Section: live events

create function private.session_notify(session uuid, event text, audience text, data jsonb) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform private.live_notify('session:' || session, event, audience, data);
end $$;
comment on function private.session_notify(uuid, text, text, jsonb) is 'Sends an event to a session room''s live subscribers (audience all or moderator).';
revoke all on function private.session_notify(uuid, text, text, jsonb) from public, anon, authenticated;

/** Asks a participant's browser to mute (mesh rooms; LiveKit rooms are muted by the server too). */
create function public.session_mute(session uuid, person uuid, kind text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.can_manage_session(session) then
    raise exception 'Only the tutor mutes people in this room.' using errcode = '42501';
  end if;
  if kind not in ('audio', 'video', 'all') then
    raise exception 'Mute audio, video or all.' using errcode = '22023';
  end if;
  perform private.session_notify(session, 'mute', 'all', jsonb_build_object('user_id', person, 'kind', kind));
end $$;
comment on function public.session_mute(uuid, uuid, text) is 'The tutor mutes a participant: the room is told, the participant''s browser turns the track off.';
revoke all on function public.session_mute(uuid, uuid, text) from public, anon;
grant execute on function public.session_mute(uuid, uuid, text) to authenticated;

-- Section: presence and attendance over the mesh transport

/**
 * Called by the realtime server as the user when they enter the room topic (true) and when their
 * last socket on it leaves (false). Several sockets of one person make one stay.
 */
create function public.session_presence(session uuid, present boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
  at timestamptz := private.clock();
  me uuid := (select auth.uid());
begin
  if present then
    if public.session_room_access(session) not in ('moderator', 'participant', 'observer') then
      raise exception 'You cannot be in this room now.' using errcode = '42501';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('kipindi.presence:' || session || me, 0));
    insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at)
    select session, 'p2p:' || gen_random_uuid(), me, 'p2p', at
    where not exists (select 1 from public.session_attendance a where a.session_id = session and a.user_id = me
                      and a.transport = 'p2p' and a.left_at is null);
    perform private.mark_session_live(session, at);
  else
    update public.session_attendance a set left_at = at
    where a.session_id = session and a.user_id = me and a.transport = 'p2p' and a.left_at is null;
  end if;
end $$;
comment on function public.session_presence(uuid, boolean) is 'Records a mesh-transport stay in a session room: entered now, or left now.';

create function private.mark_session_live(session uuid, at timestamptz) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.tutoring_sessions s set status = 'live', started_at = coalesce(s.started_at, at)
  where s.id = session and s.status = 'scheduled';
end $$;
comment on function private.mark_session_live(uuid, timestamptz) is 'The first person in the room makes a scheduled session live.';
revoke all on function private.mark_session_live(uuid, timestamptz) from public, anon, authenticated;
revoke all on function public.session_presence(uuid, boolean) from public, anon;
grant execute on function public.session_presence(uuid, boolean) to authenticated;

-- Section: LiveKit webhook

/**
 * Applies one verified LiveKit webhook event exactly once (by event id). Stays are keyed by the
 * participant sid and take the earliest join and latest leave seen, so duplicates and any order
 * of arrival give the same attendance. Called by the livekit-webhook function (service role).
 */
create function private.apply_livekit_event(event_id text, event text, room text, created_at timestamptz,
  identity text, participant_sid text, joined_at timestamptz) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  session uuid;
  person uuid;
  uuid_shape constant text := '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
  insert into private.livekit_events (id, event, room, created_at) values (event_id, event, room, created_at)
  on conflict (id) do nothing;
  if not found then return false; end if;
  -- Strict UUID shapes: a looser pattern would let a malformed name fail the cast, roll back the
  -- event and have LiveKit retry it forever.
  if room is null or room !~ ('^session-' || uuid_shape) then return true; end if;
  session := substr(room, 9)::uuid;
  if not exists (select 1 from public.tutoring_sessions s where s.id = session) then return true; end if;
  if identity ~ ('^' || uuid_shape) then person := identity::uuid; end if;
  if event in ('participant_joined', 'participant_left') and person is not null and participant_sid is not null
     and exists (select 1 from auth.users u where u.id = person) then
    insert into public.session_attendance as a (session_id, stay_key, user_id, transport, joined_at, left_at)
    values (session, participant_sid, person, 'livekit', joined_at,
            case when event = 'participant_left' then created_at end)
    on conflict (session_id, stay_key) do update set
      joined_at = least(a.joined_at, excluded.joined_at),
      left_at = greatest(a.left_at, excluded.left_at);
  end if;
  if event in ('room_started', 'participant_joined') then
    perform private.mark_session_live(session, coalesce(joined_at, created_at));
  elsif event = 'room_finished' then
    -- LiveKit closes a room soon after its last person leaves (departure/empty timeout): before the
    -- scheduled end that is only a pause (a student who joined early and stepped out), and ending
    -- the session would lock everyone out. The tutor ends a session early through the API.
    -- The parameter is qualified: a bare created_at is ambiguous with the table's column (an error).
    update public.tutoring_sessions s set status = 'ended', ended_at = coalesce(s.ended_at, apply_livekit_event.created_at)
    where s.id = session and s.status in ('scheduled', 'live')
      and apply_livekit_event.created_at >= s.starts_at + make_interval(mins => s.duration_minutes);
  end if;
  return true;
end $$;
comment on function private.apply_livekit_event(text, text, text, timestamptz, text, text, timestamptz) is 'Records a LiveKit webhook event once: attendance stays, session live and finished.';
revoke all on function private.apply_livekit_event(text, text, text, timestamptz, text, text, timestamptz) from public, anon, authenticated;
grant execute on function private.apply_livekit_event(text, text, text, timestamptz, text, text, timestamptz) to service_role;

-- Section: triggers

create function private.session_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  booked int;
begin
  if tg_op = 'INSERT' then
    if not exists (select 1 from public.memberships m where m.tenant_id = new.tenant_id and m.user_id = new.instructor_id
                   and m.role in ('owner', 'admin', 'instructor')) then
      raise exception 'Sessions are led by instructors or admins of this school.' using errcode = '23514', hint = 'instructor_id';
    end if;
    if new.course_id is not null and private.course_tenant(new.course_id) is distinct from new.tenant_id then
      raise exception 'That course belongs to another school.' using errcode = '23514', hint = 'course_id';
    end if;
    new.status := 'scheduled';
    new.started_at := null;
    new.ended_at := null;
    new.created_at := now();
  else
    if new.tenant_id <> old.tenant_id or new.instructor_id <> old.instructor_id or new.created_at <> old.created_at then
      raise exception 'A session stays with its school and tutor.' using errcode = '42501';
    end if;
    if new.course_id is distinct from old.course_id and new.course_id is not null
       and private.course_tenant(new.course_id) is distinct from new.tenant_id then
      raise exception 'That course belongs to another school.' using errcode = '23514', hint = 'course_id';
    end if;
    if new.capacity < old.capacity then
      select count(*) into booked from public.session_bookings b where b.session_id = new.id;
      if new.capacity < booked then
        raise exception 'Already % seats are booked; the capacity cannot go below that.', booked using errcode = '23514', hint = 'capacity';
      end if;
    end if;
    if new.status = 'ended' and old.status <> 'ended' then
      new.ended_at := coalesce(new.ended_at, private.clock());
    end if;
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.session_guard() is 'Tutors are teachers of the school, courses are the school''s, capacity never drops below the bookings.';
create trigger tutoring_sessions_guard before insert or update on public.tutoring_sessions
  for each row execute function private.session_guard();

create function private.session_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status <> old.status then
    perform private.session_notify(new.id, case when new.status = 'ended' then 'ended' else 'session' end, 'all',
      jsonb_build_object('id', new.id, 'status', new.status, 'ended_at', new.ended_at));
  end if;
  return null;
end $$;
comment on function private.session_live() is 'Tells the room when a session goes live, ends or is cancelled.';
create trigger tutoring_sessions_live after update of status on public.tutoring_sessions
  for each row execute function private.session_live();

-- Capacity under concurrency: the session row is locked, so bookings of the last seat queue up
-- and only the first finds it free.
create function private.booking_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s public.tutoring_sessions;
  taken int;
begin
  select * into s from public.tutoring_sessions where id = new.session_id for update;
  if not exists (select 1 from public.memberships m where m.tenant_id = s.tenant_id and m.user_id = new.user_id and m.role = 'student') then
    raise exception 'Only students of this school book seats.' using errcode = '23514', hint = 'user_id';
  end if;
  if s.status not in ('scheduled', 'live') or private.clock() >= s.starts_at + make_interval(mins => s.duration_minutes) then
    raise exception 'This session is over or cancelled.' using errcode = 'P0001', hint = 'session_closed';
  end if;
  select count(*) into taken from public.session_bookings b where b.session_id = s.id;
  if taken >= s.capacity then
    raise exception 'This session is full.' using errcode = 'P0001', hint = 'session_full';
  end if;
  new.created_at := now();
  return new;
end $$;
comment on function private.booking_guard() is 'Seats go to the school''s students, while the session is open and not full (locks the session).';
create trigger session_bookings_guard before insert on public.session_bookings
  for each row execute function private.booking_guard();

create function private.session_message_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.session_notify(new.session_id, 'chat', 'all', jsonb_build_object(
    'id', new.id, 'session_id', new.session_id, 'author_id', new.author_id,
    'author_name', case when new.author_id is null then null else private.display_name(new.author_id) end,
    'body', new.body, 'created_at', new.created_at));
  return null;
end $$;
comment on function private.session_message_live() is 'Sends a chat line to the session room.';
create trigger session_messages_live after insert on public.session_messages
  for each row execute function private.session_message_live();

create function private.admission_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'waiting' then
    perform private.session_notify(new.session_id, 'waiting', 'moderator', jsonb_build_object(
      'user_id', new.user_id, 'name', private.display_name(new.user_id), 'requested_at', new.requested_at));
  else
    perform private.live_notify('user:' || new.user_id, 'admission', 'all', jsonb_build_object(
      'session_id', new.session_id, 'status', new.status));
    perform private.session_notify(new.session_id, 'admission', 'moderator', jsonb_build_object(
      'user_id', new.user_id, 'status', new.status));
  end if;
  return null;
end $$;
comment on function private.admission_live() is 'Tells the tutor someone waits, and the person when they are admitted or turned away.';
create trigger session_admissions_live after insert or update on public.session_admissions
  for each row execute function private.admission_live();

create function private.removal_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.session_notify(new.session_id, 'removed', 'all',
    jsonb_build_object('user_id', new.user_id, 'reason', new.reason));
  update public.session_attendance a set left_at = coalesce(a.left_at, private.clock())
  where a.session_id = new.session_id and a.user_id = new.user_id and a.transport = 'p2p' and a.left_at is null;
  return null;
end $$;
comment on function private.removal_live() is 'Tells the room (and the realtime server, which drops the person''s sockets) that someone was removed.';
create trigger session_removals_live after insert on public.session_removals
  for each row execute function private.removal_live();

create function private.admission_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' and private.acting_user() and not private.can_manage_session(new.session_id) then
    new.status := 'waiting';
    new.decided_by := null;
    new.decided_at := null;
  end if;
  if tg_op = 'INSERT' then new.requested_at := now(); end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    new.decided_by := (select auth.uid());
    new.decided_at := now();
  end if;
  return new;
end $$;
comment on function private.admission_stamp() is 'Students only ask to enter; the tutor''s decision is stamped with who and when.';
create trigger session_admissions_stamp before insert or update on public.session_admissions
  for each row execute function private.admission_stamp();

create function private.removal_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.removed_by := (select auth.uid());
  new.created_at := now();
  return new;
end $$;
comment on function private.removal_stamp() is 'A removal records who removed the person.';
create trigger session_removals_stamp before insert on public.session_removals
  for each row execute function private.removal_stamp();

create function private.session_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform private.audit(new.tenant_id, 'session.created', 'session', new.id::text,
      jsonb_build_object('title', new.title, 'starts_at', new.starts_at));
  elsif new.status <> old.status then
    perform private.audit(new.tenant_id, 'session.' || new.status, 'session', new.id::text, '{}');
  end if;
  return null;
end $$;
comment on function private.session_audit() is 'Records sessions created, started, ended and cancelled.';
create trigger tutoring_sessions_audit after insert or update on public.tutoring_sessions
  for each row execute function private.session_audit();

-- Section: policies — sessions

create policy "Members see their school's sessions" on public.tutoring_sessions
  for select to authenticated using (private.is_member(tenant_id) or (select private.is_superadmin()));
create policy "Instructors and admins schedule sessions" on public.tutoring_sessions
  for insert to authenticated
  with check (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[])
              and (instructor_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())));
create policy "Tutors and admins change sessions" on public.tutoring_sessions
  for update to authenticated using (private.can_manage_session(id)) with check (private.can_manage_session(id));
create policy "Tutors and admins delete sessions" on public.tutoring_sessions
  for delete to authenticated using (private.can_manage_session(id));

-- Section: policies — bookings

-- Not can_see_session_record: that includes booked students, who would then see their
-- classmates' seats (names, emails); the contract gives students only their own.
create policy "Students see their seats; tutors and staff see the session's" on public.session_bookings
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_manage_session(session_id)
         or private.has_role(private.session_tenant(session_id), array['owner', 'admin', 'staff']::public.tenant_role[]));
create policy "Students book themselves; tutors book students" on public.session_bookings
  for insert to authenticated
  with check ((user_id = (select auth.uid()) and private.has_role(private.session_tenant(session_id), array['student']::public.tenant_role[]))
              or private.can_manage_session(session_id));
create policy "Bookings are not edited" on public.session_bookings
  for update to authenticated using (false) with check (false);
create policy "Students cancel their seat; tutors remove bookings" on public.session_bookings
  for delete to authenticated using (user_id = (select auth.uid()) or private.can_manage_session(session_id));

-- Section: policies — waiting room, removals, chat, attendance

create policy "People see their own admission; tutors the session's" on public.session_admissions
  for select to authenticated using (user_id = (select auth.uid()) or private.can_manage_session(session_id));
create policy "Booked students ask to enter" on public.session_admissions
  for insert to authenticated with check (user_id = (select auth.uid()) and private.is_booked(session_id));
create policy "Tutors admit or turn away" on public.session_admissions
  for update to authenticated using (private.can_manage_session(session_id)) with check (private.can_manage_session(session_id));
create policy "Tutors clear the waiting room" on public.session_admissions
  for delete to authenticated using (private.can_manage_session(session_id));

create policy "Tutors and the removed see removals" on public.session_removals
  for select to authenticated using (user_id = (select auth.uid()) or private.can_manage_session(session_id));
create policy "Tutors remove people" on public.session_removals
  for insert to authenticated with check (private.can_manage_session(session_id));
create policy "Removals are not edited" on public.session_removals
  for update to authenticated using (false) with check (false);
create policy "Tutors let people back" on public.session_removals
  for delete to authenticated using (private.can_manage_session(session_id));

create policy "Tutor, booked students and staff read the chat" on public.session_messages
  for select to authenticated using (private.can_see_session_record(session_id));
create policy "People in the room write in the chat" on public.session_messages
  for insert to authenticated
  with check (author_id = (select auth.uid())
              and public.session_room_access(session_id) in ('moderator', 'participant', 'observer'));
create policy "Chat lines are not edited" on public.session_messages
  for update to authenticated using (false) with check (false);
create policy "Chat lines stay with the record" on public.session_messages
  for delete to authenticated using (false);

create policy "People see their own attendance; tutors and staff everyone's" on public.session_attendance
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_manage_session(session_id)
         or private.has_role(private.session_tenant(session_id), array['owner', 'admin', 'staff']::public.tenant_role[]));
create policy "Only the platform records attendance" on public.session_attendance
  for insert to authenticated with check (false);
create policy "Attendance is not edited" on public.session_attendance
  for update to authenticated using (false) with check (false);
create policy "Attendance stays" on public.session_attendance
  for delete to authenticated using (false);

create policy "Nobody reads webhook events through the API" on private.livekit_events
  for select to authenticated using (false);
create policy "Nobody writes webhook events through the API" on private.livekit_events
  for insert to authenticated with check (false);
create policy "Nobody changes webhook events" on private.livekit_events
  for update to authenticated using (false) with check (false);
create policy "Nobody deletes webhook events" on private.livekit_events
  for delete to authenticated using (false);

-- Section: grants

revoke all on public.tutoring_sessions, public.session_bookings, public.session_admissions, public.session_removals,
  public.session_messages, public.session_attendance from anon, authenticated;
revoke all on private.livekit_events from public, anon, authenticated;
grant insert, update, delete on public.tutoring_sessions to authenticated;
-- Every column but notes: the logbook is read through private.session_notes (tutor and staff only).
grant select (id, tenant_id, instructor_id, course_id, series_id, title, description, starts_at, duration_minutes,
  capacity, waiting_room, status, started_at, ended_at, created_at, updated_at) on public.tutoring_sessions to authenticated;
grant select, insert, update, delete on public.session_bookings, public.session_admissions,
  public.session_removals to authenticated;
grant select, insert on public.session_messages to authenticated;
grant select on public.session_attendance to authenticated;
