-- Payments (issue 15), part 2 of 4: the double-entry ledger, revenue splits, wallets and payouts.
--
-- Sign convention: one signed column, ledger_entries.amount_minor, positive = debit, negative =
-- credit, never 0. Invariants enforced here, in Postgres, for every role:
--   * every transaction balances per currency: a deferred constraint trigger checks at commit that
--     the entries of each transaction sum to 0 per currency, and that a transaction has entries;
--   * entries and transactions are append-only: update, delete and truncate raise (a trigger, so
--     even the privileged connection cannot; RLS also refuses them to authenticated);
--   * an entry's account is in the entry's school and currency (composite foreign keys);
--   * ledger_accounts.balance_minor is the sum of the account's entries (kept by an insert trigger
--     on entries, under the account's row lock; tests compare it with the sum).
-- Nobody inserts ledger rows through the API: only the security-definer functions of
-- 20261206100200_payment_effects.sql post transactions.
--
-- Accounts (per school and currency; instructor wallets also per instructor):
--   gateway_clearing      asset: money the gateway (Stripe, M-Pesa paybill) holds for us
--   instructor_pending    liability: an instructor's share during the hold
--   instructor_available  liability: an instructor's share they may withdraw
--   payout_clearing       liability: approved payouts on their way to the instructor
--   platform_revenue      income: the platform's share (and school plan fees)
--   marketing_support     income: the marketing/support share
--   school_revenue        income: 100% of sales of courses by the school itself
-- Liabilities and income are credit-normal: their balance_minor is negative; wallets show -balance.

-- Section: accounts

create table public.ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  kind text not null check (kind in ('gateway_clearing', 'instructor_pending', 'instructor_available',
    'payout_clearing', 'platform_revenue', 'marketing_support', 'school_revenue')),
  owner_id uuid references auth.users (id) on delete restrict,
  currency text not null check (private.currency_ok(currency)),
  balance_minor bigint not null default 0,
  created_at timestamptz not null default now(),
  constraint ledger_accounts_owner check ((kind like 'instructor_%') = (owner_id is not null)),
  constraint ledger_accounts_one unique nulls not distinct (tenant_id, kind, owner_id, currency),
  constraint ledger_accounts_id_tenant_currency unique (id, tenant_id, currency)
);
alter table public.ledger_accounts enable row level security;
comment on table public.ledger_accounts is 'Ledger accounts per school and currency (instructor wallets also per instructor); balance_minor = sum of the account''s entries (debit positive).';
create index ledger_accounts_owner_idx on public.ledger_accounts (owner_id, currency);
create index ledger_accounts_tenant_idx on public.ledger_accounts (tenant_id);

-- Section: transactions and entries

create table public.ledger_transactions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  kind text not null check (kind in ('sale', 'refund', 'release', 'payout', 'payout_paid', 'payout_failed')),
  payment_id uuid references public.payments (id) on delete restrict,
  refund_id uuid references public.refunds (id) on delete restrict,
  payout_id uuid,
  -- Sales: when the instructor's pending share becomes available (null: held until an event
  -- releases it, e.g. tutoring sessions that have taken place).
  available_at timestamptz,
  memo text not null default '' check (char_length(memo) <= 500),
  created_at timestamptz not null default now(),
  constraint ledger_transactions_id_tenant unique (id, tenant_id),
  constraint ledger_transactions_links check (
    (kind in ('sale', 'release') and payment_id is not null)
    or (kind = 'refund' and payment_id is not null and refund_id is not null)
    or (kind like 'payout%' and payout_id is not null))
);
alter table public.ledger_transactions enable row level security;
comment on table public.ledger_transactions is 'A balanced set of ledger entries: a sale, a refund, a release from pending to available, or a payout step. Append-only.';
create index ledger_transactions_tenant_idx on public.ledger_transactions (tenant_id, created_at desc);
-- Exactly once is a row fact: one sale and one release per payment, one posting per refund, one
-- of each payout step per payout. Replays that slip past the event table still post nothing.
create unique index ledger_one_sale on public.ledger_transactions (payment_id) where kind = 'sale';
create unique index ledger_one_release on public.ledger_transactions (payment_id) where kind = 'release';
create unique index ledger_one_refund on public.ledger_transactions (refund_id) where refund_id is not null;
create unique index ledger_one_payout_step on public.ledger_transactions (payout_id, kind) where payout_id is not null;
create index ledger_transactions_payment_idx on public.ledger_transactions (payment_id);
create index ledger_sales_maturing_idx on public.ledger_transactions (available_at) where kind = 'sale';

