-- Impersonation for support (issue 17).
--   * A superadmin may act as another person for at most 30 minutes, with a reason (10 to 500
--     characters). Local auth (edge/auth/impersonate.ts) starts it: private.start_impersonation
--     records the row and opens an auth session of the person whose `not_after` is the row's end, so
--     the existing live-session check (private.session_is_live, withUser, local auth's requireUser)
--     refuses its tokens the moment it ends or expires, and a refresh after the end is refused.
--     Ending it (private.end_impersonation) deletes that session: refused at once.
--   * The session's tokens carry RFC 8693's `act: {sub: <superadmin>}` and `impersonation_id`.
--     Every audit entry written under such a token records the superadmin in
--     `audit_log.impersonator_id` (the column's default reads the claims, so every writer does it).
--   * Superadmins cannot act as another superadmin (nor as themselves), and nobody starts one while
--     acting as someone (local auth refuses a token with `act`; the person is never a superadmin).
--   * Who reads the rows: superadmins all of them; the person acted as, their own (they may know who
--     acted as them, when and why; the start and end are also security events of their account in
--     the audit log, and entries in the log of each school they belong to). Nobody writes them
--     through the API: only the definer functions here, which local auth's connection calls.

-- Section: the sessions

create table public.impersonations (
  id uuid primary key default gen_random_uuid(),
  superadmin_id uuid not null references auth.users (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- The auth session of the person that the tokens name (deleted when the impersonation ends).
  session_id uuid not null unique,
  reason text not null check (char_length(btrim(reason)) between 10 and 500),
  started_at timestamptz not null default now(),
  ends_at timestamptz not null,
  ended_at timestamptz,
  check (superadmin_id <> user_id),
  check (ends_at > started_at and ends_at <= started_at + interval '30 minutes'),
  check (ended_at is null or ended_at >= started_at)
);
alter table public.impersonations enable row level security;
comment on table public.impersonations is
  'Superadmins acting as a person for support: who, as whom, why, from when until when (at most 30 minutes), and when it was ended. Written only by private.start_impersonation / private.end_impersonation.';
create index impersonations_superadmin_idx on public.impersonations (superadmin_id, started_at desc);
create index impersonations_user_idx on public.impersonations (user_id, started_at desc);

create policy "Superadmins and the person acted as read impersonations" on public.impersonations
  for select to authenticated
  using ((select private.is_superadmin()) or user_id = (select auth.uid()));
create policy "Nobody starts impersonations through the API" on public.impersonations
  for insert to authenticated with check (false);
create policy "Nobody changes impersonations through the API" on public.impersonations
  for update to authenticated using (false) with check (false);
create policy "Nobody removes impersonations through the API" on public.impersonations
  for delete to authenticated using (false);

revoke all on public.impersonations from anon, authenticated;
grant select on public.impersonations to authenticated;

-- Section: the audit log records the impersonator

create function private.impersonator_id() returns uuid
language sql stable set search_path = '' as $$
  -- No exception block (a subtransaction per audit entry): a claim that is not a uuid is no impersonator.
  select case when c.sub ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then c.sub::uuid end
  from (select nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'act' ->> 'sub' as sub) c
$$;
comment on function private.impersonator_id() is
  'The superadmin acting as the current user (the access token''s RFC 8693 act.sub claim), or null.';
revoke all on function private.impersonator_id() from public, anon;
grant execute on function private.impersonator_id() to authenticated, service_role;

alter table public.audit_log add column impersonator_id uuid default private.impersonator_id();
comment on column public.audit_log.impersonator_id is
  'The superadmin who was acting as the actor when the entry was written (support impersonation), else null.';

-- Section: starting and ending

create function private.start_impersonation(
  superadmin uuid,
  target uuid,
  why text,
  from_ip inet default null,
  agent text default null,
  minutes int default 30
) returns public.impersonations
language plpgsql security definer set search_path = '' as $$
declare
  imp public.impersonations;
  sid uuid := gen_random_uuid();
  target_role text;
  schools uuid[];
begin
  if not exists (select 1 from auth.users u where u.id = superadmin
                 and u.raw_app_meta_data ->> 'platform_role' = 'superadmin') then
    raise exception 'Only platform super-admins can act as someone.'
      using errcode = '42501', hint = 'not_admin';
  end if;
  select u.raw_app_meta_data ->> 'platform_role' into target_role
  from auth.users u where u.id = target and (u.banned_until is null or u.banned_until <= now());
  if not found then
    raise exception 'There is no such account to act as.' using errcode = 'P0002', hint = 'user_not_found';
  end if;
  if target = superadmin or target_role = 'superadmin' then
    raise exception 'A super-admin cannot be acted as.'
      using errcode = 'P0001', hint = 'impersonation_target_invalid';
  end if;
  if char_length(btrim(coalesce(why, ''))) < 10 or char_length(btrim(why)) > 500 then
    raise exception 'Say why, in 10 to 500 characters.'
      using errcode = '22023', hint = 'impersonation_reason_invalid';
  end if;
  insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at, user_agent, ip, tag, not_after)
  values (sid, target, now(), now(), 'aal1', timezone('utc', now()), agent, from_ip, 'impersonation',
          now() + make_interval(mins => least(greatest(minutes, 1), 30)));
  insert into public.impersonations (superadmin_id, user_id, session_id, reason, ends_at)
  values (superadmin, target, sid, btrim(why), now() + make_interval(mins => least(greatest(minutes, 1), 30)))
  returning * into imp;
  select array_agg(m.tenant_id) into schools from public.memberships m where m.user_id = target;
  -- A security event of the account (its owner reads it), and an entry in each of its schools' logs.
  insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details, ip, impersonator_id)
  select s, superadmin, 'impersonation.started', 'user', target::text,
         jsonb_build_object('impersonation_id', imp.id, 'reason', imp.reason, 'ends_at', imp.ends_at),
         from_ip, null
  from unnest(array[null::uuid] || coalesce(schools, '{}')) as s;
  return imp;
end $$;
comment on function private.start_impersonation(uuid, uuid, text, inet, text, int) is
  'Starts a superadmin acting as a person (at most 30 minutes, a reason of 10-500 characters; never a superadmin): the row, an auth session of the person ending with it, and audit entries. Local auth only.';
revoke all on function private.start_impersonation(uuid, uuid, text, inet, text, int) from public, anon, authenticated;

create function private.end_impersonation(impersonation uuid, from_ip inet default null)
returns public.impersonations
language plpgsql security definer set search_path = '' as $$
declare
  imp public.impersonations;
  schools uuid[];
begin
  update public.impersonations i set ended_at = least(now(), i.ends_at)
  where i.id = impersonation and i.ended_at is null
  returning * into imp;
  if imp.id is null then
    select * into imp from public.impersonations i where i.id = impersonation;
    return imp; -- already ended (or unknown: null)
  end if;
  delete from auth.sessions s where s.id = imp.session_id;
  select array_agg(m.tenant_id) into schools from public.memberships m where m.user_id = imp.user_id;
  insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details, ip, impersonator_id)
  select s, imp.superadmin_id, 'impersonation.ended', 'user', imp.user_id::text,
         jsonb_build_object('impersonation_id', imp.id,
           'minutes', ceil(extract(epoch from imp.ended_at - imp.started_at) / 60)::int),
         from_ip, null
  from unnest(array[null::uuid] || coalesce(schools, '{}')) as s;
  return imp;
