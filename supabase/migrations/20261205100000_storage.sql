-- Files: our buckets in Supabase Storage and who may do what with their objects. Access is decided
-- here, by RLS on storage.objects, as on hosted Supabase: the local store (edge/storage) and hosted
-- Storage both run the caller's reads and writes of storage.objects under these policies.
--
-- Object names carry what they belong to, first segment the school:
--   avatars             <user id>/<file>                    the person; people of their schools read
--   lesson-media        <school id>/<course id>/<file>      a course's editors write; its readers read
--   course-materials    <school id>/<course id>/<lesson id>/<file>   same as lesson-media
--   ticket-attachments  <school id>/<ticket id>/<file>      whoever sees the ticket adds and reads;
--                                                           the uploader or support staff remove
-- Each school's objects count against its storage limit (private.storage_limits, 1 GiB by default).

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('avatars', 'avatars', false, 2097152, array['image/png', 'image/jpeg', 'image/webp']),
  ('lesson-media', 'lesson-media', false, 10485760,
    array['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  ('course-materials', 'course-materials', false, 52428800,
    array['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'text/plain',
          'audio/mpeg', 'video/mp4',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.openxmlformats-officedocument.presentationml.presentation',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
  ('ticket-attachments', 'ticket-attachments', false, 10485760,
    array['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'])
on conflict (id) do nothing;

create index if not exists objects_first_segment_idx on storage.objects (bucket_id, (path_tokens[1]));
create index if not exists objects_owner_id_idx on storage.objects (owner_id);

create function private.try_uuid(value text) returns uuid
language plpgsql immutable set search_path = '' as $$
begin
  return value::uuid;
exception when invalid_text_representation then
  return null;
end $$;
comment on function private.try_uuid(text) is 'The text as a uuid, or null when it is not one (object path segments are user input).';

create function private.object_course(name text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := string_to_array(name, '/');
  course uuid := private.try_uuid(parts[2]);
begin
  -- The school segment must be the course's school: a path cannot borrow another school's course.
  if course is null or private.course_tenant(course) is distinct from private.try_uuid(parts[1]) then
    return null;
  end if;
  return course;
end $$;
comment on function private.object_course(text) is 'The course of a lesson-media or course-materials object name (<school>/<course>/…), when the school matches.';

create function private.can_see_ticket_object(name text) returns boolean
language plpgsql stable set search_path = '' as $$
declare
  parts text[] := string_to_array(name, '/');
begin
  -- Security invoker: the ticket's own policies decide whether the caller sees it.
  return exists (
    select 1 from public.tickets t
    where t.id = private.try_uuid(parts[2]) and t.tenant_id = private.try_uuid(parts[1])
  );
end $$;
comment on function private.can_see_ticket_object(text) is 'True when the caller sees the ticket a ticket-attachments object belongs to (<school>/<ticket>/…).';

create function private.is_support_staff_of_object(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.has_role(private.try_uuid(split_part(name, '/', 1)),
    array['owner', 'admin', 'staff']::public.tenant_role[]);
end $$;

create function private.can_see_avatar(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  person uuid := private.try_uuid(split_part(name, '/', 1));
begin
  return person = (select auth.uid()) or (person is not null and private.shares_tenant(person));
end $$;
comment on function private.can_see_avatar(text) is 'True for the person and for people of their schools.';

-- Avatars
create policy "People of the same schools see avatars" on storage.objects
  for select to authenticated using (bucket_id = 'avatars' and (select private.can_see_avatar(name)));
create policy "People upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and split_part(name, '/', 1) = (select auth.uid())::text);
create policy "People replace their own avatar" on storage.objects
  for update to authenticated
  using (bucket_id = 'avatars' and split_part(name, '/', 1) = (select auth.uid())::text)
  with check (bucket_id = 'avatars' and split_part(name, '/', 1) = (select auth.uid())::text);
create policy "People remove their own avatar" on storage.objects
  for delete to authenticated
  using (bucket_id = 'avatars' and split_part(name, '/', 1) = (select auth.uid())::text);

-- Lesson media and course materials
create policy "Course readers see its media and materials" on storage.objects
  for select to authenticated
  using (bucket_id in ('lesson-media', 'course-materials')
         and private.can_see_outline(private.object_course(name)));
create policy "Course editors add media and materials" on storage.objects
  for insert to authenticated
  with check (bucket_id in ('lesson-media', 'course-materials')
              and private.can_edit_course(private.object_course(name)));
create policy "Course editors replace media and materials" on storage.objects
  for update to authenticated
  using (bucket_id in ('lesson-media', 'course-materials')
         and private.can_edit_course(private.object_course(name)))
  with check (bucket_id in ('lesson-media', 'course-materials')
              and private.can_edit_course(private.object_course(name)));
create policy "Course editors remove media and materials" on storage.objects
  for delete to authenticated
  using (bucket_id in ('lesson-media', 'course-materials')
         and private.can_edit_course(private.object_course(name)));

-- Ticket attachments (never replaced: no update policy)
create policy "Who sees a ticket sees its attachments" on storage.objects
  for select to authenticated
  using (bucket_id = 'ticket-attachments' and private.can_see_ticket_object(name));
create policy "Who sees a ticket attaches files to it" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'ticket-attachments' and private.can_see_ticket_object(name)
              and owner_id = (select auth.uid())::text);
create policy "The uploader or support staff remove an attachment" on storage.objects
  for delete to authenticated
  using (bucket_id = 'ticket-attachments' and private.can_see_ticket_object(name)
         and (owner_id = (select auth.uid())::text or private.is_support_staff_of_object(name)));

-- Buckets: everyone signed in may read the list of ours (names and limits, no contents); only the
-- service role creates or changes buckets (no insert/update/delete policy).
create policy "Signed-in people see buckets" on storage.buckets for select to authenticated using (true);

-- Storage limits per school
create table private.storage_limits (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  limit_bytes bigint not null check (limit_bytes >= 0),
  updated_at timestamptz not null default now()
);
comment on table private.storage_limits is 'A school''s storage limit in bytes (set by its plan); 1 GiB when absent.';
alter table private.storage_limits enable row level security;
create policy "Only the service role reads storage limits" on private.storage_limits
  for select to authenticated using (false);
create policy "Only the service role sets storage limits" on private.storage_limits
  for insert to authenticated with check (false);
create policy "Only the service role changes storage limits" on private.storage_limits
  for update to authenticated using (false) with check (false);
create policy "Only the service role removes storage limits" on private.storage_limits
  for delete to authenticated using (false);

create function private.storage_used(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0)::bigint
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments')
    and o.path_tokens[1] = tenant::text
$$;

create function private.storage_limit(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce((select l.limit_bytes from private.storage_limits l where l.tenant_id = tenant), 1073741824)
$$;

create function private.storage_quota_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  -- Generated columns (path_tokens) are not computed yet in a BEFORE trigger: split the name.
  tenant uuid := private.try_uuid(split_part(new.name, '/', 1));
  size bigint := coalesce((new.metadata ->> 'size')::bigint, 0);
  used bigint;
  cap bigint;
begin
  if new.bucket_id not in ('lesson-media', 'course-materials', 'ticket-attachments') or tenant is null then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext('storage:' || tenant::text));
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0) into used
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments')
    and o.path_tokens[1] = tenant::text and o.id <> new.id;
  cap := private.storage_limit(tenant);
  if used + size > cap then
    raise exception 'The school''s storage is full (% of % bytes used).', used, cap
      using errcode = 'P0001', hint = 'storage_quota_exceeded',
            detail = json_build_object('used', used, 'limit', cap, 'size', size)::text;
  end if;
  return new;
end $$;

create trigger objects_storage_quota
  before insert or update of metadata, name, bucket_id on storage.objects
  for each row execute function private.storage_quota_guard();
