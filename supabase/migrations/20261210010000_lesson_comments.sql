-- Comments on a lesson's draft, anchored to its text (issue 19). A co-author selects text in the
-- editor and comments; the thread stays on that text while people edit, because its anchor is a
-- pair of Yjs relative positions (base64 of Y.encodeRelativePosition) into the lesson's document,
-- which the editor turns back into a range each time it draws. The comments live here, not in the
-- Yjs document: anyone who may write the document could otherwise rewrite anyone's comment. Who
-- may do what is decided in Postgres:
--   read and write: the course's co-authors and the school's owners, admins and staff
--     (private.can_read_draft, the people who see the draft);
--   change the words of a comment: its author only;
--   resolve and reopen a thread: any of them;
--   delete: the author, or a moderator (the course's editors and the school's owners and admins,
--     private.can_manage_course), audited when it is someone else's.
-- Comments are not part of the published lesson: publishing copies the document, never these rows.

-- Section: table

create table public.lesson_comments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  -- The comment that opened the thread; null for that first comment itself.
  thread_id uuid references public.lesson_comments (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 4000),
  -- The thread's text as it was selected, and where it is (first comment only).
  quote text check (char_length(quote) between 1 and 500),
  anchor_start text check (char_length(anchor_start) between 1 and 300),
  anchor_end text check (char_length(anchor_end) between 1 and 300),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  check ((thread_id is null) = (quote is not null)),
  check ((thread_id is null) = (anchor_start is not null and anchor_end is not null)),
  check (thread_id is null or resolved_at is null),
  check (resolved_at is not null or resolved_by is null)
);
alter table public.lesson_comments enable row level security;
comment on table public.lesson_comments is
  'Comment threads on a lesson''s draft, anchored to its text by Yjs relative positions; for its co-authors and the school''s staff.';
create index lesson_comments_lesson_idx on public.lesson_comments (lesson_id, created_at);
create index lesson_comments_thread_idx on public.lesson_comments (thread_id) where thread_id is not null;
create index lesson_comments_course_idx on public.lesson_comments (course_id);
create index lesson_comments_tenant_idx on public.lesson_comments (tenant_id);
create index lesson_comments_author_idx on public.lesson_comments (author_id);
create index lesson_comments_resolved_by_idx on public.lesson_comments (resolved_by) where resolved_by is not null;

-- Section: what a comment takes from its lesson and thread, and what may change

create function private.lesson_comment_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  root public.lesson_comments;
begin
  if new.thread_id is not null then
    select * into root from public.lesson_comments where id = new.thread_id;
    if root.id is null or root.thread_id is not null then
      raise exception 'that thread does not exist' using errcode = 'P0002', hint = 'comment_thread_not_found';
    end if;
    if new.lesson_id is distinct from root.lesson_id then
      raise exception 'a reply belongs to its thread''s lesson' using errcode = '22023', hint = 'comment_wrong_lesson';
    end if;
  end if;
  new.course_id := private.lesson_course(new.lesson_id);
  if new.course_id is null then
    raise exception 'that lesson does not exist' using errcode = 'P0002', hint = 'lesson_not_found';
  end if;
  new.tenant_id := private.course_tenant(new.course_id);
  if (select auth.uid()) is not null then
    new.author_id := (select auth.uid());
    new.created_at := now();
    new.edited_at := null;
    new.resolved_at := null;
    new.resolved_by := null;
  end if;
  return new;
end $$;
revoke all on function private.lesson_comment_fill() from public, anon, authenticated;

create trigger lesson_comment_fill before insert on public.lesson_comments
  for each row execute function private.lesson_comment_fill();

