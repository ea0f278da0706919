-- The AI tutor's passage search: a similar word must be similar as a whole word.
--
-- With no passage containing a word of the question, the search fell back to passages with a
-- similar word by pg_trgm's word similarity (`%>`, 0.3), which also counts a part of a word: for
-- "What are fractions?" a student with only science lessons got the laboratory rules ("instructions",
-- "actions"), and the tutor quoted them as "from your lessons". Now the fallback uses strict word
-- similarity (`%>>`, whole words, at least 0.35; the same GIN trigram index serves it): misspellings
-- ("chlorofyll", "fotosynthesis") and Kiswahili word forms ("mmea" for "mimea", 0.375) still match;
-- unrelated words do not, and the student is told nothing in their lessons covers the question.

create or replace function public.search_lesson_passages(
  query text, course uuid default null, lesson uuid default null, max_results int default 5
) returns table (
  lesson_id uuid, course_id uuid, version int, lesson_title text, section_id text, heading text, body text, rank real
)
language sql stable set search_path = '' set pg_trgm.strict_word_similarity_threshold = 0.35 as $$
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
      and (p.heading || ' ' || p.body) operator(extensions.%>>) q.words
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
  'Published passages the caller may read that match a word of the query (English stems, or the exact word for Kiswahili), or — when those are fewer than asked — a word similar as a whole word (strict trigram similarity ≥ 0.35), best first. rank: relevance in [0, 1), + 2 in the given lesson, + 1 in the given course (or the lesson''s). At most 20.';