create table public.ledger_entries (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  transaction_id uuid not null,
  account_id uuid not null,
  currency text not null,
  amount_minor bigint not null check (amount_minor <> 0),
  created_at timestamptz not null default now(),
  foreign key (transaction_id, tenant_id) references public.ledger_transactions (id, tenant_id) on delete restrict,
  foreign key (account_id, tenant_id, currency) references public.ledger_accounts (id, tenant_id, currency) on delete restrict
);
alter table public.ledger_entries enable row level security;
comment on table public.ledger_entries is 'Double-entry lines: amount_minor > 0 debits, < 0 credits its account; each transaction sums to 0 per currency. Append-only for everyone.';
create index ledger_entries_account_idx on public.ledger_entries (account_id, id);
create index ledger_entries_transaction_idx on public.ledger_entries (transaction_id);
create index ledger_entries_tenant_idx on public.ledger_entries (tenant_id, id);

-- Section: invariants

create function private.ledger_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'The ledger is append-only: post a reversing transaction instead of changing %.', tg_table_name
    using errcode = '42501', hint = 'ledger_append_only';
end $$;
comment on function private.ledger_append_only() is 'Refuses update, delete and truncate of ledger transactions and entries, whoever asks.';
create trigger ledger_entries_append_only before update or delete on public.ledger_entries
  for each row execute function private.ledger_append_only();
create trigger ledger_entries_no_truncate before truncate on public.ledger_entries
  for each statement execute function private.ledger_append_only();
create trigger ledger_transactions_append_only before update or delete on public.ledger_transactions
  for each row execute function private.ledger_append_only();
create trigger ledger_transactions_no_truncate before truncate on public.ledger_transactions
  for each statement execute function private.ledger_append_only();

create function private.ledger_check_balanced() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  tx uuid;
  off record;
begin
  -- Separate statements: PL/pgSQL plans each on first use, so the other table's field is never read.
  if tg_table_name = 'ledger_entries' then
    tx := new.transaction_id;
  else
    tx := new.id;
  end if;
  select e.currency, sum(e.amount_minor) as total into off
  from public.ledger_entries e where e.transaction_id = tx
  group by e.currency having sum(e.amount_minor) <> 0 limit 1;
  if found then
    raise exception 'Ledger transaction % does not balance: % % off.', tx, off.total, off.currency
      using errcode = '23514', hint = 'ledger_unbalanced';
  end if;
  if not exists (select 1 from public.ledger_entries e where e.transaction_id = tx) then
    raise exception 'Ledger transaction % has no entries.', tx using errcode = '23514', hint = 'ledger_unbalanced';
  end if;
  return null;
end $$;
comment on function private.ledger_check_balanced() is 'At commit: each transaction''s entries sum to 0 per currency, and a transaction has entries.';
create constraint trigger ledger_entries_balanced after insert on public.ledger_entries
  deferrable initially deferred for each row execute function private.ledger_check_balanced();
create constraint trigger ledger_transactions_have_entries after insert on public.ledger_transactions
  deferrable initially deferred for each row execute function private.ledger_check_balanced();

create function private.ledger_apply_balance() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.ledger_accounts a set balance_minor = a.balance_minor + new.amount_minor where a.id = new.account_id;
  return null;
end $$;
comment on function private.ledger_apply_balance() is 'Keeps ledger_accounts.balance_minor equal to the sum of the account''s entries.';
create trigger ledger_entries_balance after insert on public.ledger_entries
  for each row execute function private.ledger_apply_balance();

