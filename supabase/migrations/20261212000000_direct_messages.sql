-- Direct messages between the members of a school, and the rule that keeps children safe (issue 19).
--
-- A conversation joins two members of one school. Who may write to whom is decided on every message
-- (private.may_message), not once when the conversation starts: a teacher taken off the course, a
-- parent unlinked, a student who left can no longer write, and the conversation turns read-only.
--
-- The rule. A minor is a student the school does not know to be at least its adult age
-- (forum_settings.adult_age, default 18; 0 turns the rule off): the school keeps its students'
-- birth dates (public.student_birth_dates), and a student without one counts as a minor. A minor
-- writes to, and is written to by, only their teachers (co-authors of a course they are enrolled
-- in, teachers of their class), their linked parents, and students who share a course or class
-- with them. Everyone else writes to any member of the school.
--
-- Words on the school's list (private.forum_flagged_words, the forum's filter) are refused as they
-- are sent, with 422 `message_words`: a private message cannot wait for a moderator the way a post
-- does. Messages are never edited or deleted by their writers; the record stays whole.

-- Section: the school's adult age and its students' birth dates

alter table public.forum_settings add column adult_age int not null default 18
  check (adult_age = 0 or adult_age between 10 and 21);
comment on column public.forum_settings.adult_age is
  'Students younger than this (or whose birth date the school does not hold) message only their teachers, linked parents and classmates. 0: no such rule.';

create table public.student_birth_dates (
  tenant_id uuid not null,
  user_id uuid not null,
  birth_date date not null check (birth_date >= date '1900-01-01'),
  set_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  constraint student_birth_dates_member foreign key (tenant_id, user_id)
    references public.memberships (tenant_id, user_id) on delete cascade
);
alter table public.student_birth_dates enable row level security;
comment on table public.student_birth_dates is
  'A student''s date of birth as the school records it (for the messaging rule for minors). Set by owners and admins; read by them, the school''s staff, the student and linked parents.';
create index student_birth_dates_user_idx on public.student_birth_dates (user_id);
create index student_birth_dates_set_by_idx on public.student_birth_dates (set_by);

create policy "The school's staff, the student and their parents read a birth date" on public.student_birth_dates
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.has_role(tenant_id, array['owner', 'admin', 'staff']::public.tenant_role[])
         or private.is_guardian(tenant_id, user_id));
create policy "Admins record a birth date" on public.student_birth_dates
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins correct a birth date" on public.student_birth_dates
  for update to authenticated
  using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins remove a birth date" on public.student_birth_dates
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

revoke all on public.student_birth_dates from anon, authenticated;
grant select, insert, delete on public.student_birth_dates to authenticated;
grant update (birth_date) on public.student_birth_dates to authenticated;

create function private.birth_date_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.birth_date > current_date then
    raise exception 'A date of birth cannot be in the future.' using errcode = '22023', hint = 'birth_date_future';
  end if;
  new.set_by := (select auth.uid());
  new.updated_at := now();
  return new;
end $$;
revoke all on function private.birth_date_stamp() from public, anon, authenticated;
create trigger student_birth_dates_stamp before insert or update on public.student_birth_dates
  for each row execute function private.birth_date_stamp();

create function private.birth_date_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  r public.student_birth_dates := coalesce(new, old);
begin
  perform private.audit(r.tenant_id, 'member.birth_date_' || lower(tg_op), 'user', r.user_id::text, '{}'::jsonb);
  return null;
end $$;
revoke all on function private.birth_date_audit() from public, anon, authenticated;
create trigger student_birth_dates_audit after insert or update or delete on public.student_birth_dates
  for each row execute function private.birth_date_audit();

-- Section: the rule

create function private.adult_age(tenant uuid) returns int
language sql stable security definer set search_path = '' as $$
  select coalesce((select s.adult_age from public.forum_settings s where s.tenant_id = tenant), 18)
