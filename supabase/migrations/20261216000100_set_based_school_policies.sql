-- The caller's schools as arrays, once per statement, for policies in the set-based form of
-- Supabase's RLS guidance: `tenant_id = any ((select private.my_school_ids())::uuid[])` is an
-- init-plan (the cast makes the subquery's one value an array, not a row set, for `= any`) and each
-- row is tested against a short array, instead of a SECURITY DEFINER function call per row
-- (private.is_member / has_role / can_see_member with the row's school). At 100 times the seed the
-- admin's home spent most of its 112 ms in such calls, one per membership, ticket and session row.
--
-- This migration rewrites the read policies of the two most read tables, schools
-- (public.tenants) and memberships; 20261216000200 the rest. Who reads what is unchanged:
-- - a school: its members while it is active (superadmins: always), and its creator in the
--   statement that creates it;
-- - a membership: one's own; every membership of one's active schools, except that a partner
--   (sponsor) sees only the school's owners, admins, instructors and staff (20261206130100).

-- Section: the caller's schools, once per statement

create function private.my_school_ids_as(roles public.tenant_role[]) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return coalesce((
    select array_agg(m.tenant_id) from public.memberships m join public.tenants t on t.id = m.tenant_id
    where m.user_id = (select auth.uid()) and m.role = any (roles)
      and (t.status = 'active' or private.is_superadmin())
  ), '{}');
end $$;
comment on function private.my_school_ids_as(public.tenant_role[]) is
  'The schools where the caller has one of the roles, suspended ones only for superadmins (what private.has_role answers per school), as one array: policies call it once per statement, `tenant_id = any ((select private.my_school_ids_as(...))::uuid[])`.';

create function private.my_school_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.my_school_ids_as(enum_range(null::public.tenant_role));
end $$;
comment on function private.my_school_ids() is
  'The schools the caller belongs to in any role (what private.is_member answers per school), as one array.';

create function private.my_partner_school_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce((
    select array_agg(m.tenant_id) from public.memberships m
    where m.user_id = (select auth.uid()) and m.role = 'partner'
  ), '{}');
end $$;
comment on function private.my_partner_school_ids() is
  'The schools where the caller is a partner (a sponsor), who sees only the school''s staff among its members.';

revoke all on function private.my_school_ids_as(public.tenant_role[]), private.my_school_ids(), private.my_partner_school_ids()
  from public, anon;
grant execute on function private.my_school_ids_as(public.tenant_role[]), private.my_school_ids(), private.my_partner_school_ids()
  to authenticated, service_role;

-- Section: policies

alter policy "Members and superadmins read tenants" on public.tenants
  using (
    id = any ((select private.my_school_ids())::uuid[]) or (select private.is_superadmin())
    or (created_by = (select auth.uid()) and created_at = now())
  );

alter policy "Members read their tenant's memberships" on public.memberships
  using (
    user_id = (select auth.uid())
    or (tenant_id = any ((select private.my_school_ids())::uuid[])
        and (role in ('owner', 'admin', 'instructor', 'staff')
             or tenant_id <> all ((select private.my_partner_school_ids())::uuid[])))
    or (select private.is_superadmin())
  );

-- The partner rule reads the row's role; like every column a policy reads, it leads an index
-- (test/integration/rls-structure.test.ts). This one also finds a role's people across schools.
create index memberships_role_tenant_idx on public.memberships (role, tenant_id);
