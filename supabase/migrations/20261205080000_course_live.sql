-- Courses live (issue 12): one live topic per course, `course:<id>`, for the people who may read
-- it — its co-authors, the school's owners, admins, staff and instructors, and its enrolled
-- students (private.can_see_outline, the rule of the course page's outline). A published version
-- of one of its lessons sends `published {lesson_id, version}`; a change of its outline (a module
-- or lesson added, removed, renamed or moved) sends `outline {course_id}`. One topic per course
-- rather than per lesson: a reader subscribes once, wherever they are in the course.
--
-- Access is re-checked like every other topic's (public.live_access, after each `access` signal
-- and every 30 s): an unenrolled student loses the topic at once.

-- Section: who may follow a course

create function public.course_live_access(course uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.course_tenant(course) is null then return 'missing'; end if;
  if private.can_see_outline(course) then return 'reader'; end if;
  return 'none';
end $$;
comment on function public.course_live_access(uuid) is 'The caller''s access to a course''s live topic: reader (may see its outline), none, or missing.';
revoke all on function public.course_live_access(uuid) from public, anon;
grant execute on function public.course_live_access(uuid) to authenticated, service_role;

/** The realtime server's re-check: one function for every topic family, as the calling user. */
create or replace function public.live_access(topic text) returns text
language plpgsql stable set search_path = '' as $$
declare
  kind text := split_part(topic, ':', 1);
  id text := substr(topic, length(kind) + 2);
begin
  if id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then return 'missing'; end if;
  case kind
    when 'ticket' then return public.ticket_access(id::uuid);
    when 'queue' then return case when public.support_queue_access(id::uuid) then 'staff' else 'none' end;
    when 'user' then return case when id::uuid = (select auth.uid()) then 'self' else 'none' end;
    when 'session' then return public.session_room_access(id::uuid);
    when 'course' then return public.course_live_access(id::uuid);
    else return 'missing';
  end case;
end $$;
comment on function public.live_access(text) is 'The caller''s access to a live topic (ticket:, queue:, user:, session:, course:), as each topic''s own access function answers it.';

-- Section: events

create function private.lesson_version_live() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  course uuid := private.lesson_course(new.lesson_id);
begin
  if course is null then return null; end if;
  perform private.live_notify('course:' || course, 'published', 'all',
    jsonb_build_object('course_id', course, 'lesson_id', new.lesson_id, 'version', new.version));
  return null;
end $$;
comment on function private.lesson_version_live() is 'Tells the readers of a course that one of its lessons has a new published version.';
create trigger lesson_versions_live after insert on public.lesson_versions
  for each row execute function private.lesson_version_live();

-- Every row of one change sends the same payload, which NOTIFY folds into one per transaction: a
-- reorder of forty lessons is one `outline` event.
create function private.course_outline_live() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  course uuid := case when tg_op = 'DELETE' then old.course_id else new.course_id end;
begin
  perform private.live_notify('course:' || course, 'outline', 'all', jsonb_build_object('course_id', course));
  return null;
end $$;
comment on function private.course_outline_live() is 'Tells the readers of a course that its outline (modules, lessons, their titles and order) changed.';
create trigger lessons_live after insert or update of title, position, module_id or delete on public.lessons
  for each row execute function private.course_outline_live();
create trigger course_modules_live after insert or update of title, position or delete on public.course_modules
  for each row execute function private.course_outline_live();

revoke all on function private.lesson_version_live(), private.course_outline_live() from public, anon, authenticated;