$$;
comment on function private.adult_age(uuid) is 'The school''s adult age for the rule for minors (18 unless set; 0: no rule).';
revoke all on function private.adult_age(uuid) from public, anon;
grant execute on function private.adult_age(uuid) to authenticated, service_role;

create function private.is_minor(tenant uuid, person uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  age int := private.adult_age(tenant);
begin
  return age > 0
    and exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = person and m.role = 'student')
    and coalesce((select b.birth_date > current_date - make_interval(years => age)
                  from public.student_birth_dates b where b.tenant_id = tenant and b.user_id = person), true);
end $$;
comment on function private.is_minor(uuid, uuid) is
  'True when the person is a student of the school not known to be of its adult age (no birth date: a minor).';
revoke all on function private.is_minor(uuid, uuid) from public, anon, authenticated;

-- The teacher teaches the student: a co-author of a course the student is enrolled in, or a
-- teacher of the student's class, in this school.
create function private.teaches_student(tenant uuid, teacher uuid, student uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.enrolments e
                 join public.courses c on c.id = e.course_id and c.tenant_id = tenant
                 join public.course_authors a on a.course_id = e.course_id and a.user_id = teacher
                 where e.user_id = student)
      or exists (select 1 from public.class_members m
                 join public.class_teachers t on t.class_id = m.class_id and t.user_id = teacher
                 where m.tenant_id = tenant and m.user_id = student)
$$;
revoke all on function private.teaches_student(uuid, uuid, uuid) from public, anon, authenticated;

create function private.classmates(tenant uuid, a uuid, b uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.enrolments ea
                 join public.enrolments eb on eb.course_id = ea.course_id and eb.user_id = b
                 join public.courses c on c.id = ea.course_id and c.tenant_id = tenant
                 where ea.user_id = a)
      or exists (select 1 from public.class_members ma
                 join public.class_members mb on mb.class_id = ma.class_id and mb.user_id = b
                 where ma.tenant_id = tenant and ma.user_id = a)
$$;
revoke all on function private.classmates(uuid, uuid, uuid) from public, anon, authenticated;

