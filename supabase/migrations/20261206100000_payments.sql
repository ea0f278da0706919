-- Payments (issue 15), part 1 of 4: course prices, payments, the idempotency record of provider
-- events, and refunds. The ledger is in 20261206100100_ledger.sql, the effects of provider events
-- (enrolment, ledger postings, refunds, releases, payouts) in 20261206100200_payment_effects.sql,
-- plans and entitlements in 20261206100300_plans.sql.
--
-- Money is an integer count of minor units (cents) in a currency with 2 decimals (KES, USD, EUR,
-- GBP: edge/contract/payments-values.ts). M-Pesa takes whole shillings: a KES price is charged as
-- ceil(amount_minor / 100) shillings (edge/payments/split.ts mpesaAmount); prices set in KES are
-- whole shillings (checked below), so no rounding happens in practice.
--
-- Who writes what: users set course prices (course managers) and start payments
-- (public.start_course_payment); everything else is written only by the security-definer
-- functions that the webhook functions (stripe-webhook, mpesa-callback) call on their privileged
-- connection. Authenticated users read, under RLS, what concerns them.

-- Section: currencies

create function private.currency_ok(currency text) returns boolean
language sql immutable set search_path = '' as $$ select currency in ('KES', 'USD', 'EUR', 'GBP') $$;
comment on function private.currency_ok(text) is 'True for the currencies we take (edge/contract/payments-values.ts CURRENCIES; all have 2 decimals).';
revoke all on function private.currency_ok(text) from public, anon;
grant execute on function private.currency_ok(text) to authenticated, service_role;

-- Section: parent links (placeholder)

-- Parent links belong to issue 17 (parents linked to a child by an invitation). Until that lands no
-- parent is linked to anyone, so a parent can neither pay for nor read a child's payments. Issue 17
-- replaces this body (create or replace, same signature) and every policy below follows.
create function private.is_guardian(tenant uuid, child uuid) returns boolean
language sql stable security definer set search_path = '' as $$ select false and tenant is not null and child is not null $$;
comment on function private.is_guardian(uuid, uuid) is 'True when the caller is a parent linked to the child in the school. Placeholder (always false) until parent links exist (issue 17).';
revoke all on function private.is_guardian(uuid, uuid) from public, anon;
grant execute on function private.is_guardian(uuid, uuid) to authenticated, service_role;

-- Section: course prices

create table public.course_prices (
  course_id uuid primary key references public.courses (id) on delete cascade,
  currency text not null check (private.currency_ok(currency)),
  amount_minor bigint not null check (amount_minor >= 0 and amount_minor <= 100000000000),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  -- M-Pesa charges whole shillings: a KES price is a whole number of shillings.
  constraint course_prices_whole_shillings check (currency <> 'KES' or amount_minor % 100 = 0)
);
alter table public.course_prices enable row level security;
comment on table public.course_prices is 'A course''s price in one currency, in minor units. No row or 0: the course is free. KES prices are whole shillings (M-Pesa).';

