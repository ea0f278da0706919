-- Teaching roles: the third role group as a SQL function, beside private.admin_roles() (tenancy)
-- and private.support_roles() (support desk). The same groups live in edge/contract/roles.ts
-- (ADMIN_ROLES, SUPPORT_ROLES, TEACHING_ROLES); test/integration/role-groups.test.ts keeps the two
-- homes equal.

-- Section: teaching roles

create function private.teaching_roles() returns public.tenant_role[]
language sql immutable set search_path = '' as $$ select array['owner', 'admin', 'instructor']::public.tenant_role[] $$;
comment on function private.teaching_roles() is 'Roles that teach in a school: author courses and run tutoring sessions.';

revoke all on function private.teaching_roles() from public, anon;
grant execute on function private.teaching_roles() to authenticated, service_role;

-- Section: policies that listed the group by hand

-- Same rules as before, now naming the group. The helper functions that still spell the list out
-- (private.author_role, private.author_guard, private.session_guard) keep it until they change anyway.
alter policy "Instructors and admins create courses" on public.courses
  with check (private.has_role(tenant_id, private.teaching_roles()) and created_by = (select auth.uid()));

alter policy "Instructors and admins schedule sessions" on public.tutoring_sessions
  with check (private.has_role(tenant_id, private.teaching_roles())
              and (instructor_id = (select auth.uid()) or private.has_role(tenant_id, private.admin_roles())));
