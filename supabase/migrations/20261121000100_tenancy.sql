-- Tenancy: schools (tenants), memberships with roles, invitations, profiles, audit log, and the
-- outbox of emails the platform sends. Security lives here, in row-level security.

-- Section: schemas and types

create schema if not exists private;
comment on schema private is 'Helpers for policies and internal tables; never exposed through the API.';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- RLS does not apply to TRUNCATE, and API roles have no use for TRIGGER or REFERENCES: tables
-- created in public from here on (this migration's and later ones) never grant them to anon or
-- authenticated. Each table then grants exactly the commands its policies cover.
alter default privileges in schema public revoke truncate, references, trigger on tables from anon, authenticated;

create type public.tenant_role as enum ('owner', 'admin', 'instructor', 'staff', 'student', 'parent');
comment on type public.tenant_role is 'A member''s role in a tenant, from most to least privileged.';

-- Section: profiles

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  display_name text not null default '' check (char_length(display_name) <= 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
comment on table public.profiles is 'Public face of a user (name, email) visible to people who share a tenant.';
create index profiles_email_idx on public.profiles (lower(email));

-- Section: tenants and memberships

create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 2 and 100),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{1,46})[a-z0-9]$'),
  time_zone text not null default 'Africa/Nairobi',
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.tenants enable row level security;
comment on table public.tenants is 'A school or organisation: the unit of isolation for all data.';
create index tenants_created_by_idx on public.tenants (created_by);
create index tenants_created_at_idx on public.tenants (created_at desc);
create index tenants_name_search_idx on public.tenants (lower(name) text_pattern_ops);

create table public.memberships (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.tenant_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
alter table public.memberships enable row level security;
comment on table public.memberships is 'Who belongs to which tenant, with which role.';
create index memberships_user_id_idx on public.memberships (user_id);
create index memberships_tenant_role_idx on public.memberships (tenant_id, role);

-- Section: policy helpers (security definer, empty search_path, not exposed)

create function private.is_superadmin() returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'platform_role' = 'superadmin', false)
$$;
comment on function private.is_superadmin() is 'True when the JWT''s app_metadata marks a platform super-admin (only the service role can set it).';

create function private.has_role(tenant uuid, roles public.tenant_role[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = tenant and m.user_id = (select auth.uid()) and m.role = any (roles)
  )
$$;
comment on function private.has_role(uuid, public.tenant_role[]) is 'True when the caller is a member of the tenant with one of the roles.';

create function private.is_member(tenant uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = (select auth.uid())
  )
$$;
comment on function private.is_member(uuid) is 'True when the caller belongs to the tenant, in any role.';

create function private.shares_tenant(other uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships mine
    join public.memberships theirs on theirs.tenant_id = mine.tenant_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other
  )
$$;
comment on function private.shares_tenant(uuid) is 'True when the caller and the other user belong to a common tenant.';

create function private.admin_roles() returns public.tenant_role[]
language sql immutable set search_path = '' as $$
  select array['owner', 'admin']::public.tenant_role[]
$$;
comment on function private.admin_roles() is 'Roles that administer a tenant.';

create function private.session_is_live(sid uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from auth.sessions s
    where s.id = sid and s.user_id = (select auth.uid()) and (s.not_after is null or s.not_after > now())
  )
$$;
comment on function private.session_is_live(uuid) is 'True while the caller''s auth session exists: a signed-out token is refused even before it expires.';
revoke all on function private.session_is_live(uuid) from public, anon;
grant execute on function private.session_is_live(uuid) to authenticated, service_role;

revoke all on function private.is_superadmin(), private.has_role(uuid, public.tenant_role[]),
  private.is_member(uuid), private.shares_tenant(uuid), private.admin_roles() from public, anon;
grant execute on function private.is_superadmin(), private.has_role(uuid, public.tenant_role[]),
  private.is_member(uuid), private.shares_tenant(uuid), private.admin_roles() to authenticated, service_role;

-- Section: audit log (append-only)

create table public.audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid references public.tenants (id) on delete set null,
  actor_id uuid,
  action text not null,
  target_type text not null,
  target_id text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
alter table public.audit_log enable row level security;
comment on table public.audit_log is 'Append-only record of admin actions and sensitive changes. Nobody updates or deletes it.';
create index audit_log_tenant_created_idx on public.audit_log (tenant_id, created_at desc);

create function private.audit(tenant uuid, action text, target_type text, target_id text, details jsonb)
returns void language sql security definer set search_path = '' as $$
  insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details)
  values (tenant, (select auth.uid()), action, target_type, target_id, coalesce(details, '{}'))
