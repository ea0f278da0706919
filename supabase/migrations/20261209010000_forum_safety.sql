-- Forum safety (issue 19): reports, hiding after enough of them, and a word filter per school.
--
-- Anyone who reads a course forum (parents too) may report a thread or a reply once, with a reason.
-- When as many different people as the school's threshold (public.forum_settings, default 3) have
-- reported the same words and no teacher has looked yet, they are hidden pending review
-- (review_reason `reports`). A thread or reply whose words are on the school's list (a default
-- list in English and Kiswahili, switchable, plus the school's own words) is held for review as
-- it is posted (review_reason `words`): its author sees it marked, nobody else until a moderator
-- shows it. A moderator showing it again closes its reports; every automatic hide is audited.

-- Section: the school's settings

create table public.forum_settings (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  report_threshold int not null default 3 check (report_threshold between 1 and 20),
  default_words boolean not null default true,
  blocked_words text[] not null default '{}'
    check (cardinality(blocked_words) <= 500 and array_to_string(blocked_words, '') !~ '[\n\r]'),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now()
);
alter table public.forum_settings enable row level security;
comment on table public.forum_settings is 'A school''s forum safety settings: how many reports hide a post, whether the default word list applies, and its own words. No row: the defaults.';
create index forum_settings_updated_by_idx on public.forum_settings (updated_by);

create policy "Members read their school's forum settings" on public.forum_settings
  for select to authenticated using (private.is_member(tenant_id));
create policy "Admins set the forum settings" on public.forum_settings
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins change the forum settings" on public.forum_settings
  for update to authenticated
  using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins reset the forum settings" on public.forum_settings
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

create trigger forum_settings_touch before update on public.forum_settings
  for each row execute function private.touch_updated_at();

create function private.forum_settings_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit(new.tenant_id, 'forum.settings_changed', 'tenant', new.tenant_id::text,
    jsonb_build_object('report_threshold', new.report_threshold, 'default_words', new.default_words,
      'blocked_words', cardinality(new.blocked_words)));
  return null;
end $$;
create trigger forum_settings_audit after insert or update on public.forum_settings
  for each row execute function private.forum_settings_audit();
revoke all on function private.forum_settings_audit() from public, anon, authenticated;

/** Words and phrases held for review in every school that keeps the default list on. */
create function public.forum_default_words() returns text[]
language sql immutable set search_path = '' as $$
  select array[
    -- English
    'idiot', 'stupid', 'dumb', 'moron', 'loser', 'shut up', 'hate you', 'kill yourself', 'kys',
    'bitch', 'bastard', 'fuck', 'fucking', 'shit', 'slut', 'whore', 'retard', 'ugly', 'fat pig',
    'send nudes', 'nudes', 'sexy',
    -- Kiswahili
    'mjinga', 'mpumbavu', 'bwege', 'fala', 'mshenzi', 'shenzi', 'malaya', 'kahaba', 'msenge',
    'kuma', 'mkundu', 'nyoko', 'kumamako', 'nitakuua', 'jiue', 'takataka wewe', 'mbwa wewe'
  ]
$$;
comment on function public.forum_default_words() is 'The default list of words and phrases (English and Kiswahili) that hold a forum post for review.';
revoke all on function public.forum_default_words() from public, anon;
grant execute on function public.forum_default_words() to authenticated, service_role;

