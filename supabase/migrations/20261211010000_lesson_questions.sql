-- Students' questions on published lessons (issue 19). When a course's teachers allow it
-- (public.courses.lesson_questions), an enrolled student selects a passage of a published lesson
-- and asks about it. The question goes to the teachers, not to the class: it is a lesson comment
-- of kind 'question', seen by the people who see the course's drafts (its co-authors and the
-- school's owners, admins and staff) and by the student who asked (`asker_id`, kept on every row of
-- the thread so the policy needs no lookup), nobody else. Both sides reply in the thread; either
-- marks it answered (resolved).
--
-- A question's place is its quote: the published text does not change under it (a new version is
-- a new text), so there are no Yjs anchors. Draft comments keep theirs.
--
-- Who is told (private.notify): a new question or a student's follow-up tells the course's
-- co-authors (kind `lesson_question`); a reply in any thread tells the person who opened it
-- (kind `comment_reply`: the teacher's answer reaches the student, a co-author's reply reaches the
-- co-author who commented).

-- Section: the course's switch

alter table public.courses add column lesson_questions boolean not null default false;
comment on column public.courses.lesson_questions is
  'Whether enrolled students may ask the teachers about passages of its published lessons.';

-- Section: questions are lesson comments of their own kind

alter table public.lesson_comments
  add column kind text not null default 'draft' check (kind in ('draft', 'question')),
  add column asker_id uuid references auth.users (id) on delete cascade;
comment on column public.lesson_comments.kind is
  'draft: co-authors'' comment on the draft (Yjs anchors); question: a student''s question on the published lesson (quote only).';
comment on column public.lesson_comments.asker_id is
  'For questions, the student who asked, on every row of the thread; null for draft comments.';
create index lesson_comments_asker_idx on public.lesson_comments (asker_id, lesson_id) where asker_id is not null;

alter table public.lesson_comments drop constraint lesson_comments_check1;
alter table public.lesson_comments add constraint lesson_comments_anchor_check
  check ((thread_id is null and kind = 'draft') = (anchor_start is not null and anchor_end is not null));
alter table public.lesson_comments add constraint lesson_comments_asker_check
  check ((kind = 'question') = (asker_id is not null));

-- Replies take their thread's kind and asker; a question needs an open course, a published lesson
-- and an enrolled student.
create or replace function private.lesson_comment_fill() returns trigger
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
    new.kind := root.kind;
    new.asker_id := root.asker_id;
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
    if new.kind = 'question' and new.thread_id is null then
      new.asker_id := new.author_id;
      perform private.lesson_question_open(new.course_id, new.lesson_id);
    end if;
  end if;
  return new;
end $$;

