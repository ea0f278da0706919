-- Pupils without email (20261208040000_pupil_accounts) sign in with an address no mailbox has
-- (`…@<code>.pupils.invalid`, RFC 2606's reserved .invalid). Notifications, recovery links and every
-- other email to such an address are dropped where they enter the outbox, one place for every writer
-- (SQL triggers, local auth, the API): a pupil's class teacher resets their password instead.

create function private.outbox_skip_undeliverable() returns trigger
language plpgsql set search_path = '' as $$
begin
  if lower(new.to_email) like '%.invalid' then
    return null;
  end if;
  return new;
end;
$$;
comment on function private.outbox_skip_undeliverable() is 'Drops outbox emails to reserved .invalid addresses (pupils without email); see private.pupil_email.';
revoke all on function private.outbox_skip_undeliverable() from public, anon, authenticated;

create trigger outbox_emails_skip_undeliverable before insert on private.outbox_emails
  for each row execute function private.outbox_skip_undeliverable();
