-- Reads that grew with the school (test/bench/scale at 100 times the seed: a school of 800 members,
-- 600 sessions, 500 tickets), found with auto_explain:
-- - every profile a page shows (instructors on the schedule, names on tickets) called
--   private.shares_tenant per row: 0.037 ms each, 5.4 of the schedule's 18 ms;
-- - the admin's home counted the week's active students under the row policies of
--   lesson_progress and session_attendance, a helper call per student: 10.6 ms;
-- - the members page hashed all 80,000 profiles to find its school's 800.

-- Section: profiles, set-based like memberships (20261216000100)

-- Same rule as private.shares_tenant: a person one shares an active school with, except that a
-- partner (sponsor) sees only the school's owners, admins, instructors and staff. The memberships
-- read here are the caller's to read under their own policy, which is this same rule.
alter policy "People read their own profile and those they share a tenant with" on public.profiles
  using (
    id = (select auth.uid())
    or exists (
      select 1 from public.memberships theirs
      where theirs.user_id = profiles.id
        and theirs.tenant_id = any ((select private.my_school_ids())::uuid[])
        and (theirs.role in ('owner', 'admin', 'instructor', 'staff')
             or theirs.tenant_id <> all ((select private.my_partner_school_ids())::uuid[])))
    or (select private.is_superadmin())
  );

-- Section: the school's week for its owners and admins, the role checked once

-- random_page_cost as for the members page below: the school's sessions' stays are found by
-- session, not by reading every school's.
create function private.school_week(tenant uuid, days int)
returns table (pending_invitations int, active_students_7d int, sessions_held_7d int, sessions_next_7d int)
language plpgsql stable security definer set search_path = '' set random_page_cost = 1.1 as $$
#variable_conflict use_column
declare
  since timestamptz := now() - make_interval(days => days);
begin
  if not private.has_role(tenant, private.admin_roles()) then
    return;
  end if;
  return query select
    (select count(*)::int from public.invitations i
      where i.tenant_id = tenant and i.accepted_at is null and i.expires_at >= now()),
    -- Per student, by the indexes on (tenant, user) and (user): `offset 0` keeps each `exists` a
    -- lookup, where the planner would hash every school's progress and stays to answer the `or`.
    (select count(*)::int from public.memberships m
      where m.tenant_id = tenant and m.role = 'student' and (
        exists (select 1 from public.lesson_progress p
          where p.tenant_id = tenant and p.user_id = m.user_id and p.last_read_at > since offset 0)
        or exists (select 1 from public.session_attendance a join public.tutoring_sessions s on s.id = a.session_id
          where a.user_id = m.user_id and s.tenant_id = tenant and greatest(a.joined_at, a.left_at) > since
          offset 0))),
    (select count(*)::int from public.tutoring_sessions s
      where s.tenant_id = tenant and s.status <> 'cancelled'
        and coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)) > since
        and coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)) <= now()),
    (select count(*)::int from public.tutoring_sessions s
      where s.tenant_id = tenant and s.status in ('scheduled', 'live')
        and s.starts_at > now() and s.starts_at <= now() + make_interval(days => days));
end $$;
comment on function private.school_week(uuid, int) is
  'The admin home''s week: invitations still open; students who read a lesson or were in a session room in the last `days`; sessions held in them and scheduled in the next `days`. One row for the school''s owners and admins, none for anyone else.';
revoke all on function private.school_week(uuid, int) from public, anon;
grant execute on function private.school_week(uuid, int) to authenticated, service_role;

-- Section: the members page looks its members up by id

-- The school's members are a small part of all profiles, and both tables are in memory: looking
-- each up by its primary key beats reading every profile. The default cost of a random read (4)
-- is a spinning disk's; 1.1 is the usual value for SSDs and memory, set here per function so
-- nothing else's plans change.
alter function public.search_members(uuid, text, public.tenant_role, int, int) set random_page_cost = 1.1;
