-- The platform console (issue 17, "Superadmin console"): a school's status (active / suspended,
-- since when, why), the superadmins' one read of every school with its plan, members by role and
-- usage this month, creating a school for someone (the school and an owner invitation), suspending
-- and reactivating it, and changing its plan by hand. Every console action is audited with what
-- was before and after.
--
-- A suspended school's data stays intact, but its members can neither read nor write it: the
-- membership helpers every policy calls (private.is_member, private.has_role and the few helpers
-- that read memberships themselves) answer false for a suspended school, except to superadmins.
-- Each probe adds one primary-key lookup of the school row to the membership probe it already
-- made. Members still learn why (public.my_school_status), and every member's realtime access is
-- re-checked at once (the 'access' signal) so their live topics and lesson sockets end.

-- Section: status

alter table public.tenants
  add column status text not null default 'active' check (status in ('active', 'suspended')),
  add column suspended_at timestamptz,
  add column suspension_reason text check (char_length(suspension_reason) <= 500),
  add constraint tenants_suspension_consistent
    check ((status = 'suspended') = (suspended_at is not null) and (status = 'suspended') = (suspension_reason is not null));
comment on column public.tenants.status is 'active, or suspended by a platform superadmin: members then cannot read or write the school''s data (it is kept).';
comment on column public.tenants.suspended_at is 'When the school was suspended; null while active.';
comment on column public.tenants.suspension_reason is 'Why the superadmin suspended the school (shown to its owners and admins); null while active.';
create index tenants_suspended_idx on public.tenants (suspended_at desc) where status = 'suspended';

create function private.tenant_status_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- Security invoker on purpose: the console's functions run as their definer, not as 'authenticated'.
  if current_user = 'authenticated' and (
    (tg_op = 'INSERT' and (new.status <> 'active' or new.suspended_at is not null or new.suspension_reason is not null))
    or (tg_op = 'UPDATE' and (new.status, new.suspended_at, new.suspension_reason)
                             is distinct from (old.status, old.suspended_at, old.suspension_reason))) then
    raise exception 'Only platform super-admins suspend or reactivate a school, from the console.'
      using errcode = '42501', hint = 'superadmins_only';
  end if;
  return new;
end $$;
comment on function private.tenant_status_guard() is 'Keeps a school''s status for the console''s functions: no member (not even its owner) sets it.';
create trigger tenants_status_guard before insert or update on public.tenants
  for each row execute function private.tenant_status_guard();

-- Section: membership helpers answer false for a suspended school

create or replace function private.is_member(tenant uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships m join public.tenants t on t.id = m.tenant_id
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
      and (t.status = 'active' or private.is_superadmin())
  );
end $$;
comment on function private.is_member(uuid) is 'True when the caller belongs to the tenant, in any role, and the tenant is not suspended (superadmins: suspended too).';

create or replace function private.has_role(tenant uuid, roles public.tenant_role[]) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships m join public.tenants t on t.id = m.tenant_id
    where m.tenant_id = tenant and m.user_id = (select auth.uid()) and m.role = any (roles)
      and (t.status = 'active' or private.is_superadmin())
  );
end $$;
comment on function private.has_role(uuid, public.tenant_role[]) is 'True when the caller is a member of the tenant with one of the roles, and the tenant is not suspended (superadmins: suspended too).';

create or replace function private.can_see_member(tenant uuid, person uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships mine join public.tenants t on t.id = mine.tenant_id
    where mine.tenant_id = tenant and mine.user_id = (select auth.uid())
      and (t.status = 'active' or private.is_superadmin())
      and (mine.role <> 'partner' or mine.user_id = person or exists (
        select 1 from public.memberships theirs
        where theirs.tenant_id = tenant and theirs.user_id = person
          and theirs.role in ('owner', 'admin', 'instructor', 'staff')))
  );
end $$;

create or replace function private.shares_tenant(other uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships mine
    join public.memberships theirs on theirs.tenant_id = mine.tenant_id
    join public.tenants t on t.id = mine.tenant_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other
      and (mine.role <> 'partner' or theirs.role in ('owner', 'admin', 'instructor', 'staff'))
      and (t.status = 'active' or private.is_superadmin())
  );
