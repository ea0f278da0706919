-- Outbox delivery (issue 9): every queued email gets a delivery state, so a sender
-- (realtime/jobs/outbox.ts) can drain private.outbox_emails over SMTP. Senders claim due rows with
-- `for update skip locked` and move them out of reach for a lease while they send, so two
-- processes never send the same email; a failed attempt is retried later (exponential backoff)
-- until the last one marks it failed. RLS is unchanged: the outbox stays closed to users.

-- Section: delivery columns

alter table private.outbox_emails
  add column status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  add column attempts integer not null default 0 check (attempts >= 0),
  add column next_attempt_at timestamptz not null default now(),
  add column last_error text,
  add column sent_at timestamptz,
  add constraint outbox_emails_sent_at_when_sent check ((status = 'sent') = (sent_at is not null));

comment on column private.outbox_emails.status is 'pending: waiting for (or in) a delivery attempt; sent: the SMTP server accepted it; failed: given up (last_error says why).';
comment on column private.outbox_emails.attempts is 'Delivery attempts started so far (counted when a sender claims the row).';
comment on column private.outbox_emails.next_attempt_at is 'When a sender may next claim a pending row: the retry time after a failure, or the end of the lease while an attempt is in flight.';
comment on column private.outbox_emails.last_error is 'Why the latest attempt failed (the SMTP server''s answer or the connection error); null once sent.';
comment on column private.outbox_emails.sent_at is 'When the SMTP server accepted the email; set exactly when status is sent.';

-- Emails queued before a sender existed were only ever meant for the local mailbox, and their links
-- have long expired: they are not sent now.
update private.outbox_emails
set status = 'failed', last_error = 'Queued before outbox delivery existed; not sent.'
where status = 'pending';

-- Section: indexes

-- The claim query: pending rows whose next_attempt_at has come, oldest due first.
create index outbox_emails_due_idx on private.outbox_emails (next_attempt_at) where status = 'pending';
