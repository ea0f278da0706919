-- A course forum's thread list in one function (issue 19's benchmark: 10,000 threads, 200,000
-- replies, list and search p95 ≤ 50 ms). Under row-level security every thread row asked
-- private.forum_role, and the page's total (a window count) and the unread count read every thread
-- of the course: 10,000 role checks per page. public.forum_thread_page decides the caller's part
-- once, as public.search_members does for members, then reads with the same visibility rule as the
-- policies (hidden threads for moderators and their authors only).

/** The threads of a course that wait for a moderator: hidden, with a hidden reply, or with an open report. */
create function private.forum_review_threads(course uuid) returns table (thread_id uuid)
language sql stable security definer set search_path = '' as $$
  select t.id from public.forum_threads t where t.hidden and t.course_id = course
  union select fp.thread_id from public.forum_posts fp where fp.hidden and fp.course_id = course
  union select fr.thread_id from public.forum_reports fr where fr.course_id = course and fr.resolved_at is null
$$;
comment on function private.forum_review_threads(uuid) is 'The threads of a course waiting for a moderator: hidden, with a hidden reply, or with an open report.';
revoke all on function private.forum_review_threads(uuid) from public, anon, authenticated;

create function public.forum_thread_page(
  course uuid, only_category text, pattern text, only_review boolean, lim int, off int
) returns table (
  id uuid, course_id uuid, category text, title text, excerpt text, author_id uuid, author_name text,
  author_teaches boolean, pinned boolean, locked boolean, hidden boolean, review_reason text, open_reports int,
  answered boolean, reply_count int, last_post_at timestamptz, created_at timestamptz, unread boolean,
  total int, unread_total int, to_review int, role text
)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  part text := private.forum_role(course);
  moderator boolean := part = 'moderator';
  unread_count int;
  review_count int;
  in_replies uuid[];
begin
  if part is null then return; end if;
  select count(*)::int into unread_count
  from public.forum_threads t
  left join public.forum_reads r on r.thread_id = t.id and r.user_id = me
  where t.course_id = course and (not t.hidden or t.author_id = me or moderator)
    and (r.read_at is null or r.read_at < t.last_post_at);
  -- What waits for review comes from the few hidden rows and open reports (partial indexes), not
  -- from a check per thread (private.forum_review_threads).
  -- Threads whose replies match, found once through the replies' trigram index (the page and its
  -- count both use them), not probed thread by thread.
  if pattern is not null then
    in_replies := array(
      select distinct fp.thread_id from public.forum_posts fp
      where fp.course_id = course and fp.body ilike pattern and (not fp.hidden or fp.author_id = me or moderator));
  end if;
  review_count := case when moderator then (select count(*)::int from private.forum_review_threads(course)) else 0 end;
  return query
    with matching as not materialized (
      select t.* from public.forum_threads t
      where t.course_id = course
        and (not t.hidden or t.author_id = me or moderator)
        and (only_category is null or t.category = only_category)
        and (pattern is null or t.title ilike pattern or t.body ilike pattern
             or t.id in (select unnest(in_replies)))
        and (not coalesce(only_review, false)
             or (moderator and t.id in (select r.thread_id from private.forum_review_threads(course) r)))
    ), page as (
      select m.*, (select count(*)::int from matching) as n
      from matching m
      order by m.pinned desc, m.last_post_at desc, m.id
      limit lim offset off
    )
    select p.id, p.course_id, p.category, p.title, left(p.body, 240), p.author_id,
      coalesce(pr.display_name, ''), private.forum_teaches(p.course_id, p.author_id),
      p.pinned, p.locked, p.hidden, p.review_reason,
      case when moderator then (select count(*)::int from public.forum_reports fr
        where fr.thread_id = p.id and fr.post_id is null and fr.resolved_at is null) else 0 end,
      p.answered_post_id is not null, p.reply_count, p.last_post_at, p.created_at,
      (r.read_at is null or r.read_at < p.last_post_at),
      p.n, unread_count, review_count, part
    from page p
    left join public.profiles pr on pr.id = p.author_id
    left join public.forum_reads r on r.thread_id = p.id and r.user_id = me
    order by p.pinned desc, p.last_post_at desc, p.id;
end $$;
comment on function public.forum_thread_page(uuid, text, text, boolean, int, int) is
  'One page of a course forum''s threads for whoever may read it (pinned first, then the latest activity), with how many match, how many are unread and, for moderators, how many wait for review; `pattern` (ILIKE) finds titles, first posts and replies the caller may see. Decides the caller''s part once; the visibility rule is the policies''.';
revoke all on function public.forum_thread_page(uuid, text, text, boolean, int, int) from public, anon;
grant execute on function public.forum_thread_page(uuid, text, text, boolean, int, int) to authenticated, service_role;