/** The words of the school's list found in `words` (whole words, any case). */
create function private.forum_flagged_words(tenant uuid, words text) returns text[]
language sql stable security definer set search_path = '' as $$
  with settings as (
    select coalesce(s.default_words, true) as defaults, coalesce(s.blocked_words, '{}') as own
    from (select 1) one left join public.forum_settings s on s.tenant_id = tenant
  ), list as (
    select distinct lower(btrim(w)) as w
    from settings, unnest(case when settings.defaults then public.forum_default_words() else '{}' end || settings.own) w
    where btrim(w) <> ''
  )
  select coalesce(array_agg(list.w order by list.w), '{}') from list
  where lower(words) ~ ('(^|[^[:alnum:]])' || regexp_replace(list.w, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g') || '($|[^[:alnum:]])')
$$;
comment on function private.forum_flagged_words(uuid, text) is 'Which words of the school''s forum list (default list when on, plus its own) appear in a text, as whole words in any case.';
revoke all on function private.forum_flagged_words(uuid, text) from public, anon, authenticated;

-- Section: why something waits for review

alter table public.forum_threads add column review_reason text check (review_reason in ('words', 'reports'));
alter table public.forum_posts add column review_reason text check (review_reason in ('words', 'reports'));
comment on column public.forum_threads.review_reason is 'Why the thread is hidden pending review: words on the school''s list, or reports; null when a moderator hid it or it is visible.';
comment on column public.forum_posts.review_reason is 'Why the reply is hidden pending review: words on the school''s list, or reports; null when a moderator hid it or it is visible.';

-- The fill triggers (20261209000000) ran first for inserts; these hold a member's words when they
-- are on the list, at insert and at every edit. Moderators' words are never held.
create function private.forum_hold_words() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  -- A thread's title and text, a reply's text (as JSON: one function for both tables).
  words text := concat_ws(E'\n', to_jsonb(new) ->> 'title', new.body);
begin
  if tg_op = 'INSERT' then new.review_reason := null; end if; -- set by the database, not by writers
  if (select auth.uid()) is null or private.forum_moderates(new.course_id) then return new; end if;
  if tg_op = 'UPDATE' and words is not distinct from concat_ws(E'\n', to_jsonb(old) ->> 'title', old.body) then
    return new;
  end if;
  if cardinality(private.forum_flagged_words(new.tenant_id, words)) > 0 then
    new.hidden := true;
    new.review_reason := 'words';
  end if;
  return new;
end $$;
comment on function private.forum_hold_words() is 'Holds a member''s thread or reply for review when its words are on the school''s list.';
revoke all on function private.forum_hold_words() from public, anon, authenticated;
-- Named to run after forum_*_fill and forum_*_guard (triggers run in name order).
create trigger forum_threads_words before insert or update of title, body on public.forum_threads
  for each row execute function private.forum_hold_words();
create trigger forum_posts_words before insert or update of body on public.forum_posts
  for each row execute function private.forum_hold_words();

-- A moderator showing something again clears why it waited and closes its reports.
create function private.forum_reviewed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
begin
  if new.hidden or not old.hidden then return new; end if;
  new.review_reason := null;
  if tg_table_name = 'forum_threads' then
    update public.forum_reports r set resolved_at = now(), resolved_by = actor
    where r.thread_id = new.id and r.post_id is null and r.resolved_at is null;
  else
    update public.forum_reports r set resolved_at = now(), resolved_by = actor
    where r.post_id = new.id and r.resolved_at is null;
  end if;
  return new;
end $$;
revoke all on function private.forum_reviewed() from public, anon, authenticated;
create trigger forum_threads_reviewed before update of hidden on public.forum_threads
  for each row execute function private.forum_reviewed();
create trigger forum_posts_reviewed before update of hidden on public.forum_posts
  for each row execute function private.forum_reviewed();

/** The audit action of a thread or reply hidden or shown: held for its words, hidden, or restored. */
create function private.forum_hide_action(kind text, hidden boolean, reason text) returns text
language sql immutable set search_path = '' as $$
  select format('forum.%s_%s', kind,
    case when hidden and reason = 'words' then 'held' when hidden then 'hidden' else 'restored' end)
$$;
revoke all on function private.forum_hide_action(text, boolean, text) from public, anon, authenticated;

-- Moderation by people is audited where it happens (depth 1); changes the database makes itself
-- (counters, hiding after reports) are not audited twice.
create or replace function private.forum_thread_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
begin
  perform private.forum_live(case when tg_op = 'DELETE' then old.course_id else new.course_id end,
                             case when tg_op = 'DELETE' then old.id else new.id end);
  if tg_op = 'UPDATE' and actor is not null and pg_trigger_depth() = 1 then
    if new.pinned <> old.pinned then
      perform private.audit(new.tenant_id, case when new.pinned then 'forum.thread_pinned' else 'forum.thread_unpinned' end,
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title));
    end if;
    if new.locked <> old.locked then
      perform private.audit(new.tenant_id, case when new.locked then 'forum.thread_locked' else 'forum.thread_unlocked' end,
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title));
    end if;
    if new.hidden <> old.hidden then
      perform private.audit(new.tenant_id, private.forum_hide_action('thread', new.hidden, new.review_reason),
        'forum_thread', new.id::text, jsonb_build_object('course_id', new.course_id, 'title', new.title, 'author_id', new.author_id));
    end if;
  elsif tg_op = 'DELETE' and actor is not null and old.author_id is distinct from actor then
    perform private.audit(old.tenant_id, 'forum.thread_deleted', 'forum_thread', old.id::text,
      jsonb_build_object('course_id', old.course_id, 'title', old.title, 'author_id', old.author_id));
  end if;
  return null;
end $$;

-- A reply held for review tells nobody: the thread's author is notified only of replies they can read.
create or replace function private.forum_post_changed() returns trigger
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
    if not new.hidden and thread.author_id is not null and private.forum_may_read(thread.author_id, thread.course_id) then
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
  elsif new.hidden <> old.hidden and actor is not null and pg_trigger_depth() = 1 then
    perform private.audit(new.tenant_id, private.forum_hide_action('post', new.hidden, new.review_reason),
      'forum_post', new.id::text, jsonb_build_object('thread_id', new.thread_id, 'author_id', new.author_id));
  end if;
  perform private.forum_live(coalesce(new.course_id, old.course_id), coalesce(new.thread_id, old.thread_id));
  return null;
end $$;

-- Hiding after reports is the database's own change to a reply: the reply guard lets it through.
create or replace function private.forum_post_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
  moderator boolean := private.forum_moderates(old.course_id);