$$;
comment on function private.audit(uuid, text, text, text, jsonb) is 'Appends one audit entry as the current user.';
revoke all on function private.audit(uuid, text, text, text, jsonb) from public, anon, authenticated;

create policy "Admins read their tenant's audit log" on public.audit_log
  for select to authenticated
  using (private.has_role(tenant_id, private.admin_roles()) or (select private.is_superadmin()));
create policy "Nobody inserts audit entries directly" on public.audit_log
  for insert to authenticated with check (false);
create policy "Nobody updates audit entries" on public.audit_log
  for update to authenticated using (false) with check (false);
create policy "Nobody deletes audit entries" on public.audit_log
  for delete to authenticated using (false);
revoke update, delete, truncate on public.audit_log from anon, authenticated, service_role;

-- Section: invitations

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  role public.tenant_role not null,
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null default auth.uid(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
alter table public.invitations enable row level security;
comment on table public.invitations is 'Single-use, expiring invitations to join a tenant with a role. Only the token hash is stored.';
create index invitations_tenant_id_idx on public.invitations (tenant_id, created_at desc);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);
create unique index invitations_one_open_per_email on public.invitations (tenant_id, email) where accepted_at is null;

-- Section: email outbox (the local mailbox page reads it; a mailer would drain it in production)

create table private.outbox_emails (
  id uuid primary key default gen_random_uuid(),
  to_email text not null,
  subject text not null,
  body_text text not null,
  action_url text,
  kind text not null check (kind in ('signup', 'recovery', 'invite', 'email_change', 'notification')),
  created_at timestamptz not null default now()
);
alter table private.outbox_emails enable row level security;
comment on table private.outbox_emails is 'Every email the platform sends, in order. Only the service role reads or writes it.';
create index outbox_emails_created_idx on private.outbox_emails (created_at desc);
create index outbox_emails_to_idx on private.outbox_emails (lower(to_email));
create policy "Only the service role reads the outbox" on private.outbox_emails
  for select to authenticated using (false);
create policy "Only the service role writes the outbox" on private.outbox_emails
  for insert to authenticated with check (false);
create policy "Nobody updates outbox emails" on private.outbox_emails
  for update to authenticated using (false) with check (false);
create policy "Nobody deletes outbox emails" on private.outbox_emails
  for delete to authenticated using (false);

-- Section: policies — profiles

create policy "People read their own profile and those they share a tenant with" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or private.shares_tenant(id) or (select private.is_superadmin()));
create policy "Profiles are created by the sign-up trigger only" on public.profiles
  for insert to authenticated with check (false);
create policy "People update their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy "Profiles are deleted with their user only" on public.profiles
  for delete to authenticated using (false);

-- Section: policies — tenants

-- The creator also reads the row in the transaction that creates it: INSERT ... RETURNING checks
-- this policy before the after-insert trigger has made them owner. Later, only membership counts.
create policy "Members and superadmins read tenants" on public.tenants
  for select to authenticated
  using (
    private.is_member(id) or (select private.is_superadmin())
    or (created_by = (select auth.uid()) and created_at = now())
  );
create policy "Signed-in people create tenants they own" on public.tenants
  for insert to authenticated with check (created_by = (select auth.uid()));
create policy "Admins update their tenant" on public.tenants
  for update to authenticated
  using (private.has_role(id, private.admin_roles()))
  with check (private.has_role(id, private.admin_roles()));
create policy "Owners delete their tenant" on public.tenants
  for delete to authenticated using (private.has_role(id, array['owner']::public.tenant_role[]));

-- Section: policies — memberships

create policy "Members read their tenant's memberships" on public.memberships
  for select to authenticated
  using (user_id = (select auth.uid()) or private.is_member(tenant_id) or (select private.is_superadmin()));
