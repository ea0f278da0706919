-- Files in a tutoring session's chat: screenshots and worksheets shared in the room. Objects live in
-- the session-files bucket under <school>/<session>/<file>; whoever reads the session's chat (tutor,
-- booked students, the school's staff) reads them, whoever may write in the chat now adds them; the
-- uploader or the session's managers remove them. A chat line carries up to five of its author's files.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('session-files', 'session-files', false, 10485760,
    array['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'])
on conflict (id) do nothing;

create function private.object_session(name text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  parts text[] := string_to_array(name, '/');
  session uuid := private.try_uuid(parts[2]);
begin
  if session is null or private.session_tenant(session) is distinct from private.try_uuid(parts[1]) then
    return null;
  end if;
  return session;
end $$;
comment on function private.object_session(text) is 'The tutoring session of a session-files object name (<school>/<session>/…), when the school matches.';

create policy "Who reads a session's chat sees its files" on storage.objects
  for select to authenticated
  using (bucket_id = 'session-files' and private.can_see_session_record(private.object_session(name)));
create policy "Who may write in the chat adds files" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'session-files' and owner_id = (select auth.uid())::text
              and public.session_room_access(private.object_session(name)) in ('moderator', 'participant', 'observer'));
create policy "The uploader or the session's managers remove files" on storage.objects
  for delete to authenticated
  using (bucket_id = 'session-files' and private.can_see_session_record(private.object_session(name))
         and (owner_id = (select auth.uid())::text or private.can_manage_session(private.object_session(name))));

-- The school's storage counts these too.
create or replace function private.storage_used(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0)::bigint
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files')
    and o.path_tokens[1] = tenant::text
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
  if new.bucket_id not in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files')
     or tenant is null then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext('storage:' || tenant::text));
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0) into used
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files')
    and o.path_tokens[1] = tenant::text and o.id <> new.id;
  cap := private.storage_limit(tenant);
  if used + size > cap then
    raise exception 'The school''s storage is full (% of % bytes used).', used, cap
      using errcode = 'P0001', hint = 'storage_quota_exceeded',
            detail = json_build_object('used', used, 'limit', cap, 'size', size)::text;
  end if;
  return new;
end $$;

-- Section: files on chat lines

alter table public.session_messages
  add column attachments jsonb not null default '[]'
    check (jsonb_typeof(attachments) = 'array' and jsonb_array_length(attachments) <= 5);
alter table public.session_messages drop constraint session_messages_body_check;
alter table public.session_messages add constraint session_messages_body_check
  check (char_length(btrim(body)) <= 2000
         and (char_length(btrim(body)) >= 1 or jsonb_array_length(attachments) > 0));

/** Each file must be the author's upload in this session's folder; size and type come from storage. */
create function private.session_message_attachments() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  folder text := format('session-files/%s/%s/', private.session_tenant(new.session_id), new.session_id);
  item jsonb;
  object_name text;
  found storage.objects;
  checked jsonb := '[]';
begin
  for item in select * from jsonb_array_elements(new.attachments) loop
    if jsonb_typeof(item -> 'path') <> 'string' or not starts_with(item ->> 'path', folder) then
      raise exception 'A file is not one of this session.'
        using errcode = '22023', hint = 'invalid_value', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    object_name := substr(item ->> 'path', char_length('session-files/') + 1);
    select * into found from storage.objects o
    where o.bucket_id = 'session-files' and o.name = object_name and o.owner_id = new.author_id::text;
    if found.id is null then
      raise exception 'A file was not uploaded by you, or is gone.'
        using errcode = '22023', hint = 'object_not_found', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    checked := checked || jsonb_build_object(
      'path', item ->> 'path',
      'name', left(coalesce(nullif(btrim(item ->> 'name'), ''), storage.filename(object_name)), 200),
      'size', (found.metadata ->> 'size')::bigint,
      'type', found.metadata ->> 'mimetype');
  end loop;
  new.attachments := checked;
  return new;
end $$;
create trigger session_messages_attachments before insert on public.session_messages
  for each row when (jsonb_array_length(new.attachments) > 0)
  execute function private.session_message_attachments();

create or replace function private.session_message_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.session_notify(new.session_id, 'chat', 'all', jsonb_build_object(
    'id', new.id, 'session_id', new.session_id, 'author_id', new.author_id,
    'author_name', case when new.author_id is null then null else private.display_name(new.author_id) end,
    'body', new.body, 'created_at', new.created_at, 'attachments', new.attachments));
  return null;
end $$;