create function private.course_price_touch() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  -- A priced course is bought, not joined: students can no longer enrol themselves. Removing the
  -- price leaves is_free alone (the course's managers decide whether it becomes open again).
  if new.amount_minor > 0 then
    update public.courses c set is_free = false where c.id = new.course_id and c.is_free;
  end if;
  return new;
end $$;
comment on function private.course_price_touch() is 'Stamps who changed a price and when; a positive price closes self-enrolment (courses.is_free = false).';
create trigger course_prices_touch before insert or update on public.course_prices
  for each row execute function private.course_price_touch();

create function private.course_price_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.course_id <> old.course_id then
    raise exception 'A price cannot move to another course.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.course_price_guard() is 'Keeps a price on its course.';
create trigger course_prices_guard before update on public.course_prices
  for each row execute function private.course_price_guard();

create policy "Members of the school see course prices" on public.course_prices
  for select to authenticated
  using (private.is_member(private.course_tenant(course_id)) or (select private.is_superadmin()));
create policy "Course managers set prices" on public.course_prices
  for insert to authenticated with check (private.can_manage_course(course_id));
create policy "Course managers change prices" on public.course_prices
  for update to authenticated using (private.can_manage_course(course_id)) with check (private.can_manage_course(course_id));
create policy "Course managers remove prices" on public.course_prices
  for delete to authenticated using (private.can_manage_course(course_id));

-- Section: payments

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  -- Financial records outlive nothing silently: a school with payments cannot be deleted.
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  payer_id uuid references auth.users (id) on delete set null,
  beneficiary_id uuid references auth.users (id) on delete set null,
  purpose text not null check (purpose in ('course', 'plan', 'sponsorship')),
  course_id uuid references public.courses (id) on delete set null,
  plan text,
  provider text not null check (provider in ('mpesa', 'stripe', 'test')),
  currency text not null check (private.currency_ok(currency)),
  amount_minor bigint not null check (amount_minor > 0),
  status text not null default 'pending'
    check (status in ('pending', 'succeeded', 'failed', 'cancelled', 'refunded', 'partially_refunded')),
  refunded_minor bigint not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
  -- True when this payment's success created the enrolment (a full refund then removes it).
  granted_enrolment boolean not null default false,
  provider_ref text check (char_length(provider_ref) <= 255),
  callback_token_hash text unique check (callback_token_hash ~ '^[0-9a-f]{64}$'),
  failure_reason text check (char_length(failure_reason) <= 500),
  succeeded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payments_mpesa_is_kes check (provider <> 'mpesa' or currency = 'KES'),
  constraint payments_mpesa_whole_shillings check (provider <> 'mpesa' or amount_minor % 100 = 0)
);
alter table public.payments enable row level security;
comment on table public.payments is 'One attempt to pay (course, school plan or sponsorship) through M-Pesa, Stripe or the local test checkout. Written only by functions; payer, beneficiary, their linked parents and the school''s admins read it.';
comment on column public.payments.beneficiary_id is 'The student the payment is for (a parent may pay for a linked child); null for plans.';
comment on column public.payments.callback_token_hash is 'sha256 (hex) of the unguessable token in this payment''s Daraja CallBackURL; the token itself is never stored.';
comment on column public.payments.provider_ref is 'The provider''s id: Stripe Checkout Session id, or Daraja CheckoutRequestID; MpesaReceiptNumber goes to the ledger memo.';
create index payments_tenant_idx on public.payments (tenant_id, created_at desc);
create index payments_payer_idx on public.payments (payer_id, created_at desc);
create index payments_beneficiary_idx on public.payments (beneficiary_id, created_at desc);
create index payments_course_idx on public.payments (course_id);
create unique index payments_provider_ref_idx on public.payments (provider, provider_ref) where provider_ref is not null;
create trigger payments_touch before update on public.payments for each row execute function private.touch_updated_at();

create policy "Payers, beneficiaries, their parents and school admins read payments" on public.payments
  for select to authenticated
  using (payer_id = (select auth.uid()) or beneficiary_id = (select auth.uid())
         or private.is_guardian(tenant_id, beneficiary_id)
         or private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Payments are started through start_course_payment only" on public.payments
  for insert to authenticated with check (false);
create policy "Payments change through provider events only" on public.payments
  for update to authenticated using (false) with check (false);
create policy "Payments are never deleted" on public.payments
  for delete to authenticated using (false);

create function private.can_see_payment(payment uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.payments p where p.id = payment
      and (p.payer_id = (select auth.uid()) or p.beneficiary_id = (select auth.uid())
           or private.is_guardian(p.tenant_id, p.beneficiary_id)
           or private.has_role(p.tenant_id, private.admin_roles()) or private.is_superadmin())
  )
$$;
comment on function private.can_see_payment(uuid) is 'True when the caller may read the payment (same rule as the payments select policy).';
revoke all on function private.can_see_payment(uuid) from public, anon;
grant execute on function private.can_see_payment(uuid) to authenticated, service_role;

-- Section: provider events (idempotency)

-- Each webhook/callback inserts its event id here in the same transaction as its effect, with
-- `on conflict do nothing`: a replay (sequential or concurrent: the second insert waits for the
-- first transaction and then conflicts) finds the id and changes nothing. M-Pesa has no event id:
-- the callback uses the CheckoutRequestID plus the result ('ws_CO_…:0'), B2C results the
-- ConversationID; the test checkout sends its own ids.
create table private.payment_events (
  provider text not null check (provider in ('mpesa', 'stripe', 'test')),
  event_id text not null check (char_length(event_id) between 1 and 255),
  type text not null check (char_length(type) <= 100),
  payment_id uuid references public.payments (id) on delete set null,
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);
alter table private.payment_events enable row level security;
comment on table private.payment_events is 'Provider events already applied, one row each: the idempotency key of every webhook and callback.';
create index payment_events_payment_idx on private.payment_events (payment_id);
create policy "Nobody reads payment events through the API" on private.payment_events
  for select to authenticated using (false);
create policy "Nobody records payment events through the API" on private.payment_events
  for insert to authenticated with check (false);
create policy "Payment events are never changed" on private.payment_events
  for update to authenticated using (false) with check (false);
create policy "Payment events are never removed" on private.payment_events
  for delete to authenticated using (false);

-- Section: refunds

create table public.refunds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  payment_id uuid not null references public.payments (id) on delete restrict,
  provider text not null check (provider in ('mpesa', 'stripe', 'test')),
  -- The provider's refund id (Stripe re_…, M-Pesa reversal TransactionID): the same refund seen
  -- through two events counts once.
  refund_ref text check (char_length(refund_ref) <= 255),
  amount_minor bigint not null check (amount_minor > 0),
  requested_by uuid references auth.users (id) on delete set null,
  reason text check (char_length(reason) <= 500),
  created_at timestamptz not null default now()
);
alter table public.refunds enable row level security;
comment on table public.refunds is 'Money returned on a payment, after capping: all refunds of a payment never exceed what was paid. Written by private.record_refund only.';
create index refunds_payment_idx on public.refunds (payment_id, created_at);
create index refunds_tenant_idx on public.refunds (tenant_id, created_at desc);
create unique index refunds_ref_idx on public.refunds (payment_id, refund_ref) where refund_ref is not null;