begin
  -- The service role, and the database's own changes from other triggers (hiding after reports).
  if actor is null or pg_trigger_depth() > 1 then return new; end if;
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

-- Section: reports

create table public.forum_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  thread_id uuid not null references public.forum_threads (id) on delete cascade,
  post_id uuid references public.forum_posts (id) on delete cascade,
  reporter_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  reason text not null check (reason in ('unkind', 'unsafe', 'spam', 'other')),
  note text not null default '' check (char_length(note) <= 500),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null
);
alter table public.forum_reports enable row level security;
comment on table public.forum_reports is 'Reports of forum threads and replies: one per person per thread or reply, with a reason; closed when a moderator reviews what was reported.';
create unique index forum_reports_once on public.forum_reports
  (reporter_id, thread_id, coalesce(post_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index forum_reports_course_idx on public.forum_reports (course_id);
create index forum_reports_thread_idx on public.forum_reports (thread_id);
create index forum_reports_post_idx on public.forum_reports (post_id);
create index forum_reports_tenant_idx on public.forum_reports (tenant_id);
create index forum_reports_resolved_by_idx on public.forum_reports (resolved_by);

create policy "Reporters and the forum's moderators read reports" on public.forum_reports
  for select to authenticated
  using (reporter_id = (select auth.uid()) or private.forum_moderates(course_id));
create policy "Forum readers report" on public.forum_reports
  for insert to authenticated
  with check (reporter_id = (select auth.uid()) and private.forum_role(course_id) is not null);
create policy "Moderators close reports" on public.forum_reports
  for update to authenticated
  using (private.forum_moderates(course_id)) with check (private.forum_moderates(course_id));
create policy "Nobody deletes reports" on public.forum_reports
  for delete to authenticated using (false);

-- Where a report belongs comes from what it reports; nobody reports what they cannot see, or their own words.
create function private.forum_report_fill() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  author uuid;
  hidden boolean;
  moderator boolean;
begin
  select t.course_id, t.tenant_id into new.course_id, new.tenant_id from public.forum_threads t where t.id = new.thread_id;
  if new.post_id is null then
    select t.author_id, t.hidden into author, hidden from public.forum_threads t where t.id = new.thread_id;
  else
    select p.author_id, p.hidden into author, hidden from public.forum_posts p
    where p.id = new.post_id and p.thread_id = new.thread_id;
    if not found then
      raise exception 'That reply is not in this thread.' using errcode = 'P0002', hint = 'forum_post_not_found';
    end if;
  end if;
  moderator := private.forum_moderates(new.course_id);
  if hidden and not moderator and author is distinct from (select auth.uid()) then
    raise exception 'That reply is not there any more, or you cannot see it.' using errcode = 'P0002', hint = 'forum_post_not_found';
  end if;
  if author = (select auth.uid()) then
    raise exception 'You cannot report your own words.' using errcode = '22023', hint = 'forum_own_words';
  end if;
  new.resolved_at := null;
  new.resolved_by := null;
  return new;
end $$;
revoke all on function private.forum_report_fill() from public, anon, authenticated;
create trigger forum_reports_fill before insert on public.forum_reports
  for each row execute function private.forum_report_fill();

-- Enough different people reporting the same words hides them until a moderator looks.
create function private.forum_report_added() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  threshold int;
  reports int;
begin
  select coalesce((select s.report_threshold from public.forum_settings s where s.tenant_id = new.tenant_id), 3)
  into threshold;
  select count(*)::int into reports from public.forum_reports r
  where r.thread_id = new.thread_id and r.post_id is not distinct from new.post_id and r.resolved_at is null;
  if reports < threshold then return null; end if;
  if new.post_id is null then
    update public.forum_threads t set hidden = true, review_reason = 'reports' where t.id = new.thread_id and not t.hidden;
    if found then
      perform private.audit(new.tenant_id, 'forum.thread_auto_hidden', 'forum_thread', new.thread_id::text,
        jsonb_build_object('reports', reports, 'threshold', threshold));
    end if;
  else
    update public.forum_posts p set hidden = true, review_reason = 'reports' where p.id = new.post_id and not p.hidden;
    if found then
      perform private.audit(new.tenant_id, 'forum.post_auto_hidden', 'forum_post', new.post_id::text,
        jsonb_build_object('thread_id', new.thread_id, 'reports', reports, 'threshold', threshold));
    end if;
  end if;
  return null;
end $$;
revoke all on function private.forum_report_added() from public, anon, authenticated;
create trigger forum_reports_added after insert on public.forum_reports
  for each row execute function private.forum_report_added();

-- Section: grants

revoke all on public.forum_settings, public.forum_reports from anon, authenticated;
grant select, insert, update, delete on public.forum_settings to authenticated;
grant select, insert on public.forum_reports to authenticated;
grant update (resolved_at, resolved_by) on public.forum_reports to authenticated;
grant select, insert, update, delete on public.forum_settings, public.forum_reports to service_role;
