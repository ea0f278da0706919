-- Course discussion forums (issue 19, first part).
--
-- Each course has a board of threads in three categories: questions, announcements (its teachers
-- only) and general talk. Who does what, decided here and nowhere else (private.forum_role):
--   * moderators: the course's co-authors and the school's owners, admins and staff (the people
--     who read its drafts, private.can_read_draft). They post anywhere, pin, lock, hide, restore
--     and delete anything; every such action on someone else's words is audited.
--   * members: the school's instructors and the students enrolled in the course. They start
--     threads (not announcements), reply while a thread is open, edit and delete their own words,
--     and the asker marks which reply answered their question.
--   * readers: parents of an enrolled child. They read, and write nothing.
-- A hidden thread or post is seen only by moderators and its author. Replies bump their thread
-- (reply_count, last_post_at: kept by triggers, never written by people), reach the course's live
-- topic (`course:<id>`, event `forum`), and notify the thread's author (kind forum_reply). What
-- each person has read is kept per thread (public.forum_reads) for unread counts.

-- Section: who may do what

create function private.forum_role(course uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  school uuid := private.course_tenant(course);
begin
  if school is null then return null; end if;
  if private.can_read_draft(course) then return 'moderator'; end if;
  if private.has_role(school, array['instructor']::public.tenant_role[]) or private.is_enrolled(course) then
    return 'member';
  end if;
  if exists (select 1 from public.enrolments e where e.course_id = course and private.is_guardian(school, e.user_id)) then
    return 'reader';
  end if;
  return null;
end $$;
comment on function private.forum_role(uuid) is 'The caller''s part in a course''s forum: moderator (co-authors, owners, admins, staff), member (the school''s instructors, enrolled students), reader (parents of an enrolled child), or null.';
revoke all on function private.forum_role(uuid) from public, anon;
grant execute on function private.forum_role(uuid) to authenticated, service_role;

create function private.forum_moderates(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(private.forum_role(course) = 'moderator', false)
$$;
comment on function private.forum_moderates(uuid) is 'True when the caller moderates the course''s forum.';
revoke all on function private.forum_moderates(uuid) from public, anon;
grant execute on function private.forum_moderates(uuid) to authenticated, service_role;

create function private.forum_writes(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(private.forum_role(course) in ('moderator', 'member'), false)
$$;
comment on function private.forum_writes(uuid) is 'True when the caller may write in the course''s forum (moderators and members).';
revoke all on function private.forum_writes(uuid) from public, anon;
grant execute on function private.forum_writes(uuid) to authenticated, service_role;

-- Whether a person teaches in the course's forum (a co-author, or the school's owner, admin or
-- staff): the "teacher" mark beside their name.
create function private.forum_teaches(course uuid, person uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select person is not null and (
    exists (select 1 from public.course_authors a where a.course_id = course and a.user_id = person)
    or exists (select 1 from public.memberships m
               where m.tenant_id = private.course_tenant(course) and m.user_id = person
                 and m.role in ('owner', 'admin', 'staff')))
$$;
comment on function private.forum_teaches(uuid, uuid) is 'True when the person moderates the course''s forum (co-author, owner, admin or staff of its school): shown as a teacher mark.';
revoke all on function private.forum_teaches(uuid, uuid) from public, anon;
grant execute on function private.forum_teaches(uuid, uuid) to authenticated, service_role;

-- Section: tables

create table public.forum_threads (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  category text not null check (category in ('question', 'announcement', 'general')),
  title text not null check (char_length(btrim(title)) between 1 and 200 and title = btrim(title)),
  body text not null check (char_length(btrim(body)) between 1 and 10000),
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  pinned boolean not null default false,
  locked boolean not null default false,
  hidden boolean not null default false,
  answered_post_id uuid,
  reply_count int not null default 0 check (reply_count >= 0),
  last_post_at timestamptz not null default now(),
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  constraint forum_threads_id_course unique (id, course_id)
);
alter table public.forum_threads enable row level security;
comment on table public.forum_threads is 'A course forum''s threads: a question, an announcement (teachers only) or general talk, with its first post as title and body.';
create index forum_threads_course_idx on public.forum_threads (course_id, pinned desc, last_post_at desc);
create index forum_threads_author_idx on public.forum_threads (author_id);
create index forum_threads_tenant_idx on public.forum_threads (tenant_id);
create index forum_threads_title_trgm on public.forum_threads using gin (title extensions.gin_trgm_ops);
create index forum_threads_body_trgm on public.forum_threads using gin (body extensions.gin_trgm_ops);

create table public.forum_posts (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null,
  course_id uuid not null,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  body text not null check (char_length(btrim(body)) between 1 and 10000),
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  hidden boolean not null default false,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  constraint forum_posts_thread foreign key (thread_id, course_id)
    references public.forum_threads (id, course_id) on delete cascade
);
alter table public.forum_posts enable row level security;
comment on table public.forum_posts is 'Replies in a course forum''s threads, oldest first.';
create index forum_posts_thread_idx on public.forum_posts (thread_id, created_at);
create index forum_posts_course_idx on public.forum_posts (course_id);
create index forum_posts_author_idx on public.forum_posts (author_id);
create index forum_posts_tenant_idx on public.forum_posts (tenant_id);
create index forum_posts_body_trgm on public.forum_posts using gin (body extensions.gin_trgm_ops);
-- What moderators have hidden (the policies read `hidden`; few rows, so partial indexes).
create index forum_threads_hidden_idx on public.forum_threads (hidden) where hidden;
create index forum_posts_hidden_idx on public.forum_posts (hidden) where hidden;

alter table public.forum_threads add constraint forum_threads_answer
  foreign key (answered_post_id) references public.forum_posts (id) on delete set null;
create index forum_threads_answer_idx on public.forum_threads (answered_post_id);

create table public.forum_reads (
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  thread_id uuid not null references public.forum_threads (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (user_id, thread_id)
);
alter table public.forum_reads enable row level security;
comment on table public.forum_reads is 'When each person last read each forum thread (unread counts). Only their own rows.';
create index forum_reads_thread_idx on public.forum_reads (thread_id);

-- Section: the tenant and course of a row come from its course and thread, never from the writer

-- The insert policies ask only who writes; what a member may not start with (an announcement, a
-- pin or a lock, a hidden or answered thread, a reply in a locked or hidden thread) is refused here.
create function private.forum_thread_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.tenant_id := private.course_tenant(new.course_id);
  if (select auth.uid()) is null or not private.forum_writes(new.course_id) then return new; end if; -- RLS answers
  if new.hidden or new.answered_post_id is not null then
    raise exception 'A new thread is neither hidden nor answered.' using errcode = '22023', hint = 'forum_forbidden';
  end if;
  if (new.category = 'announcement' or new.pinned or new.locked) and not private.forum_moderates(new.course_id) then
    raise exception 'Only the course''s teachers and the school''s staff pin, lock or hide threads and post announcements.'
      using errcode = '42501', hint = 'forum_moderators_only';
  end if;
  return new;
end $$;
create trigger forum_threads_fill before insert on public.forum_threads
  for each row execute function private.forum_thread_fill();

create function private.forum_post_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  closed boolean;
begin
  select t.course_id, t.tenant_id, t.locked or t.hidden into new.course_id, new.tenant_id, closed
  from public.forum_threads t where t.id = new.thread_id;
  if (select auth.uid()) is null or not private.forum_writes(new.course_id) then return new; end if; -- RLS answers
  if new.hidden then
    raise exception 'A new reply is not hidden.' using errcode = '22023', hint = 'forum_forbidden';
  end if;
  if closed and not private.forum_moderates(new.course_id) then
    raise exception 'This thread is locked.' using errcode = 'P0001', hint = 'forum_locked';
  end if;
  return new;
end $$;
create trigger forum_posts_fill before insert on public.forum_posts
  for each row execute function private.forum_post_fill();
revoke all on function private.forum_thread_fill(), private.forum_post_fill() from public, anon, authenticated;

-- Section: policies

create policy "Forum readers see visible threads; moderators and authors see hidden ones" on public.forum_threads
  for select to authenticated
  using (private.forum_role(course_id) is not null
         and (not hidden or author_id = (select auth.uid()) or private.forum_moderates(course_id)));
create policy "Members and moderators start threads" on public.forum_threads
  for insert to authenticated
  with check (author_id = (select auth.uid()) and private.forum_writes(course_id));
create policy "Authors and moderators change threads" on public.forum_threads
  for update to authenticated
  using (author_id = (select auth.uid()) or private.forum_moderates(course_id))
  with check (private.forum_writes(course_id));
create policy "Authors delete threads nobody answered, moderators any" on public.forum_threads
  for delete to authenticated
  using (private.forum_moderates(course_id)
         or (author_id = (select auth.uid()) and private.forum_writes(course_id)
             and not exists (select 1 from public.forum_posts p
                             where p.thread_id = forum_threads.id and p.author_id is distinct from (select auth.uid()))));

create policy "Forum readers see visible replies; moderators and authors see hidden ones" on public.forum_posts
  for select to authenticated
  using (private.forum_role(course_id) is not null
         and (not hidden or author_id = (select auth.uid()) or private.forum_moderates(course_id)));
create policy "Members and moderators reply" on public.forum_posts
  for insert to authenticated
  with check (author_id = (select auth.uid()) and private.forum_writes(course_id));
create policy "Authors and moderators change replies" on public.forum_posts
  for update to authenticated
  using (author_id = (select auth.uid()) or private.forum_moderates(course_id))
  with check (private.forum_writes(course_id));
create policy "Authors and moderators delete replies" on public.forum_posts
  for delete to authenticated
  using ((author_id = (select auth.uid()) and private.forum_writes(course_id)) or private.forum_moderates(course_id));

create policy "People read their own read marks" on public.forum_reads
  for select to authenticated using (user_id = (select auth.uid()));
create policy "People mark threads they can see as read" on public.forum_reads
  for insert to authenticated
  with check (user_id = (select auth.uid()) and exists (select 1 from public.forum_threads t where t.id = thread_id));
create policy "People move their own read marks" on public.forum_reads
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "People remove their own read marks" on public.forum_reads
  for delete to authenticated using (user_id = (select auth.uid()));

-- Section: what only moderators change, and what the asker may

-- RLS decides who may touch a row; these decide which columns. Counters and the course stay the
-- triggers' own; members change their words (not in a locked thread) and, the asker or a
-- moderator, which reply answered a question; pin, lock and hide are the moderators'.
create function private.forum_thread_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  moderator boolean := private.forum_moderates(old.course_id);
  actor uuid := (select auth.uid());
begin
  -- The service role, and the triggers below keeping the counters (a nested update).
  if actor is null or pg_trigger_depth() > 1 then return new; end if;
  if new.course_id <> old.course_id or new.tenant_id <> old.tenant_id or new.author_id is distinct from old.author_id
     or new.created_at <> old.created_at then
    raise exception 'A thread stays where it was written.' using errcode = '42501', hint = 'forum_forbidden';
  end if;
  if not moderator and (new.pinned <> old.pinned or new.locked <> old.locked or new.hidden <> old.hidden
                        or (new.category <> old.category and new.category = 'announcement')) then
    raise exception 'Only the course''s teachers and the school''s staff pin, lock or hide threads and post announcements.'
      using errcode = '42501', hint = 'forum_moderators_only';
  end if;
  if (new.title <> old.title or new.body <> old.body or new.category <> old.category) then
    if old.author_id is distinct from actor and not moderator then
      raise exception 'Only its author changes a thread''s words.' using errcode = '42501', hint = 'forum_forbidden';
    end if;
    if old.locked and not moderator then
      raise exception 'This thread is locked.' using errcode = 'P0001', hint = 'forum_locked';
    end if;
    new.edited_at := now();
  end if;
  if new.answered_post_id is distinct from old.answered_post_id then
    if old.author_id is distinct from actor and not moderator then
      raise exception 'Only the asker or a teacher marks the answer.' using errcode = '42501', hint = 'forum_forbidden';
    end if;
    if new.answered_post_id is not null and not exists (
      select 1 from public.forum_posts p where p.id = new.answered_post_id and p.thread_id = old.id) then
      raise exception 'That reply is not in this thread.' using errcode = 'P0002', hint = 'forum_post_not_found';
    end if;
  end if;
  new.reply_count := old.reply_count;
  new.last_post_at := old.last_post_at;
  return new;
end $$;
create trigger forum_threads_guard before update on public.forum_threads
  for each row execute function private.forum_thread_guard();

create function private.forum_post_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
  moderator boolean := private.forum_moderates(old.course_id);
begin
  if actor is null then return new; end if;
  if new.thread_id <> old.thread_id or new.course_id <> old.course_id or new.tenant_id <> old.tenant_id
     or new.author_id is distinct from old.author_id or new.created_at <> old.created_at then
    raise exception 'A reply stays where it was written.' using errcode = '42501', hint = 'forum_forbidden';
  end if;
  if new.hidden <> old.hidden and not moderator then
    raise exception 'Only the course''s teachers and the school''s staff hide replies.'
      using errcode = '42501', hint = 'forum_moderators_only';
  end if;
  if new.body <> old.body then
    if old.author_id is distinct from actor then
      raise exception 'Only its author changes a reply.' using errcode = '42501', hint = 'forum_forbidden';
    end if;
    if not moderator and exists (select 1 from public.forum_threads t where t.id = old.thread_id and t.locked) then
      raise exception 'This thread is locked.' using errcode = 'P0001', hint = 'forum_locked';
    end if;
    new.edited_at := now();
  end if;
  return new;
end $$;
create trigger forum_posts_guard before update on public.forum_posts
  for each row execute function private.forum_post_guard();
revoke all on function private.forum_thread_guard(), private.forum_post_guard() from public, anon, authenticated;

-- Section: counters, live events, notifications and the audit

create function private.forum_thread_link(thread uuid) returns text
language sql stable security definer set search_path = '' as $$
  select format('/t/%s/courses/%s/forum/%s', s.slug, t.course_id, t.id)
  from public.forum_threads t join public.tenants s on s.id = t.tenant_id where t.id = thread
$$;
revoke all on function private.forum_thread_link(uuid) from public, anon, authenticated;

create function private.forum_live(course uuid, thread uuid) returns void
language sql security definer set search_path = '' as $$
  select private.live_notify('course:' || course, 'forum', 'all',
    jsonb_build_object('course_id', course, 'thread_id', thread))
$$;
revoke all on function private.forum_live(uuid, uuid) from public, anon, authenticated;

create function private.forum_thread_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
begin
  perform private.forum_live(case when tg_op = 'DELETE' then old.course_id else new.course_id end,
                             case when tg_op = 'DELETE' then old.id else new.id end);
  if tg_op = 'UPDATE' and actor is not null then
    if new.pinned <> old.pinned then
      perform private.audit(new.tenant_id, case when new.pinned then 'forum.thread_pinned' else 'forum.thread_unpinned' end,
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title));
    end if;
    if new.locked <> old.locked then
      perform private.audit(new.tenant_id, case when new.locked then 'forum.thread_locked' else 'forum.thread_unlocked' end,
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title));
    end if;
    if new.hidden <> old.hidden then
      perform private.audit(new.tenant_id, case when new.hidden then 'forum.thread_hidden' else 'forum.thread_restored' end,
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title, 'author_id', new.author_id));
    end if;
  elsif tg_op = 'DELETE' and actor is not null and old.author_id is distinct from actor then
    perform private.audit(old.tenant_id, 'forum.thread_deleted', 'forum_thread', old.id::text,
      jsonb_build_object('course_id', old.course_id, 'title', old.title, 'author_id', old.author_id));
  end if;
  return null;
end $$;
create trigger forum_threads_changed after insert or update or delete on public.forum_threads
  for each row execute function private.forum_thread_changed();

create function private.forum_post_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
  thread public.forum_threads;
begin
  -- A thread deleted with its replies: its own trigger tells and audits once.
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then return null; end if;
  if tg_op = 'INSERT' then
    update public.forum_threads t set reply_count = t.reply_count + 1, last_post_at = new.created_at
    where t.id = new.thread_id returning * into thread;
    if thread.author_id is not null and private.forum_may_read(thread.author_id, thread.course_id) then
      perform private.notify(thread.author_id, thread.tenant_id, 'forum_reply',
        format('New reply: %s', left(thread.title, 120)),
        format('%s replied in "%s": %s', private.display_name(new.author_id), left(thread.title, 120), left(new.body, 200)),
        format('Jibu jipya: %s', left(thread.title, 120)),
        format('%s amejibu kwenye "%s": %s', private.display_name(new.author_id), left(thread.title, 120), left(new.body, 200)),
        private.forum_thread_link(thread.id));
    end if;
  elsif tg_op = 'DELETE' then
    update public.forum_threads t
    set reply_count = greatest(t.reply_count - 1, 0),
        last_post_at = coalesce((select max(p.created_at) from public.forum_posts p where p.thread_id = t.id), t.created_at)
    where t.id = old.thread_id;
    if actor is not null and old.author_id is distinct from actor then
      perform private.audit(old.tenant_id, 'forum.post_deleted', 'forum_post', old.id::text,
        jsonb_build_object('thread_id', old.thread_id, 'author_id', old.author_id));
    end if;
  elsif new.hidden <> old.hidden and actor is not null then
    perform private.audit(new.tenant_id, case when new.hidden then 'forum.post_hidden' else 'forum.post_restored' end,
      'forum_post', new.id::text, jsonb_build_object('thread_id', new.thread_id, 'author_id', new.author_id));
  end if;
  perform private.forum_live(coalesce(new.course_id, old.course_id), coalesce(new.thread_id, old.thread_id));
  return null;
end $$;

-- Whether a person (not the caller) can still read a course's forum: still in the school and
-- enrolled or teaching there (parents are readers but get no reply notifications: they ask nothing).
create function private.forum_may_read(person uuid, course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = private.course_tenant(course) and m.user_id = person
      and (m.role in ('owner', 'admin', 'staff', 'instructor')
           or exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = person))
  )
