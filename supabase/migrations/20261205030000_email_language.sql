-- Email language and error codes (issue 11, "Reach"). Every email the platform writes is in the
-- recipient's language: the `locale` of their user metadata ('en' or 'sw'), which the web's sign-up
-- form and account page set. An address with no account (most invitations) or an account that never
-- chose gets both languages in one email, Kiswahili first, as the auth emails do
-- (edge/auth/templates.ts says why). Errors a person can meet carry a code in `hint` and the values
-- its message needs as JSON in `detail`; edge/lib/errors.ts turns them into
-- `{ code, message, details }`, and the codes are listed in edge/contract/error-codes.ts.

-- Section: the recipient's language

create function private.email_locale(address text) returns text
language sql stable security definer set search_path = '' as $$
  select case when u.raw_user_meta_data->>'locale' in ('en', 'sw') then u.raw_user_meta_data->>'locale' end
  from auth.users u
  where lower(u.email) = lower(address) and u.deleted_at is null
  limit 1
$$;
comment on function private.email_locale(text) is
  'The language (en or sw) the account with this address chose, or null when there is no such account or it never chose.';
revoke all on function private.email_locale(text) from public, anon, authenticated;

create function private.email_date(at timestamptz, locale text) returns text
language sql immutable set search_path = '' as $$
  select case when locale = 'sw' then
    to_char(at at time zone 'UTC', 'FMDD') || ' '
      || (array['Januari', 'Februari', 'Machi', 'Aprili', 'Mei', 'Juni', 'Julai', 'Agosti', 'Septemba',
                'Oktoba', 'Novemba', 'Desemba'])[extract(month from at at time zone 'UTC')::int]
      || to_char(at at time zone 'UTC', ' YYYY, "saa" HH24:MI')
  else to_char(at at time zone 'UTC', 'FMDD Mon YYYY, HH24:MI') end
$$;
comment on function private.email_date(timestamptz, text) is
  'A moment in UTC as an email writes it: "5 Dec 2026, 14:30" or "5 Desemba 2026, saa 14:30".';
revoke all on function private.email_date(timestamptz, text) from public, anon, authenticated;

create function private.email_role(role public.tenant_role, locale text) returns text
language sql immutable set search_path = '' as $$
  select case when locale = 'sw' then
    case role when 'owner' then 'mmiliki' when 'admin' then 'msimamizi' when 'instructor' then 'mwalimu'
              when 'staff' then 'mhudumu' when 'student' then 'mwanafunzi' when 'parent' then 'mzazi' end
  else (case when role::text ~ '^[aeiou]' then 'an ' else 'a ' end) || role::text end
$$;
comment on function private.email_role(public.tenant_role, text) is
  'A role as an email sentence names it: "an instructor", or the Kiswahili word the web uses ("mwalimu").';
revoke all on function private.email_role(public.tenant_role, text) from public, anon, authenticated;

-- Section: invitation email

create or replace function private.enqueue_invitation_email(invitation_id uuid, token text, site_url text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  school text;
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
  if not found or not private.has_role(inv.tenant_id, private.admin_roles()) then
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

  select t.name into school from public.tenants t where t.id = inv.tenant_id;
  select coalesce(nullif(p.display_name, ''), p.email) into inviter
    from public.profiles p where p.id = (select auth.uid());
  link := rtrim(site_url, '/') || '/invite/' || token;
  locale := private.email_locale(inv.email);

  subject_en := format('You''re invited to %s on Kipindi', school);
  body_en := format(
    E'Hello,\n\n%s invited you to join %s on Kipindi as %s.\n\n'
    'Accept the invitation:\n%s\n\n'
    'The link works once and expires on %s UTC. Sign in or create your account with this '
    'email address (%s) to accept it.\n\n'
    'If you were not expecting this invitation, you can ignore this email.',
    coalesce(inviter, 'Someone'), school, private.email_role(inv.role, 'en'),
    link, private.email_date(inv.expires_at, 'en'), inv.email
  );
  subject_sw := format('Umealikwa kujiunga na %s kwenye Kipindi', school);
  body_sw := format(
    E'Habari,\n\n%s amekualika ujiunge na %s kwenye Kipindi kama %s.\n\n'
    'Kubali mwaliko:\n%s\n\n'
    'Kiungo hiki kinatumika mara moja tu na muda wake unaisha tarehe %s (UTC). Ingia au fungua '
    'akaunti yako kwa anwani hii ya barua pepe (%s) ili uukubali.\n\n'
    'Ikiwa hukutarajia mwaliko huu, unaweza kupuuza barua pepe hii.',
    coalesce(inviter, 'Mtu fulani'), school, private.email_role(inv.role, 'sw'),
    link, private.email_date(inv.expires_at, 'sw'), inv.email
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
  'Queues the email for a new invitation in the outbox, with its one-time link, in the invitee''s language (both, Kiswahili first, when unknown); only the tenant''s owners and admins may, and only with the invitation''s own token.';

-- Section: accept_invitation names its refusals

create or replace function public.accept_invitation(token text)
returns table (tenant_id uuid, tenant_name text, tenant_slug text, role public.tenant_role)
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  me uuid := (select auth.uid());
  my_email text;
  confirmed boolean;
  existing public.tenant_role;
begin
  if me is null then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501', hint = 'sign_in_required';
  end if;
  select * into inv from public.invitations i
    where i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
    for update;
  if not found then
    raise exception 'This invitation link is not valid.' using errcode = 'P0002', hint = 'invitation_invalid';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used.' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  if inv.expires_at < now() then
    raise exception 'This invitation has expired. Ask the school for a new one.' using errcode = 'P0001', hint = 'invitation_expired';
  end if;

  -- The account as it is now, not as the token remembers it.
  select lower(coalesce(u.email, '')), u.email_confirmed_at is not null into my_email, confirmed
    from auth.users u where u.id = me and u.deleted_at is null;
  if not found then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if inv.email <> my_email then
    raise exception 'This invitation was sent to %, but you are signed in as %.', inv.email, my_email
      using errcode = '42501', hint = 'invitation_wrong_account',
            detail = jsonb_build_object('invited_email', inv.email, 'email', my_email)::text;
  end if;
  if not confirmed then
    raise exception 'Confirm your email address % with the link we sent you before accepting this invitation.', my_email
      using errcode = '42501', hint = 'invitation_email_unconfirmed',
            detail = jsonb_build_object('email', my_email)::text;
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

-- Section: owner rules name their refusals

create or replace function private.membership_guard() returns trigger
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
    raise exception 'Only an owner can make someone an owner.' using errcode = '42501', hint = 'owners_only';
  end if;

  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner' then
    if not caller_is_owner then
      raise exception 'Only an owner can change or remove another owner.' using errcode = '42501', hint = 'owners_only';
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

create or replace function private.invitation_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.role = 'owner' and current_user = 'authenticated'
     and not private.has_role(new.tenant_id, array['owner']::public.tenant_role[]) then
    raise exception 'Only an owner can invite another owner.' using errcode = '42501', hint = 'owners_only';
  end if;
  if current_user = 'authenticated' and (new.accepted_at is not null or new.accepted_by is not null) then
    raise exception 'A new invitation cannot already be accepted.' using errcode = '42501';
  end if;
  return new;
end $$;
