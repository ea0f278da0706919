-- Faster policy helpers. The tenancy helpers were SQL-language SECURITY DEFINER functions, which
-- PostgreSQL never inlines and plans anew in every statement that calls them; the same bodies in
-- PL/pgSQL keep their plans for the life of the connection. Measured with `npm run bench`
-- (docs/benchmarks.md): about 40% less Postgres CPU per RLS request.

-- Section: helpers
create or replace function private.session_is_live(sid uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from auth.sessions s
    where s.id = sid and s.user_id = (select auth.uid()) and (s.not_after is null or s.not_after > now())
  );
end $$;

create or replace function private.is_member(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = (select auth.uid())
  );
end $$;

create or replace function private.has_role(tenant uuid, roles public.tenant_role[]) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships m
    where m.tenant_id = tenant and m.user_id = (select auth.uid()) and m.role = any (roles)
  );
end $$;

create or replace function private.shares_tenant(other uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships mine
    join public.memberships theirs on theirs.tenant_id = mine.tenant_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other
  );
end $$;

create or replace function private.is_superadmin() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce((select auth.jwt()) -> 'app_metadata' ->> 'platform_role' = 'superadmin', false);
end $$;
