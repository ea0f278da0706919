-- Contact privacy: people see the names of others in their school; emails (and any other contact
-- detail) only where their role needs them. A member's email reaches:
--   * the person themself;
--   * the owners and admins of a school they belong to;
--   * the school's support staff (owners, admins, staff: they all work every ticket of the
--     school) when the person opened a ticket there;
--   * platform super-admins.
-- Instructors, students and parents see names only (many of our members are children).
--
-- The rule lives here, not in the API: `profiles.email` is no longer readable by signed-in users
-- at all (column privileges), and every read of a contact goes through private.contact_email,
-- which answers null where the caller may not see it. Live payloads (NOTIFY) carry names only.

-- Section: shown names never fall back to the email

-- Queries show `profiles.display_name`; it is never blank while the account has an email, so no
-- query needs to read the email to name someone. Blanking one's name shows the email's local
-- part, as private.display_name always has.
create or replace function private.profile_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user = 'authenticated' and new.email is distinct from old.email then
    raise exception 'Your email is changed in your account settings; your profile copies it from there.'
      using errcode = '42501';
  end if;
  if btrim(new.display_name) = '' then
    new.display_name := left(split_part(new.email, '@', 1), 100);
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.profile_guard() is
  'Keeps a profile''s email in step with the account (users cannot show another address) and its name never blank.';

update public.profiles set display_name = left(split_part(email, '@', 1), 100)
where btrim(display_name) = '' and email <> '';

-- Section: who may see whose contact details

create function private.can_see_contact(tenant uuid, person uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select person is not null and (
    person = (select auth.uid())
    or (select private.is_superadmin())
    or (tenant is not null and (
      (private.has_role(tenant, private.admin_roles())
        and exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = person))
      or (private.has_role(tenant, private.support_roles())
        and exists (select 1 from public.tickets t where t.requester_id = person and t.tenant_id = tenant))
    ))
  )
$$;
comment on function private.can_see_contact(uuid, uuid) is
  'True when the caller may see the person''s contact details in the school: themself, the school''s owners and admins (for its members), its support staff (for people who opened a ticket there), platform super-admins.';

create function private.contact_email(tenant uuid, person uuid) returns text
language sql stable security definer set search_path = '' as $$
  select nullif(p.email, '') from public.profiles p
  where p.id = person and private.can_see_contact(tenant, person)
$$;
comment on function private.contact_email(uuid, uuid) is
  'The person''s email as the caller may see it in the school (private.can_see_contact), else null. The only way signed-in users read an email of a profile.';

revoke all on function private.can_see_contact(uuid, uuid), private.contact_email(uuid, uuid) from public, anon;
grant execute on function private.can_see_contact(uuid, uuid), private.contact_email(uuid, uuid)
  to authenticated, service_role;

-- Section: profiles — names for co-members, the email column for nobody

-- Row-level security decides whose profile a user sees (themself and co-members); it cannot hide
-- one column, so the email is left out of what signed-in users may select. Writes are unchanged:
-- the guard still refuses a changed email.
revoke select on public.profiles from authenticated;
grant select (id, display_name, created_at, updated_at) on public.profiles to authenticated;

comment on table public.profiles is
  'Public face of a user: the name people who share a tenant see. The email is read only through private.contact_email.';
comment on column public.profiles.email is
  'Copied from the account. Not selectable by signed-in users: read it through private.contact_email.';
