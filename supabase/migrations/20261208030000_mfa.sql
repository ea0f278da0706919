-- Multi-factor sign-in (TOTP), recovery codes, and a school setting that makes admins use it (issue 17).
--
-- The auth.mfa_* tables are GoTrue's (same names and columns), created here only where they are
-- missing: local auth (supabase/local/01_auth.sql has none) gets them, a hosted project already has
-- them and is left alone. Two things GoTrue has no table for live in private: the last TOTP time step
-- each factor accepted (a code is refused when replayed) and our recovery codes (sha-256 hashed).
-- A factor's secret is sealed by the auth function (edge/lib/secret-box.ts) before it is stored.

do $$ begin
  create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
exception when duplicate_object then null;
end $$;

do $$ begin
  create type auth.factor_status as enum ('unverified', 'verified');
exception when duplicate_object then null;
end $$;

do $$ begin
  if to_regclass('auth.mfa_factors') is null then
    create table auth.mfa_factors (
      id uuid primary key,
      user_id uuid not null references auth.users (id) on delete cascade,
      friendly_name text,
      factor_type auth.factor_type not null,
      status auth.factor_status not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      secret text,
      phone text,
      last_challenged_at timestamptz
    );
    create unique index mfa_factors_user_friendly_name_unique on auth.mfa_factors (friendly_name, user_id)
      where trim(friendly_name) <> '';
    create index factor_id_created_at_idx on auth.mfa_factors (user_id, created_at);
    create index mfa_factors_user_id_idx on auth.mfa_factors (user_id);
    alter table auth.mfa_factors enable row level security;
    comment on table auth.mfa_factors is 'auth: stores metadata about factors';
  end if;

  if to_regclass('auth.mfa_challenges') is null then
    create table auth.mfa_challenges (
      id uuid primary key,
      factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
      created_at timestamptz not null,
      verified_at timestamptz,
      ip_address inet not null,
      otp_code text
    );
    create index mfa_challenge_created_at_idx on auth.mfa_challenges (created_at desc);
    create index mfa_challenges_factor_id_idx on auth.mfa_challenges (factor_id);
    alter table auth.mfa_challenges enable row level security;
    comment on table auth.mfa_challenges is 'auth: stores metadata about challenge requests made';
  end if;

  if to_regclass('auth.mfa_amr_claims') is null then
    create table auth.mfa_amr_claims (
      session_id uuid not null references auth.sessions (id) on delete cascade,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      authentication_method text not null,
      id uuid primary key,
      constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
    );
    alter table auth.mfa_amr_claims enable row level security;
    comment on table auth.mfa_amr_claims is 'auth: stores authenticator method reference claims for multi factor authentication';
  end if;
end $$;

-- Section: what GoTrue has no table for

create table private.mfa_totp_steps (
  factor_id uuid primary key references auth.mfa_factors (id) on delete cascade,
  last_step bigint not null,
  updated_at timestamptz not null default now()
);
alter table private.mfa_totp_steps enable row level security;
comment on table private.mfa_totp_steps is
  'The last TOTP time step each factor accepted: a code of that step or an earlier one is refused (replay). Only the auth function writes it.';

create table private.mfa_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
alter table private.mfa_recovery_codes enable row level security;
comment on table private.mfa_recovery_codes is
  'One-time recovery codes that pass the MFA step (ours, beyond GoTrue): sha-256 of the code, never the code. Only the auth function reads or writes them.';
create index mfa_recovery_codes_user_id_idx on private.mfa_recovery_codes (user_id);
create index mfa_recovery_codes_code_hash_idx on private.mfa_recovery_codes (code_hash);

create policy "Only the auth function reads TOTP steps" on private.mfa_totp_steps
  for select to authenticated using (false);
create policy "Only the auth function records TOTP steps" on private.mfa_totp_steps
  for insert to authenticated with check (false);
create policy "Only the auth function updates TOTP steps" on private.mfa_totp_steps
  for update to authenticated using (false) with check (false);
create policy "Only the auth function deletes TOTP steps" on private.mfa_totp_steps
  for delete to authenticated using (false);

create policy "Only the auth function reads recovery codes" on private.mfa_recovery_codes
  for select to authenticated using (false);
create policy "Only the auth function creates recovery codes" on private.mfa_recovery_codes
  for insert to authenticated with check (false);
create policy "Only the auth function uses recovery codes" on private.mfa_recovery_codes
  for update to authenticated using (false) with check (false);
create policy "Only the auth function deletes recovery codes" on private.mfa_recovery_codes
  for delete to authenticated using (false);

-- Section: the assurance level of the caller

create function private.aal2() returns boolean
language sql stable set search_path = '' as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'aal', '') = 'aal2'
$$;
comment on function private.aal2() is
  'True when the caller''s access token says aal2 (signed in with a second factor). Policies and triggers may require it.';

create function private.is_end_user() returns boolean
language sql stable set search_path = '' as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '') = 'authenticated'
$$;
comment on function private.is_end_user() is
  'True when the statement runs for a signed-in person (not the service role or a server job).';

-- Section: the school setting

alter table public.tenants add column require_mfa_for_admins boolean not null default false;
comment on column public.tenants.require_mfa_for_admins is
  'When true, owners and admins must have signed in with a second factor (aal2) to change the school or its members.';

-- Raises mfa_required when an owner or admin of a school that requires MFA writes at aal1. Only
-- the school's admins: not the service role or server jobs, not a platform superadmin (a school's
-- setting binds its own admins).
create function private.assert_admin_aal2(tenant uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.is_end_user() and not private.aal2()
     and exists (select 1 from public.tenants t where t.id = tenant and t.require_mfa_for_admins)
     and private.has_role(tenant, private.admin_roles()) then
    raise exception 'This school requires admins to sign in with a second factor (an authenticator app code) first.'
      using errcode = 'P0001', hint = 'mfa_required';
  end if;
end $$;
comment on function private.assert_admin_aal2(uuid) is
  'Refuses an admin write of a school that requires MFA for admins unless the caller is at aal2.';

create function private.tenants_require_mfa() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Turning the setting on needs aal2 too, so an admin cannot lock the school out of admin work.
  if new.require_mfa_for_admins and not old.require_mfa_for_admins and private.is_end_user()
     and not private.aal2() then
    raise exception 'Set up and use a second factor (an authenticator app) before requiring it for admins.'
      using errcode = 'P0001', hint = 'mfa_required';
  end if;
  perform private.assert_admin_aal2(old.id);
  return new;
end $$;

create trigger tenants_require_mfa before update on public.tenants
  for each row execute function private.tenants_require_mfa();

create function private.memberships_require_mfa() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Leaving a school is never an admin write.
  if tg_op = 'DELETE' then
    if old.user_id is distinct from (select auth.uid()) then
      perform private.assert_admin_aal2(old.tenant_id);
    end if;
    return old;
  end if;
  if new.role is distinct from old.role then
    perform private.assert_admin_aal2(old.tenant_id);
  end if;
  return new;
end $$;

create trigger memberships_require_mfa before update of role or delete on public.memberships
  for each row execute function private.memberships_require_mfa();
