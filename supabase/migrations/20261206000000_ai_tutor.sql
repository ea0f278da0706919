-- The AI tutor (issue 14): the grounding index of published lessons (public.lesson_passages, kept
-- by a trigger on lesson_versions and searched with public.search_lesson_passages under the
-- caller's RLS), each course's tutor mode, students' conversations and messages, a 'tutor_flagged'
-- notification for conversations that need a person, and — in the private schema, for the
-- functions' privileged connection only — each school's providers (sealed keys), budget, daily
-- quotas and the providers' circuit breakers.
--
-- Who writes what: students insert their conversations and their own questions under RLS; the
-- ai-tutor function writes answers, flags, usage, quotas and breakers through the security-definer
-- functions below on its privileged connection, after it checked the caller under RLS.

create extension if not exists pg_trgm with schema extensions;

-- Section: published lesson passages

create table public.lesson_passages (
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  version int not null,
  position int not null,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  lesson_title text not null,
  section_id text not null,
  heading text not null,
  body text not null,
  search tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, heading), 'A')
    || setweight(to_tsvector('simple'::regconfig, heading), 'A')
    || setweight(to_tsvector('english'::regconfig, body), 'B')
    || setweight(to_tsvector('simple'::regconfig, body), 'B')
  ) stored,
  primary key (lesson_id, position)
);
alter table public.lesson_passages enable row level security;
comment on table public.lesson_passages is
  'The latest published version of each lesson split at its headings: what the AI tutor quotes and cites. Written only by private.index_lesson_version.';