create policy "Who sees a payment sees its refunds" on public.refunds
  for select to authenticated using (private.can_see_payment(payment_id));
create policy "Refunds are recorded by functions only" on public.refunds
  for insert to authenticated with check (false);
create policy "Refunds are never changed" on public.refunds
  for update to authenticated using (false) with check (false);
create policy "Refunds are never removed" on public.refunds
  for delete to authenticated using (false);

-- Section: starting a course payment

-- The API's checkout route calls this as the signed-in user (withUser). The amount and currency
-- come from course_prices, never from the client. The route then creates the Stripe Checkout
-- Session or sends the STK push and stores the provider's id with private.attach_provider_ref.
create function public.start_course_payment(
  course uuid, provider text, beneficiary uuid default null, callback_token_hash text default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  student uuid := coalesce(beneficiary, me);
  tenant uuid := private.course_tenant(course);
  price public.course_prices;
  payment uuid;
begin
  if me is null then
    raise exception 'Sign in to buy a course.' using errcode = '42501';
  end if;
  if tenant is null or not private.is_member(tenant) then
    raise exception 'This course was not found.' using errcode = 'P0002';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = student and m.role = 'student') then
    raise exception 'Only students of this school can be enrolled.' using errcode = '23514';
  end if;
  if student <> me and not private.is_guardian(tenant, student) then
    raise exception 'You can pay only for yourself or for a child linked to you.' using errcode = '42501';
  end if;
  select * into price from public.course_prices p where p.course_id = course;
  if price is null or price.amount_minor = 0 then
    raise exception 'This course is free: join it from the course page.' using errcode = 'P0001', hint = 'course_free';
  end if;
  if exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = student) then
    raise exception 'Already enrolled in this course.' using errcode = 'P0001', hint = 'already_enrolled';
  end if;
  if provider not in ('mpesa', 'stripe', 'test') or (provider = 'mpesa' and price.currency <> 'KES') then
    raise exception 'This course cannot be paid that way.' using errcode = '22023';
  end if;
  insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency,
                               amount_minor, callback_token_hash)
  values (tenant, me, student, 'course', course, provider, price.currency, price.amount_minor, callback_token_hash)
  returning id into payment;
  return payment;
end $$;
comment on function public.start_course_payment(uuid, text, uuid, text) is 'Starts a pending payment for a course at its current price, for the caller or a child linked to them. Returns the payment id.';
revoke all on function public.start_course_payment(uuid, text, uuid, text) from public, anon;
grant execute on function public.start_course_payment(uuid, text, uuid, text) to authenticated, service_role;

create function private.attach_provider_ref(payment uuid, ref text) returns void
language sql security definer set search_path = '' as $$
  update public.payments p set provider_ref = ref where p.id = payment and p.provider_ref is null
$$;
comment on function private.attach_provider_ref(uuid, text) is 'Stores the provider''s id of a payment once (Checkout Session id, CheckoutRequestID).';
revoke all on function private.attach_provider_ref(uuid, text) from public, anon, authenticated;
grant execute on function private.attach_provider_ref(uuid, text) to service_role;

-- Section: grants

revoke all on public.course_prices, public.payments, public.refunds from anon, authenticated;
grant select, insert, update, delete on public.course_prices to authenticated;
grant select on public.payments, public.refunds to authenticated;
revoke all on private.payment_events from public, anon, authenticated;
grant all on private.payment_events to service_role;
grant select, insert, update, delete on public.payments, public.refunds, public.course_prices to service_role;
