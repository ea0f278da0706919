-- The payments report (issue 20): the money a school took over days of its calendar, payment by
-- payment, by day or by course, exported as CSV, XLSX or PDF by the same job as the other reports.
--
-- It reads public.payments (20261206100000_payments.sql): the payments that brought money in —
-- succeeded, partially refunded or refunded — started in the period (created_at, days in the school's
-- time zone, as the weekly charts count money). Each shows its amount, what has been refunded of it
-- and the net (amount less refunds). Sums are per currency: a day or a course with payments in two
-- currencies is two rows, and no figure ever adds shillings to dollars.
--
-- Only the school's owners and admins read it (42501 `payments_report_forbidden`), as only they read
-- the school's payments; staff, who see the other reports of the school, do not. The period is
-- private.report_period's (at most a year). Exports of it are rows of public.report_exports with
-- report = 'payments', which only owners and admins may ask for.

-- Section: who may read it

create function private.require_payments_report(tenant uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role(tenant, private.admin_roles()) then
    raise exception 'The payments report is for the school''s owners and admins.'
      using errcode = '42501', hint = 'payments_report_forbidden';
  end if;
end $$;
comment on function private.require_payments_report(uuid) is 'Refuses (42501 payments_report_forbidden) anyone but the school''s owners and admins.';
revoke all on function private.require_payments_report(uuid) from public, anon;
grant execute on function private.require_payments_report(uuid) to authenticated, service_role;

-- Section: the report

/**
 * The payments report, by payment, day or course. Each row: `key` (the payment; the course, null for
 * plans and other payments without a course; null by day), `day` (the payment's or the row's day in
 * the school's time zone; null by course), `label` (the payer; the course's title), `detail` (what was
 * bought: the course's title or the plan), `reference` (the provider's id), `provider` (mpesa, stripe
 * or test) and `status` (by payment only), `currency`, then `payments` (how many), `amount_minor`,
 * `refunded_minor` and `net_minor` (amount less refunds), in minor units of `currency`. `ordinal` is
 * the row's place: by payment oldest first, by day in calendar order, by course by title (payments
 * without a course last), each day or course's currencies in alphabetical order.
 */
create function public.payments_report(tenant uuid, from_day date, to_day date, group_by text,
  course uuid default null)
returns table (ordinal bigint, key uuid, day date, label text, detail text, reference text, provider text,
               status text, currency text, payments int, amount_minor bigint, refunded_minor bigint,
               net_minor bigint)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan as $$
declare
  tz text := (select t.time_zone from public.tenants t where t.id = tenant);
  period_from timestamptz;
  period_to timestamptz;
begin
  perform private.require_payments_report(tenant);
  if group_by is null or group_by not in ('payment', 'day', 'course') then
    raise exception 'A payments report is grouped by payment, day or course.'
      using errcode = '22023', hint = 'payments_grouping';
  end if;
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with paid as (
    select p.id, p.payer_id, p.course_id, p.plan, p.provider, p.provider_ref, p.status, p.currency,
           p.amount_minor, p.refunded_minor, p.created_at, (p.created_at at time zone tz)::date as d
    from public.payments p
    where p.tenant_id = tenant and p.created_at >= period_from and p.created_at < period_to
      and p.status in ('succeeded', 'partially_refunded', 'refunded')
      and (course is null or p.course_id = course)
  ), grouped as (
    select case group_by when 'payment' then x.id when 'course' then x.course_id end as k,
           case when group_by in ('payment', 'day') then x.d end as dd,
           x.currency as cur, count(*)::int as n, sum(x.amount_minor)::bigint as amount,
           sum(x.refunded_minor)::bigint as refunded, min(x.created_at) as at
    from paid x
    group by 1, 2, 3
  )
  select row_number() over (order by g.dd nulls last, case when group_by = 'course' then co.title end nulls last,
                                    case when group_by = 'payment' then g.at end, g.k nulls last, g.cur),
         g.k, g.dd,
         case group_by when 'payment' then private.person_name(pr.display_name, pr.email)
                       when 'course' then co.title end,
         case when group_by = 'payment' then coalesce(co.title, x.plan) end,
         x.provider_ref, x.provider, x.status, g.cur, g.n, g.amount, g.refunded, g.amount - g.refunded
  from grouped g
  left join paid x on group_by = 'payment' and x.id = g.k
  left join public.profiles pr on pr.id = x.payer_id
  left join public.courses co on co.id = case group_by when 'payment' then x.course_id when 'course' then g.k end;
end $$;
comment on function public.payments_report(uuid, date, date, text, uuid) is 'Money a school took over days of its calendar (payments succeeded, partially refunded or refunded, started in the period): by payment, day or course, per currency, with amounts, refunds and net. Owners and admins only.';

revoke all on function public.payments_report(uuid, date, date, text, uuid) from public, anon;
grant execute on function public.payments_report(uuid, date, date, text, uuid) to authenticated, service_role;

-- Section: exports of it

alter table public.report_exports drop constraint report_exports_report_check;
alter table public.report_exports add constraint report_exports_report_check
  check (report in ('attendance', 'progress', 'payments'));

/** Only owners and admins ask for an export of the payments report (public.request_report_export writes the row as the caller). */
create function private.report_export_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.report = 'payments' then
    perform private.require_payments_report(new.tenant_id);
  end if;
  return new;
end $$;
revoke all on function private.report_export_guard() from public, anon, authenticated;
create trigger report_exports_guard before insert on public.report_exports
  for each row execute function private.report_export_guard();
