-- Files on ticket messages: a reply carries up to five of its author's uploads from the ticket's
-- folder in the ticket-attachments bucket (<school>/<ticket>/…). The client names the files; their
-- size and type come from storage.objects, never from the client. A message may be files only.

alter table public.ticket_messages
  add column attachments jsonb not null default '[]'
    check (jsonb_typeof(attachments) = 'array' and jsonb_array_length(attachments) <= 5);
alter table public.ticket_messages drop constraint ticket_messages_body_check;
alter table public.ticket_messages add constraint ticket_messages_body_check
  check (char_length(btrim(body)) <= 4000
         and (char_length(btrim(body)) >= 1 or jsonb_array_length(attachments) > 0));
comment on column public.ticket_messages.attachments is 'Files of the message: [{path, name, size, type}], path = ticket-attachments/<school>/<ticket>/<file>.';

/** Each attachment must be the author's own upload in this ticket's folder; size and type are filled in from storage. */
create function private.message_attachments() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  t public.tickets;
  item jsonb;
  folder text;
  object_name text;
  found storage.objects;
  checked jsonb := '[]';
begin
  if jsonb_array_length(new.attachments) = 0 then
    return new;
  end if;
  select * into t from public.tickets where id = new.ticket_id;
  folder := format('ticket-attachments/%s/%s/', t.tenant_id, t.id);
  for item in select * from jsonb_array_elements(new.attachments) loop
    if jsonb_typeof(item -> 'path') <> 'string' or not starts_with(item ->> 'path', folder) then
      raise exception 'An attachment is not a file of this ticket.'
        using errcode = '22023', hint = 'invalid_value', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    object_name := substr(item ->> 'path', char_length('ticket-attachments/') + 1);
    select * into found from storage.objects o
    where o.bucket_id = 'ticket-attachments' and o.name = object_name and o.owner_id = new.author_id::text;
    if found.id is null then
      raise exception 'An attachment was not uploaded by you, or is gone.'
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
comment on function private.message_attachments() is 'Checks a message''s attachments (the author''s uploads in the ticket''s folder) and fills in their size and type.';
create trigger ticket_messages_attachments before insert on public.ticket_messages
  for each row execute function private.message_attachments();

create or replace function private.ticket_message_json(message_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select jsonb_build_object('id', m.id, 'ticket_id', m.ticket_id, 'author_id', m.author_id,
      'author_name', case when m.author_id is null then null else private.display_name(m.author_id) end,
      'author_is_staff', m.author_id is not null and m.author_id <> t.requester_id,
      'body', m.body, 'internal', m.internal, 'system', m.system, 'created_at', m.created_at,
      'client_id', m.client_id, 'attachments', m.attachments)
    from public.ticket_messages m join public.tickets t on t.id = m.ticket_id where m.id = message_id
  );
end $$;