$$;
revoke all on function private.forum_may_read(uuid, uuid) from public, anon, authenticated;

create trigger forum_posts_changed after insert or update or delete on public.forum_posts
  for each row execute function private.forum_post_changed();
revoke all on function private.forum_thread_changed(), private.forum_post_changed() from public, anon, authenticated;

-- Section: the forum_reply notification kind

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
    (13, 'forum_reply', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));

-- Section: grants

revoke all on public.forum_threads, public.forum_posts, public.forum_reads from anon, authenticated;
grant select, insert, delete on public.forum_threads, public.forum_posts to authenticated;
grant update (category, title, body, pinned, locked, hidden, answered_post_id) on public.forum_threads to authenticated;
grant update (body, hidden) on public.forum_posts to authenticated;
grant select, insert, update, delete on public.forum_reads to authenticated;
grant select, insert, update, delete on public.forum_threads, public.forum_posts, public.forum_reads to service_role;

-- Section: my data includes what one wrote in the forums

-- The export of 20261208070000 stays as it is, under a private name; public.my_data adds the forum.
alter function public.my_data() rename to my_data_without_forum;
alter function public.my_data_without_forum() set schema private;
revoke all on function private.my_data_without_forum() from public, anon, authenticated;

create function public.my_data() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
begin
  return private.my_data_without_forum() || jsonb_build_object(
    'forum_threads', coalesce((
      select jsonb_agg(jsonb_build_object('id', t.id, 'course_id', t.course_id, 'category', t.category,
        'title', t.title, 'body', t.body, 'created_at', t.created_at, 'edited_at', t.edited_at) order by t.created_at)
      from public.forum_threads t where t.author_id = me), '[]'),
    'forum_posts', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'thread_id', p.thread_id, 'course_id', p.course_id,
        'body', p.body, 'created_at', p.created_at, 'edited_at', p.edited_at) order by p.created_at)
      from public.forum_posts p where p.author_id = me), '[]'));
end $$;
comment on function public.my_data() is 'Everything about the caller as one JSON document (GET /me/export), including what they wrote in course forums.';
revoke all on function public.my_data() from public, anon;
grant execute on function public.my_data() to authenticated, service_role;
