-- Reactions in the course forums (issue 19): a member marks a thread's first post or a reply with
-- one of a few reactions (thumbs up, heart, "I have this question too", celebrate), once each. Who
-- reads the forum sees the counts; members and moderators react (parents read only); each person
-- removes only their own. A change reaches the course's live topic like any forum change.

create table public.forum_reactions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  thread_id uuid not null references public.forum_threads (id) on delete cascade,
  -- The reply reacted to; null for the thread's first post.
  post_id uuid references public.forum_posts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  reaction text not null check (reaction in ('thumbs_up', 'heart', 'same_question', 'celebrate')),
  created_at timestamptz not null default now(),
  unique nulls not distinct (thread_id, post_id, user_id, reaction)
);
alter table public.forum_reactions enable row level security;
comment on table public.forum_reactions is
  'Reactions to forum posts (a thread''s first post when post_id is null), one of each kind per person.';
create index forum_reactions_course_idx on public.forum_reactions (course_id);
create index forum_reactions_tenant_idx on public.forum_reactions (tenant_id);
create index forum_reactions_user_idx on public.forum_reactions (user_id);
create index forum_reactions_post_idx on public.forum_reactions (post_id) where post_id is not null;

create function private.forum_reaction_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread public.forum_threads;
begin
  select * into thread from public.forum_threads where id = new.thread_id;
  if thread.id is null then
    raise exception 'that thread does not exist' using errcode = 'P0002', hint = 'forum_thread_not_found';
  end if;
  if new.post_id is not null
     and not exists (select 1 from public.forum_posts p where p.id = new.post_id and p.thread_id = new.thread_id) then
    raise exception 'that reply is not in this thread' using errcode = 'P0002', hint = 'forum_post_not_found';
  end if;
  new.course_id := thread.course_id;
  new.tenant_id := thread.tenant_id;
  if (select auth.uid()) is not null then
    new.user_id := (select auth.uid());
    new.created_at := now();
  end if;
  return new;
end $$;
revoke all on function private.forum_reaction_fill() from public, anon, authenticated;

create trigger forum_reaction_fill before insert on public.forum_reactions
  for each row execute function private.forum_reaction_fill();

create function private.forum_reaction_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.forum_live(coalesce(new.course_id, old.course_id), coalesce(new.thread_id, old.thread_id));
  return null;
end $$;
revoke all on function private.forum_reaction_changed() from public, anon, authenticated;

create trigger forum_reaction_changed after insert or delete on public.forum_reactions
  for each row execute function private.forum_reaction_changed();

create policy "The forum's readers see reactions" on public.forum_reactions
  for select to authenticated using (private.forum_role(course_id) is not null);
create policy "Members react as themselves" on public.forum_reactions
  for insert to authenticated
  with check (user_id = (select auth.uid()) and private.forum_writes(course_id));
create policy "Nobody changes a reaction" on public.forum_reactions
  for update to authenticated using (false) with check (false);
create policy "People take back their own reactions" on public.forum_reactions
  for delete to authenticated using (user_id = (select auth.uid()));

revoke all on public.forum_reactions from anon, authenticated;
grant select, insert, delete on public.forum_reactions to authenticated;
grant select, insert, update, delete on public.forum_reactions to service_role;