create function private.lesson_question_open(course uuid, lesson uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_enrolled(course) then
    raise exception 'Only the course''s students ask about its lessons.'
      using errcode = '42501', hint = 'lesson_questions_forbidden';
  end if;
  if not coalesce((select c.lesson_questions from public.courses c where c.id = course), false) then
    raise exception 'The teachers of this course do not take questions on lessons.'
      using errcode = 'P0001', hint = 'lesson_questions_closed';
  end if;
  if not exists (select 1 from public.lesson_versions v where v.lesson_id = lesson) then
    raise exception 'This lesson is not published yet.' using errcode = 'P0001', hint = 'lesson_not_published';
  end if;
end $$;
revoke all on function private.lesson_question_open(uuid, uuid) from public, anon, authenticated;

-- A question stays a question of its asker; whom it mentions stays too.
create or replace function private.lesson_comment_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
begin
  if (new.tenant_id, new.course_id, new.lesson_id, new.thread_id, new.author_id, new.quote,
      new.anchor_start, new.anchor_end, new.created_at, new.kind, new.asker_id, new.mentions)
     is distinct from
     (old.tenant_id, old.course_id, old.lesson_id, old.thread_id, old.author_id, old.quote,
      old.anchor_start, old.anchor_end, old.created_at, old.kind, old.asker_id, old.mentions) then
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
-- Section: policies (a question's asker joins the draft's readers for that thread)

drop policy "The draft's readers read its comments" on public.lesson_comments;
drop policy "The draft's readers comment as themselves" on public.lesson_comments;
drop policy "The draft's readers edit their words and resolve threads" on public.lesson_comments;
drop policy "Authors and moderators delete comments" on public.lesson_comments;

create policy "The draft's readers, and a question's asker, read comments" on public.lesson_comments
  for select to authenticated
  using (private.can_read_draft(course_id) or asker_id = (select auth.uid()));

create policy "The draft's readers and askers comment as themselves" on public.lesson_comments
  for insert to authenticated
  with check (author_id = (select auth.uid())
              and (private.can_read_draft(course_id)
                   or (asker_id = (select auth.uid()) and private.is_enrolled(course_id))));

create policy "The draft's readers and askers edit their words and resolve threads" on public.lesson_comments
  for update to authenticated
  using (private.can_read_draft(course_id) or asker_id = (select auth.uid()))
  with check (private.can_read_draft(course_id) or asker_id = (select auth.uid()));

create policy "Authors and moderators delete comments" on public.lesson_comments
  for delete to authenticated
  using ((author_id = (select auth.uid()) and (private.can_read_draft(course_id) or asker_id = (select auth.uid())))
         or private.can_manage_course(course_id));

-- Section: who is told

create or replace function private.lesson_comment_mentioned() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  lesson public.lessons;
  root public.lesson_comments;
  slug text := (select s.slug from public.tenants s where s.id = new.tenant_id);
  draft_link text := format('/t/%s/lessons/%s/edit?comment=%s', slug, new.lesson_id, coalesce(new.thread_id, new.id));
  asker_link text := format('/t/%s/lessons/%s?question=%s', slug, new.lesson_id, coalesce(new.thread_id, new.id));
  who text := private.display_name(new.author_id);
  person uuid;
begin
  select * into lesson from public.lessons l where l.id = new.lesson_id;
  if cardinality(new.mentions) > 0 then
    perform private.notify_mentions(new.mentions, new.tenant_id, lesson.title, new.body, draft_link, new.lesson_id);
  end if;
  -- A question, or the asker's follow-up: the course's co-authors.
  if new.kind = 'question' and new.author_id = new.asker_id then
    for person in select a.user_id from public.course_authors a where a.course_id = new.course_id loop
      perform private.notify(person, new.tenant_id, 'lesson_question',
        format('Question on %s', left(lesson.title, 120)),
        format('%s asks about "%s": %s', who, left(lesson.title, 120), left(new.body, 200)),
        format('Swali kuhusu %s', left(lesson.title, 120)),
        format('%s anauliza kuhusu "%s": %s', who, left(lesson.title, 120), left(new.body, 200)),
        draft_link || '&questions=1', lesson => new.lesson_id);
    end loop;
  end if;
  -- A reply: the person who opened the thread, unless they are mentioned (told once) or wrote it.
  if new.thread_id is not null then
    select * into root from public.lesson_comments c where c.id = new.thread_id;
    if root.author_id is not null and not root.author_id = any (new.mentions) then
      perform private.notify(root.author_id, new.tenant_id, 'comment_reply',
        format('Reply on %s', left(lesson.title, 120)),
        format('%s replied on "%s": %s', who, left(lesson.title, 120), left(new.body, 200)),
        format('Jibu kuhusu %s', left(lesson.title, 120)),
        format('%s amejibu kuhusu "%s": %s', who, left(lesson.title, 120), left(new.body, 200)),
        case when root.kind = 'question' and root.author_id = root.asker_id then asker_link else draft_link end,
        lesson => new.lesson_id);
    end if;
  end if;
  return null;
end $$;

-- Section: the kinds

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
    (15, 'mention', true, true),
    (16, 'lesson_question', true, true),
    (17, 'comment_reply', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
