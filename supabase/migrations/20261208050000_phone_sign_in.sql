-- Parents sign in with their phone number and an SMS code (issue 17).
--
-- The codes themselves live where GoTrue keeps them (auth.users: confirmation_token for a sign-in
-- code, phone_change_token for a new number, both sha-256 hashed), so nothing here holds a secret.
-- What local development needs is somewhere for the text messages to land when no SMS provider is
-- configured: the local mailbox (GET /auth/v1/mailbox) reads this table next to the email outbox.
-- With a provider (SMS_PROVIDER=africastalking) messages go to it and nothing is written here.

create table private.outbox_sms (
  id uuid primary key default gen_random_uuid(),
  to_phone text not null check (to_phone ~ '^\+[1-9][0-9]{7,14}$'),
  body_text text not null,
  created_at timestamptz not null default now()
);
alter table private.outbox_sms enable row level security;
comment on table private.outbox_sms is
  'Text messages local auth "sent" without an SMS provider (local development: the mailbox shows them). Only the service role reads or writes it.';
comment on column private.outbox_sms.to_phone is 'The recipient in E.164 with its plus sign, e.g. +254712345678.';
create index outbox_sms_to_idx on private.outbox_sms (to_phone, created_at desc);
create index outbox_sms_created_idx on private.outbox_sms (created_at desc);

create policy "Only the service role reads the SMS outbox" on private.outbox_sms
  for select to authenticated using (false);
create policy "Only the service role writes the SMS outbox" on private.outbox_sms
  for insert to authenticated with check (false);
create policy "Nobody updates outbox messages" on private.outbox_sms
  for update to authenticated using (false) with check (false);
create policy "Nobody deletes outbox messages" on private.outbox_sms
  for delete to authenticated using (false);
