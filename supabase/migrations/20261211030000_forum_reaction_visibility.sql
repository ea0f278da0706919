-- A reaction goes only on words the person can see (issue 19): a thread or reply hidden for review
-- is seen by its author and the forum's moderators alone, so nobody else can react to it, even
-- knowing its id. The answer is the same "not there" as for an id that does not exist.

create or replace function private.forum_reaction_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread public.forum_threads;
  actor uuid := (select auth.uid());
  moderator boolean;
begin
  select * into thread from public.forum_threads where id = new.thread_id;
  moderator := actor is null or private.forum_moderates(thread.course_id);
  if thread.id is null or (thread.hidden and not moderator and thread.author_id is distinct from actor) then
    raise exception 'that thread does not exist' using errcode = 'P0002', hint = 'forum_thread_not_found';
  end if;
  if new.post_id is not null and not exists (
       select 1 from public.forum_posts p
       where p.id = new.post_id and p.thread_id = new.thread_id
         and (not p.hidden or moderator or p.author_id = actor)) then
    raise exception 'that reply is not in this thread' using errcode = 'P0002', hint = 'forum_post_not_found';
  end if;
  new.course_id := thread.course_id;
  new.tenant_id := thread.tenant_id;
  if actor is not null then
    new.user_id := actor;
    new.created_at := now();
  end if;
  return new;
end $$;