create function private.ledger_account_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Ledger accounts are never removed.' using errcode = '42501', hint = 'ledger_append_only';
  end if;
  if new.tenant_id <> old.tenant_id or new.kind <> old.kind or new.owner_id is distinct from old.owner_id
     or new.currency <> old.currency then
    raise exception 'A ledger account keeps its school, kind, owner and currency.' using errcode = '42501';
  end if;
  if pg_trigger_depth() < 2 and new.balance_minor <> old.balance_minor then
    raise exception 'A ledger balance changes only by posting entries.' using errcode = '42501', hint = 'ledger_append_only';
  end if;
  return new;
end $$;
comment on function private.ledger_account_guard() is 'An account''s identity is fixed and its balance moves only with its entries.';
create trigger ledger_accounts_guard before update or delete on public.ledger_accounts
  for each row execute function private.ledger_account_guard();

-- Section: posting helpers (used by the functions of 20261206100200_payment_effects.sql)

create function private.ledger_account(tenant uuid, kind text, owner uuid, currency text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  account uuid;
begin
  select a.id into account from public.ledger_accounts a
  where a.tenant_id = tenant and a.kind = ledger_account.kind and a.owner_id is not distinct from owner
    and a.currency = ledger_account.currency;
  if account is null then
    insert into public.ledger_accounts (tenant_id, kind, owner_id, currency) values (tenant, kind, owner, currency)
    on conflict do nothing returning id into account;
    if account is null then -- created concurrently
      select a.id into account from public.ledger_accounts a
      where a.tenant_id = tenant and a.kind = ledger_account.kind and a.owner_id is not distinct from owner
        and a.currency = ledger_account.currency;
    end if;
  end if;
  return account;
end $$;
comment on function private.ledger_account(uuid, text, uuid, text) is 'The id of a school''s account of a kind (and owner) in a currency, created on first use.';

create function private.post_entry(tx uuid, tenant uuid, kind text, owner uuid, currency text, amount bigint) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if amount <> 0 then
    insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
    values (tenant, tx, private.ledger_account(tenant, kind, owner, currency), currency, amount);
  end if;
end $$;
comment on function private.post_entry(uuid, uuid, text, uuid, text, bigint) is 'Adds one entry (debit > 0, credit < 0; 0 adds nothing) to a transaction.';

-- Section: splitting money (same algorithm as edge/payments/split.ts allocate)

create function private.allocate(total bigint, weights bigint[]) returns bigint[]
language plpgsql immutable set search_path = '' as $$
declare
  n int := coalesce(array_length(weights, 1), 0);
  w_sum numeric := 0;
  parts bigint[] := '{}';
  rems numeric[] := '{}';
  given bigint := 0;
  i int;
begin
  if total < 0 then
    raise exception 'Cannot split a negative amount.' using errcode = '22023';
  end if;
  for i in 1 .. n loop
    if weights[i] < 0 then
      raise exception 'Split weights cannot be negative.' using errcode = '22023';
    end if;
    w_sum := w_sum + weights[i];
  end loop;
  if w_sum = 0 then
    raise exception 'Split weights must not all be 0.' using errcode = '22023';
  end if;
  -- Exact integer arithmetic: floor of each exact share, then the leftover units (fewer than n)
  -- one each to the largest remainders, ties to the earlier part.
  for i in 1 .. n loop
    parts[i] := div(total::numeric * weights[i], w_sum)::bigint;
    rems[i] := mod(total::numeric * weights[i], w_sum);
    given := given + parts[i];
  end loop;
  for i in select r.o from unnest(rems) with ordinality as r(rem, o) order by r.rem desc, r.o limit (total - given) loop
    parts[i] := parts[i] + 1;
  end loop;
  return parts;
end $$;
comment on function private.allocate(bigint, bigint[]) is 'Splits total into parts proportional to weights (largest remainder): parts sum exactly to total, each within 1 unit of its exact share.';
revoke all on function private.allocate(bigint, bigint[]) from public, anon;
grant execute on function private.allocate(bigint, bigint[]) to authenticated, service_role;

-- Section: revenue splits

-- Courses by an independent instructor split instructor / platform / marketing-support; courses by
-- the school go 100% to school_revenue. "By an instructor" is decided when the sale is posted
-- (private.course_earner): the course's creator (courses.created_by, fixed by course_guard) is an
-- 'instructor' member of the course's school at that moment. A creator who is an owner or admin,
-- has left the school, or is gone makes it a school course. Refunds reverse the accounts the sale
-- actually credited, so a later role change never moves past money.
create table private.revenue_splits (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  instructor_bp int not null default 6000 check (instructor_bp between 0 and 10000),
  platform_bp int not null default 3000 check (platform_bp between 0 and 10000),
  marketing_bp int not null default 1000 check (marketing_bp between 0 and 10000),
  hold_days int not null default 7 check (hold_days between 0 and 365),
  updated_at timestamptz not null default now(),
  constraint revenue_splits_total check (instructor_bp + platform_bp + marketing_bp = 10000)
);
alter table private.revenue_splits enable row level security;
comment on table private.revenue_splits is 'A school''s split of instructor course sales in basis points (default 6000/3000/1000) and the hold before an instructor''s share is available (default 7 days). No row: the defaults.';
create trigger revenue_splits_touch before update on private.revenue_splits
  for each row execute function private.touch_updated_at();
create policy "Nobody reads revenue splits through the API" on private.revenue_splits
  for select to authenticated using (false);
create policy "Nobody sets revenue splits through the API" on private.revenue_splits
  for insert to authenticated with check (false);
create policy "Nobody changes revenue splits through the API" on private.revenue_splits
  for update to authenticated using (false) with check (false);
create policy "Nobody removes revenue splits through the API" on private.revenue_splits
  for delete to authenticated using (false);

create function private.revenue_split(tenant uuid)
returns table (instructor_bp int, platform_bp int, marketing_bp int, hold_days int)
language sql stable security definer set search_path = '' as $$
  select coalesce(s.instructor_bp, 6000), coalesce(s.platform_bp, 3000), coalesce(s.marketing_bp, 1000),
         coalesce(s.hold_days, 7)
  from (select 1) one left join private.revenue_splits s on s.tenant_id = tenant
$$;
comment on function private.revenue_split(uuid) is 'The school''s split and hold, or the defaults 6000/3000/1000 bp and 7 days.';

create function private.course_earner(course uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select c.created_by from public.courses c
  join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = c.created_by and m.role = 'instructor'
  where c.id = course
$$;
comment on function private.course_earner(uuid) is 'The independent instructor who earns a course''s instructor share (its creator while an instructor of its school), or null: a school course.';

-- Section: access helpers

create function private.owns_ledger_account(account uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.ledger_accounts a where a.id = account and a.owner_id = (select auth.uid()))
$$;
comment on function private.owns_ledger_account(uuid) is 'True when the account is one of the caller''s wallet accounts.';

create function private.sees_ledger_transaction(tx uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
    where e.transaction_id = tx and a.owner_id = (select auth.uid())
  )
$$;
comment on function private.sees_ledger_transaction(uuid) is 'True when the transaction touches one of the caller''s wallet accounts.';

revoke all on function private.ledger_account(uuid, text, uuid, text), private.post_entry(uuid, uuid, text, uuid, text, bigint),
  private.revenue_split(uuid), private.course_earner(uuid) from public, anon, authenticated;
grant execute on function private.ledger_account(uuid, text, uuid, text), private.post_entry(uuid, uuid, text, uuid, text, bigint),
  private.revenue_split(uuid), private.course_earner(uuid) to service_role;
revoke all on function private.owns_ledger_account(uuid), private.sees_ledger_transaction(uuid) from public, anon;
grant execute on function private.owns_ledger_account(uuid), private.sees_ledger_transaction(uuid) to authenticated, service_role;

-- Section: policies — the ledger is read under RLS and written by functions only

create policy "Instructors read their wallet accounts; admins their school's" on public.ledger_accounts
  for select to authenticated
  using (owner_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Nobody opens ledger accounts directly" on public.ledger_accounts
  for insert to authenticated with check (false);
create policy "Nobody changes ledger accounts directly" on public.ledger_accounts
  for update to authenticated using (false) with check (false);
create policy "Nobody removes ledger accounts" on public.ledger_accounts
  for delete to authenticated using (false);

create policy "Instructors read transactions on their wallet; admins their school's" on public.ledger_transactions
  for select to authenticated
  using (private.has_role(tenant_id, private.admin_roles()) or private.sees_ledger_transaction(id) or (select private.is_superadmin()));
create policy "Nobody posts ledger transactions directly" on public.ledger_transactions
  for insert to authenticated with check (false);
create policy "Ledger transactions are append-only" on public.ledger_transactions
  for update to authenticated using (false) with check (false);
create policy "Ledger transactions are never removed" on public.ledger_transactions
  for delete to authenticated using (false);

create policy "Instructors read their wallet entries; admins their school's" on public.ledger_entries
  for select to authenticated
  using (private.owns_ledger_account(account_id) or private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Nobody posts ledger entries directly" on public.ledger_entries
  for insert to authenticated with check (false);
create policy "Ledger entries are append-only" on public.ledger_entries
  for update to authenticated using (false) with check (false);
create policy "Ledger entries are never removed" on public.ledger_entries
  for delete to authenticated using (false);

-- Section: wallets

-- Security invoker: an instructor sees their own wallet, admins their school's instructors'.
create view public.instructor_wallets with (security_invoker = true) as
  select a.tenant_id, a.owner_id as instructor_id, a.currency,
         coalesce(-sum(a.balance_minor) filter (where a.kind = 'instructor_pending'), 0)::bigint as pending_minor,
         coalesce(-sum(a.balance_minor) filter (where a.kind = 'instructor_available'), 0)::bigint as available_minor
  from public.ledger_accounts a
  where a.kind in ('instructor_pending', 'instructor_available')
  group by a.tenant_id, a.owner_id, a.currency;
comment on view public.instructor_wallets is 'An instructor''s wallet per school and currency: pending (on hold) and available, in minor units.';

-- Section: payouts

create table public.payouts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  instructor_id uuid not null references auth.users (id) on delete restrict,
  currency text not null check (private.currency_ok(currency)),
  amount_minor bigint not null check (amount_minor > 0),
  method text not null check (method in ('mpesa', 'bank')),
  -- M-Pesa: the phone number 2547XXXXXXXX; bank: the account reference the school pays to.
  destination text not null check (char_length(destination) between 1 and 200),
  status text not null default 'requested' check (status in ('requested', 'approved', 'rejected', 'paid', 'failed')),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  reason text check (char_length(reason) <= 500),
  provider_ref text check (char_length(provider_ref) <= 255),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payouts_mpesa_is_kes check (method <> 'mpesa' or (currency = 'KES' and amount_minor % 100 = 0))
);
alter table public.payouts enable row level security;
comment on table public.payouts is 'An instructor''s request to withdraw available money; an admin approves (the wallet is debited once) or rejects; M-Pesa payouts then go through Daraja B2C.';
create index payouts_instructor_idx on public.payouts (instructor_id, created_at desc);
create index payouts_tenant_idx on public.payouts (tenant_id, status, created_at desc);
create trigger payouts_touch before update on public.payouts for each row execute function private.touch_updated_at();
alter table public.ledger_transactions add constraint ledger_transactions_payout_fk
  foreign key (payout_id) references public.payouts (id) on delete restrict;

create policy "Instructors read their payouts; admins their school's" on public.payouts
  for select to authenticated
  using (instructor_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Payouts are requested through request_payout only" on public.payouts
  for insert to authenticated with check (false);
create policy "Payouts are decided through approve_payout and reject_payout only" on public.payouts
  for update to authenticated using (false) with check (false);
create policy "Payouts are never removed" on public.payouts
  for delete to authenticated using (false);

-- Section: grants

revoke all on public.ledger_accounts, public.ledger_transactions, public.ledger_entries, public.payouts,
  public.instructor_wallets from anon, authenticated;
grant select on public.ledger_accounts, public.ledger_transactions, public.ledger_entries, public.payouts,
  public.instructor_wallets to authenticated;
grant select, insert on public.ledger_accounts, public.ledger_transactions, public.ledger_entries to service_role;
grant select, insert, update on public.payouts to service_role;
grant select on public.instructor_wallets to service_role;
revoke all on private.revenue_splits from public, anon, authenticated;
grant all on private.revenue_splits to service_role;
