-- Ticket messages written offline: the browser queues a message (web/src/lib/pending-writes/) and
-- sends it when the connection returns, perhaps more than once (a lost answer, two tabs, a
-- reload). Each queued message carries an id made by the client; a second send with the same id
-- finds the stored message instead of adding another (edge/api/support/messages.ts), so the
-- message, its notifications, SLA effects and live event happen once.

-- Section: the client's id of a message

alter table public.ticket_messages add column client_id uuid;
comment on column public.ticket_messages.client_id is 'The id the author''s client gave the message (a queued send may be repeated); unique per author.';

-- Per author: one person's id never meets another's, and the insert policy (author_id = auth.uid())
-- means a conflict can only be with the caller's own message. Also the index the API's
-- `on conflict (author_id, client_id) where client_id is not null` and its lookup use.
create unique index ticket_messages_client_idx on public.ticket_messages (author_id, client_id)
  where client_id is not null;

-- Section: the client id in a message's JSON

-- The sender's page shows a queued message until the stored one arrives (live, in a catch-up or
-- as the answer): the client id is how it knows they are the same. It says nothing to anyone
-- else: ids are unique per author, and only the author's own sends can ever match one.
create or replace function private.ticket_message_json(message_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select jsonb_build_object('id', m.id, 'ticket_id', m.ticket_id, 'author_id', m.author_id,
      'author_name', case when m.author_id is null then null else private.display_name(m.author_id) end,
      'author_is_staff', m.author_id is not null and m.author_id <> t.requester_id,
      'body', m.body, 'internal', m.internal, 'system', m.system, 'created_at', m.created_at,
      'client_id', m.client_id)
    from public.ticket_messages m join public.tickets t on t.id = m.ticket_id where m.id = message_id
  );
end $$;
