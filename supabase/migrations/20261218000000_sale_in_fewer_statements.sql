-- Payments (issue 15): a sale posts its entries in one statement, the helpers it calls keep their
-- plans, and a ledger transaction is checked and applied to its balances once, at commit.
--
-- The payments bench's profile (track_functions, one event at a time) put post_sale's own time at
-- 0.48 ms of the 1.6 ms record_payment_success takes: each of its 4 entries was a call of
-- post_entry, which called ledger_account (a select) and then inserted one row; and the split and
-- the earner came from SQL-language SECURITY DEFINER functions, which PostgreSQL plans again at
-- every call (they are never inlined). Now:
--   * private.post_entries resolves a transaction's accounts in one select (creating the missing
--     ones through ledger_account, as before) and inserts every entry in one statement; post_entry
--     is that for one entry, so there is one way to post;
--   * post_sale builds its lines as arrays and calls post_entries once;
--   * revenue_split and course_earner are PL/pgSQL (plans cached per session), same signatures.
--   * A ledger transaction's entries are written in the database transaction that created it: both
--     tables get `posted_in` (the writer's transaction id, pg_current_xact_id(), by default) and the
--     entries' foreign key includes it. So the one deferred trigger per ledger transaction
--     (ledger_transactions_post, private.ledger_post_transaction) sees all of its
--     entries at commit: it checks that they balance per currency and adds them to their accounts'
--     balances, locking the accounts in id order (concurrent posts never deadlock). Before, each
--     entry fired two deferred triggers of its own (a check and a balance update): 9 calls for a
--     sale of 4 entries, now 1.
--     Posting code never sets these constraints IMMEDIATE; if something did, the trigger would fire
--     at the end of the statement that created the transaction and refuse it (no entries yet).
-- What is posted is unchanged: the same accounts, amounts and order of entries (ids ascend in the
-- order of the lines, which post_refund reads to reverse a sale line by line).

create or replace function private.revenue_split(tenant uuid)
returns table (instructor_bp int, platform_bp int, marketing_bp int, hold_days int)
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  select coalesce(s.instructor_bp, 6000), coalesce(s.platform_bp, 3000), coalesce(s.marketing_bp, 1000),
         coalesce(s.hold_days, 7)
  from (select 1) one left join private.revenue_splits s on s.tenant_id = tenant;
end $$;
comment on function private.revenue_split(uuid) is 'The school''s split and hold, or the defaults 6000/3000/1000 bp and 7 days.';

create or replace function private.course_earner(course uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select c.created_by from public.courses c
          join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = c.created_by and m.role = 'instructor'
          where c.id = course);
end $$;
comment on function private.course_earner(uuid) is 'The independent instructor who earns a course''s instructor share (its creator while an instructor of its school), or null: a school course.';

create or replace function private.post_entries(
  tx uuid, tenant uuid, currency text, kinds text[], owners uuid[], amounts bigint[]
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  accounts uuid[];
begin
  select array_agg(coalesce(a.id, private.ledger_account(tenant, l.kind, l.owner, post_entries.currency)) order by l.n)
    into accounts
  from unnest(kinds, owners) with ordinality as l(kind, owner, n)
  left join public.ledger_accounts a on a.tenant_id = tenant and a.kind = l.kind
    and a.owner_id is not distinct from l.owner and a.currency = post_entries.currency;
  insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
  select tenant, tx, e.account, post_entries.currency, e.amount
  from unnest(accounts, amounts) with ordinality as e(account, amount, n)
  where e.amount <> 0
  order by e.n;
end $$;
comment on function private.post_entries(uuid, uuid, text, text[], uuid[], bigint[]) is 'Adds a transaction''s lines in one statement: line i debits (> 0) or credits (< 0) amounts[i] on the school''s account of kinds[i] and owners[i] in the currency, created on first use; lines of 0 add nothing.';

create or replace function private.post_entry(tx uuid, tenant uuid, kind text, owner uuid, currency text, amount bigint)
returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform private.post_entries(tx, tenant, currency, array[kind], array[owner], array[amount]);
end $$;
comment on function private.post_entry(uuid, uuid, text, uuid, text, bigint) is 'Adds one entry (debit > 0, credit < 0; 0 adds nothing) to a transaction.';

create or replace function private.post_sale(payment uuid) returns uuid
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
  if earner is not null then
    parts := private.allocate(p.amount_minor, array[s.instructor_bp, s.platform_bp, s.marketing_bp]::bigint[]);
    perform private.post_entries(tx, p.tenant_id, p.currency,
      array['gateway_clearing', 'instructor_pending', 'platform_revenue', 'marketing_support'],
      array[null, earner, null, null]::uuid[], array[p.amount_minor, -parts[1], -parts[2], -parts[3]]);
  else
    perform private.post_entries(tx, p.tenant_id, p.currency,
      array['gateway_clearing', case when p.purpose = 'plan' then 'platform_revenue' else 'school_revenue' end],
      array[null, null]::uuid[], array[p.amount_minor, -p.amount_minor]);
  end if;
  return tx;
end $$;
comment on function private.post_sale(uuid) is 'Posts a payment''s sale: gateway clearing debited; instructor courses credit instructor pending / platform / marketing by the school''s split (largest remainder), school courses school revenue, plans platform revenue.';

revoke all on function private.post_entries(uuid, uuid, text, text[], uuid[], bigint[]) from public, anon, authenticated;
grant execute on function private.post_entries(uuid, uuid, text, text[], uuid[], bigint[]) to service_role;

-- Section: checked and applied once per ledger transaction, at commit

-- A volatile default fills the existing rows of both tables with this migration's transaction id,
-- so every existing entry matches its transaction under the new key.
alter table public.ledger_transactions add column posted_in xid8 not null default pg_current_xact_id();
alter table public.ledger_entries add column posted_in xid8 not null default pg_current_xact_id();
comment on column public.ledger_transactions.posted_in is 'The database transaction that posted it; its entries carry the same (ledger_entries_transaction).';
comment on column public.ledger_entries.posted_in is 'The database transaction that wrote it: its ledger transaction''s (the foreign key), so entries are never added to a transaction posted earlier.';
alter table public.ledger_entries drop constraint ledger_entries_transaction_id_tenant_id_fkey;
alter table public.ledger_transactions drop constraint ledger_transactions_id_tenant;
alter table public.ledger_transactions add constraint ledger_transactions_posting unique (id, tenant_id, posted_in);
alter table public.ledger_entries add constraint ledger_entries_transaction
  foreign key (transaction_id, tenant_id, posted_in) references public.ledger_transactions (id, tenant_id, posted_in)
  on delete restrict;

drop trigger ledger_entries_balance on public.ledger_entries;
drop trigger ledger_entries_balanced on public.ledger_entries;
drop trigger ledger_transactions_have_entries on public.ledger_transactions;
drop function private.ledger_apply_balance();
drop function private.ledger_check_balanced();

create function private.ledger_post_transaction() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  off record;
  line record;
  lines int := 0;
begin
  select e.currency, sum(e.amount_minor) as total into off
  from public.ledger_entries e where e.transaction_id = new.id
  group by e.currency having sum(e.amount_minor) <> 0 limit 1;
  if found then
    raise exception 'Ledger transaction % does not balance: % % off.', new.id, off.total, off.currency
      using errcode = '23514', hint = 'ledger_unbalanced';
  end if;
  for line in select e.account_id, sum(e.amount_minor) as total from public.ledger_entries e
              where e.transaction_id = new.id group by e.account_id order by e.account_id loop
    update public.ledger_accounts a set balance_minor = a.balance_minor + line.total where a.id = line.account_id;
    lines := lines + 1;
  end loop;
  if lines = 0 then
    raise exception 'Ledger transaction % has no entries.', new.id using errcode = '23514', hint = 'ledger_unbalanced';
  end if;
  return null;
end $$;
comment on function private.ledger_post_transaction() is 'At commit, once per ledger transaction: its entries sum to 0 per currency and it has entries; then each account''s balance_minor gains the sum of its entries (accounts locked in id order).';
create constraint trigger ledger_transactions_post after insert on public.ledger_transactions
  deferrable initially deferred for each row execute function private.ledger_post_transaction();

-- Section: one update of the payment per success

-- currency_ok is in the CHECK of every table with a currency, so it runs for every row written,
-- balance updates included. As a SQL function with SET search_path it was never inlined: it was
-- planned again at every call (0.16 ms per sale in the bench). PL/pgSQL keeps its plan.
create or replace function private.currency_ok(currency text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  return currency in ('KES', 'USD', 'EUR', 'GBP');
end $$;

-- grant_access enrols and says whether this payment created the enrolment; record_payment_success
-- writes that with the rest of the success in one update of the payment (it was two).
drop function private.grant_access(uuid);
create function private.grant_access(payment uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  added boolean;
begin
  select * into p from public.payments x where x.id = payment;
  if p.purpose = 'sponsorship' then
    perform private.grant_sponsorship(payment);
    return false;
  end if;
  if p.purpose <> 'course' or p.course_id is null or p.beneficiary_id is null then
    return false;
  end if;
  -- A student who left the school is not enrolled (the payment stays; an admin refunds it).
  if not exists (select 1 from public.memberships m where m.tenant_id = p.tenant_id and m.user_id = p.beneficiary_id
                 and m.role = 'student') then
    return false;
  end if;
  insert into public.enrolments (course_id, user_id, enrolled_by) values (p.course_id, p.beneficiary_id, p.payer_id)
  on conflict do nothing returning true into added;
  return coalesce(added, false);
end $$;
comment on function private.grant_access(uuid) is 'Enrols a course payment''s student (no double enrolment) or activates a sponsorship payment''s sponsorship (private.grant_sponsorship); true when this payment created the enrolment.';
revoke all on function private.grant_access(uuid) from public, anon, authenticated;
grant execute on function private.grant_access(uuid) to service_role;

create or replace function private.record_payment_success(
  provider text, event_id text, payment_id uuid, provider_ref text, amount_minor bigint, currency text
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  r uuid;
  granted boolean := false;
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
  perform private.post_sale(p.id);
  for r in select x.id from public.refunds x where x.payment_id = p.id order by x.created_at, x.id loop
    perform private.post_refund(r);
  end loop;
  -- Refunds that arrived first and took it all: no access (revoke_access below ends a sponsorship).
  if p.refunded_minor < p.amount_minor then
    granted := private.grant_access(p.id);
  end if;
  update public.payments x
  set provider_ref = coalesce(x.provider_ref, record_payment_success.provider_ref), succeeded_at = now(),
      failure_reason = null, status = 'succeeded', granted_enrolment = x.granted_enrolment or granted
  where x.id = p.id;
  -- 'succeeded', unless refunds arrived first.
  if private.settle_status(p.id) = 'refunded' then
    perform private.revoke_access(p.id);
  end if;
  return 'applied';
end $$;
