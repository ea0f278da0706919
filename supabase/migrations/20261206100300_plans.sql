-- Payments (issue 15), part 4 of 4: school plans and entitlements, the limits features read from
-- them, and sponsorships (a partner organisation paying for seats).
--
-- One entitlements row per school joins its plan, seats, AI budget, video hours and storage. No
-- row: the Free plan. Stripe subscription events write it through private.apply_subscription; a
-- cancelled subscription falls back to Free limits; past_due keeps the plan's limits (the web
-- shows a banner).
--
-- The role `partner` (issue 15 "Sponsors") is NOT added here: public.tenant_role is listed in
-- edge/contract/roles.ts (TENANT_ROLES), the invitation and email wording functions and the web's
-- role pickers, and a new enum value cannot be used in the transaction that adds it. The tables
-- below key sponsorships by the sponsoring user (sponsor_id), so the role can be added next
-- without changing them.

-- Section: plans

create table public.plans (
  id text primary key check (id in ('free', 'standard', 'premium')),
  name text not null,
  position int not null,
  seats int not null check (seats >= 0),
  ai_monthly_tokens bigint not null check (ai_monthly_tokens >= 0),
  video_hours int not null check (video_hours >= 0),
  storage_bytes bigint not null check (storage_bytes >= 0)
);
alter table public.plans enable row level security;
comment on table public.plans is 'The plans a school can be on and their limits (same values as edge/contract/payments-values.ts PLANS; a test keeps them equal).';

insert into public.plans (id, name, position, seats, ai_monthly_tokens, video_hours, storage_bytes) values
  ('free', 'Free', 1, 50, 2000000, 0, 1073741824),
  ('standard', 'Standard', 2, 500, 20000000, 100, 53687091200),
  ('premium', 'Premium', 3, 5000, 200000000, 1000, 536870912000);

create policy "Signed-in people see the plans" on public.plans for select to authenticated using (true);
create policy "Plans are set by migrations only" on public.plans for insert to authenticated with check (false);
create policy "Plans change by migrations only" on public.plans for update to authenticated using (false) with check (false);
create policy "Plans are removed by migrations only" on public.plans for delete to authenticated using (false);

-- Section: entitlements

