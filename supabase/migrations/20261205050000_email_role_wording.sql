-- Emails named the staff role "a staff" ("invited you … as a staff"): English says "a member of
-- staff". Same signature, so every email that names a role reads right.

create or replace function private.email_role(role public.tenant_role, locale text) returns text
language sql immutable set search_path = '' as $$
  select case when locale = 'sw' then
    case role when 'owner' then 'mmiliki' when 'admin' then 'msimamizi' when 'instructor' then 'mwalimu'
              when 'staff' then 'mhudumu' when 'student' then 'mwanafunzi' when 'parent' then 'mzazi' end
  else
    case role when 'owner' then 'an owner' when 'admin' then 'an admin' when 'instructor' then 'an instructor'
              when 'staff' then 'a member of staff' when 'student' then 'a student' when 'parent' then 'a parent' end
  end
$$;
comment on function private.email_role(public.tenant_role, text) is
  'A role as an email sentence names it: "an instructor", "a member of staff", or the Kiswahili word the web uses ("mwalimu").';
revoke all on function private.email_role(public.tenant_role, text) from public, anon, authenticated;
