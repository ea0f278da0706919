-- How far the stripe-webhook function's reconciliation pass (edge/stripe-webhook/reconcile.ts) has
-- read Stripe's events API: the next pass lists events created from `read_from` on, so a function
-- that was down for days takes up where it stopped (Stripe keeps events for 30 days), not only the
-- last hour. One row.

create table private.stripe_reconciliation (
  id boolean primary key default true check (id),
  read_from timestamptz not null,
  passed_at timestamptz not null default now(),
  -- Events the passes found missing from the inbox and stored, all told.
  recovered bigint not null default 0 check (recovered >= 0)
);
alter table private.stripe_reconciliation enable row level security;
comment on table private.stripe_reconciliation is
  'Where the Stripe reconciliation pass reads the events API from; read and written only by the stripe-webhook function''s privileged connection.';

create policy "Nobody reads the reconciliation mark through the API" on private.stripe_reconciliation
  for select to authenticated using (false);
create policy "Nobody adds a reconciliation mark through the API" on private.stripe_reconciliation
  for insert to authenticated with check (false);
create policy "Nobody changes the reconciliation mark through the API" on private.stripe_reconciliation
  for update to authenticated using (false) with check (false);
create policy "Nobody removes the reconciliation mark through the API" on private.stripe_reconciliation
  for delete to authenticated using (false);
