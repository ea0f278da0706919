-- One check for the files of a message, whatever it is a message of (a ticket reply, a room chat
-- line): each must be the author's own upload in the conversation's folder of its bucket; its size and
-- type are taken from storage.objects. Replaces the two copies of 20261205110000 and 20261205130000.

create function private.checked_attachments(attachments jsonb, bucket text, folder text, author uuid, what text)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  prefix text := format('%s/%s', bucket, folder);
  item jsonb;
  object_name text;
  found storage.objects;
  checked jsonb := '[]';
begin
  for item in select * from jsonb_array_elements(attachments) loop
    if jsonb_typeof(item -> 'path') <> 'string' or not starts_with(item ->> 'path', prefix) then
      raise exception 'A file is not one of this %.', what
        using errcode = '22023', hint = 'invalid_value', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    object_name := substr(item ->> 'path', char_length(bucket) + 2);
    select * into found from storage.objects o
    where o.bucket_id = bucket and o.name = object_name and o.owner_id = author::text;
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
  return checked;
end $$;
comment on function private.checked_attachments(jsonb, text, text, uuid, text) is 'A message''s files checked (the author''s uploads in the conversation''s folder) with their size and type from storage.';
revoke all on function private.checked_attachments(jsonb, text, text, uuid, text) from public, anon, authenticated;

create or replace function private.message_attachments() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  t public.tickets;
begin
  if jsonb_array_length(new.attachments) = 0 then
    return new;
  end if;
  select * into t from public.tickets where id = new.ticket_id;
  new.attachments := private.checked_attachments(new.attachments, 'ticket-attachments',
    format('%s/%s/', t.tenant_id, t.id), new.author_id, 'ticket');
  return new;
end $$;

create or replace function private.session_message_attachments() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.attachments := private.checked_attachments(new.attachments, 'session-files',
    format('%s/%s/', private.session_tenant(new.session_id), new.session_id), new.author_id, 'session');
  return new;
end $$;
