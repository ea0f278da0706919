-- Courses and lessons: courses with modules and lessons, co-authors, enrolments, the live lesson
-- draft as a Yjs update log with compacted snapshots, and published versions.

-- Section: types

create type public.author_role as enum ('editor', 'viewer');
comment on type public.author_role is 'A co-author''s rights on a course: editors change lessons, viewers read the draft.';

-- Section: tables

create table public.courses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 200),
  summary text not null default '' check (char_length(summary) <= 2000),
  cover_image_url text check (cover_image_url ~ '^https?://' and char_length(cover_image_url) <= 2000),
  level text not null default '' check (char_length(level) <= 60),
  learning_area text not null default '' check (char_length(learning_area) <= 80),
  is_free boolean not null default true,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.courses enable row level security;
comment on table public.courses is 'A course of a school: title, summary, level and learning area; lessons live in its modules.';
create index courses_tenant_id_idx on public.courses (tenant_id, created_at desc);
create index courses_created_by_idx on public.courses (created_by);

create table public.course_modules (
  id uuid primary key default gen_random_uuid(),
  course_id uuid not null references public.courses (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 200),
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.course_modules enable row level security;
comment on table public.course_modules is 'An ordered section of a course holding lessons.';
create index course_modules_course_id_idx on public.course_modules (course_id, position);

create table public.lessons (
  id uuid primary key default gen_random_uuid(),
  course_id uuid not null references public.courses (id) on delete cascade,
  module_id uuid references public.course_modules (id) on delete set null,
  title text not null check (char_length(btrim(title)) between 1 and 200),
  position int not null default 0,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.lessons enable row level security;
comment on table public.lessons is 'A lesson of a course. Its draft body is a Yjs document (lesson_doc_*); students read its published versions.';
create index lessons_course_id_idx on public.lessons (course_id, position);
create index lessons_module_id_idx on public.lessons (module_id);

create table public.course_authors (
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.author_role not null,
  added_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (course_id, user_id)
);
alter table public.course_authors enable row level security;
comment on table public.course_authors is 'Co-authors of a course: editors write its lessons live, viewers read the draft.';
create index course_authors_user_id_idx on public.course_authors (user_id);

create table public.enrolments (
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  enrolled_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (course_id, user_id)
);
alter table public.enrolments enable row level security;
comment on table public.enrolments is 'Students enrolled in a course: they read its published lessons.';
create index enrolments_user_id_idx on public.enrolments (user_id);

create table public.lesson_versions (
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  version int not null,
  title text not null,
  html text not null check (octet_length(html) <= 8 * 1024 * 1024),
  plain_text text not null,
  state bytea not null,
  note text not null default '' check (char_length(note) <= 500),
  published_by uuid references auth.users (id) on delete set null default auth.uid(),
  published_at timestamptz not null default now(),
  primary key (lesson_id, version)
);
alter table public.lesson_versions enable row level security;
comment on table public.lesson_versions is 'Frozen, numbered versions of a lesson: rendered HTML, plain text and the Yjs state they came from.';
create index lesson_versions_published_by_idx on public.lesson_versions (published_by);

create table public.lesson_doc_updates (
  id bigint generated always as identity primary key,
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  update bytea not null check (octet_length(update) <= 16 * 1024 * 1024),
  origin text not null default 'api' check (char_length(origin) <= 100),
  created_at timestamptz not null default now()
);
alter table public.lesson_doc_updates enable row level security;
comment on table public.lesson_doc_updates is 'Append-only Yjs updates of lesson drafts since the last compaction, in arrival order.';
create index lesson_doc_updates_lesson_idx on public.lesson_doc_updates (lesson_id, id);

create table public.lesson_docs (
  lesson_id uuid primary key references public.lessons (id) on delete cascade,
  state bytea not null,
  compacted_through bigint not null default 0,
  updated_at timestamptz not null default now()
);
alter table public.lesson_docs enable row level security;
comment on table public.lesson_docs is 'Compacted Yjs state of a lesson draft. Compaction deletes the log rows it merged: the draft is this state plus every row still in lesson_doc_updates; compacted_through is the highest id merged.';

-- Section: access helpers

create function private.course_tenant(course uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select c.tenant_id from public.courses c where c.id = course
$$;
comment on function private.course_tenant(uuid) is 'The tenant a course belongs to.';

-- A co-author counts only while they are still an instructor, admin or owner of the school: an
-- author who leaves or is made a student loses their rights without anyone editing the list.
create function private.author_role(course uuid) returns public.author_role
language sql stable security definer set search_path = '' as $$
  select a.role from public.course_authors a
  join public.courses c on c.id = a.course_id
  join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = a.user_id
  where a.course_id = course and a.user_id = (select auth.uid())
    and m.role in ('owner', 'admin', 'instructor')
$$;
comment on function private.author_role(uuid) is 'The caller''s co-author role on a course while they teach or run its school, or null.';

create function private.can_edit_course(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(private.author_role(course) = 'editor', false)
$$;
comment on function private.can_edit_course(uuid) is 'True for the course''s editors (still instructors or admins of its school).';

create function private.can_read_draft(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.author_role(course) is not null
    or private.has_role(private.course_tenant(course), array['owner', 'admin', 'staff']::public.tenant_role[])
$$;
comment on function private.can_read_draft(uuid) is 'True for co-authors and the school''s owners, admins and staff: they see lesson drafts.';

create function private.can_manage_course(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.can_edit_course(course)
    or private.has_role(private.course_tenant(course), array['owner', 'admin']::public.tenant_role[])
$$;
comment on function private.can_manage_course(uuid) is 'True for editors and school admins: they change course details, authors and enrolments.';

create function private.is_enrolled(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = (select auth.uid()))
    and private.is_member(private.course_tenant(course))
$$;
comment on function private.is_enrolled(uuid) is 'True when the caller is enrolled in the course and still in its school.';

create function private.can_see_outline(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.can_read_draft(course)
    or private.has_role(private.course_tenant(course), array['instructor']::public.tenant_role[])
    or private.is_enrolled(course)
$$;
comment on function private.can_see_outline(uuid) is 'True for draft readers, the school''s instructors and enrolled students: they see a course''s modules and lessons.';

create function private.lesson_count(course uuid) returns int
language sql stable security definer set search_path = '' as $$
  select case when private.is_member(private.course_tenant(course))
    then (select count(*)::int from public.lessons l where l.course_id = course) else 0 end
$$;
comment on function private.lesson_count(uuid) is 'How many lessons a course has, for members of its school (students see it before they enrol).';

create function private.course_is_free(course uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select c.is_free from public.courses c where c.id = course), false)
$$;
comment on function private.course_is_free(uuid) is 'True when students may enrol themselves in the course.';

create function private.lesson_course(lesson uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select l.course_id from public.lessons l where l.id = lesson
$$;
comment on function private.lesson_course(uuid) is 'The course a lesson belongs to.';

create function private.module_course(module uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select m.course_id from public.course_modules m where m.id = module
$$;
comment on function private.module_course(uuid) is 'The course a module belongs to.';

/** Used by the realtime server at connect time and when it re-checks access. */
create function public.lesson_access(lesson uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case
    when private.lesson_course(lesson) is null then 'missing'
    when private.can_edit_course(private.lesson_course(lesson)) then 'edit'
    when private.can_read_draft(private.lesson_course(lesson)) then 'view'
    else 'none'
  end
$$;
comment on function public.lesson_access(uuid) is 'The caller''s access to a lesson draft: edit, view, none, or missing (no such lesson).';

revoke all on function private.course_tenant(uuid), private.author_role(uuid), private.can_edit_course(uuid),
  private.can_read_draft(uuid), private.can_manage_course(uuid), private.is_enrolled(uuid),
  private.can_see_outline(uuid), private.lesson_count(uuid), private.lesson_course(uuid),
  private.module_course(uuid), private.course_is_free(uuid), public.lesson_access(uuid) from public, anon;
grant execute on function private.course_tenant(uuid), private.author_role(uuid), private.can_edit_course(uuid),
  private.can_read_draft(uuid), private.can_manage_course(uuid), private.is_enrolled(uuid),
  private.can_see_outline(uuid), private.lesson_count(uuid), private.lesson_course(uuid),
  private.module_course(uuid), private.course_is_free(uuid), public.lesson_access(uuid) to authenticated, service_role;

-- Section: policies — courses

create policy "Members see their school's courses" on public.courses
  for select to authenticated using (private.is_member(tenant_id) or (select private.is_superadmin()));
create policy "Instructors and admins create courses" on public.courses
  for insert to authenticated
  with check (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[])
              and created_by = (select auth.uid()));
create policy "Editors and admins change courses" on public.courses
  for update to authenticated using (private.can_manage_course(id)) with check (private.can_manage_course(id));
create policy "Editors and admins delete courses" on public.courses
  for delete to authenticated using (private.can_manage_course(id));

-- Section: policies — modules

-- Every member sees the course list (students browse it to enrol); the outline inside a course is
-- for its teachers, staff and enrolled students.
create policy "Teachers, staff and enrolled students see a course's modules" on public.course_modules
  for select to authenticated using (private.can_see_outline(course_id));
create policy "Editors add modules" on public.course_modules
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change modules" on public.course_modules
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete modules" on public.course_modules
  for delete to authenticated using (private.can_edit_course(course_id));

-- Section: policies — lessons

create policy "Teachers, staff and enrolled students see a course's lessons" on public.lessons
  for select to authenticated using (private.can_see_outline(course_id));
create policy "Editors add lessons" on public.lessons
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change lessons" on public.lessons
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete lessons" on public.lessons
  for delete to authenticated using (private.can_edit_course(course_id));

-- Section: policies — authors

create policy "Draft readers see a course's authors" on public.course_authors
  for select to authenticated using (private.can_read_draft(course_id) or user_id = (select auth.uid()));
create policy "Editors and admins add authors" on public.course_authors
  for insert to authenticated with check (private.can_manage_course(course_id));
create policy "Editors and admins change authors" on public.course_authors
  for update to authenticated using (private.can_manage_course(course_id)) with check (private.can_manage_course(course_id));
create policy "Editors and admins remove authors; authors leave" on public.course_authors
  for delete to authenticated using (private.can_manage_course(course_id) or user_id = (select auth.uid()));

-- Section: policies — enrolments

create policy "Students see their enrolments; teachers see the course's" on public.enrolments
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.can_read_draft(course_id)
         or private.has_role(private.course_tenant(course_id), array['instructor']::public.tenant_role[]));
create policy "Teachers enrol students; students enrol in free courses" on public.enrolments
  for insert to authenticated
  with check (private.can_manage_course(course_id)
              or private.has_role(private.course_tenant(course_id), array['instructor']::public.tenant_role[])
              or (user_id = (select auth.uid())
                  and private.has_role(private.course_tenant(course_id), array['student']::public.tenant_role[])
                  and private.course_is_free(course_id)));
create policy "Enrolments are not edited" on public.enrolments
  for update to authenticated using (false) with check (false);
create policy "Teachers unenrol students; students leave" on public.enrolments
  for delete to authenticated
  using (user_id = (select auth.uid())
         or private.can_manage_course(course_id)
         or private.has_role(private.course_tenant(course_id), array['instructor']::public.tenant_role[]));

-- Section: policies — versions

create policy "Draft readers and enrolled students read versions" on public.lesson_versions
  for select to authenticated
  using (private.can_read_draft(private.lesson_course(lesson_id)) or private.is_enrolled(private.lesson_course(lesson_id)));
create policy "Editors publish versions" on public.lesson_versions
  for insert to authenticated
  with check (private.can_edit_course(private.lesson_course(lesson_id)) and published_by = (select auth.uid()));
create policy "Versions are frozen" on public.lesson_versions
  for update to authenticated using (false) with check (false);
create policy "Versions go only with their lesson" on public.lesson_versions
  for delete to authenticated using (false);

-- Section: policies — draft documents

create policy "Draft readers read draft updates" on public.lesson_doc_updates
  for select to authenticated using (private.can_read_draft(private.lesson_course(lesson_id)));
create policy "Editors append draft updates" on public.lesson_doc_updates
  for insert to authenticated with check (private.can_edit_course(private.lesson_course(lesson_id)));
create policy "Draft updates are append-only" on public.lesson_doc_updates
  for update to authenticated using (false) with check (false);
create policy "Only compaction removes draft updates" on public.lesson_doc_updates
  for delete to authenticated using (false);

create policy "Draft readers read draft snapshots" on public.lesson_docs
  for select to authenticated using (private.can_read_draft(private.lesson_course(lesson_id)));
create policy "Only the realtime service writes snapshots" on public.lesson_docs
  for insert to authenticated with check (false);
create policy "Only the realtime service changes snapshots" on public.lesson_docs
  for update to authenticated using (false) with check (false);
create policy "Only the realtime service deletes snapshots" on public.lesson_docs
  for delete to authenticated using (false);

-- Section: triggers

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
comment on function private.touch_updated_at() is 'Sets updated_at on every update.';

create trigger courses_touch before update on public.courses for each row execute function private.touch_updated_at();
create trigger course_modules_touch before update on public.course_modules for each row execute function private.touch_updated_at();
create trigger lessons_touch before update on public.lessons for each row execute function private.touch_updated_at();

create function private.course_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.tenant_id <> old.tenant_id or new.created_by is distinct from old.created_by then
    raise exception 'A course cannot move to another school or change its creator.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.course_guard() is 'Keeps a course in its school and its creator fixed.';
create trigger courses_guard before update on public.courses for each row execute function private.course_guard();

create function private.course_add_creator() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.created_by is not null then
    insert into public.course_authors (course_id, user_id, role, added_by) values (new.id, new.created_by, 'editor', new.created_by);
  end if;
  perform private.audit(new.tenant_id, 'course.created', 'course', new.id::text, jsonb_build_object('title', new.title));
  return new;
end $$;
comment on function private.course_add_creator() is 'Makes the creator of a course its first editor.';
create trigger courses_add_creator after insert on public.courses for each row execute function private.course_add_creator();

create function private.course_audit_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.tenants t where t.id = old.tenant_id) then
    perform private.audit(old.tenant_id, 'course.deleted', 'course', old.id::text, jsonb_build_object('title', old.title));
  end if;
  return null;
end $$;
comment on function private.course_audit_delete() is 'Records a deleted course (not when its whole school is deleted).';
create trigger courses_audit_delete after delete on public.courses for each row execute function private.course_audit_delete();

create function private.child_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.course_id <> old.course_id then
    raise exception 'A module or lesson cannot move to another course.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.child_guard() is 'Keeps modules and lessons in their course.';
create trigger course_modules_guard before update on public.course_modules for each row execute function private.child_guard();
create trigger lessons_guard before update on public.lessons for each row execute function private.child_guard();

create function private.lesson_module_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.module_id is not null
     and not exists (select 1 from public.course_modules m where m.id = new.module_id and m.course_id = new.course_id) then
    raise exception 'That module belongs to another course.' using errcode = '23514';
  end if;
  return new;
end $$;
comment on function private.lesson_module_check() is 'A lesson''s module must be in the lesson''s course.';
create trigger lessons_module_check before insert or update of module_id on public.lessons
  for each row execute function private.lesson_module_check();

create function private.author_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid := private.course_tenant(coalesce(new.course_id, old.course_id));
  editors int;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    if tg_op = 'UPDATE' and (new.course_id <> old.course_id or new.user_id <> old.user_id) then
      raise exception 'An author entry cannot move to another course or person.' using errcode = '42501';
    end if;
    if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = new.user_id
                   and m.role in ('owner', 'admin', 'instructor')) then
      raise exception 'Co-authors must be instructors or admins of this school.' using errcode = '23514';
    end if;
  end if;
  if (tg_op = 'DELETE' and old.role = 'editor') or (tg_op = 'UPDATE' and old.role = 'editor' and new.role <> 'editor') then
    perform 1 from public.courses c where c.id = old.course_id for update;
    select count(*) into editors from public.course_authors a where a.course_id = old.course_id and a.role = 'editor';
    if editors <= 1 and exists (select 1 from public.courses c where c.id = old.course_id) then
      raise exception 'A course must keep at least one editor.' using errcode = 'P0001', hint = 'last_editor';
    end if;
  end if;
  return coalesce(new, old);
end $$;
comment on function private.author_guard() is 'Co-authors are instructors/admins of the school; the last editor stays.';
create trigger course_authors_guard before insert or update or delete on public.course_authors
  for each row execute function private.author_guard();

create function private.author_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  course uuid := coalesce(new.course_id, old.course_id);
  tenant uuid := private.course_tenant(coalesce(new.course_id, old.course_id));
begin
  if tenant is null or (tg_op = 'INSERT' and pg_trigger_depth() > 1) then
    return null; -- the course is being deleted, or created (course.created records its first editor)
  end if;
  if tg_op = 'INSERT' then
    perform private.audit(tenant, 'course.author_added', 'course', course::text,
      jsonb_build_object('user_id', new.user_id, 'role', new.role));
  elsif tg_op = 'UPDATE' and new.role <> old.role then
    perform private.audit(tenant, 'course.author_role_changed', 'course', course::text,
      jsonb_build_object('user_id', new.user_id, 'from', old.role, 'to', new.role));
  elsif tg_op = 'DELETE' then
    perform private.audit(tenant, 'course.author_removed', 'course', course::text,
      jsonb_build_object('user_id', old.user_id, 'role', old.role));
  end if;
  return null;
end $$;
comment on function private.author_audit() is 'Records co-authors added, changed and removed in the audit log.';
create trigger course_authors_audit after insert or update or delete on public.course_authors
  for each row execute function private.author_audit();

create function private.enrolment_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.memberships m where m.tenant_id = private.course_tenant(new.course_id)
                 and m.user_id = new.user_id and m.role = 'student') then
    raise exception 'Only students of this school can be enrolled.' using errcode = '23514';
  end if;
  return new;
end $$;
comment on function private.enrolment_check() is 'Only students of the course''s school are enrolled.';
create trigger enrolments_check before insert on public.enrolments for each row execute function private.enrolment_check();

create function private.version_number() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform 1 from public.lessons l where l.id = new.lesson_id for update;
  select coalesce(max(v.version), 0) + 1 into new.version from public.lesson_versions v where v.lesson_id = new.lesson_id;
  new.published_at := now();
  return new;
end $$;
comment on function private.version_number() is 'Numbers a lesson''s versions 1, 2, 3… without gaps, even when two editors publish at once.';
create trigger lesson_versions_number before insert on public.lesson_versions
  for each row execute function private.version_number();

create function private.version_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit(private.course_tenant(private.lesson_course(new.lesson_id)), 'lesson.published', 'lesson',
    new.lesson_id::text, jsonb_build_object('version', new.version, 'note', new.note));
  return null;
end $$;
comment on function private.version_audit() is 'Records each publish in the audit log.';
create trigger lesson_versions_audit after insert on public.lesson_versions
  for each row execute function private.version_audit();

-- Realtime instances LISTEN on this channel: an update written anywhere (API restore, another
-- instance) reaches every instance that holds the lesson open.
create function private.notify_doc_update() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform pg_notify('lesson_doc_updates', json_build_object('lesson_id', new.lesson_id, 'id', new.id, 'origin', new.origin)::text);
  return null;
end $$;
comment on function private.notify_doc_update() is 'Tells realtime instances that a lesson draft has a new update.';
create trigger lesson_doc_updates_notify after insert on public.lesson_doc_updates
  for each row execute function private.notify_doc_update();

-- Section: grants

revoke all on public.courses, public.course_modules, public.lessons, public.course_authors, public.enrolments,
  public.lesson_versions, public.lesson_doc_updates, public.lesson_docs from anon, authenticated;
grant select, insert, update, delete on public.courses, public.course_modules, public.lessons,
  public.course_authors, public.enrolments to authenticated;
grant select, insert on public.lesson_versions, public.lesson_doc_updates to authenticated;
grant select on public.lesson_docs to authenticated;