end $$;

create or replace function private.author_role(course uuid) returns public.author_role
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select a.role from public.course_authors a
    join public.courses c on c.id = a.course_id
    join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = a.user_id
    join public.tenants t on t.id = c.tenant_id
    where a.course_id = course and a.user_id = (select auth.uid())
    and m.role in ('owner', 'admin', 'instructor')
    and (t.status = 'active' or private.is_superadmin())
  );
end $$;

create or replace function private.is_requester(ticket uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.tickets k
    join public.memberships m on m.tenant_id = k.tenant_id and m.user_id = k.requester_id
    join public.tenants t on t.id = k.tenant_id
    where k.id = ticket and k.requester_id = (select auth.uid())
      and (t.status = 'active' or private.is_superadmin())
  );
end $$;

create or replace function private.is_guardian(tenant uuid, child uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.guardian_links g join public.tenants t on t.id = g.tenant_id
    where g.tenant_id = tenant and g.parent_id = (select auth.uid()) and g.student_id = child
      and (t.status = 'active' or private.is_superadmin())
  )
$$;

-- Section: what a member of a suspended school may still read

create function public.my_school_status(school_slug text)
returns table (id uuid, name text, slug text, status text, suspended_at timestamptz, suspension_reason text)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
begin
  return query
    select t.id, t.name, t.slug, t.status, t.suspended_at,
      case when private.is_superadmin() or m.role in ('owner', 'admin') then t.suspension_reason end
    from public.tenants t
    left join public.memberships m on m.tenant_id = t.id and m.user_id = me
    where t.slug = lower(school_slug) and (m.user_id is not null or private.is_superadmin());
end $$;
comment on function public.my_school_status(text) is 'A school''s status for its members (also while suspended, when its data is closed to them) and superadmins; the reason only for its owners, admins and superadmins. No row: not a member.';
revoke all on function public.my_school_status(text) from public, anon;
grant execute on function public.my_school_status(text) to authenticated, service_role;

-- Section: the console's read

create function private.require_superadmin() returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_superadmin() then
    raise exception 'Only platform super-admins can do that.' using errcode = '42501', hint = 'superadmins_only';
  end if;
end $$;
comment on function private.require_superadmin() is 'Raises 42501 (superadmins_only) unless the caller is a platform superadmin.';
revoke all on function private.require_superadmin() from public, anon;
grant execute on function private.require_superadmin() to authenticated, service_role;

-- One page of schools, newest first, each with its plan, members by role and usage this month. The
-- page is cut first (index on created_at), then each of its schools costs a handful of index
-- probes: memberships (tenant_id, role), ai_usage_daily's key, tutoring_sessions (tenant_id,
-- starts_at), storage.objects (bucket_id, path_tokens[1]).
create function public.admin_schools(q text default null, status_filter text default null, lim int default 50, off int default 0,
  school uuid default null)
returns table (
  id uuid, name text, slug text, time_zone text, created_at timestamptz,
  status text, suspended_at timestamptz, suspension_reason text,
  plan text, plan_status text, stripe_subscribed boolean,
  members_by_role jsonb, member_count int, owner_emails text[],
  ai_requests bigint, ai_tokens bigint, video_minutes bigint, storage_bytes bigint,
  total int
)
language plpgsql stable security definer set search_path = '' as $$
declare
  needle text := nullif(lower(btrim(q)), '');
