-- The learning logbook (issue 20): a student's journal per course. Entries have a title, text, photos
-- and files (bucket logbook-files: <school>/<course>/<student>/<file>), may be tied to a lesson of the
-- course and tagged with CBC core competencies, and may be shared with the student's parents. The
-- course's teachers read every entry and comment; the student replies; parents read what is shared
-- with them (and its comments). Nobody else reads a logbook, not even another student of the course.

-- Section: tables

/** The seven core competencies of Kenya's CBC, as the app names them (labels are in the web app). */
create function private.cbc_competencies() returns text[]
language sql immutable set search_path = '' as $$
  select array['communication', 'critical_thinking', 'creativity', 'citizenship', 'digital_literacy',
               'learning_to_learn', 'self_efficacy']
$$;
comment on function private.cbc_competencies() is 'The CBC core competencies a logbook entry may be tagged with.';

create table public.logbook_entries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  body text not null default '' check (char_length(body) <= 20000),
  lesson_id uuid references public.lessons (id) on delete set null,
  competencies text[] not null default '{}'
    check (competencies <@ private.cbc_competencies() and cardinality(competencies) <= 7),
  -- [{path, name, size, type}], path = logbook-files/<school>/<course>/<student>/<file>
  files jsonb not null default '[]' check (jsonb_typeof(files) = 'array' and jsonb_array_length(files) <= 6),
  shared_with_guardians boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.logbook_entries enable row level security;
comment on table public.logbook_entries is 'A student''s logbook entries for a course: text, files, the lesson and CBC competencies they are about; shared with parents or not.';
create index logbook_entries_student_idx on public.logbook_entries (course_id, user_id, created_at desc);
create index logbook_entries_user_idx on public.logbook_entries (user_id);
create index logbook_entries_tenant_idx on public.logbook_entries (tenant_id);
create index logbook_entries_lesson_idx on public.logbook_entries (lesson_id) where lesson_id is not null;

create table public.logbook_comments (
  id uuid primary key default gen_random_uuid(),
  entry_id uuid not null references public.logbook_entries (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 5000),
  created_at timestamptz not null default now(),
  edited_at timestamptz
);
alter table public.logbook_comments enable row level security;
comment on table public.logbook_comments is 'Comments on a logbook entry: the course''s teachers and the entry''s student.';
create index logbook_comments_entry_idx on public.logbook_comments (entry_id, created_at);
create index logbook_comments_author_idx on public.logbook_comments (author_id);
create index logbook_comments_tenant_idx on public.logbook_comments (tenant_id);

-- Section: access helpers

/**
 * Who reads a student's logbook of a course: the student (while in the school), the course's teachers
 * (private.can_see_course_work) and, for shared entries only, the student's parents.
 */