/** Whether `a` may write to `b` in the school (the rule is the same both ways). */
create function private.may_message(tenant uuid, a uuid, b uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  a_minor boolean := private.is_minor(tenant, a);
  b_minor boolean := private.is_minor(tenant, b);
  student uuid;
  other uuid;
begin
  if a is null or b is null or a = b then return false; end if;
  if (select count(*) from public.memberships m where m.tenant_id = tenant and m.user_id in (a, b)) < 2 then
    return false;
  end if;
  if not a_minor and not b_minor then return true; end if;
  if a_minor and b_minor then return private.classmates(tenant, a, b); end if;
  student := case when a_minor then a else b end;
  other := case when a_minor then b else a end;
  return private.teaches_student(tenant, other, student)
      or exists (select 1 from public.guardian_links g
                 where g.tenant_id = tenant and g.parent_id = other and g.student_id = student);
end $$;
comment on function private.may_message(uuid, uuid, uuid) is
  'True when the two members of the school may message each other: always between adults; a minor only with their teachers, linked parents and classmates.';
revoke all on function private.may_message(uuid, uuid, uuid) from public, anon, authenticated;

/** Whether the caller may message the person in the school now (the person page's Message button). */
create function public.may_message(tenant uuid, person uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.may_message(tenant, (select auth.uid()), person)
$$;
revoke all on function public.may_message(uuid, uuid) from public, anon;
grant execute on function public.may_message(uuid, uuid) to authenticated, service_role;

-- Section: conversations

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- The two people, the smaller id first: one conversation per pair and school.
  person_a uuid not null references auth.users (id) on delete cascade,
  person_b uuid not null references auth.users (id) on delete cascade,
  a_read_at timestamptz,
  b_read_at timestamptz,
  last_message_at timestamptz,
  created_at timestamptz not null default now(),
  constraint conversations_pair check (person_a < person_b),
  constraint conversations_one_per_pair unique (tenant_id, person_a, person_b)
);
alter table public.conversations enable row level security;
comment on table public.conversations is
  'Direct messages between two members of a school (person_a < person_b). Started with public.start_conversation; read marks through public.read_conversation.';
create index conversations_a_idx on public.conversations (person_a, last_message_at desc);
create index conversations_b_idx on public.conversations (person_b, last_message_at desc);

create policy "The two people read their conversation" on public.conversations
  for select to authenticated
  using (person_a = (select auth.uid()) or person_b = (select auth.uid()));
create policy "Conversations are started through start_conversation" on public.conversations
  for insert to authenticated with check (false);
create policy "Conversations change only through their messages and read marks" on public.conversations
  for update to authenticated using (false);
create policy "Conversations are kept" on public.conversations
  for delete to authenticated using (false);
revoke all on public.conversations from anon, authenticated;
grant select on public.conversations to authenticated;

create function private.is_in_conversation(conversation uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.conversations c
                 where c.id = conversation and (select auth.uid()) in (c.person_a, c.person_b))
$$;
revoke all on function private.is_in_conversation(uuid) from public, anon;
grant execute on function private.is_in_conversation(uuid) to authenticated, service_role;

/** The caller's conversation with the person in the school, started when there is none yet. */
create function public.start_conversation(tenant uuid, person uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  found_id uuid;
begin
  if not private.may_message(tenant, me, person) then
    raise exception 'You cannot message this person.' using errcode = '42501', hint = 'message_not_allowed';
  end if;
  insert into public.conversations (tenant_id, person_a, person_b)
  values (tenant, least(me, person), greatest(me, person))
  on conflict on constraint conversations_one_per_pair do nothing
  returning id into found_id;
  if found_id is null then
    select c.id into found_id from public.conversations c
    where c.tenant_id = tenant and c.person_a = least(me, person) and c.person_b = greatest(me, person);
  end if;
  return found_id;
end $$;
comment on function public.start_conversation(uuid, uuid) is
  'The caller''s conversation with a member of the school (new or existing); 403 message_not_allowed when the rule forbids it.';
revoke all on function public.start_conversation(uuid, uuid) from public, anon;
grant execute on function public.start_conversation(uuid, uuid) to authenticated, service_role;

/** Marks the caller's side of the conversation read up to now. */
create function public.read_conversation(conversation uuid) returns void
language sql security definer set search_path = '' as $$
  update public.conversations c
  set a_read_at = case when c.person_a = (select auth.uid()) then now() else c.a_read_at end,
      b_read_at = case when c.person_b = (select auth.uid()) then now() else c.b_read_at end
  where c.id = conversation and (select auth.uid()) in (c.person_a, c.person_b)
$$;
revoke all on function public.read_conversation(uuid) from public, anon;
grant execute on function public.read_conversation(uuid) to authenticated, service_role;

-- Section: messages

create table public.direct_messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  sender_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now()
);
alter table public.direct_messages enable row level security;
comment on table public.direct_messages is
  'One message of a conversation. Never edited or deleted by its writer; each is checked against the rule for minors and the school''s word list as it is sent.';
create index direct_messages_conversation_idx on public.direct_messages (conversation_id, created_at desc);
create index direct_messages_tenant_idx on public.direct_messages (tenant_id);
create index direct_messages_sender_idx on public.direct_messages (sender_id);

create policy "The two people read their messages" on public.direct_messages
  for select to authenticated using (private.is_in_conversation(conversation_id));
create policy "The two people write in their conversation" on public.direct_messages
  for insert to authenticated
  with check (sender_id = (select auth.uid()) and private.is_in_conversation(conversation_id));
create policy "Messages are never edited" on public.direct_messages
  for update to authenticated using (false);
create policy "Messages are never deleted" on public.direct_messages
  for delete to authenticated using (false);
revoke all on public.direct_messages from anon, authenticated;
grant select on public.direct_messages to authenticated;
grant insert (conversation_id, body) on public.direct_messages to authenticated;

-- Before insert: the school from the conversation, the writer, and the rule checked now.
create function private.direct_message_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
  me uuid := (select auth.uid());
begin
  select * into c from public.conversations x where x.id = new.conversation_id;
  new.tenant_id := c.tenant_id;
  new.sender_id := me;
  new.created_at := private.clock();
  if me is null then return new; end if;
  if not private.may_message(c.tenant_id, c.person_a, c.person_b) then
    raise exception 'You can no longer message this person.' using errcode = '42501', hint = 'message_not_allowed';
  end if;
  if cardinality(private.forum_flagged_words(c.tenant_id, new.body)) > 0 then
    raise exception 'This message has words your school does not allow.' using errcode = '22023', hint = 'message_words';
  end if;
  return new;
end $$;
revoke all on function private.direct_message_check() from public, anon, authenticated;
create trigger direct_messages_check before insert on public.direct_messages
  for each row execute function private.direct_message_check();

-- After insert: the conversation's last message and the writer's read mark; both people's sockets
-- hear of it (ids only: the page loads the words through RLS); the other is notified when this is
-- the first message they have not read.
create function private.direct_message_added() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
  other uuid;
  other_read timestamptz;
  writer text := private.display_name(new.sender_id);
begin
  select * into c from public.conversations x where x.id = new.conversation_id;
  other := case when c.person_a = new.sender_id then c.person_b else c.person_a end;
  other_read := case when c.person_a = other then c.a_read_at else c.b_read_at end;
  update public.conversations x
  set last_message_at = new.created_at,
      a_read_at = case when x.person_a = new.sender_id then new.created_at else x.a_read_at end,
      b_read_at = case when x.person_b = new.sender_id then new.created_at else x.b_read_at end
  where x.id = c.id;
  perform private.live_notify('user:' || c.person_a, 'direct', 'all', jsonb_build_object('conversation_id', c.id));
  perform private.live_notify('user:' || c.person_b, 'direct', 'all', jsonb_build_object('conversation_id', c.id));
  if c.last_message_at is null or (other_read is not null and other_read >= c.last_message_at) then
    perform private.notify(other, c.tenant_id, 'direct_message',
      format('Message from %s', writer), format('%s: %s', writer, left(new.body, 200)),
      format('Ujumbe kutoka kwa %s', writer), format('%s: %s', writer, left(new.body, 200)),
      format('/t/%s/messages/%s', (select s.slug from public.tenants s where s.id = c.tenant_id), c.id));
  end if;
  return null;
end $$;
revoke all on function private.direct_message_added() from public, anon, authenticated;
create trigger direct_messages_added after insert on public.direct_messages
  for each row execute function private.direct_message_added();

-- Section: whom the caller may message

-- Members of the school the caller may message now, best matches of `query` first, at most 20;
-- names, pictures and roles only.
create function public.messageable(tenant uuid, query text)
returns table (id uuid, name text, avatar_path text, role public.tenant_role)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  wanted text := lower(btrim(coalesce(query, '')));
begin
  if me is null or not private.is_member(tenant) then return; end if;
  return query
    select p.id, p.display_name, p.avatar_path, m.role
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.tenant_id = tenant and m.user_id <> me
      and (wanted = '' or strpos(lower(p.display_name), wanted) > 0)
      and private.may_message(tenant, me, m.user_id)
    order by starts_with(lower(p.display_name), wanted) desc, p.display_name, p.id
    limit 20;
end $$;
comment on function public.messageable(uuid, text) is
  'Members of the school the caller may message (names, pictures and roles only), best matches first, at most 20.';
revoke all on function public.messageable(uuid, text) from public, anon;
grant execute on function public.messageable(uuid, text) to authenticated, service_role;

-- Section: messages held for their words are told when a moderator shows them

-- The people mentioned hear the name of whoever wrote the words (not of the moderator who showed
-- them): notify_mentions takes the writer, the caller by default.
drop function private.notify_mentions(uuid[], uuid, text, text, text, uuid);
create function private.notify_mentions(
  people uuid[], tenant uuid, place text, words text, link text, lesson uuid default null,
  writer uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  person uuid;
  name text := private.display_name(coalesce(writer, (select auth.uid())));
begin
  foreach person in array people loop
    perform private.notify(person, tenant, 'mention',
      format('%s mentioned you', name),
      format('%s mentioned you in "%s": %s', name, left(place, 120), left(words, 200)),
      format('%s amekutaja', name),
      format('%s amekutaja kwenye "%s": %s', name, left(place, 120), left(words, 200)),
      link, lesson => lesson);
  end loop;
end $$;
revoke all on function private.notify_mentions(uuid[], uuid, text, text, text, uuid, uuid) from public, anon, authenticated;

-- A thread or reply held for its words as it was posted (never edited since) told nobody; when a
-- moderator shows it, the people it mentions (and, for a reply, the thread's author) are told then.
create function private.forum_released() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread public.forum_threads;
  writer text := private.display_name(new.author_id);
begin
  if not (old.hidden and not new.hidden and old.review_reason is not distinct from 'words' and old.edited_at is null) then
    return null;
  end if;
  if tg_table_name = 'forum_threads' then
    perform private.notify_mentions(new.mentions, new.tenant_id, to_jsonb(new) ->> 'title', new.body,
      private.forum_thread_link(new.id), writer => new.author_id);
    return null;
  end if;
  select * into thread from public.forum_threads t where t.id = (to_jsonb(new) ->> 'thread_id')::uuid;
  perform private.notify_mentions(array_remove(new.mentions, thread.author_id), new.tenant_id, thread.title,
    new.body, private.forum_thread_link(thread.id), writer => new.author_id);
  if thread.author_id is not null and thread.author_id is distinct from new.author_id
     and private.forum_may_read(thread.author_id, thread.course_id) then
    perform private.notify(thread.author_id, thread.tenant_id, 'forum_reply',
      format('New reply: %s', left(thread.title, 120)),
      format('%s replied in "%s": %s', writer, left(thread.title, 120), left(new.body, 200)),
      format('Jibu jipya: %s', left(thread.title, 120)),
      format('%s amejibu kwenye "%s": %s', writer, left(thread.title, 120), left(new.body, 200)),
      private.forum_thread_link(thread.id));
  end if;
  return null;
end $$;
revoke all on function private.forum_released() from public, anon, authenticated;
create trigger forum_threads_released after update of hidden on public.forum_threads
  for each row execute function private.forum_released();
create trigger forum_posts_released after update of hidden on public.forum_posts
  for each row execute function private.forum_released();

-- Section: my data includes my conversations, the messages I wrote, and my recorded birth dates

alter function public.my_data() rename to my_data_without_direct_messages;
alter function public.my_data_without_direct_messages() set schema private;
revoke all on function private.my_data_without_direct_messages() from public, anon, authenticated;

create function public.my_data() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
begin
  return private.my_data_without_direct_messages() || jsonb_build_object(
    'conversations', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'tenant_id', c.tenant_id,
        'with', case when c.person_a = me then c.person_b else c.person_a end, 'created_at', c.created_at)
        order by c.created_at)
      from public.conversations c where me in (c.person_a, c.person_b)), '[]'),
    'direct_messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'conversation_id', d.conversation_id, 'body', d.body,
        'created_at', d.created_at) order by d.created_at)
      from public.direct_messages d where d.sender_id = me), '[]'),
    'birth_dates', coalesce((
      select jsonb_agg(jsonb_build_object('tenant_id', b.tenant_id, 'birth_date', b.birth_date))
      from public.student_birth_dates b where b.user_id = me), '[]'));
end $$;
comment on function public.my_data() is 'Everything about the caller as one JSON document (GET /me/export), including course forums, lesson comments and direct messages.';
revoke all on function public.my_data() from public, anon;
grant execute on function public.my_data() to authenticated, service_role;

-- Section: the direct_message notification kind

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
    (18, 'direct_message', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
