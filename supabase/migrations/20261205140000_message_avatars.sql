-- Ticket messages name their author's picture (profiles.avatar_path), so the conversation shows
-- faces as well as names, live and in the history alike.

create or replace function private.ticket_message_json(message_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select jsonb_build_object('id', m.id, 'ticket_id', m.ticket_id, 'author_id', m.author_id,
      'author_name', case when m.author_id is null then null else private.display_name(m.author_id) end,
      'author_avatar', (select p.avatar_path from public.profiles p where p.id = m.author_id),
      'author_is_staff', m.author_id is not null and m.author_id <> t.requester_id,
      'body', m.body, 'internal', m.internal, 'system', m.system, 'created_at', m.created_at,
      'client_id', m.client_id, 'attachments', m.attachments)
    from public.ticket_messages m join public.tickets t on t.id = m.ticket_id where m.id = message_id
  );
end $$;