begin
  perform private.require_superadmin();
  if status_filter is not null and status_filter not in ('active', 'suspended') then
    raise exception 'Unknown school status %.', status_filter using errcode = '22023';
  end if;
  return query
    with page as (
      select t.*, count(*) over ()::int as total_count
      from public.tenants t
      where (needle is null or strpos(lower(t.name), needle) > 0 or strpos(t.slug, needle) > 0)
        and (status_filter is null or t.status = status_filter)
        and (school is null or t.id = school)
      order by t.created_at desc, t.id
      limit least(greatest(lim, 1), 100) offset greatest(off, 0)
    )
    select p.id, p.name, p.slug, p.time_zone, p.created_at, p.status, p.suspended_at, p.suspension_reason,
      l.plan, l.status, e.stripe_subscription_id is not null,
      coalesce(r.by_role, '{}'::jsonb), coalesce(r.n, 0),
      array(select o.email from (
              select private.contact_email(m.tenant_id, m.user_id) as email from public.memberships m
              where m.tenant_id = p.id and m.role = 'owner') o
            where o.email is not null order by o.email),
      coalesce(ai.requests, 0), coalesce(ai.tokens, 0),
      (select coalesce(sum(s.duration_minutes), 0)::bigint from public.tutoring_sessions s
        where s.tenant_id = p.id and s.status <> 'cancelled'
          and s.starts_at >= date_trunc('month', now()) and s.starts_at <= now()),
      private.storage_used(p.id),
      p.total_count
    from page p
    cross join lateral private.school_limits(p.id) l
    left join public.school_entitlements e on e.tenant_id = p.id
    left join lateral (
      select jsonb_object_agg(x.role, x.n) as by_role, sum(x.n)::int as n
      from (select m.role, count(*)::int as n from public.memberships m where m.tenant_id = p.id group by m.role) x
    ) r on true
    left join lateral (
      select sum(u.requests)::bigint as requests, sum(u.tokens_in + u.tokens_out)::bigint as tokens
      from private.ai_school_day(p.id) d
      join public.ai_usage_daily u on u.tenant_id = p.id and u.day >= date_trunc('month', d.day)::date and u.day <= d.day
    ) ai on true
    order by p.created_at desc, p.id;
end $$;
comment on function public.admin_schools(text, text, int, int, uuid) is 'The platform console''s page of schools (superadmins): status, plan, members by role, owners, and this month''s AI requests and tokens, live tutoring minutes and storage bytes. q matches the name or address, school picks one; total counts every match.';
revoke all on function public.admin_schools(text, text, int, int, uuid) from public, anon;
grant execute on function public.admin_schools(text, text, int, int, uuid) to authenticated, service_role;

-- Section: creating a school for someone

-- The superadmin is not made a member: the school starts without one, with an owner invitation for
-- the email (the API stores only the token's hash and queues the email with
-- private.enqueue_invitation_email, which superadmins may now call too).
create function public.admin_create_school(school_name text, school_slug text, owner_email text, token_hash text)
returns table (tenant_id uuid, invitation_id uuid, expires_at timestamptz, created_at timestamptz)
language plpgsql security definer set search_path = '' as $$
declare
  tenant uuid;
  inv public.invitations;
begin
  perform private.require_superadmin();
  insert into public.tenants (name, slug, created_by) values (btrim(school_name), school_slug, null)
    returning id into tenant;
  insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
    values (tenant, lower(btrim(owner_email)), 'owner', token_hash, (select auth.uid()))
    returning * into inv;
  perform private.audit(tenant, 'school.created_for_owner', 'tenant', tenant::text,
    jsonb_build_object('before', null,
      'after', jsonb_build_object('name', btrim(school_name), 'slug', school_slug, 'status', 'active'),
      'owner_email', lower(btrim(owner_email)), 'invitation_id', inv.id));
  return query select tenant, inv.id, inv.expires_at, inv.created_at;
end $$;
comment on function public.admin_create_school(text, text, text, text) is 'A superadmin creates a school for someone: the school (no members yet) and an owner invitation for their email, audited.';
revoke all on function public.admin_create_school(text, text, text, text) from public, anon;
grant execute on function public.admin_create_school(text, text, text, text) to authenticated, service_role;

-- Section: suspending and reactivating

create function public.set_school_status(tenant uuid, new_status text, reason text)
returns table (status text, suspended_at timestamptz, suspension_reason text)
language plpgsql security definer set search_path = '' as $$
declare
  was public.tenants;
  now_row public.tenants;
  why text := btrim(coalesce(reason, ''));