create function private.lesson_comment_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
begin
  if (new.tenant_id, new.course_id, new.lesson_id, new.thread_id, new.author_id, new.quote,
      new.anchor_start, new.anchor_end, new.created_at)
     is distinct from
     (old.tenant_id, old.course_id, old.lesson_id, old.thread_id, old.author_id, old.quote,
      old.anchor_start, old.anchor_end, old.created_at) then
    raise exception 'only a comment''s words and a thread''s resolution can change'
      using errcode = '42501', hint = 'comment_fixed_fields';
  end if;
  if actor is null then return new; end if;
  if new.body is distinct from old.body then
    if old.author_id is distinct from actor then
      raise exception 'only its author can change a comment' using errcode = '42501', hint = 'comment_not_yours';
    end if;
    new.edited_at := now();
  else
    new.edited_at := old.edited_at;
  end if;
  if new.resolved_at is distinct from old.resolved_at then
    if old.thread_id is not null then
      raise exception 'a reply cannot be resolved; its thread can' using errcode = '22023', hint = 'comment_not_thread';
    end if;
    if new.resolved_at is not null then
      new.resolved_at := now();
      new.resolved_by := actor;
    else
      new.resolved_by := null;
    end if;
  else
    new.resolved_by := old.resolved_by;
  end if;
  return new;
end $$;
revoke all on function private.lesson_comment_guard() from public, anon, authenticated;

create trigger lesson_comment_guard before update on public.lesson_comments
  for each row execute function private.lesson_comment_guard();

-- Section: live, and the audit of a moderator's deletion

create function private.lesson_comment_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_ public.lesson_comments := case when tg_op = 'DELETE' then old else new end;
  actor uuid := (select auth.uid());
begin
  -- Only ids go out: each co-author's page fetches the comments again under RLS.
  perform private.live_notify('course:' || row_.course_id, 'lesson_comments', 'all',
    jsonb_build_object('course_id', row_.course_id, 'lesson_id', row_.lesson_id));
  if tg_op = 'DELETE' and actor is not null and old.author_id is distinct from actor
     and pg_trigger_depth() = 1 then
    perform private.audit(old.tenant_id, 'lesson_comment.deleted', 'lesson_comment', old.id::text,
      jsonb_build_object('course_id', old.course_id, 'lesson_id', old.lesson_id,
        'author_id', old.author_id, 'thread', old.thread_id is null));
  end if;
  return null;
end $$;
revoke all on function private.lesson_comment_changed() from public, anon, authenticated;

create trigger lesson_comment_changed after insert or update or delete on public.lesson_comments
  for each row execute function private.lesson_comment_changed();

-- Section: policies

create policy "The draft's readers read its comments" on public.lesson_comments
  for select to authenticated using (private.can_read_draft(course_id));

create policy "The draft's readers comment as themselves" on public.lesson_comments
  for insert to authenticated
  with check (author_id = (select auth.uid()) and private.can_read_draft(course_id));

create policy "The draft's readers edit their words and resolve threads" on public.lesson_comments
  for update to authenticated
  using (private.can_read_draft(course_id)) with check (private.can_read_draft(course_id));

create policy "Authors and moderators delete comments" on public.lesson_comments
  for delete to authenticated
  using ((author_id = (select auth.uid()) and private.can_read_draft(course_id))
         or private.can_manage_course(course_id));

revoke all on public.lesson_comments from anon, authenticated;
grant select, insert, delete on public.lesson_comments to authenticated;
grant update (body, resolved_at) on public.lesson_comments to authenticated;
grant select, insert, update, delete on public.lesson_comments to service_role;

-- Section: my data includes one's lesson comments

alter function public.my_data() rename to my_data_without_lesson_comments;
alter function public.my_data_without_lesson_comments() set schema private;
revoke all on function private.my_data_without_lesson_comments() from public, anon, authenticated;

create function public.my_data() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
begin
  return private.my_data_without_lesson_comments() || jsonb_build_object(
    'lesson_comments', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'lesson_id', c.lesson_id, 'course_id', c.course_id,
        'thread_id', c.thread_id, 'quote', c.quote, 'body', c.body, 'created_at', c.created_at,
        'edited_at', c.edited_at) order by c.created_at)
      from public.lesson_comments c where c.author_id = me), '[]'));
end $$;
comment on function public.my_data() is 'Everything about the caller as one JSON document (GET /me/export), including course forums and lesson comments.';
revoke all on function public.my_data() from public, anon;
grant execute on function public.my_data() to authenticated, service_role;