create policy "Admins add members" on public.memberships
  for insert to authenticated with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins change members' roles" on public.memberships
  for update to authenticated
  using (private.has_role(tenant_id, private.admin_roles()))
  with check (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins remove members and members leave" on public.memberships
  for delete to authenticated
  using (private.has_role(tenant_id, private.admin_roles()) or user_id = (select auth.uid()));

-- Section: policies — invitations

create policy "Admins read their tenant's invitations" on public.invitations
  for select to authenticated using (private.has_role(tenant_id, private.admin_roles()));
create policy "Admins invite people" on public.invitations
  for insert to authenticated
  with check (private.has_role(tenant_id, private.admin_roles()) and invited_by = (select auth.uid()));
create policy "Invitations change only by being accepted" on public.invitations
  for update to authenticated using (false) with check (false);
create policy "Admins revoke invitations" on public.invitations
  for delete to authenticated using (private.has_role(tenant_id, private.admin_roles()));

-- Section: triggers — profiles follow auth.users

create function private.sync_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, email, display_name)
  values (
    new.id,
    coalesce(new.email, ''),
    left(coalesce(new.raw_user_meta_data ->> 'display_name', new.raw_user_meta_data ->> 'full_name', split_part(coalesce(new.email, ''), '@', 1)), 100)
  )
  on conflict (id) do update
    set email = excluded.email,
        display_name = case when public.profiles.display_name = '' then excluded.display_name else public.profiles.display_name end,
        updated_at = now();
  return new;
end $$;
comment on function private.sync_profile() is 'Creates or refreshes a profile when an auth user is created or their email changes.';

create trigger on_auth_user_saved
  after insert or update of email on auth.users
  for each row execute function private.sync_profile();

create function private.profile_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user = 'authenticated' and new.email is distinct from old.email then
    raise exception 'Your email is changed in your account settings; your profile copies it from there.'
      using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.profile_guard() is 'Keeps a profile''s email in step with the account: users cannot show another address to co-members.';
create trigger profiles_guard before update on public.profiles
  for each row execute function private.profile_guard();

-- Section: triggers — tenants

create function private.tenant_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.created_by is distinct from old.created_by then
    raise exception 'The creator of a school cannot be changed.' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.tenant_guard() is 'Keeps columns that identify a tenant''s origin immutable.';
create trigger tenants_guard before update on public.tenants
  for each row execute function private.tenant_guard();

create function private.tenant_add_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.created_by is not null then
    insert into public.memberships (tenant_id, user_id, role) values (new.id, new.created_by, 'owner');
  end if;
  perform private.audit(new.id, 'tenant.created', 'tenant', new.id::text, jsonb_build_object('name', new.name, 'slug', new.slug));
  return new;
end $$;
comment on function private.tenant_add_owner() is 'Makes the creator of a tenant its first owner.';
create trigger tenants_add_owner after insert on public.tenants
  for each row execute function private.tenant_add_owner();

create function private.tenant_audit_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.audit(null, 'tenant.deleted', 'tenant', old.id::text, jsonb_build_object('name', old.name, 'slug', old.slug));
  return null;
end $$;
comment on function private.tenant_audit_delete() is 'Records a deleted tenant; the entry has no tenant (it is gone), so superadmins read it.';
create trigger tenants_audit_delete after delete on public.tenants
  for each row execute function private.tenant_audit_delete();

-- Section: triggers — memberships

create function private.membership_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  owners int;
  caller_is_owner boolean;
begin
  -- Security invoker on purpose: trusted paths (service role, the tenant-creation trigger,
  -- accept_invitation) run as the definer, not as 'authenticated', and are checked there.
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  caller_is_owner := private.has_role(coalesce(new.tenant_id, old.tenant_id), array['owner']::public.tenant_role[]);

  if tg_op = 'UPDATE' then
    if new.tenant_id <> old.tenant_id or new.user_id <> old.user_id then
      raise exception 'A membership cannot move to another tenant or user.' using errcode = '42501';
    end if;
    new.updated_at := now();
  end if;

  if tg_op in ('INSERT', 'UPDATE') and new.role = 'owner' and not caller_is_owner
     and (tg_op = 'INSERT' or old.role <> 'owner') then
    raise exception 'Only an owner can make someone an owner.' using errcode = '42501';
  end if;

  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner' then
    if not caller_is_owner then
      raise exception 'Only an owner can change or remove another owner.' using errcode = '42501';
    end if;
    if tg_op = 'DELETE' or new.role <> 'owner' then
      -- One owner change per tenant at a time: two owners demoting each other concurrently would
      -- otherwise each count the other and leave the school with none.
      perform 1 from public.tenants t where t.id = old.tenant_id for no key update;
      select count(*) into owners from public.memberships
        where tenant_id = old.tenant_id and role = 'owner';
      if owners <= 1 then
        raise exception 'A school must keep at least one owner: make someone else an owner first.'
          using errcode = 'P0001', hint = 'last_owner';
      end if;
    end if;
  end if;
  return coalesce(new, old);
end $$;
comment on function private.membership_guard() is 'Enforces owner rules: only owners grant or change ownership; the last owner stays.';
create trigger memberships_guard before insert or update or delete on public.memberships
  for each row execute function private.membership_guard();