comment on column public.lesson_passages.section_id is 'The heading''s id attribute (the anchor a citation links to), section-<n> when it has none, '''' for text before the first heading.';
comment on column public.lesson_passages.position is '0-based order in the lesson. A long section is stored as several passages in a row with the same section_id and heading.';
create index lesson_passages_course_idx on public.lesson_passages (course_id);
create index lesson_passages_tenant_idx on public.lesson_passages (tenant_id);
create index lesson_passages_search_idx on public.lesson_passages using gin (search);
create index lesson_passages_trgm_idx on public.lesson_passages
  using gin ((heading || ' ' || body) extensions.gin_trgm_ops);

create policy "Draft readers and enrolled students read published passages" on public.lesson_passages
  for select to authenticated using (private.can_read_draft(course_id) or private.is_enrolled(course_id));
create policy "Only publishing writes passages" on public.lesson_passages
  for insert to authenticated with check (false);
create policy "Passages change only with a new version" on public.lesson_passages
  for update to authenticated using (false) with check (false);
create policy "Passages go only with a new version or their lesson" on public.lesson_passages
  for delete to authenticated using (false);

revoke all on public.lesson_passages from anon, authenticated;
grant select on public.lesson_passages to authenticated;
grant all on public.lesson_passages to service_role;

-- The five entities the renderer writes (safe-html.ts escapeHtml) and &nbsp;; &amp; last, so that
-- an escaped "&lt;" in the text stays "&lt;".
create function private.html_text(html text) returns text
language sql immutable set search_path = '' as $$
  select btrim(regexp_replace(
    replace(replace(replace(replace(replace(replace(
      regexp_replace(
        -- Inline marks join their text to the words around them; every other tag separates words.
        regexp_replace(coalesce(html, ''), '</?(a|strong|em|u|s|b|i|code|span|sub|sup)(\s[^>]*)?>', '', 'gi'),
        '<[^>]*>', ' ', 'g'),
      '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
    '(\s|' || chr(160) || ')+', ' ', 'g'))
$$;
comment on function private.html_text(text) is 'The text of an HTML fragment: tags removed, the renderer''s entities decoded, whitespace collapsed.';
revoke all on function private.html_text(text) from public, anon, authenticated;

-- The longest passage body: a longer section is cut (between words) into several passages.
create function private.passage_max_chars() returns int
language sql immutable set search_path = '' as $$ select 4000 $$;
comment on function private.passage_max_chars() is 'The longest passage body; longer sections become several passages (bounded prompts, and tsvectors far below their 1 MB limit).';
revoke all on function private.passage_max_chars() from public, anon, authenticated;

create function private.index_lesson_passages(lesson uuid, version int, title text, html text) returns int
language plpgsql security definer set search_path = '' as $$
declare
  course uuid := private.lesson_course(lesson);
  tenant uuid := private.course_tenant(private.lesson_course(lesson));
  chunk text;
  open_tag text;
  level text;
  closing int;
  attrs text;
  heading_html text;
  section text;
  heading_text text;
  body_text text;
  piece text;
  cut int;
  headings int := 0;
  pos int := 0;
  max_chars int := private.passage_max_chars();
begin
  delete from public.lesson_passages p where p.lesson_id = lesson;
  if course is null then return 0; end if;
  -- Split before every <h1>..<h6>: the first chunk is the text before the first heading (if any).
  for chunk in
    select c from regexp_split_to_table(coalesce(html, ''), '(?=<[hH][1-6][\s>])') with ordinality as s(c, n) order by n
  loop
    section := '';
    heading_text := '';
    body_text := chunk;
    open_tag := substring(chunk from '^<[hH][1-6][^>]*>');
    if open_tag is not null then
      headings := headings + 1;
      level := substring(open_tag from '^<[hH]([1-6])');
      attrs := substring(open_tag from '^<[hH][1-6]([^>]*)>');
      closing := strpos(lower(chunk), '</h' || level || '>');
      if closing = 0 then
        heading_html := substr(chunk, length(open_tag) + 1);
        body_text := '';
      else
        heading_html := substr(chunk, length(open_tag) + 1, closing - length(open_tag) - 1);
        body_text := substr(chunk, closing + length('</h' || level || '>'));
      end if;
      section := left(coalesce(nullif(private.html_text(substring(attrs from '\sid="([^"]*)"')), ''), 'section-' || headings), 200);
      heading_text := left(private.html_text(heading_html), 1000);
    end if;
    body_text := private.html_text(body_text);
    continue when heading_text = '' and body_text = '';
    -- A long section becomes several passages, each cut at the last space before the limit.
    loop
      if char_length(body_text) <= max_chars then
        piece := body_text;
        body_text := '';
      else
        cut := max_chars + 1 - coalesce(nullif(strpos(reverse(left(body_text, max_chars + 1)), ' '), 0), 1);
        if cut < max_chars / 2 then cut := max_chars; end if;
        piece := rtrim(left(body_text, cut));
        body_text := ltrim(substr(body_text, cut + 1));
      end if;
      insert into public.lesson_passages (lesson_id, version, position, course_id, tenant_id, lesson_title, section_id, heading, body)
      values (lesson, version, pos, course, tenant, title, section, heading_text, piece);
      pos := pos + 1;
      exit when body_text = '';
    end loop;
  end loop;
  return pos;
end $$;
comment on function private.index_lesson_passages(uuid, int, text, text) is
  'Replaces a lesson''s passages with those of one published version''s HTML (split at headings). Returns how many it wrote.';
revoke all on function private.index_lesson_passages(uuid, int, text, text) from public, anon, authenticated;

create function private.index_lesson_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.index_lesson_passages(new.lesson_id, new.version, new.title, new.html);
  return null;
end $$;
comment on function private.index_lesson_version() is 'Indexes each newly published version''s passages (replacing the older version''s).';
revoke all on function private.index_lesson_version() from public, anon, authenticated;
create trigger lesson_versions_index after insert on public.lesson_versions
  for each row execute function private.index_lesson_version();

-- What was published before this migration.
select private.index_lesson_passages(v.lesson_id, v.version, v.title, v.html)
from (select distinct on (lesson_id) lesson_id, version, title, html
      from public.lesson_versions order by lesson_id, version desc) v;

-- Security invoker: the caller sees only the passages RLS lets them read (published versions of
-- courses they teach, staff or are enrolled in), exactly as lesson_versions.
--
-- A passage matches any word of the query: English word forms (the english stemmer), exact words
-- in any language (simple: Kiswahili has no stemmer in Postgres), or a similar word (trigrams:
-- Kiswahili word forms, misspellings). Words the english configuration drops (the, of, how…) and
-- words under 3 letters (na, ya, ni…) are left out of the exact and similar matches, so that a
-- question's small words do not match every passage.
create function public.search_lesson_passages(
  query text, course uuid default null, lesson uuid default null, max_results int default 5
) returns table (
  lesson_id uuid, course_id uuid, version int, lesson_title text, section_id text, heading text, body text, rank real
)
language sql stable set search_path = '' as $$
  with raw as (
    select left(coalesce(query, ''), 1000) as text
  ),
  words as (
    select coalesce(string_agg(w, ' '), '') as text
    from raw, unnest(tsvector_to_array(to_tsvector('simple'::regconfig, raw.text))) w
    where char_length(w) >= 3 and length(to_tsvector('english'::regconfig, w)) > 0
  ),
  q as (
    select
      nullif(replace(plainto_tsquery('english'::regconfig, raw.text)::text, '&', '|'), '')::tsquery as english,
      nullif(replace(plainto_tsquery('simple'::regconfig, words.text)::text, '&', '|'), '')::tsquery as simple,
      words.text as words,
      coalesce(search_lesson_passages.course, private.lesson_course(search_lesson_passages.lesson)) as boost_course
    from raw, words
  ),
  hits as (
    select p.lesson_id, p.course_id, p.version, p.lesson_title, p.section_id, p.heading, p.body, p.position,
      -- Relevance in [0, 1) (each part is), then + 2 in the given lesson and + 1 in its course.
      (case when q.english is null then 0 else ts_rank(p.search, q.english, 32) end
        + case when q.simple is null then 0 else ts_rank(p.search, q.simple, 32) end
        + case when q.words = '' then 0 else extensions.word_similarity(q.words, p.heading || ' ' || p.body) end) / 3
        + case when p.lesson_id = search_lesson_passages.lesson then 2 else 0 end
        + case when p.course_id = q.boost_course then 1 else 0 end as score
    from public.lesson_passages p, q
    where (q.english is not null and p.search @@ q.english)
       or (q.simple is not null and p.search @@ q.simple)
       or (q.words <> '' and extensions.word_similarity(q.words, p.heading || ' ' || p.body) > 0.3::real)
  )
  select h.lesson_id, h.course_id, h.version, h.lesson_title, h.section_id, h.heading, h.body, h.score::real
  from hits h
  order by h.score desc, h.lesson_id, h.position
  limit greatest(1, least(20, coalesce(max_results, 5)))
$$;
comment on function public.search_lesson_passages(text, uuid, uuid, int) is
  'Published passages the caller may read that match any word of the query (English stems, exact words for Kiswahili, or trigram similarity for misspellings), best first. rank: relevance in [0, 1), + 2 in the given lesson, + 1 in the given course (or the lesson''s). At most 20.';
revoke all on function public.search_lesson_passages(text, uuid, uuid, int) from public, anon;
grant execute on function public.search_lesson_passages(text, uuid, uuid, int) to authenticated, service_role;

-- Section: each course's tutor mode

create table public.course_tutor_settings (
  course_id uuid primary key references public.courses (id) on delete cascade,
  mode text not null default 'hints' check (mode in ('hints', 'answers')),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now()
);
alter table public.course_tutor_settings enable row level security;
comment on table public.course_tutor_settings is 'How the AI tutor helps in a course: hints (guides, never gives graded answers) or answers. No row: hints.';
create index course_tutor_settings_updated_by_idx on public.course_tutor_settings (updated_by);

create policy "Who sees a course's outline sees its tutor mode" on public.course_tutor_settings
  for select to authenticated using (private.can_see_outline(course_id));
create policy "Editors set the tutor mode" on public.course_tutor_settings
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change the tutor mode" on public.course_tutor_settings
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "The tutor mode goes only with its course" on public.course_tutor_settings
  for delete to authenticated using (false);

create function private.tutor_settings_stamp() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.course_id <> old.course_id then
    raise exception 'A tutor setting cannot move to another course.' using errcode = '42501';
  end if;
  new.updated_at := now();
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  return new;
end $$;
comment on function private.tutor_settings_stamp() is 'Records who set a course''s tutor mode and when; keeps it on its course.';
create trigger course_tutor_settings_stamp before insert or update on public.course_tutor_settings
  for each row execute function private.tutor_settings_stamp();

revoke all on public.course_tutor_settings from anon, authenticated;
grant select, insert, update on public.course_tutor_settings to authenticated;
grant all on public.course_tutor_settings to service_role;

-- Section: conversations and messages

create table public.ai_conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  student_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  course_id uuid references public.courses (id) on delete set null,
  lesson_id uuid references public.lessons (id) on delete set null,
  title text not null check (char_length(title) between 1 and 120),
  flagged_at timestamptz,
  flag_reason text check (flag_reason in ('self_harm', 'abuse', 'danger')),
  ticket_id uuid references public.tickets (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.ai_conversations enable row level security;
comment on table public.ai_conversations is 'A student''s conversation with the AI tutor, in a school and optionally about a course and lesson. Flagged when it needs a person.';
create index ai_conversations_student_idx on public.ai_conversations (student_id, updated_at desc);
create index ai_conversations_tenant_idx on public.ai_conversations (tenant_id, updated_at desc);
create index ai_conversations_course_idx on public.ai_conversations (course_id);
create index ai_conversations_lesson_idx on public.ai_conversations (lesson_id);
create index ai_conversations_ticket_idx on public.ai_conversations (ticket_id);
create index ai_conversations_flagged_idx on public.ai_conversations (tenant_id, flagged_at desc) where flagged_at is not null;

create table public.ai_messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.ai_conversations (id) on delete cascade,
  -- Students can set only conversation_id and content (column grants): their rows are always
  -- role 'user', status 'done', unflagged, without source, provider or tokens.
  role text not null default 'user' check (role in ('user', 'assistant')),
  content text not null default '' check (char_length(content) <= 40000),
  status text not null default 'done' check (status in ('streaming', 'done', 'failed')),
  source text check (source in ('provider', 'lessons', 'safety')),
  provider text,
  task_class text check (task_class in ('reasoning', 'creative', 'research', 'general')),
  citations jsonb not null default '[]' check (jsonb_typeof(citations) = 'array'),
  flagged boolean not null default false,
  tokens_in int not null default 0,
  tokens_out int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.ai_messages enable row level security;
comment on table public.ai_messages is 'The turns of a tutor conversation: the student''s questions (inserted under RLS) and the tutor''s answers (written by the ai-tutor function, streamed: status streaming → done or failed).';
create index ai_messages_conversation_idx on public.ai_messages (conversation_id, created_at);

create function private.can_read_conversation(conversation uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.ai_conversations c
    where c.id = conversation
      and (c.student_id = (select auth.uid())
           or private.has_role(c.tenant_id, array['owner', 'admin']::public.tenant_role[])
           or (c.course_id is not null and private.can_edit_course(c.course_id)))
  );
end $$;
comment on function private.can_read_conversation(uuid) is 'True for the conversation''s student, the school''s owners and admins, and the editors of its course.';
revoke all on function private.can_read_conversation(uuid) from public, anon;
grant execute on function private.can_read_conversation(uuid) to authenticated, service_role;

create function private.asks_in_conversation(conversation uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.ai_conversations c
    where c.id = conversation and c.student_id = (select auth.uid()) and private.is_member(c.tenant_id)
  );
end $$;
comment on function private.asks_in_conversation(uuid) is 'True when the conversation is the caller''s own and they are still in its school: they may ask in it.';
revoke all on function private.asks_in_conversation(uuid) from public, anon;
grant execute on function private.asks_in_conversation(uuid) to authenticated, service_role;

create policy "Students, course editors and school admins read conversations" on public.ai_conversations
  for select to authenticated using (
    student_id = (select auth.uid())
    or private.has_role(tenant_id, array['owner', 'admin']::public.tenant_role[])
    or (course_id is not null and private.can_edit_course(course_id))
  );
create policy "Students start conversations in their school and courses" on public.ai_conversations
  for insert to authenticated with check (
    student_id = (select auth.uid())
    and private.is_member(tenant_id)
    and (course_id is null
         or (private.course_tenant(course_id) = tenant_id
             and (private.is_enrolled(course_id) or private.can_read_draft(course_id))))
    and (lesson_id is null or private.lesson_course(lesson_id) = course_id)
  );
create policy "Students rename their conversations" on public.ai_conversations
  for update to authenticated using (student_id = (select auth.uid())) with check (student_id = (select auth.uid()));
create policy "Conversations are kept" on public.ai_conversations
  for delete to authenticated using (false);

create policy "Who reads a conversation reads its messages" on public.ai_messages
  for select to authenticated using (private.can_read_conversation(conversation_id));
create policy "Students ask in their own conversations" on public.ai_messages
  for insert to authenticated with check (private.asks_in_conversation(conversation_id));
create policy "Only the tutor writes answers" on public.ai_messages
  for update to authenticated using (false) with check (false);
create policy "Messages are kept" on public.ai_messages
  for delete to authenticated using (false);

create trigger ai_conversations_touch before update on public.ai_conversations
  for each row execute function private.touch_updated_at();
create trigger ai_messages_touch before update on public.ai_messages
  for each row execute function private.touch_updated_at();

create function private.ai_conversation_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.tenant_id <> old.tenant_id or new.student_id <> old.student_id then
    raise exception 'A conversation stays with its student and school.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.ai_conversation_guard() is 'Keeps a conversation with its student and school.';
create trigger ai_conversations_guard before update on public.ai_conversations
  for each row execute function private.ai_conversation_guard();

create function private.ai_message_bump() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.ai_conversations c set updated_at = now() where c.id = new.conversation_id;
  return null;
end $$;
comment on function private.ai_message_bump() is 'A new message moves its conversation to the top of the lists.';
revoke all on function private.ai_message_bump() from public, anon, authenticated;
create trigger ai_messages_bump after insert on public.ai_messages
  for each row execute function private.ai_message_bump();

revoke all on public.ai_conversations, public.ai_messages from anon, authenticated;
grant select on public.ai_conversations, public.ai_messages to authenticated;
grant insert (id, tenant_id, student_id, course_id, lesson_id, title) on public.ai_conversations to authenticated;
grant update (title, updated_at) on public.ai_conversations to authenticated;
grant insert (id, conversation_id, content) on public.ai_messages to authenticated;
grant all on public.ai_conversations, public.ai_messages to service_role;

-- Section: usage per school and day (owners and admins read it)

create table public.ai_usage_daily (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  day date not null,
  provider text not null check (char_length(provider) between 1 and 100),
  requests int not null default 0,
  tokens_in bigint not null default 0,
  tokens_out bigint not null default 0,
  failures int not null default 0,
  fallbacks int not null default 0,
  primary key (tenant_id, day, provider)
);
alter table public.ai_usage_daily enable row level security;
comment on table public.ai_usage_daily is 'AI tutor use per school, school day and provider (''lessons'' and ''safety'' for answers made without one): requests, tokens, failures, fallbacks.';

create policy "Owners and admins read their school's AI usage" on public.ai_usage_daily
  for select to authenticated using (private.has_role(tenant_id, array['owner', 'admin']::public.tenant_role[]));
create policy "Only the tutor records usage" on public.ai_usage_daily
  for insert to authenticated with check (false);
create policy "Only the tutor adds to usage" on public.ai_usage_daily
  for update to authenticated using (false) with check (false);
create policy "Usage is kept" on public.ai_usage_daily
  for delete to authenticated using (false);

revoke all on public.ai_usage_daily from anon, authenticated;
grant select on public.ai_usage_daily to authenticated;
grant all on public.ai_usage_daily to service_role;

-- Section: providers, settings, quotas and breakers (privileged connection only)

create table private.ai_providers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  position int not null default 0,
  kind text not null check (kind in ('gemini', 'openai')),
  label text not null check (char_length(label) between 1 and 100),
  base_url text check (base_url ~ '^https?://' and char_length(base_url) <= 500),
  models jsonb not null check (jsonb_typeof(models) = 'object' and jsonb_typeof(models -> 'general') = 'string'),
  api_key_sealed bytea not null,
  key_last4 text not null check (char_length(key_last4) <= 4),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table private.ai_providers enable row level security;
comment on table private.ai_providers is 'A school''s AI providers in fallback order (position): kind, models per task class, the API key sealed (edge/lib/secret-box.ts) and its last 4 characters.';
create index ai_providers_tenant_idx on private.ai_providers (tenant_id, position);
create trigger ai_providers_touch before update on private.ai_providers
  for each row execute function private.touch_updated_at();

create table private.ai_settings (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  monthly_token_budget bigint not null default 2000000 check (monthly_token_budget >= 0),
  student_daily_limit int not null default 50 check (student_daily_limit >= 0),
  updated_at timestamptz not null default now()
);
alter table private.ai_settings enable row level security;
comment on table private.ai_settings is 'A school''s AI budget: tokens per calendar month for the school, questions per student and school day. No row: the defaults.';
create trigger ai_settings_touch before update on private.ai_settings
  for each row execute function private.touch_updated_at();

create table private.ai_quota_use (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  used int not null default 0,
  primary key (tenant_id, user_id, day)
);
alter table private.ai_quota_use enable row level security;
comment on table private.ai_quota_use is 'Questions each student asked the tutor per school and school day (private.ai_take_quota).';
create index ai_quota_use_user_idx on private.ai_quota_use (user_id);

-- No foreign key: the platform's own Gemini (GEMINI_API_KEY) has the fixed id
-- 00000000-0000-0000-0000-00000000a1a1 and no row in ai_providers.
create table private.ai_breakers (
  provider_id uuid primary key,
  failures int not null default 0,
  open_until timestamptz,
  cooldown interval not null default interval '1 minute',
  trial_started_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table private.ai_breakers enable row level security;
comment on table private.ai_breakers is 'Circuit breaker per provider: consecutive failures; open (skipped) until open_until; after it one trial call (trial_started_at) closes it or re-opens it.';

do $$
declare
  t text;
begin
  foreach t in array array['ai_providers', 'ai_settings', 'ai_quota_use', 'ai_breakers'] loop
    execute format('create policy "Nobody reads %1$s through the API" on private.%1$I for select to authenticated using (false)', t);
    execute format('create policy "Nobody adds %1$s through the API" on private.%1$I for insert to authenticated with check (false)', t);
    execute format('create policy "Nobody changes %1$s through the API" on private.%1$I for update to authenticated using (false) with check (false)', t);
    execute format('create policy "Nobody removes %1$s through the API" on private.%1$I for delete to authenticated using (false)', t);
  end loop;
end $$;

revoke all on private.ai_providers, private.ai_settings, private.ai_quota_use, private.ai_breakers from public, anon, authenticated;
grant all on private.ai_providers, private.ai_settings, private.ai_quota_use, private.ai_breakers to service_role;

-- Section: school day, quotas, usage and budget

create function private.ai_school_day(tenant uuid) returns table (day date, resets_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare
  tz text := coalesce((select t.time_zone from public.tenants t where t.id = tenant), 'Africa/Nairobi');
  today date;
begin
  today := (now() at time zone tz)::date;
  return query select today, ((today + 1)::timestamp at time zone tz);
end $$;
comment on function private.ai_school_day(uuid) is 'Today in the school''s time zone and the moment its next day starts (when daily quotas reset).';

create function private.ai_take_quota(tenant uuid, student uuid, daily_limit int)
returns table (allowed boolean, used int, resets_at timestamptz)
language plpgsql volatile security definer set search_path = '' as $$
declare
  today date;
  resets timestamptz;
  now_used int;
begin
  select d.day, d.resets_at into today, resets from private.ai_school_day(tenant) d;
  if coalesce(daily_limit, 0) > 0 then
    -- One statement: concurrent calls queue on the row, and none counts past the limit.
    insert into private.ai_quota_use as q (tenant_id, user_id, day, used) values (tenant, student, today, 1)
    on conflict on constraint ai_quota_use_pkey do update set used = q.used + 1 where q.used < daily_limit
    returning q.used into now_used;
    if now_used is not null then
      return query select true, now_used, resets;
      return;
    end if;
  end if;
  return query select false, coalesce((select q.used from private.ai_quota_use q
    where q.tenant_id = tenant and q.user_id = student and q.day = today), 0), resets;
end $$;
comment on function private.ai_take_quota(uuid, uuid, int) is 'Counts one question against the student''s daily limit in the school, atomically: allowed=false (nothing counted) at the limit.';

create function private.ai_quota_today(tenant uuid, student uuid) returns table (used int, resets_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  select coalesce((select q.used from private.ai_quota_use q
    where q.tenant_id = tenant and q.user_id = student and q.day = d.day), 0), d.resets_at
  from private.ai_school_day(tenant) d;
end $$;
comment on function private.ai_quota_today(uuid, uuid) is 'Questions the student asked today in the school, and when the count resets.';

create function private.ai_record_usage(
  tenant uuid, provider text, requests int, tokens_in bigint, tokens_out bigint, failures int, fallbacks int
) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  insert into public.ai_usage_daily as u (tenant_id, day, provider, requests, tokens_in, tokens_out, failures, fallbacks)
  values (tenant, (select d.day from private.ai_school_day(tenant) d), provider,
          coalesce(requests, 0), coalesce(tokens_in, 0), coalesce(tokens_out, 0), coalesce(failures, 0), coalesce(fallbacks, 0))
  on conflict on constraint ai_usage_daily_pkey do update set
    requests = u.requests + excluded.requests,
    tokens_in = u.tokens_in + excluded.tokens_in,
    tokens_out = u.tokens_out + excluded.tokens_out,
    failures = u.failures + excluded.failures,
    fallbacks = u.fallbacks + excluded.fallbacks;
end $$;
comment on function private.ai_record_usage(uuid, text, int, bigint, bigint, int, int) is 'Adds to today''s usage row of a school and provider.';

create function private.ai_month_tokens(tenant uuid) returns bigint
language plpgsql stable security definer set search_path = '' as $$
declare
  today date := (select d.day from private.ai_school_day(tenant) d);
begin
  return coalesce((select sum(u.tokens_in + u.tokens_out) from public.ai_usage_daily u
    where u.tenant_id = tenant and u.day >= date_trunc('month', today)::date and u.day <= today), 0)::bigint;
end $$;
comment on function private.ai_month_tokens(uuid) is 'Tokens (in + out) the school used this calendar month (its time zone), for the monthly budget.';

-- Section: circuit breakers

-- Closed: calls go through; each failure counts, a success resets. At `threshold` consecutive
-- failures it opens for `cooldown`. After the cool-down the first ai_breaker_is_open call gets
-- false (the one trial) and holds the breaker open for everyone else for another cool-down; the
-- trial's success closes it, its failure re-opens it at once.
create function private.ai_breaker_is_open(provider uuid) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  update private.ai_breakers b
  set trial_started_at = now(), open_until = now() + b.cooldown, updated_at = now()
  where b.provider_id = provider and b.open_until is not null and b.open_until <= now();
  if found then
    return false;
  end if;
  return exists (select 1 from private.ai_breakers b where b.provider_id = provider and b.open_until > now());
end $$;
comment on function private.ai_breaker_is_open(uuid) is 'True while the provider''s breaker is open (skip it). After the cool-down, false once: that caller makes the trial call.';

create function private.ai_breaker_failure(provider uuid, threshold int, cooldown interval) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  b private.ai_breakers;
  opens boolean;
begin
  insert into private.ai_breakers (provider_id) values (provider) on conflict (provider_id) do nothing;
  select * into b from private.ai_breakers x where x.provider_id = provider for update;
  opens := b.trial_started_at is not null                                   -- the trial failed
        or (b.open_until is not null and b.open_until <= now())              -- failed after the cool-down
        or (b.open_until is null and b.failures + 1 >= greatest(coalesce(threshold, 1), 1));
  update private.ai_breakers x set
    failures = x.failures + 1,
    cooldown = coalesce(ai_breaker_failure.cooldown, x.cooldown),
    open_until = case when opens then now() + coalesce(ai_breaker_failure.cooldown, x.cooldown) else x.open_until end,
    trial_started_at = null,
    updated_at = now()
  where x.provider_id = provider;
  return opens;
end $$;
comment on function private.ai_breaker_failure(uuid, int, interval) is 'Counts a failed call; returns true when this failure opened the breaker (threshold reached, or the trial after a cool-down failed).';

create function private.ai_breaker_success(provider uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  update private.ai_breakers b set failures = 0, open_until = null, trial_started_at = null, updated_at = now()
  where b.provider_id = provider and (b.failures <> 0 or b.open_until is not null or b.trial_started_at is not null);
end $$;
comment on function private.ai_breaker_success(uuid) is 'A successful call closes the provider''s breaker and resets its failures.';

-- Section: answers

create function private.ai_begin_answer(conversation uuid, source text, provider text, task_class text) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  new_id uuid;
begin
  insert into public.ai_messages (conversation_id, role, content, status, source, provider, task_class)
  values (conversation, 'assistant', '', 'streaming', source, provider, task_class)
  returning ai_messages.id into new_id;
  return new_id;
end $$;
comment on function private.ai_begin_answer(uuid, text, text, text) is 'Starts the tutor''s answer in a conversation (status streaming) and returns its id.';

create function private.ai_write_answer(message uuid, content text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  update public.ai_messages m set content = left(coalesce(ai_write_answer.content, ''), 40000)
  where m.id = message and m.role = 'assistant' and m.status = 'streaming';
end $$;
comment on function private.ai_write_answer(uuid, text) is 'Replaces a streaming answer''s text so far (readers resume from it).';

create function private.ai_finish_answer(
  message uuid, content text, status text, citations jsonb, tokens_in int, tokens_out int
) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if status not in ('done', 'failed') then
    raise exception 'An answer finishes done or failed.' using errcode = '22023';
  end if;
  update public.ai_messages m set
    content = left(coalesce(ai_finish_answer.content, ''), 40000),
    status = ai_finish_answer.status,
    citations = coalesce(ai_finish_answer.citations, '[]'::jsonb),
    tokens_in = coalesce(ai_finish_answer.tokens_in, 0),
    tokens_out = coalesce(ai_finish_answer.tokens_out, 0)
  where m.id = message and m.role = 'assistant' and m.status = 'streaming';
end $$;
comment on function private.ai_finish_answer(uuid, text, text, jsonb, int, int) is 'Ends a streaming answer: its final text, done or failed, citations and tokens.';

-- Section: flags and the tutor_flagged notification

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
    (12, 'tutor_flagged', true, true)
  ) as d(ord, kind, in_app, email)
$$;

-- The checks call private.notification_kinds(); re-adding them re-checks existing rows with the new list.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));

create function private.ai_flag_conversation(conversation uuid, message uuid, reason text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  c public.ai_conversations;
  school public.tenants;
  course_title text;
  first_flag boolean;
  person uuid;
  link text;
  why_en text;
  why_sw text;
begin
  if reason is null or reason not in ('self_harm', 'abuse', 'danger') then
    raise exception 'Unknown flag reason %.', reason using errcode = '22023';
  end if;
  select * into c from public.ai_conversations x where x.id = conversation for update;
  if not found then
    raise exception 'No such conversation.' using errcode = 'P0002';
  end if;
  first_flag := c.flagged_at is null;
  update public.ai_conversations x set flagged_at = coalesce(x.flagged_at, now()), flag_reason = reason
  where x.id = conversation;
  if message is not null then
    update public.ai_messages m set flagged = true where m.id = message and m.conversation_id = conversation;
  end if;
  -- People are told once per conversation: when it becomes flagged.
  if not first_flag then return; end if;

  select * into school from public.tenants t where t.id = c.tenant_id;
  course_title := (select x.title from public.courses x where x.id = c.course_id);
  link := '/t/' || school.slug || '/tutor/review/' || c.id;
  why_en := case reason when 'self_harm' then 'self-harm' when 'abuse' then 'abuse' else 'danger' end;
  why_sw := case reason when 'self_harm' then 'kujidhuru' when 'abuse' then 'unyanyasaji' else 'hatari' end;
  for person in
    select m.user_id from public.memberships m
    where m.tenant_id = c.tenant_id and m.user_id <> c.student_id
      and (m.role in ('owner', 'admin')
           or (c.course_id is not null and m.role = any (private.teaching_roles())
               and exists (select 1 from public.course_authors a
                           where a.course_id = c.course_id and a.user_id = m.user_id and a.role = 'editor')))
    order by m.user_id
  loop
    perform private.notify(person, c.tenant_id, 'tutor_flagged',
      'A tutor conversation needs your attention',
      format('A student''s conversation with the AI tutor%s was flagged (%s). Open it to read it and follow up.',
        case when course_title is null then '' else format(' in %s', course_title) end, why_en),
      'Mazungumzo ya mkufunzi yanahitaji umakini wako',
      format('Mazungumzo ya mwanafunzi na mkufunzi wa AI%s yamewekewa alama (%s). Yafungue uyasome na ufuatilie.',
        case when course_title is null then '' else format(' katika %s', course_title) end, why_sw),
      link);
  end loop;
end $$;
comment on function private.ai_flag_conversation(uuid, uuid, text) is
  'Flags a conversation (and the message) that needs a person: the first time, tells the course''s editors and the school''s owners and admins (tutor_flagged).';

-- Section: grants on the functions

revoke all on function private.ai_school_day(uuid), private.ai_take_quota(uuid, uuid, int),
  private.ai_quota_today(uuid, uuid), private.ai_record_usage(uuid, text, int, bigint, bigint, int, int),
  private.ai_month_tokens(uuid), private.ai_breaker_is_open(uuid), private.ai_breaker_failure(uuid, int, interval),
  private.ai_breaker_success(uuid), private.ai_begin_answer(uuid, text, text, text), private.ai_write_answer(uuid, text),
  private.ai_finish_answer(uuid, text, text, jsonb, int, int), private.ai_flag_conversation(uuid, uuid, text),
  private.tutor_settings_stamp(), private.ai_conversation_guard()
  from public, anon, authenticated;
grant execute on function private.ai_school_day(uuid), private.ai_take_quota(uuid, uuid, int),
  private.ai_quota_today(uuid, uuid), private.ai_record_usage(uuid, text, int, bigint, bigint, int, int),
  private.ai_month_tokens(uuid), private.ai_breaker_is_open(uuid), private.ai_breaker_failure(uuid, int, interval),
  private.ai_breaker_success(uuid), private.ai_begin_answer(uuid, text, text, text), private.ai_write_answer(uuid, text),
  private.ai_finish_answer(uuid, text, text, jsonb, int, int), private.ai_flag_conversation(uuid, uuid, text)
  to service_role;
