-- Reading a ticket's conversation marks that person's bell notifications about it read (up to the
-- message they read): the bell no longer shows a reply as new while its ticket is open on screen.

create function private.read_marks_notifications() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- As the reader (RLS on): their own notifications, of this ticket, no newer than what they read.
  update public.notifications n set read_at = now()
  where n.user_id = new.user_id and n.ticket_id = new.ticket_id and n.read_at is null
    and n.created_at <= (select m.created_at from public.ticket_messages m where m.id = new.last_read_id);
  return null;
end $$;
comment on function private.read_marks_notifications() is
  'A participant who read a ticket up to a message has read the notifications about it up to then.';
revoke all on function private.read_marks_notifications() from public, anon, authenticated;

create trigger ticket_reads_mark_notifications after insert or update on public.ticket_reads
  for each row execute function private.read_marks_notifications();
