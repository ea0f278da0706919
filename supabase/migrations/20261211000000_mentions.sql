-- @mentions in the course forums and in lesson comments (issue 19).
--
-- A writer picks people from the course while typing "@": the words keep "@Name" as plain text and
-- the row keeps whom it mentions (`mentions`, at most 10 ids), so a renamed or erased person never
-- leaves a dangling token in someone else's words. Who may be mentioned is whoever may read what
-- is written: in a forum, the people of private.forum_may_read (the school's teachers and staff
-- and the course's students; parents only read); in a lesson's comments, the people who see its
-- draft (private.draft_may_read: its co-authors and the school's owners, admins and staff).
-- Anyone else is refused with 422 `mention_not_member`, and the row is not written.
--
-- Whom a row mentions is fixed when it is written (no update grant on `mentions`): editing the
-- words never sends a second round of notifications. The people mentioned are told (kind
-- `mention`, in the bell and by email as their settings say) once the words are visible: a post
-- held for review tells nobody.

-- Section: who may be mentioned

create function private.draft_may_read(person uuid, course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = private.course_tenant(course) and m.user_id = person
      and (m.role in ('owner', 'admin', 'staff')
           or exists (select 1 from public.course_authors a where a.course_id = course and a.user_id = person))
  )
$$;
comment on function private.draft_may_read(uuid, uuid) is
  'True when the person (not the caller) sees the course''s drafts: a co-author still in the school, or its owner, admin or staff.';
revoke all on function private.draft_may_read(uuid, uuid) from public, anon, authenticated;

-- The row's mentions without repeats and without the writer, each checked against `may_read`.
create function private.checked_mentions(mentions uuid[], course uuid, audience text) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
declare
  people uuid[] := array(select distinct m from unnest(mentions) m
                         where m is distinct from (select auth.uid()) and m is not null);
  person uuid;
  allowed boolean;
begin
  foreach person in array people loop
    allowed := (audience = 'forum' and private.forum_may_read(person, course))
               or (audience = 'draft' and private.draft_may_read(person, course));
    if not allowed then
      raise exception 'Only people of the course can be mentioned.'
        using errcode = '22023', hint = 'mention_not_member';
    end if;
  end loop;
  return people;
end $$;
revoke all on function private.checked_mentions(uuid[], uuid, text) from public, anon, authenticated;

alter table public.forum_threads add column mentions uuid[] not null default '{}'
  check (cardinality(mentions) <= 10);
alter table public.forum_posts add column mentions uuid[] not null default '{}'
  check (cardinality(mentions) <= 10);
alter table public.lesson_comments add column mentions uuid[] not null default '{}'
  check (cardinality(mentions) <= 10);
comment on column public.forum_threads.mentions is 'People the first post mentions (checked, fixed once written).';
comment on column public.forum_posts.mentions is 'People the reply mentions (checked, fixed once written).';
comment on column public.lesson_comments.mentions is 'People the comment mentions (checked, fixed once written).';

-- Before insert, after the fill triggers (names sort after *_fill): the course is known by then.
create function private.forum_mentions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.mentions := private.checked_mentions(new.mentions, new.course_id, 'forum');
  return new;
end $$;
create function private.lesson_comment_mentions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.mentions := private.checked_mentions(new.mentions, new.course_id, 'draft');
  return new;
end $$;
revoke all on function private.forum_mentions_check(), private.lesson_comment_mentions_check()
  from public, anon, authenticated;

create trigger forum_threads_mentions before insert on public.forum_threads
  for each row execute function private.forum_mentions_check();
create trigger forum_posts_mentions before insert on public.forum_posts
  for each row execute function private.forum_mentions_check();
create trigger lesson_comment_mentions before insert on public.lesson_comments
  for each row execute function private.lesson_comment_mentions_check();

-- Section: whom the caller may mention

-- People of the course the caller may mention in its forum ('forum') or its lessons' comments
-- ('comments'), best matches of `query` first, at most 8; names only. Nothing for a caller who may
-- not write there.
create function public.mentionable(course uuid, place text, query text) returns table (id uuid, name text, teaches boolean)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  wanted text := lower(btrim(coalesce(query, '')));
  writes boolean := (place = 'forum' and private.forum_writes(course))
                     or (place = 'comments' and private.can_read_draft(course));
begin
  if me is null or not coalesce(writes, false) then return; end if;
  return query
    select p.id, p.display_name, private.forum_teaches(course, p.id)
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.tenant_id = private.course_tenant(course) and m.user_id <> me
      and (wanted = '' or strpos(lower(p.display_name), wanted) > 0)
      and ((place = 'forum' and private.forum_may_read(m.user_id, course))
           or (place = 'comments' and private.draft_may_read(m.user_id, course)))
    order by starts_with(lower(p.display_name), wanted) desc, p.display_name, p.id
    limit 8;
end $$;
comment on function public.mentionable(uuid, text, text) is
  'People of the course the caller may mention in its forum or its lessons'' comments (names only), best matches first.';
revoke all on function public.mentionable(uuid, text, text) from public, anon;
grant execute on function public.mentionable(uuid, text, text) to authenticated, service_role;

-- Section: telling the people mentioned

create function private.notify_mentions(
  people uuid[], tenant uuid, place text, words text, link text, lesson uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  person uuid;
  writer text := private.display_name((select auth.uid()));
begin
  foreach person in array people loop
    perform private.notify(person, tenant, 'mention',
      format('%s mentioned you', writer),
      format('%s mentioned you in "%s": %s', writer, left(place, 120), left(words, 200)),
      format('%s amekutaja', writer),
      format('%s amekutaja kwenye "%s": %s', writer, left(place, 120), left(words, 200)),
      link, lesson => lesson);
  end loop;
end $$;
revoke all on function private.notify_mentions(uuid[], uuid, text, text, text, uuid) from public, anon, authenticated;

create function private.forum_thread_mentioned() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not new.hidden and cardinality(new.mentions) > 0 then
    perform private.notify_mentions(new.mentions, new.tenant_id, new.title, new.body,
      private.forum_thread_link(new.id));
  end if;
  return null;
end $$;
create function private.forum_post_mentioned() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread public.forum_threads;
begin
  if new.hidden or cardinality(new.mentions) = 0 then return null; end if;
  select * into thread from public.forum_threads t where t.id = new.thread_id;
  -- The thread's author hears of the reply once, as a reply (forum_reply).
  perform private.notify_mentions(array_remove(new.mentions, thread.author_id), new.tenant_id, thread.title,
    new.body, private.forum_thread_link(new.thread_id));
  return null;
end $$;
create function private.lesson_comment_mentioned() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  lesson public.lessons;
begin
  if cardinality(new.mentions) = 0 then return null; end if;
  select * into lesson from public.lessons l where l.id = new.lesson_id;
  perform private.notify_mentions(new.mentions, new.tenant_id, lesson.title, new.body,
    format('/t/%s/lessons/%s/edit?comment=%s', (select s.slug from public.tenants s where s.id = new.tenant_id),
      new.lesson_id, coalesce(new.thread_id, new.id)), new.lesson_id);
  return null;
end $$;
revoke all on function private.forum_thread_mentioned(), private.forum_post_mentioned(),
  private.lesson_comment_mentioned() from public, anon, authenticated;

create trigger forum_threads_mentioned after insert on public.forum_threads
  for each row execute function private.forum_thread_mentioned();
create trigger forum_posts_mentioned after insert on public.forum_posts
  for each row execute function private.forum_post_mentioned();
create trigger lesson_comment_mentioned after insert on public.lesson_comments
  for each row execute function private.lesson_comment_mentioned();

-- Section: the mention notification kind

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
    (15, 'mention', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