begin
  perform private.require_superadmin();
  if new_status not in ('active', 'suspended') then
    raise exception 'Unknown school status %.', new_status using errcode = '22023';
  end if;
  if char_length(why) < 3 or char_length(why) > 500 then
    raise exception 'Give a reason of 3 to 500 characters.' using errcode = '22023', hint = 'reason_required';
  end if;
  select * into was from public.tenants t where t.id = tenant for no key update;
  if was.id is null then
    raise exception 'No such school.' using errcode = 'P0002', hint = 'school_not_found';
  end if;
  if was.status = new_status then
    raise exception 'This school is already %.', new_status
      using errcode = 'P0001', hint = 'school_status_unchanged', detail = jsonb_build_object('status', new_status)::text;
  end if;
  update public.tenants t set
    status = new_status,
    suspended_at = case when new_status = 'suspended' then now() end,
    suspension_reason = case when new_status = 'suspended' then why end
  where t.id = tenant
  returning * into now_row;
  perform private.audit(tenant, case when new_status = 'suspended' then 'school.suspended' else 'school.reactivated' end,
    'tenant', tenant::text, jsonb_build_object(
      'reason', why,
      'before', jsonb_build_object('status', was.status, 'suspended_at', was.suspended_at, 'suspension_reason', was.suspension_reason),
      'after', jsonb_build_object('status', now_row.status, 'suspended_at', now_row.suspended_at, 'suspension_reason', now_row.suspension_reason)));
  -- Every member's live access is re-checked now: their topics and lesson sockets end (or may reopen).
  perform private.access_changed(m.user_id, 'tenants') from public.memberships m where m.tenant_id = tenant;
  return query select now_row.status, now_row.suspended_at, now_row.suspension_reason;
end $$;
comment on function public.set_school_status(uuid, text, text) is 'A superadmin suspends (members lose access to the school''s data, which is kept) or reactivates a school, with a reason; audited before/after; every member''s realtime access is re-checked.';
revoke all on function public.set_school_status(uuid, text, text) from public, anon;
grant execute on function public.set_school_status(uuid, text, text) to authenticated, service_role;

-- Section: changing a plan by hand

-- The entitlements row is written as a subscription event would write it (the plan's limits,
-- status active), with source_event_at = now(): a Stripe event created before the change and
-- delivered late is ignored (private.apply_subscription keeps the newest), while the subscription's
-- next event replaces the manual plan. The audit entry records the Stripe subscription it overrode.
create function public.set_school_plan(tenant uuid, new_plan text, reason text)
returns table (plan text, status text, stripe_subscribed boolean)
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
  was record;
  e public.school_entitlements;
  why text := btrim(coalesce(reason, ''));
begin
  perform private.require_superadmin();
  if char_length(why) < 3 or char_length(why) > 500 then
    raise exception 'Give a reason of 3 to 500 characters.' using errcode = '22023', hint = 'reason_required';
  end if;
  select * into p from public.plans x where x.id = new_plan;
  if p.id is null then
    raise exception 'Unknown plan %.', new_plan using errcode = '22023', hint = 'unknown_plan';
  end if;
  perform 1 from public.tenants t where t.id = tenant for no key update;
  if not found then
    raise exception 'No such school.' using errcode = 'P0002', hint = 'school_not_found';
  end if;
  select l.plan, l.status, l.seats, l.ai_monthly_tokens, l.video_hours, l.storage_bytes into was
    from private.school_limits(tenant) l;
  insert into public.school_entitlements as x (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes,
    status, source_event_at)
  values (tenant, p.id, p.seats, p.ai_monthly_tokens, p.video_hours, p.storage_bytes, 'active', now())
  on conflict (tenant_id) do update set
    plan = excluded.plan, seats = excluded.seats, ai_monthly_tokens = excluded.ai_monthly_tokens,
    video_hours = excluded.video_hours, storage_bytes = excluded.storage_bytes, status = 'active',
    source_event_at = greatest(x.source_event_at, excluded.source_event_at)
  returning * into e;
  perform private.audit(tenant, 'plan.changed', 'tenant', tenant::text, jsonb_build_object(
    'source', 'superadmin', 'manual_override', true, 'reason', why,
    'stripe_subscription_id', e.stripe_subscription_id,
    'before', jsonb_build_object('plan', was.plan, 'status', was.status, 'seats', was.seats,
      'ai_monthly_tokens', was.ai_monthly_tokens, 'video_hours', was.video_hours, 'storage_bytes', was.storage_bytes),
    'after', jsonb_build_object('plan', e.plan, 'status', e.status, 'seats', e.seats,
      'ai_monthly_tokens', e.ai_monthly_tokens, 'video_hours', e.video_hours, 'storage_bytes', e.storage_bytes)));
  return query select e.plan, e.status, e.stripe_subscription_id is not null;
