-- Lesson progress: which published lessons a student has opened (first and last time) and marked
-- done. A student writes only their own rows, for lessons of courses they are enrolled in that have
-- a published version; the course's teachers read the rows of their course (for reports).

-- Section: tables

create table public.lesson_progress (
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  first_read_at timestamptz not null default now(),
  last_read_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (user_id, lesson_id)
);
alter table public.lesson_progress enable row level security;
comment on table public.lesson_progress is 'A student''s progress through one lesson: first and last opened, and when they marked it done. course_id and tenant_id are the lesson''s, set by a trigger.';
create index lesson_progress_course_idx on public.lesson_progress (course_id, user_id);
create index lesson_progress_lesson_idx on public.lesson_progress (lesson_id);
create index lesson_progress_tenant_idx on public.lesson_progress (tenant_id, user_id);

-- Section: access helpers

create function private.lesson_published(lesson uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.lesson_versions v where v.lesson_id = lesson);
end $$;
comment on function private.lesson_published(uuid) is 'True when the lesson has at least one published version (what students read).';

revoke all on function private.lesson_published(uuid) from public, anon;
grant execute on function private.lesson_published(uuid) to authenticated, service_role;

-- Section: triggers

-- The lesson decides the course and school: a row naming another one is refused, so nobody can
-- file progress under a school they are not in. Times are the database's: a read is now, the
-- first read and an existing "done" stay as they were.
create function private.progress_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  course uuid;
  tenant uuid;
begin
  if tg_op = 'UPDATE' then
    if new.user_id <> old.user_id or new.lesson_id <> old.lesson_id
       or new.course_id <> old.course_id or new.tenant_id <> old.tenant_id then
      raise exception 'A progress entry stays with its person, lesson, course and school.' using errcode = '42501';
    end if;
    new.first_read_at := old.first_read_at;
  else
    course := private.lesson_course(new.lesson_id);
    if course is null then
      raise exception 'No such lesson.' using errcode = '23503';
    end if;
    tenant := private.course_tenant(course);
    if new.course_id <> course or new.tenant_id <> tenant then
      raise exception 'Progress belongs to the course and school of its lesson.' using errcode = '23514';
    end if;
    new.course_id := course;
    new.tenant_id := tenant;
    new.first_read_at := now();
  end if;
  new.last_read_at := now();
  if new.completed_at is not null then
    new.completed_at := case when tg_op = 'UPDATE' then coalesce(old.completed_at, now()) else now() end;
  end if;
  return new;
end $$;
comment on function private.progress_before_write() is 'Sets a progress row''s course and school from its lesson (refusing others) and its times from the clock.';
create trigger lesson_progress_before_write before insert or update on public.lesson_progress
  for each row execute function private.progress_before_write();

-- Section: policies

-- Who reads a course's progress is who sees its enrolments: its co-authors, the school's owners,
-- admins, staff and instructors. Students see and write only their own, while enrolled.
create policy "Students see their progress; teachers see the course's" on public.lesson_progress
  for select to authenticated
  using ((user_id = (select auth.uid()) and private.is_enrolled(course_id))
         or private.can_read_draft(course_id)
         or private.has_role(private.course_tenant(course_id), array['instructor']::public.tenant_role[]));
create policy "Enrolled students record reading published lessons" on public.lesson_progress
  for insert to authenticated
  with check (user_id = (select auth.uid()) and private.is_enrolled(course_id) and private.lesson_published(lesson_id));
create policy "Enrolled students update their own progress" on public.lesson_progress
  for update to authenticated
  using (user_id = (select auth.uid()) and private.is_enrolled(course_id))
  with check (user_id = (select auth.uid()) and private.is_enrolled(course_id));
create policy "Progress goes only with its lesson, course or person" on public.lesson_progress
  for delete to authenticated using (false);

-- Section: grants

revoke all on public.lesson_progress from anon, authenticated;
grant select, insert, update on public.lesson_progress to authenticated;
