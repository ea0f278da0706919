-- The contact helpers (20261205000400_contact_privacy.sql) rewritten in PL/pgSQL with the same
-- bodies. `private.contact_email` is in the select list of GET /me and of every list that shows
-- people (members, tickets, sessions), once per row. As SQL-language SECURITY DEFINER functions
-- (never inlined) PostgreSQL parsed and planned both bodies again in every statement that called
-- them: 0.31 of the 0.37 ms GET /me's profile statement took in EXPLAIN ANALYZE. PL/pgSQL keeps
-- the plans for the life of the connection (as 20261215000100 did for the policy helpers).

create or replace function private.can_see_contact(tenant uuid, person uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return person is not null and (
    person = (select auth.uid())
    or (select private.is_superadmin())
    or (tenant is not null and (
      (private.has_role(tenant, private.admin_roles())
        and exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = person))
      or (private.has_role(tenant, private.support_roles())
        and exists (select 1 from public.tickets t where t.requester_id = person and t.tenant_id = tenant))
    ))
  );
end $$;

create or replace function private.contact_email(tenant uuid, person uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  if not private.can_see_contact(tenant, person) then
    return null;
  end if;
  return (select nullif(p.email, '') from public.profiles p where p.id = person);
end $$;