end $$;
comment on function public.set_school_plan(uuid, text, text) is 'A superadmin puts a school on a plan by hand (its limits, status active), with a reason; audited before/after as a manual override of any Stripe subscription, whose next event replaces it.';
revoke all on function public.set_school_plan(uuid, text, text) from public, anon;
grant execute on function public.set_school_plan(uuid, text, text) to authenticated, service_role;

-- Section: superadmins send the owner invitation of a school they create

-- As 20261205090000_email_time_zones.sql, except that superadmins may queue it too.
create or replace function private.enqueue_invitation_email(invitation_id uuid, token text, site_url text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  school text;
  zone text;
  inviter text;
  link text;
  locale text;
  subject_en text;
  subject_sw text;
  body_en text;
  body_sw text;
  email_id uuid;
begin
  select * into inv from public.invitations i where i.id = invitation_id;
  if not found or not (private.has_role(inv.tenant_id, private.admin_roles()) or private.is_superadmin()) then
    raise exception 'Only owners and admins of this school can send its invitations.'
      using errcode = '42501', hint = 'admins_only';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used.' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  -- The link must carry this invitation's own token: nobody can mail an arbitrary link.
  if inv.token_hash <> encode(sha256(convert_to(token, 'UTF8')), 'hex') then
    raise exception 'The token does not belong to this invitation.' using errcode = '22023';
  end if;
  if site_url !~ '^https?://[^\s/]+(/[^\s]*)?$' then
    raise exception 'The site URL is not an http(s) URL.' using errcode = '22023';
  end if;

  select t.name, t.time_zone into school, zone from public.tenants t where t.id = inv.tenant_id;
  select coalesce(nullif(p.display_name, ''), p.email) into inviter
    from public.profiles p where p.id = (select auth.uid());
  link := rtrim(site_url, '/') || '/invite/' || token;
  locale := private.email_locale(inv.email);

  subject_en := format('You''re invited to %s on Kipindi', school);
  body_en := format(
    E'Hello,\n\n%s invited you to join %s on Kipindi as %s.\n\n'
    'Accept the invitation:\n%s\n\n'
    'The link works once and expires on %s. Sign in or create your account with this '
    'email address (%s) to accept it.\n\n'
    'If you were not expecting this invitation, you can ignore this email.',
    coalesce(inviter, 'Someone'), school, private.email_role(inv.role, 'en'),
    link, private.local_time(inv.expires_at, zone, 'en'), inv.email
  );
  subject_sw := format('Umealikwa kujiunga na %s kwenye Kipindi', school);
  body_sw := format(
    E'Habari,\n\n%s amekualika ujiunge na %s kwenye Kipindi kama %s.\n\n'
    'Kubali mwaliko:\n%s\n\n'
    'Kiungo hiki kinatumika mara moja tu na muda wake unaisha %s. Ingia au fungua '
    'akaunti yako kwa anwani hii ya barua pepe (%s) ili uukubali.\n\n'
    'Ikiwa hukutarajia mwaliko huu, unaweza kupuuza barua pepe hii.',
    coalesce(inviter, 'Mtu fulani'), school, private.email_role(inv.role, 'sw'),
    link, private.local_time(inv.expires_at, zone, 'sw'), inv.email
  );

  insert into private.outbox_emails (to_email, subject, body_text, action_url, kind)
  values (
    inv.email,
    case locale when 'en' then subject_en when 'sw' then subject_sw
                else subject_sw || ' / ' || subject_en end,
    case locale when 'en' then body_en when 'sw' then body_sw
                else E'(English below)\n\n' || body_sw || E'\n\n—\n\n' || body_en end,
    link,
    'invite'
  )
  returning id into email_id;
  return email_id;
end $$;
comment on function private.enqueue_invitation_email(uuid, text, text) is
  'Queues the email for a new invitation in the outbox, with its one-time link and its expiry on the school''s clock (zone named), in the invitee''s language (both, Kiswahili first, when unknown); only the tenant''s owners and admins (and superadmins, who create schools for someone) may, and only with the invitation''s own token.';
