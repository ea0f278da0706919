-- Payments (issue 15), part 3 of 4: what provider events do. The webhook functions (stripe-webhook,
-- mpesa-callback) verify an event, then call one of these functions on their privileged
-- connection; each records the event id and applies its effect in one transaction:
--
--   private.record_payment_success(provider, event_id, payment_id, provider_ref, amount_minor, currency) → text
--   private.record_payment_failure(provider, event_id, payment_id, status, reason)                      → text
--   private.record_refund(provider, event_id, payment_id, amount_minor, refund_ref, requested_by, reason) → bigint
--   private.release_pending(at)                                                                          → int
--   private.settle_payout(provider, event_id, payout_id, succeeded, provider_ref, reason)               → text
-- and, for signed-in users (security definer, checking the caller):
--   public.request_payout(tenant, currency, amount_minor, method, destination) → uuid
--   public.approve_payout(payout) → text, public.reject_payout(payout, reason) → text
--
-- Outcomes: 'applied' (the event changed something), 'duplicate' (its id was seen: nothing
-- changes), 'ignored' (a new event that the payment's state makes moot: e.g. a second success
-- through another event type, or a failure after success).
--
-- Order independence: every function locks the payment row first, so events of one payment apply
-- one at a time. Success is final (a failure after it is ignored; a success after a failure is
-- applied: the provider says the money moved). A refund that arrives before the success is
-- recorded and posted when the sale is. Refunds are capped at what is left to refund, so any
-- order of the same events ends in the same payment status, enrolment and ledger balances.
-- (Two different failure events of one payment keep the first one's status and reason.)

-- Section: events

create function private.record_event(provider text, event_id text, type text, payment uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  fresh boolean;
begin
  -- The payment's row first: the event's foreign key would otherwise take a share lock on it, and
  -- two deliveries at once would each wait for the other's share lock to take FOR UPDATE (deadlock).
  if payment is not null then
    perform 1 from public.payments x where x.id = payment for update;
  end if;
  insert into private.payment_events (provider, event_id, type, payment_id)
  values (provider, event_id, type, payment)
  on conflict do nothing
  returning true into fresh;
  return coalesce(fresh, false);
end $$;
comment on function private.record_event(text, text, text, uuid) is 'Records a provider event id after locking its payment (so concurrent deliveries queue, never deadlock); false when it was already recorded (a replay: apply nothing). Concurrent replays wait for the first and get false.';

-- Section: sales and refunds in the ledger

create function private.post_sale(payment uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  s record;
  earner uuid;
  parts bigint[];
  tx uuid;
begin
  select * into p from public.payments x where x.id = payment;
  select * into s from private.revenue_split(p.tenant_id);
  if p.purpose in ('course', 'sponsorship') and p.course_id is not null then
    earner := private.course_earner(p.course_id);
  end if;
  insert into public.ledger_transactions (tenant_id, kind, payment_id, available_at, memo)
  values (p.tenant_id, 'sale', p.id,
          case when earner is not null then now() + make_interval(days => s.hold_days) end,
          coalesce(p.provider || ' ' || p.provider_ref, p.provider))
  returning id into tx;
  perform private.post_entry(tx, p.tenant_id, 'gateway_clearing', null, p.currency, p.amount_minor);
  if earner is not null then
    parts := private.allocate(p.amount_minor, array[s.instructor_bp, s.platform_bp, s.marketing_bp]::bigint[]);
    perform private.post_entry(tx, p.tenant_id, 'instructor_pending', earner, p.currency, -parts[1]);
    perform private.post_entry(tx, p.tenant_id, 'platform_revenue', null, p.currency, -parts[2]);
    perform private.post_entry(tx, p.tenant_id, 'marketing_support', null, p.currency, -parts[3]);
  elsif p.purpose = 'plan' then
    perform private.post_entry(tx, p.tenant_id, 'platform_revenue', null, p.currency, -p.amount_minor);
  else
    perform private.post_entry(tx, p.tenant_id, 'school_revenue', null, p.currency, -p.amount_minor);
  end if;
  return tx;
end $$;
comment on function private.post_sale(uuid) is 'Posts a payment''s sale: gateway clearing debited; instructor courses credit instructor pending / platform / marketing by the school''s split (largest remainder), school courses school revenue, plans platform revenue.';

-- A refund reverses the sale pro rata, cumulatively: it posts allocate(refunded after) minus
-- allocate(refunded before) over the sale's credits. Every account's total reversal is then within
-- 1 minor unit of its exact share and never more than the sale gave it, and refunds adding up to
-- the whole payment bring every account of the sale back to exactly 0. The instructor's part comes
-- out of pending before the release, out of available after it (the release moves all that is
-- left, so pending never goes below 0; available may, and then the next payout waits).
create function private.post_refund(refund uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  r public.refunds;
  sale uuid;
  released boolean;
  before bigint;
  weights bigint[];
  kinds text[];
  owners uuid[];
  currency text;
  d_after bigint[];
  d_before bigint[];
  tx uuid;
  i int;
  kind text;
begin
  select * into r from public.refunds x where x.id = refund;
  select t.id into sale from public.ledger_transactions t where t.payment_id = r.payment_id and t.kind = 'sale';
  if sale is null or exists (select 1 from public.ledger_transactions t where t.refund_id = refund) then
    return null; -- posted with the sale, or already posted
  end if;
  released := exists (select 1 from public.ledger_transactions t where t.payment_id = r.payment_id and t.kind = 'release');
  select coalesce(sum(x.amount_minor), 0) into before
  from public.refunds x join public.ledger_transactions t on t.refund_id = x.id
  where x.payment_id = r.payment_id;
  select array_agg(-e.amount_minor order by e.id), array_agg(a.kind order by e.id), array_agg(a.owner_id order by e.id),
         min(e.currency)
    into weights, kinds, owners, currency
  from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
  where e.transaction_id = sale and e.amount_minor < 0;
  d_after := private.allocate(before + r.amount_minor, weights);
  d_before := private.allocate(before, weights);
  insert into public.ledger_transactions (tenant_id, kind, payment_id, refund_id, memo)
  values (r.tenant_id, 'refund', r.payment_id, r.id, coalesce(r.provider || ' ' || r.refund_ref, r.provider))
  returning id into tx;
  perform private.post_entry(tx, r.tenant_id, 'gateway_clearing', null, currency, -r.amount_minor);
  for i in 1 .. array_length(weights, 1) loop
    kind := case when kinds[i] = 'instructor_pending' and released then 'instructor_available' else kinds[i] end;
    perform private.post_entry(tx, r.tenant_id, kind, owners[i], currency, d_after[i] - d_before[i]);
  end loop;
  return tx;
end $$;
comment on function private.post_refund(uuid) is 'Posts a recorded refund as the pro-rata reversal of its payment''s sale (once; nothing before the sale is posted).';

create function private.settle_status(payment uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  settled text;
begin
  select * into p from public.payments x where x.id = payment;
  if not exists (select 1 from public.ledger_transactions t where t.payment_id = payment and t.kind = 'sale') then
    return p.status;
  end if;
  settled := case when p.refunded_minor = 0 then 'succeeded'
               when p.refunded_minor < p.amount_minor then 'partially_refunded' else 'refunded' end;
  if settled <> p.status then
    update public.payments x set status = settled where x.id = payment;
  end if;
  return settled;
end $$;
comment on function private.settle_status(uuid) is 'A posted payment''s status from what was refunded: succeeded, partially_refunded or refunded.';

create function private.grant_access(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  added boolean;
begin
  select * into p from public.payments x where x.id = payment;
  if p.purpose <> 'course' or p.course_id is null or p.beneficiary_id is null then
    return;
  end if;
  -- A student who left the school is not enrolled (the payment stays; an admin refunds it).
  if not exists (select 1 from public.memberships m where m.tenant_id = p.tenant_id and m.user_id = p.beneficiary_id
                 and m.role = 'student') then
    return;
  end if;
  insert into public.enrolments (course_id, user_id, enrolled_by) values (p.course_id, p.beneficiary_id, p.payer_id)
  on conflict do nothing returning true into added;
  if added then
    update public.payments x set granted_enrolment = true where x.id = payment;
  end if;
end $$;
comment on function private.grant_access(uuid) is 'Enrols a course payment''s student (no double enrolment; remembers whether this payment created it).';

create function private.revoke_access(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  select * into p from public.payments x where x.id = payment;
  if p.granted_enrolment and not exists (
    select 1 from public.payments o where o.course_id = p.course_id and o.beneficiary_id = p.beneficiary_id
      and o.id <> p.id and o.status in ('succeeded', 'partially_refunded')) then
    delete from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id;
  end if;
end $$;
comment on function private.revoke_access(uuid) is 'Removes the enrolment a fully refunded payment created, unless another payment still covers the course.';

-- Section: provider events

create function private.record_payment_success(
  provider text, event_id text, payment_id uuid, provider_ref text, amount_minor bigint, currency text
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  r uuid;
  status text;
begin
  if not private.record_event(provider, event_id, 'payment.succeeded', payment_id) then
    return 'duplicate';
  end if;
  select * into p from public.payments x where x.id = payment_id for update;
  if not found then
    raise exception 'Unknown payment %.', payment_id using errcode = 'P0002';
  end if;
  if p.provider <> provider or p.amount_minor <> amount_minor or p.currency <> currency then
    raise exception 'The provider reports % % through %, but payment % is for % % through %.',
      amount_minor, currency, provider, payment_id, p.amount_minor, p.currency, p.provider
      using errcode = '22023', hint = 'payment_mismatch';
  end if;
  if p.provider_ref is not null and provider_ref is not null and p.provider_ref <> provider_ref then
    raise exception 'Payment % belongs to %, not %.', payment_id, p.provider_ref, provider_ref
      using errcode = '22023', hint = 'payment_mismatch';
  end if;
  if exists (select 1 from public.ledger_transactions t where t.payment_id = p.id and t.kind = 'sale') then
    return 'ignored';
  end if;
  update public.payments x
  set provider_ref = coalesce(x.provider_ref, record_payment_success.provider_ref), succeeded_at = now(),
      failure_reason = null, status = 'succeeded'
  where x.id = p.id;
  perform private.post_sale(p.id);
  for r in select x.id from public.refunds x where x.payment_id = p.id order by x.created_at, x.id loop
    perform private.post_refund(r);
  end loop;
  status := private.settle_status(p.id);
  if status = 'refunded' then
    perform private.revoke_access(p.id);
  else
    perform private.grant_access(p.id);
  end if;
  return 'applied';
end $$;
comment on function private.record_payment_success(text, text, uuid, text, bigint, text) is 'Applies a verified successful payment once: posts the sale (split into pending wallets), posts refunds that arrived first, enrols the student. Replays: duplicate; a second success: ignored.';

create function private.record_payment_failure(
  provider text, event_id text, payment_id uuid, status text, reason text
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  if status not in ('failed', 'cancelled') then
    raise exception 'A failure is failed or cancelled, not %.', status using errcode = '22023';
  end if;
  if not private.record_event(provider, event_id, 'payment.' || status, payment_id) then
    return 'duplicate';
  end if;
  select * into p from public.payments x where x.id = payment_id for update;
  if not found then
    raise exception 'Unknown payment %.', payment_id using errcode = 'P0002';
  end if;
  if p.provider <> provider then
    raise exception 'Payment % is not a % payment.', payment_id, provider using errcode = '22023', hint = 'payment_mismatch';
  end if;
  if p.status <> 'pending' then
    return 'ignored';
  end if;
  update public.payments x set status = record_payment_failure.status, failure_reason = left(reason, 500)
  where x.id = p.id;
  return 'applied';
end $$;
comment on function private.record_payment_failure(text, text, uuid, text, text) is 'Marks a pending payment failed or cancelled with a reason a person can read (e.g. "Cancelled on the phone"). Nothing else changes.';

create function private.record_refund(
  provider text, event_id text, payment_id uuid, amount_minor bigint,
  refund_ref text default null, requested_by uuid default null, reason text default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  applied bigint;
  refund uuid;
begin
  if amount_minor is null or amount_minor <= 0 then
    raise exception 'A refund is a positive amount.' using errcode = '22023';
  end if;
  if not private.record_event(provider, event_id, 'refund', payment_id) then
    return 0;
  end if;
  select * into p from public.payments x where x.id = payment_id for update;
  if not found then
    raise exception 'Unknown payment %.', payment_id using errcode = 'P0002';
  end if;
  if p.provider <> provider then
    raise exception 'Payment % is not a % payment.', payment_id, provider using errcode = '22023', hint = 'payment_mismatch';
  end if;
  if refund_ref is not null
     and exists (select 1 from public.refunds x where x.payment_id = p.id and x.refund_ref = record_refund.refund_ref) then
    return 0;
  end if;
  applied := least(amount_minor, p.amount_minor - p.refunded_minor);
  if applied <= 0 then
    return 0;
  end if;
  insert into public.refunds (tenant_id, payment_id, provider, refund_ref, amount_minor, requested_by, reason)
  values (p.tenant_id, p.id, provider, refund_ref, applied, requested_by, left(reason, 500))
  returning id into refund;
  update public.payments x set refunded_minor = x.refunded_minor + applied where x.id = p.id;
  perform private.post_refund(refund);
  if private.settle_status(p.id) = 'refunded' then
    perform private.revoke_access(p.id);
  end if;
  return applied;
end $$;
comment on function private.record_refund(text, text, uuid, bigint, text, uuid, text) is 'Records a refund once (by event id and by the provider''s refund id), capped at what is left to refund; reverses the sale pro rata and, when fully refunded, removes the access it gave. Returns the amount applied.';

-- Section: the hold

create function private.release_pending(at timestamptz default now()) returns int
language plpgsql security definer set search_path = '' as $$
declare
  sale record;
  remaining bigint;
  owner uuid;
  cur text;
  tx uuid;
  released int := 0;
begin
  for sale in
    select t.payment_id, t.tenant_id from public.ledger_transactions t
    join public.payments p on p.id = t.payment_id
    where t.kind = 'sale' and t.available_at <= at and p.status in ('succeeded', 'partially_refunded')
      and not exists (select 1 from public.ledger_transactions r where r.payment_id = t.payment_id and r.kind = 'release')
    order by t.available_at
  loop
    perform 1 from public.payments p where p.id = sale.payment_id for update;
    continue when exists (select 1 from public.ledger_transactions r where r.payment_id = sale.payment_id and r.kind = 'release');
    -- One earner per sale: the instructor_pending account its sale credited.
    remaining := null;
    select -sum(e.amount_minor), a.owner_id, a.currency into remaining, owner, cur
    from public.ledger_entries e
    join public.ledger_transactions t on t.id = e.transaction_id
    join public.ledger_accounts a on a.id = e.account_id
    where t.payment_id = sale.payment_id and a.kind = 'instructor_pending'
    group by a.owner_id, a.currency;
    continue when coalesce(remaining, 0) <= 0;
    insert into public.ledger_transactions (tenant_id, kind, payment_id, memo)
    values (sale.tenant_id, 'release', sale.payment_id, 'hold ended') returning id into tx;
    perform private.post_entry(tx, sale.tenant_id, 'instructor_pending', owner, cur, remaining);
    perform private.post_entry(tx, sale.tenant_id, 'instructor_available', owner, cur, -remaining);
    released := released + 1;
  end loop;
  return released;
end $$;
comment on function private.release_pending(timestamptz) is 'Moves what is left of each matured sale''s instructor share from pending to available, once per payment. A scheduled job calls it; returns how many sales it released.';

-- Section: payouts

create function private.payout_minimum(currency text, method text) returns bigint
language sql immutable set search_path = '' as $$
  select case
    when currency = 'KES' and method = 'mpesa' then 10000      -- KES 100 to M-Pesa
    when currency = 'KES' and method = 'bank' then 100000      -- KES 1,000 to a bank
    when method = 'bank' then 1000                             -- 10.00 USD/EUR/GBP to a bank
  end
$$;
comment on function private.payout_minimum(text, text) is 'The smallest payout in minor units for a currency and method (edge/contract/payments-values.ts PAYOUT_MINIMUMS); null: not offered.';

create function private.wallet_available(tenant uuid, instructor uuid, currency text) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(-sum(a.balance_minor), 0)::bigint from public.ledger_accounts a
  where a.tenant_id = tenant and a.kind = 'instructor_available' and a.owner_id = instructor and a.currency = wallet_available.currency
$$;
comment on function private.wallet_available(uuid, uuid, text) is 'What an instructor may withdraw in a school and currency (minor units).';

create function public.request_payout(tenant uuid, currency text, amount_minor bigint, method text, destination text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  minimum bigint := private.payout_minimum(currency, method);
  outstanding bigint;
  payout uuid;
begin
  if me is null or not private.has_role(tenant, array['instructor']::public.tenant_role[]) then
    raise exception 'Only instructors of this school request payouts.' using errcode = '42501';
  end if;
  if minimum is null then
    raise exception 'Payouts in % cannot go to %.', currency, method using errcode = '22023';
  end if;
  if amount_minor < minimum then
    raise exception 'The smallest payout by % is % %.', method, (minimum / 100)::text, currency
      using errcode = 'P0001', hint = 'payout_minimum';
  end if;
  select coalesce(sum(p.amount_minor), 0) into outstanding from public.payouts p
  where p.tenant_id = tenant and p.instructor_id = me and p.currency = request_payout.currency and p.status = 'requested';
  if amount_minor > private.wallet_available(tenant, me, currency) - outstanding then
    raise exception 'That is more than your available balance.' using errcode = 'P0001', hint = 'insufficient_funds';
  end if;
  insert into public.payouts (tenant_id, instructor_id, currency, amount_minor, method, destination)
  values (tenant, me, currency, amount_minor, method, destination)
  returning id into payout;
  perform private.audit(tenant, 'payout.requested', 'payout', payout::text,
    jsonb_build_object('currency', currency, 'amount_minor', amount_minor, 'method', method));
  return payout;
end $$;
comment on function public.request_payout(uuid, text, bigint, text, text) is 'An instructor asks to withdraw available money (at least the minimum; not more than available minus open requests).';

create function public.approve_payout(payout uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  o public.payouts;
  tx uuid;
begin
  select * into o from public.payouts p where p.id = payout for update;
  if not found or not (private.has_role(o.tenant_id, private.admin_roles()) or (select auth.uid()) is null) then
    raise exception 'This payout was not found.' using errcode = 'P0002';
  end if;
  if o.status <> 'requested' then
    return 'ignored'; -- already decided: approving twice debits once
  end if;
  -- Serialises payouts of this wallet: the balance read below cannot change until commit.
  perform 1 from public.ledger_accounts a
  where a.id = private.ledger_account(o.tenant_id, 'instructor_available', o.instructor_id, o.currency) for update;
  if private.wallet_available(o.tenant_id, o.instructor_id, o.currency) < o.amount_minor then
    raise exception 'The instructor''s available balance no longer covers this payout.'
      using errcode = 'P0001', hint = 'insufficient_funds';
  end if;
  insert into public.ledger_transactions (tenant_id, kind, payout_id, memo)
  values (o.tenant_id, 'payout', o.id, o.method) returning id into tx;
  perform private.post_entry(tx, o.tenant_id, 'instructor_available', o.instructor_id, o.currency, o.amount_minor);
  perform private.post_entry(tx, o.tenant_id, 'payout_clearing', null, o.currency, -o.amount_minor);
  update public.payouts p set status = 'approved', decided_by = (select auth.uid()), decided_at = now() where p.id = o.id;
  perform private.audit(o.tenant_id, 'payout.approved', 'payout', o.id::text,
    jsonb_build_object('currency', o.currency, 'amount_minor', o.amount_minor, 'instructor_id', o.instructor_id));
  return 'applied';
end $$;
comment on function public.approve_payout(uuid) is 'A school admin approves a requested payout: the wallet is debited once (into payout clearing). Approving again: ignored.';

create function public.reject_payout(payout uuid, reason text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  o public.payouts;
begin
  select * into o from public.payouts p where p.id = payout for update;
  if not found or not private.has_role(o.tenant_id, private.admin_roles()) then
    raise exception 'This payout was not found.' using errcode = 'P0002';
  end if;
  if o.status <> 'requested' then
    return 'ignored';
  end if;
  update public.payouts p set status = 'rejected', reason = left(reject_payout.reason, 500), decided_by = (select auth.uid()),
    decided_at = now() where p.id = o.id;
  perform private.audit(o.tenant_id, 'payout.rejected', 'payout', o.id::text, jsonb_build_object('reason', reject_payout.reason));
  return 'applied';
end $$;
comment on function public.reject_payout(uuid, text) is 'A school admin rejects a requested payout with a reason; the wallet is untouched.';

create function private.settle_payout(
  provider text, event_id text, payout uuid, succeeded boolean, provider_ref text default null, reason text default null
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  o public.payouts;
  tx uuid;
begin
  if not private.record_event(provider, event_id, 'payout.result', null) then
    return 'duplicate';
  end if;
  select * into o from public.payouts p where p.id = payout for update;
  if not found then
    raise exception 'Unknown payout %.', payout using errcode = 'P0002';
  end if;
  if o.status <> 'approved' then
    return 'ignored';
  end if;
  insert into public.ledger_transactions (tenant_id, kind, payout_id, memo)
  values (o.tenant_id, case when succeeded then 'payout_paid' else 'payout_failed' end, o.id, coalesce(provider_ref, ''))
  returning id into tx;
  perform private.post_entry(tx, o.tenant_id, 'payout_clearing', null, o.currency, o.amount_minor);
  if succeeded then
    perform private.post_entry(tx, o.tenant_id, 'gateway_clearing', null, o.currency, -o.amount_minor);
  else
    perform private.post_entry(tx, o.tenant_id, 'instructor_available', o.instructor_id, o.currency, -o.amount_minor);
  end if;
  update public.payouts p set status = case when succeeded then 'paid' else 'failed' end,
    provider_ref = coalesce(settle_payout.provider_ref, p.provider_ref), reason = left(settle_payout.reason, 500)
  where p.id = o.id;
  return 'applied';
end $$;
comment on function private.settle_payout(text, text, uuid, boolean, text, text) is 'Applies a B2C (or bank) result once: paid clears the payout; failed returns the money to the instructor''s available balance.';

-- Section: grants

revoke all on function private.record_event(text, text, text, uuid), private.post_sale(uuid), private.post_refund(uuid),
  private.settle_status(uuid), private.grant_access(uuid), private.revoke_access(uuid),
  private.record_payment_success(text, text, uuid, text, bigint, text),
  private.record_payment_failure(text, text, uuid, text, text),
  private.record_refund(text, text, uuid, bigint, text, uuid, text), private.release_pending(timestamptz),
  private.wallet_available(uuid, uuid, text),
  private.settle_payout(text, text, uuid, boolean, text, text) from public, anon, authenticated;
grant execute on function private.record_event(text, text, text, uuid), private.post_sale(uuid), private.post_refund(uuid),
  private.settle_status(uuid), private.grant_access(uuid), private.revoke_access(uuid),
  private.record_payment_success(text, text, uuid, text, bigint, text),
  private.record_payment_failure(text, text, uuid, text, text),
  private.record_refund(text, text, uuid, bigint, text, uuid, text), private.release_pending(timestamptz),
  private.wallet_available(uuid, uuid, text),
  private.settle_payout(text, text, uuid, boolean, text, text) to service_role;
revoke all on function private.payout_minimum(text, text) from public, anon;
grant execute on function private.payout_minimum(text, text) to authenticated, service_role;
revoke all on function public.request_payout(uuid, text, bigint, text, text), public.approve_payout(uuid),
  public.reject_payout(uuid, text) from public, anon;
grant execute on function public.request_payout(uuid, text, bigint, text, text), public.approve_payout(uuid),
  public.reject_payout(uuid, text) to authenticated, service_role;