create table public.school_entitlements (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  plan text not null references public.plans (id),
  seats int not null check (seats >= 0),
  ai_monthly_tokens bigint not null check (ai_monthly_tokens >= 0),
  video_hours int not null check (video_hours >= 0),
  storage_bytes bigint not null check (storage_bytes >= 0),
  status text not null default 'active' check (status in ('active', 'past_due', 'cancelled')),
  current_period_end timestamptz,
  stripe_customer_id text check (char_length(stripe_customer_id) <= 255),
  stripe_subscription_id text unique check (char_length(stripe_subscription_id) <= 255),
  -- When the subscription event that wrote this row was created at the provider: an older event
  -- arriving late changes nothing, so events in any order end in the same state.
  source_event_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table public.school_entitlements enable row level security;
comment on table public.school_entitlements is 'A school''s plan and limits (seats, AI tokens a month, video hours, storage), subscription status and Stripe ids. No row: Free. Members read the limits; the Stripe ids are not granted to them.';
create trigger school_entitlements_touch before update on public.school_entitlements
  for each row execute function private.touch_updated_at();

create policy "Members read their school's plan and limits" on public.school_entitlements
  for select to authenticated using (private.is_member(tenant_id) or (select private.is_superadmin()));
create policy "Entitlements are set by subscription events only" on public.school_entitlements
  for insert to authenticated with check (false);
create policy "Entitlements change by subscription events only" on public.school_entitlements
  for update to authenticated using (false) with check (false);
create policy "Entitlements go only with their school" on public.school_entitlements
  for delete to authenticated using (false);

create function private.school_limits(tenant uuid)
returns table (plan text, status text, seats int, ai_monthly_tokens bigint, video_hours int, storage_bytes bigint, subscribed boolean)
language sql stable security definer set search_path = '' as $$
  select case when e.status = 'cancelled' or e.tenant_id is null then 'free' else e.plan end,
         coalesce(e.status, 'active'),
         case when e.status = 'cancelled' or e.tenant_id is null then f.seats else e.seats end,
         case when e.status = 'cancelled' or e.tenant_id is null then f.ai_monthly_tokens else e.ai_monthly_tokens end,
         case when e.status = 'cancelled' or e.tenant_id is null then f.video_hours else e.video_hours end,
         case when e.status = 'cancelled' or e.tenant_id is null then f.storage_bytes else e.storage_bytes end,
         e.tenant_id is not null
  from public.plans f left join public.school_entitlements e on e.tenant_id = tenant
  where f.id = 'free'
$$;
comment on function private.school_limits(uuid) is 'The limits a school has now: its entitlements, or Free when it has none or cancelled. subscribed: an entitlements row exists.';

create function private.apply_subscription(
  provider text, event_id text, tenant uuid, plan text, status text, current_period_end timestamptz,
  stripe_customer_id text, stripe_subscription_id text, event_at timestamptz
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
  changed boolean;
begin
  if status not in ('active', 'past_due', 'cancelled') then
    raise exception 'Unknown subscription status %.', status using errcode = '22023';
  end if;
  select * into p from public.plans x where x.id = plan;
  if not found then
    raise exception 'Unknown plan %.', plan using errcode = '22023';
  end if;
  if not private.record_event(provider, event_id, 'subscription', null) then
    return 'duplicate';
  end if;
  insert into public.school_entitlements as e (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes,
    status, current_period_end, stripe_customer_id, stripe_subscription_id, source_event_at)
  values (tenant, p.id, p.seats, p.ai_monthly_tokens, p.video_hours, p.storage_bytes, status, current_period_end,
    stripe_customer_id, stripe_subscription_id, event_at)
  on conflict (tenant_id) do update set
    plan = excluded.plan, seats = excluded.seats, ai_monthly_tokens = excluded.ai_monthly_tokens,
    video_hours = excluded.video_hours, storage_bytes = excluded.storage_bytes, status = excluded.status,
    current_period_end = excluded.current_period_end,
    stripe_customer_id = coalesce(excluded.stripe_customer_id, e.stripe_customer_id),
    stripe_subscription_id = coalesce(excluded.stripe_subscription_id, e.stripe_subscription_id),
    source_event_at = excluded.source_event_at
  where e.source_event_at is null or e.source_event_at < excluded.source_event_at
  returning true into changed;
  if changed then
    perform private.audit(tenant, 'plan.changed', 'tenant', tenant::text,
      jsonb_build_object('plan', plan, 'status', status, 'provider', provider));
  end if;
  return case when changed then 'applied' else 'ignored' end;
end $$;
comment on function private.apply_subscription(text, text, uuid, text, text, timestamptz, text, text, timestamptz) is 'Applies a subscription event once (event id) and only if it is newer than the one that wrote the school''s entitlements (event_at): plan, limits, status, period end, Stripe ids.';

-- Section: features read their limits from the entitlements

-- Storage: a school with an entitlements row gets its plan's storage; without one, the explicit
-- private.storage_limits row if any (set by hand before plans existed), else 1 GiB (= Free).
create or replace function private.storage_limit(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select l.storage_bytes from private.school_limits(tenant) l where l.subscribed),
    (select l.limit_bytes from private.storage_limits l where l.tenant_id = tenant),
    1073741824)
$$;
comment on function private.storage_limit(uuid) is 'A school''s storage limit in bytes: its plan''s when it has entitlements, else private.storage_limits, else 1 GiB.';
comment on table private.storage_limits is 'A school''s storage limit in bytes for schools without entitlements (private.storage_limit); 1 GiB when absent.';

-- AI: the plan's monthly tokens cap the school's own budget (private.ai_settings, set by its
-- admins). NOTE: edge/ai-tutor/store.ts still reads private.ai_settings.monthly_token_budget
-- directly; it must call private.ai_monthly_budget(tenant) instead for the plan's cap to apply.
create function private.ai_monthly_budget(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select case when l.subscribed then least(coalesce(s.monthly_token_budget, l.ai_monthly_tokens), l.ai_monthly_tokens)
              else coalesce(s.monthly_token_budget, 2000000) end
  from private.school_limits(tenant) l left join private.ai_settings s on s.tenant_id = tenant
$$;
comment on function private.ai_monthly_budget(uuid) is 'Tokens a school''s AI tutor may use this month: its own budget (default 2,000,000), capped by its plan when it has entitlements.';

-- Section: sponsorships

create table public.sponsorships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete restrict,
  sponsor_id uuid references auth.users (id) on delete set null,
  organisation text not null check (char_length(btrim(organisation)) between 2 and 200),
  course_id uuid references public.courses (id) on delete set null,
  seats int not null check (seats between 1 and 100000),
  payment_id uuid references public.payments (id) on delete restrict,
  status text not null default 'pending' check (status in ('pending', 'active', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.sponsorships enable row level security;
comment on table public.sponsorships is 'A partner organisation paying for seats in a course; active once its payment succeeds. The sponsor sees the students'' progress in aggregate only.';
create index sponsorships_tenant_idx on public.sponsorships (tenant_id, created_at desc);
create index sponsorships_sponsor_idx on public.sponsorships (sponsor_id);
create index sponsorships_payment_idx on public.sponsorships (payment_id);
create trigger sponsorships_touch before update on public.sponsorships for each row execute function private.touch_updated_at();

create table public.sponsored_seats (
  sponsorship_id uuid not null references public.sponsorships (id) on delete cascade,
  student_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (sponsorship_id, student_id)
);
alter table public.sponsored_seats enable row level security;
comment on table public.sponsored_seats is 'The students a sponsorship enrols. Readable by the school''s admins and the student, never by the sponsor (aggregates only).';
create index sponsored_seats_student_idx on public.sponsored_seats (student_id);

create function private.sponsorship_tenant(sponsorship uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select s.tenant_id from public.sponsorships s where s.id = sponsorship
$$;
comment on function private.sponsorship_tenant(uuid) is 'The school of a sponsorship.';

create policy "Sponsors read their sponsorships; admins their school's" on public.sponsorships
  for select to authenticated
  using (sponsor_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Sponsorships are created by functions only" on public.sponsorships
  for insert to authenticated with check (false);
create policy "Sponsorships change by functions only" on public.sponsorships
  for update to authenticated using (false) with check (false);
create policy "Sponsorships are never removed" on public.sponsorships
  for delete to authenticated using (false);

create policy "Admins and the student read sponsored seats" on public.sponsored_seats
  for select to authenticated
  using (student_id = (select auth.uid()) or private.has_role(private.sponsorship_tenant(sponsorship_id), private.admin_roles())
         or (select private.is_superadmin()));
create policy "Seats are given by functions only" on public.sponsored_seats
  for insert to authenticated with check (false);
create policy "Seats are not edited" on public.sponsored_seats
  for update to authenticated using (false) with check (false);
create policy "Seats are removed by functions only" on public.sponsored_seats
  for delete to authenticated using (false);

-- Section: grants

revoke all on function private.school_limits(uuid), private.ai_monthly_budget(uuid), private.sponsorship_tenant(uuid) from public, anon;
grant execute on function private.school_limits(uuid), private.ai_monthly_budget(uuid), private.sponsorship_tenant(uuid)
  to authenticated, service_role;
revoke all on function private.apply_subscription(text, text, uuid, text, text, timestamptz, text, text, timestamptz)
  from public, anon, authenticated;
grant execute on function private.apply_subscription(text, text, uuid, text, text, timestamptz, text, text, timestamptz)
  to service_role;

revoke all on public.plans, public.school_entitlements, public.sponsorships, public.sponsored_seats from anon, authenticated;
grant select on public.plans, public.sponsorships, public.sponsored_seats to authenticated;
grant select (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes, status, current_period_end, updated_at)
  on public.school_entitlements to authenticated;
grant select, insert, update on public.school_entitlements, public.sponsorships, public.sponsored_seats to service_role;
grant select on public.plans to service_role;
