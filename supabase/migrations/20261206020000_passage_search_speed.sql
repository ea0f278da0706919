-- Searching published passages stays fast with thousands of lessons:
-- 1. The read policy on lesson_passages asks once per query which courses the caller may read
--    (private.readable_courses(): enrolled, or a draft reader — the rule of lesson_versions),
--    instead of two function calls per passage.
-- 2. Similar words (trigrams: Kiswahili word forms, misspellings) are looked for only when the
--    words themselves find fewer passages than asked for, with pg_trgm's indexable operator
--    (`doc %> words`: word similarity above pg_trgm.word_similarity_threshold, 0.3 for the
--    function); word_similarity() is no longer computed for every passage that matched a word.

create function private.readable_courses() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.id
  from public.courses c
  where c.tenant_id in (select m.tenant_id from public.memberships m where m.user_id = (select auth.uid()))
    and (private.is_enrolled(c.id) or private.can_read_draft(c.id))
$$;
comment on function private.readable_courses() is
  'The courses whose published lessons the caller reads (enrolled, or co-author/owner/admin/staff): private.is_enrolled or private.can_read_draft, over the caller''s schools only.';
revoke all on function private.readable_courses() from public, anon;
grant execute on function private.readable_courses() to authenticated, service_role;

drop policy "Draft readers and enrolled students read published passages" on public.lesson_passages;
create policy "Draft readers and enrolled students read published passages" on public.lesson_passages
  for select to authenticated
  using (course_id in (select private.readable_courses()));

create or replace function public.search_lesson_passages(
  query text, course uuid default null, lesson uuid default null, max_results int default 5
) returns table (
  lesson_id uuid, course_id uuid, version int, lesson_title text, section_id text, heading text, body text, rank real
)
language sql stable set search_path = '' set pg_trgm.word_similarity_threshold = 0.3 as $$
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
      coalesce(search_lesson_passages.course, private.lesson_course(search_lesson_passages.lesson)) as boost_course,
      greatest(1, least(20, coalesce(max_results, 5))) as wanted
    from raw, words
  ),
  -- Passages with a word of the question (English stems or the exact word); relevance in [0, 1).
  worded as (
    select p.lesson_id, p.course_id, p.version, p.lesson_title, p.section_id, p.heading, p.body, p.position,
      (case when q.english is null then 0 else ts_rank(p.search, q.english, 32) end
        + case when q.simple is null then 0 else ts_rank(p.search, q.simple, 32) end) / 2 as relevance
    from public.lesson_passages p, q
    where (q.english is not null and p.search @@ q.english)
       or (q.simple is not null and p.search @@ q.simple)
  ),
  -- Too few: passages with a similar word, ranked below any passage with the word itself.
  alike as (
    select p.lesson_id, p.course_id, p.version, p.lesson_title, p.section_id, p.heading, p.body, p.position,
      -- whole words: "chlorofyll" is nearer to "chlorophyll" than to "chloroplasts"
      extensions.strict_word_similarity(q.words, p.heading || ' ' || p.body) / 2 as relevance
    from public.lesson_passages p, q
    where q.words <> ''
      and (select count(*) from worded) < q.wanted
      and (p.heading || ' ' || p.body) operator(extensions.%>) q.words
      and not exists (select 1 from worded w where w.lesson_id = p.lesson_id and w.position = p.position)
  ),
  hits as (
    select * from worded
    union all
    select * from alike
  )
  select h.lesson_id, h.course_id, h.version, h.lesson_title, h.section_id, h.heading, h.body,
    -- + 2 in the given lesson and + 1 in its course.
    (h.relevance
      + case when h.lesson_id = search_lesson_passages.lesson then 2 else 0 end
      + case when h.course_id = q.boost_course then 1 else 0 end)::real
  from hits h, q
  order by 8 desc, h.lesson_id, h.position
  limit (select wanted from q)
$$;
comment on function public.search_lesson_passages(text, uuid, uuid, int) is
  'Published passages the caller may read that match a word of the query (English stems, or the exact word for Kiswahili), or — when those are fewer than asked — a similar word (trigrams), best first. rank: relevance in [0, 1), + 2 in the given lesson, + 1 in the given course (or the lesson''s). At most 20.';