create function private.can_read_logbook(course uuid, student uuid, shared boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  tenant uuid := private.course_tenant(course);
begin
  return (student = (select auth.uid()) and private.is_member(tenant))
    or private.can_see_course_work(course)
    or (shared and private.is_guardian(tenant, student));
end $$;
comment on function private.can_read_logbook(uuid, uuid, boolean) is 'The student, the course''s teachers, and parents for shared entries read a logbook.';

/** The entry's readers may read its comments; its student and the course's teachers write them. */
create function private.logbook_entry_access(entry uuid, writing boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  e public.logbook_entries;
begin
  select * into e from public.logbook_entries where id = entry;
  if e.id is null then
    return false;
  end if;
  if writing then
    return (e.user_id = (select auth.uid()) and private.is_member(e.tenant_id))
      or private.can_see_course_work(e.course_id);
  end if;
  return private.can_read_logbook(e.course_id, e.user_id, e.shared_with_guardians);
end $$;
comment on function private.logbook_entry_access(uuid, boolean) is 'Whether the caller reads (false) or writes (true) the comments of a logbook entry.';

revoke all on function private.cbc_competencies(), private.can_read_logbook(uuid, uuid, boolean),
  private.logbook_entry_access(uuid, boolean) from public, anon;
grant execute on function private.cbc_competencies(), private.can_read_logbook(uuid, uuid, boolean),
  private.logbook_entry_access(uuid, boolean) to authenticated, service_role;

-- Section: writes kept right

/**
 * An entry's school is its course's; its lesson must be one of the course; its files must be the
 * student's own uploads in their folder of the course (size and type read from storage).
 */
create function private.logbook_entry_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.tenant_id := private.course_tenant(new.course_id);
  if tg_op = 'UPDATE' then
    new.course_id := old.course_id;
    new.user_id := old.user_id;
    new.tenant_id := old.tenant_id;
    new.created_at := old.created_at;
    new.updated_at := now();
  end if;
  new.title := btrim(new.title);
  new.competencies := array(select distinct c from unnest(new.competencies) c order by c);
  if new.lesson_id is not null
     and not exists (select 1 from public.lessons l where l.id = new.lesson_id and l.course_id = new.course_id) then
    raise exception 'That lesson is not in this course.'
      using errcode = '22023', hint = 'lesson_not_in_course', detail = json_build_object('lesson_id', new.lesson_id)::text;
  end if;
  if tg_op = 'INSERT' or new.files is distinct from old.files then
    new.files := private.checked_attachments(new.files, 'logbook-files',
      format('%s/%s/%s/', new.tenant_id, new.course_id, new.user_id), new.user_id, 'logbook');
  end if;
  return new;
end $$;
create trigger logbook_entries_before_write before insert or update on public.logbook_entries
  for each row execute function private.logbook_entry_before_write();

create function private.logbook_comment_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.tenant_id := (select e.tenant_id from public.logbook_entries e where e.id = new.entry_id);
  new.body := btrim(new.body);
  if tg_op = 'UPDATE' then
    new.entry_id := old.entry_id;
    new.tenant_id := old.tenant_id;
    new.author_id := old.author_id;
    new.created_at := old.created_at;
    new.edited_at := now();
  end if;
  return new;
end $$;
create trigger logbook_comments_before_write before insert or update on public.logbook_comments
  for each row execute function private.logbook_comment_before_write();

revoke all on function private.logbook_entry_before_write(), private.logbook_comment_before_write()
  from public, anon, authenticated;

-- Section: policies

create policy "The student, the course's teachers and (shared entries) parents read a logbook" on public.logbook_entries
  for select to authenticated
  using ((select private.can_read_logbook(course_id, user_id, shared_with_guardians)));
create policy "Students write in their logbook of a course they are enrolled in" on public.logbook_entries
  for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_enrolled(course_id)));
create policy "Students change their own entries while in the school" on public.logbook_entries
  for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_member(tenant_id)))
  with check (user_id = (select auth.uid()));
create policy "Students delete their own entries; owners and admins any of their school" on public.logbook_entries
  for delete to authenticated
  using ((user_id = (select auth.uid()) and (select private.is_member(tenant_id)))
         or (select private.has_role(tenant_id, (select private.admin_roles()))));

create policy "Whoever reads the entry reads its comments" on public.logbook_comments
  for select to authenticated
  using ((select private.logbook_entry_access(entry_id, false)));
create policy "The entry's student and the course's teachers comment" on public.logbook_comments
  for insert to authenticated
  with check (author_id = (select auth.uid()) and (select private.logbook_entry_access(entry_id, true)));
create policy "Authors change their own comments" on public.logbook_comments
  for update to authenticated
  using (author_id = (select auth.uid()) and (select private.logbook_entry_access(entry_id, true)))
  with check (author_id = (select auth.uid()));
create policy "Authors delete their own comments; owners and admins any of their school" on public.logbook_comments
  for delete to authenticated
  using ((author_id = (select auth.uid()) and (select private.logbook_entry_access(entry_id, true)))
         or (select private.has_role(tenant_id, (select private.admin_roles()))));

revoke all on public.logbook_entries, public.logbook_comments from anon;
grant select, insert, update, delete on public.logbook_entries, public.logbook_comments to authenticated;