create function private.membership_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.tenants t where t.id = old.tenant_id) then
    return null; -- the tenant itself is being deleted: its tenant.deleted entry records that
  end if;
  if tg_op = 'INSERT' then
    perform private.audit(new.tenant_id, 'member.added', 'user', new.user_id::text, jsonb_build_object('role', new.role));
  elsif tg_op = 'UPDATE' and new.role <> old.role then
    perform private.audit(new.tenant_id, 'member.role_changed', 'user', new.user_id::text,
      jsonb_build_object('from', old.role, 'to', new.role));
  elsif tg_op = 'DELETE' then
    perform private.audit(old.tenant_id, 'member.removed', 'user', old.user_id::text, jsonb_build_object('role', old.role));
  end if;
  return null;
end $$;
comment on function private.membership_audit() is 'Records membership changes in the audit log.';
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.membership_audit();

-- Section: invitations — audit and acceptance

create function private.invitation_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform private.audit(new.tenant_id, 'invitation.created', 'invitation', new.id::text,
      jsonb_build_object('email', new.email, 'role', new.role));
  elsif tg_op = 'DELETE' and old.accepted_at is null
        and exists (select 1 from public.tenants t where t.id = old.tenant_id) then
    perform private.audit(old.tenant_id, 'invitation.revoked', 'invitation', old.id::text,
      jsonb_build_object('email', old.email));
  end if;
  return null;
end $$;
comment on function private.invitation_audit() is 'Records invitations sent and revoked in the audit log.';
create trigger invitations_audit after insert or delete on public.invitations
  for each row execute function private.invitation_audit();

create function private.invitation_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.role = 'owner' and current_user = 'authenticated'
     and not private.has_role(new.tenant_id, array['owner']::public.tenant_role[]) then
    raise exception 'Only an owner can invite another owner.' using errcode = '42501';
  end if;
  if current_user = 'authenticated' and (new.accepted_at is not null or new.accepted_by is not null) then
    raise exception 'A new invitation cannot already be accepted.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.invitation_guard() is 'Only owners may invite owners; an invitation is accepted only through accept_invitation.';
create trigger invitations_guard before insert on public.invitations
  for each row execute function private.invitation_guard();

create function public.accept_invitation(token text)
returns table (tenant_id uuid, tenant_name text, tenant_slug text, role public.tenant_role)
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  me uuid := (select auth.uid());
  my_email text := lower(coalesce((select auth.jwt()) ->> 'email', ''));
  existing public.tenant_role;
begin
  if me is null then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501';
  end if;
  select * into inv from public.invitations i
    where i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
    for update;
  if not found then
    raise exception 'This invitation link is not valid.' using errcode = 'P0002';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used.' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  if inv.expires_at < now() then
    raise exception 'This invitation has expired. Ask the school for a new one.' using errcode = 'P0001', hint = 'invitation_expired';
  end if;
  if inv.email <> my_email then
    raise exception 'This invitation was sent to %, but you are signed in as %.', inv.email, my_email
      using errcode = '42501';
  end if;

  select m.role into existing from public.memberships m where m.tenant_id = inv.tenant_id and m.user_id = me;
  if existing is null then
    insert into public.memberships (tenant_id, user_id, role) values (inv.tenant_id, me, inv.role);
  elsif inv.role < existing then -- the enum runs from most to least privileged: never demote
    update public.memberships m set role = inv.role where m.tenant_id = inv.tenant_id and m.user_id = me;
  end if;
  update public.invitations i set accepted_at = now(), accepted_by = me where i.id = inv.id;
  perform private.audit(inv.tenant_id, 'invitation.accepted', 'invitation', inv.id::text,
    jsonb_build_object('email', inv.email, 'role', inv.role));

  return query
    select t.id, t.name, t.slug, m.role from public.tenants t
    join public.memberships m on m.tenant_id = t.id and m.user_id = me
    where t.id = inv.tenant_id;
end $$;
comment on function public.accept_invitation(text) is 'Accepts an invitation once, before it expires, for the email it was sent to; an existing member is only ever promoted.';
revoke all on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;

-- Section: grants

revoke all on public.tenants, public.memberships, public.invitations, public.profiles, public.audit_log
  from anon, authenticated;
grant select, insert, update, delete on public.tenants, public.memberships, public.invitations to authenticated;
grant select, update on public.profiles to authenticated;
grant select on public.audit_log to authenticated;
grant all on all tables in schema private to service_role;
