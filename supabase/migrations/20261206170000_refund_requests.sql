-- Payments (issue 15): an M-Pesa refund on its way. A reversal is asked of Daraja at once but is
-- recorded as a refund only when Safaricom's result arrives (seconds, sometimes minutes); until
-- then the payment showed nothing, and an admin could ask again. Each reversal asked is a row here,
-- settled by its result (done or failed); the payment's answer carries what is still on its way.

create table public.refund_requests (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  payment_id uuid not null references public.payments (id) on delete restrict,
  amount_minor bigint not null check (amount_minor > 0),
  -- Daraja's ConversationID of the reversal: its result names it.
  conversation_id text not null unique check (char_length(conversation_id) between 1 and 255),
  requested_by uuid references auth.users (id) on delete set null,
  reason text check (char_length(reason) <= 500),
  status text not null default 'requested' check (status in ('requested', 'done', 'failed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.refund_requests enable row level security;
comment on table public.refund_requests is 'M-Pesa reversals asked of Daraja and not yet, or no longer, waiting for their result. Written by the api (asked) and the mpesa-callback function (done, failed) on the privileged connection; who sees the payment sees them.';
create index refund_requests_payment_idx on public.refund_requests (payment_id, status);
create index refund_requests_tenant_idx on public.refund_requests (tenant_id, created_at desc);
create trigger refund_requests_touch before update on public.refund_requests
  for each row execute function private.touch_updated_at();

create policy "Who sees a payment sees its refund requests" on public.refund_requests
  for select to authenticated using (private.can_see_payment(payment_id));
create policy "Refund requests are made by the api only" on public.refund_requests
  for insert to authenticated with check (false);
create policy "Refund requests are settled by their result only" on public.refund_requests
  for update to authenticated using (false) with check (false);
create policy "Refund requests are never removed" on public.refund_requests
  for delete to authenticated using (false);

revoke all on public.refund_requests from anon, authenticated;
grant select on public.refund_requests to authenticated;
grant select, insert, update on public.refund_requests to service_role;
