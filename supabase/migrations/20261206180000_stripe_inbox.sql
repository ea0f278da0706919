-- The Stripe webhook's inbox: a verified event is stored here and acknowledged at once; the
-- function's worker applies it afterwards (edge/stripe-webhook/inbox.ts). Stripe waits for nothing
-- but this insert, a redelivery finds its id and is answered as a duplicate, and an event that
-- cannot apply yet (a refund whose payment does not know its PaymentIntent) waits here instead of
-- being refused. The effects still record their event ids in private.payment_events, so an event
-- applied twice (a worker that died after applying, before marking it) changes nothing.

create table private.stripe_inbox (
  event_id text primary key check (char_length(event_id) between 1 and 255),
  type text not null check (char_length(type) between 1 and 100),
  -- The verified event as Stripe sent it: mapped again when applied.
  event jsonb not null,
  received_at timestamptz not null default now(),
  state text not null default 'pending'
    check (state in ('pending', 'applied', 'duplicate', 'ignored', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  -- Due time; a worker that claims the event pushes it ahead (its lease), so a crashed worker's
  -- claim is taken over when the lease ends.
  next_attempt_at timestamptz not null default now(),
  -- The PaymentIntent a waiting refund needs a payment to have: its success wakes it.
  waits_for text check (char_length(waits_for) <= 255),
  last_error text check (char_length(last_error) <= 1000),
  done_at timestamptz,
  check ((state = 'pending') = (done_at is null))
);
alter table private.stripe_inbox enable row level security;
comment on table private.stripe_inbox is
  'Verified Stripe events, acknowledged on arrival and applied by the stripe-webhook worker; read and written only by that function''s privileged connection.';
create index stripe_inbox_due_idx on private.stripe_inbox (next_attempt_at) where state = 'pending';
create index stripe_inbox_waits_idx on private.stripe_inbox (waits_for)
  where state = 'pending' and waits_for is not null;
create index stripe_inbox_done_idx on private.stripe_inbox (done_at) where done_at is not null;

create policy "Nobody reads the Stripe inbox through the API" on private.stripe_inbox
  for select to authenticated using (false);
create policy "Nobody adds to the Stripe inbox through the API" on private.stripe_inbox
  for insert to authenticated with check (false);
create policy "Nobody changes the Stripe inbox through the API" on private.stripe_inbox
  for update to authenticated using (false) with check (false);
create policy "Nobody removes from the Stripe inbox through the API" on private.stripe_inbox
  for delete to authenticated using (false);