-- Section: files (bucket logbook-files: <school>/<course>/<student>/<file>)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('logbook-files', 'logbook-files', false, 10485760,
    array['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
on conflict (id) do nothing;

/**
 * A logbook file is read by its student, by the course's teachers, and by the student's parents when
 * an entry shared with them holds it.
 */
create function private.can_read_logbook_object(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  course uuid := private.try_uuid(split_part(name, '/', 2));
  student uuid := private.try_uuid(split_part(name, '/', 3));
begin
  if course is null or student is null or private.course_tenant(course)::text <> split_part(name, '/', 1) then
    return false;
  end if;
  return private.can_read_logbook(course, student, false)
    or exists (select 1 from public.logbook_entries e
               where e.course_id = course and e.user_id = student and e.shared_with_guardians
                 and e.files @> jsonb_build_array(jsonb_build_object('path', 'logbook-files/' || name))
                 and private.is_guardian(e.tenant_id, student));
end $$;
comment on function private.can_read_logbook_object(text) is 'Readers of a logbook file: its student, the course''s teachers, parents of a shared entry holding it.';
revoke all on function private.can_read_logbook_object(text) from public, anon;
grant execute on function private.can_read_logbook_object(text) to authenticated, service_role;

create policy "Logbook readers see its files" on storage.objects
  for select to authenticated
  using (bucket_id = 'logbook-files' and private.can_read_logbook_object(name));
create policy "Enrolled students upload into their own logbook folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'logbook-files' and owner_id = (select auth.uid())::text
              and split_part(name, '/', 3) = (select auth.uid())::text
              and private.course_tenant(private.try_uuid(split_part(name, '/', 2)))::text = split_part(name, '/', 1)
              and private.is_enrolled(private.try_uuid(split_part(name, '/', 2))));
create policy "Students remove their own logbook files" on storage.objects
  for delete to authenticated
  using (bucket_id = 'logbook-files' and owner_id = (select auth.uid())::text);

-- The school's storage counts logbook files too: the counted buckets now live in one place.
create function private.quota_buckets() returns text[]
language sql immutable set search_path = '' as $$
  select array['lesson-media', 'course-materials', 'ticket-attachments', 'session-files', 'assignment-files',
               'logbook-files']
$$;
comment on function private.quota_buckets() is 'The buckets whose files count against a school''s storage.';

create or replace function private.storage_used(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0)::bigint
  from storage.objects o
  where o.bucket_id = any (private.quota_buckets()) and o.path_tokens[1] = tenant::text
$$;

create or replace function private.storage_quota_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  -- Generated columns (path_tokens) are not computed yet in a BEFORE trigger: split the name.
  tenant uuid := private.try_uuid(split_part(new.name, '/', 1));
  size bigint := coalesce((new.metadata ->> 'size')::bigint, 0);
  used bigint;
  cap bigint;
begin
  if not (new.bucket_id = any (private.quota_buckets())) or tenant is null then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext('storage:' || tenant::text));
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0) into used
  from storage.objects o
  where o.bucket_id = any (private.quota_buckets()) and o.path_tokens[1] = tenant::text and o.id <> new.id;
  cap := private.storage_limit(tenant);
  if used + size > cap then
    raise exception 'The school''s storage is full (% of % bytes used).', used, cap
      using errcode = 'P0001', hint = 'storage_quota_exceeded',
            detail = json_build_object('used', used, 'limit', cap, 'size', size)::text;
  end if;
  return new;
end $$;

-- Section: the tutor's notes beside the logbook

/**
 * The notes of a course's tutoring sessions that the student booked or came to, for the caller who
 * may read them (the tutor and the school's staff: private.session_notes); newest first.
 */
create function public.logbook_session_notes(course uuid, student uuid)
returns table (session_id uuid, title text, starts_at timestamptz, tutor_name text, notes text)
language sql stable security definer set search_path = '' as $$
  select s.id, s.title, s.starts_at, private.display_name(s.instructor_id), n.notes
  from public.tutoring_sessions s
  cross join lateral (select private.session_notes(s.id) as notes) n
  where s.course_id = course
    and (exists (select 1 from public.session_bookings b where b.session_id = s.id and b.user_id = student)
         or exists (select 1 from public.session_attendance a where a.session_id = s.id and a.user_id = student))
    and coalesce(btrim(n.notes), '') <> ''
    and private.can_see_course_work(course)
  order by s.starts_at desc
  limit 100
$$;
comment on function public.logbook_session_notes(uuid, uuid) is 'Tutoring session notes about a student in a course, for the tutor and staff (empty for others).';
revoke all on function public.logbook_session_notes(uuid, uuid) from public, anon;
grant execute on function public.logbook_session_notes(uuid, uuid) to authenticated, service_role;
