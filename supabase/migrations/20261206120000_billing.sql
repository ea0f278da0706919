-- Payments (issue 15): what the api's billing routes need beside the ledger — bank payouts the
-- school records as paid by hand, and what a school uses of its plan's limits.

-- Section: bank payouts paid by hand

-- A bank payout leaves the school's account outside any API we call: the admin records the bank's
-- reference, and the payout settles through the same private.settle_payout as a B2C result (once:
-- its event id is the payout's). The 'bank' provider names these records in payment_events.
alter table private.payment_events drop constraint payment_events_provider_check;
alter table private.payment_events add constraint payment_events_provider_check
  check (provider in ('mpesa', 'stripe', 'test', 'bank'));

create function public.mark_payout_paid(payout uuid, reference text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  o public.payouts;
  outcome text;
begin
  select * into o from public.payouts p where p.id = payout;
  if not found or not private.has_role(o.tenant_id, private.admin_roles()) then
    raise exception 'This payout was not found.' using errcode = 'P0002';
  end if;
  if o.status in ('paid', 'failed', 'rejected') then
    return 'ignored';
  end if;
  if o.status <> 'approved' then
    raise exception 'Approve the payout before recording it as paid.'
      using errcode = 'P0001', hint = 'payout_not_approved';
  end if;
  if char_length(coalesce(trim(reference), '')) not between 3 and 100 then
    raise exception 'Enter the bank reference.' using errcode = '22023';
  end if;
  outcome := private.settle_payout('bank', 'bank:' || o.id::text, o.id, true, trim(reference), null);
  if outcome = 'applied' then
    perform private.audit(o.tenant_id, 'payout.paid', 'payout', o.id::text,
      jsonb_build_object('reference', trim(reference), 'method', o.method));
  end if;
  return outcome;
end $$;
comment on function public.mark_payout_paid(uuid, text) is 'A school admin records an approved payout as paid by hand (a bank transfer, or M-Pesa without B2C) with the bank''s reference; settles it once.';
revoke all on function public.mark_payout_paid(uuid, text) from public, anon;
grant execute on function public.mark_payout_paid(uuid, text) to authenticated, service_role;

-- Section: what a school uses of its plan

create function public.school_usage(tenant uuid)
returns table (seats int, ai_tokens bigint, video_minutes bigint, storage_bytes bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.has_role(tenant, private.admin_roles()) or (select private.is_superadmin())) then
    raise exception 'Only owners and admins of this school see its usage.' using errcode = '42501';
  end if;
  return query select
    (select count(*)::int from public.memberships m where m.tenant_id = tenant and m.role = 'student'),
    private.ai_month_tokens(tenant),
    -- Live tutoring this calendar month: sessions that have started and were not cancelled.
    (select coalesce(sum(s.duration_minutes), 0)::bigint from public.tutoring_sessions s
      where s.tenant_id = tenant and s.status <> 'cancelled'
        and s.starts_at >= date_trunc('month', now()) and s.starts_at <= now()),
    private.storage_used(tenant);
end $$;
comment on function public.school_usage(uuid) is 'What a school uses of its plan this month: student seats, AI tutor tokens, minutes of live tutoring started, storage bytes. Owners, admins and superadmins.';
revoke all on function public.school_usage(uuid) from public, anon;
grant execute on function public.school_usage(uuid) to authenticated, service_role;

-- Section: Free includes some live tutoring

-- Tutoring rooms are how a school first tries Kipindi: Free gets 10 hours of live video a month
-- (edge/contract/payments-values.ts PLANS; a test keeps the two equal).
update public.plans set video_hours = 10 where id = 'free';