end $$;
comment on function private.end_impersonation(uuid, inet) is
  'Ends an impersonation at once: marks it ended, deletes its auth session (its tokens are refused from the next request) and audits it. Ending one already ended changes nothing. Local auth only.';
revoke all on function private.end_impersonation(uuid, inet) from public, anon, authenticated;

-- Section: the audit page shows both identities

drop function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int);
create function public.audit_entries(
  tenant uuid,
  action_filter text default null,
  actor uuid default null,
  target_kind text default null,
  from_day date default null,
  to_day date default null,
  before_id bigint default null,
  max_rows int default 50
) returns table (
  id bigint, created_at timestamptz, action text, target_type text, target_id text,
  actor_id uuid, actor_name text, ip inet, details jsonb, impersonator_id uuid, impersonator_name text
)
language plpgsql stable security definer set search_path = '' as $$
declare
  zone text;
begin
  if not (private.has_role(tenant, private.admin_roles()) or private.is_superadmin()) then
    raise exception 'Only owners and admins of this school can read its audit log.'
      using errcode = '42501', hint = 'admins_only';
  end if;
  select t.time_zone into zone from public.tenants t where t.id = tenant;
  zone := coalesce(zone, 'Africa/Nairobi');
  return query
    select a.id, a.created_at, a.action, a.target_type, a.target_id, a.actor_id, p.display_name, a.ip, a.details,
           a.impersonator_id, ip_.display_name
    from public.audit_log a
    left join public.profiles p on p.id = a.actor_id
    left join public.profiles ip_ on ip_.id = a.impersonator_id
    where a.tenant_id = tenant
      and (action_filter is null or a.action = action_filter or starts_with(a.action, action_filter || '.'))
      and (actor is null or a.actor_id = actor or a.impersonator_id = actor)
      and (target_kind is null or a.target_type = target_kind)
      and (from_day is null or a.created_at >= from_day::timestamp at time zone zone)
      and (to_day is null or a.created_at < (to_day + 1)::timestamp at time zone zone)
      and (before_id is null or a.id < before_id)
    order by a.id desc
    limit least(greatest(max_rows, 1), 20000);
end $$;
comment on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) is
  'A school''s audit entries, newest first, filtered (action or action family, actor — as themselves or acting as someone —, target type, days on the school''s clock) and paged by id, with actor and impersonator names; for its owners and admins and superadmins (decided once, not per row).';
revoke all on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) from public, anon;
grant execute on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) to authenticated;
