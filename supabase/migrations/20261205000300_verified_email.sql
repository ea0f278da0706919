-- Verified email for invitations (issue 9, defect 5). accept_invitation used to trust the `email`
-- claim of the caller's JWT. That claim is a copy of auth.users.email at the time the token was issued,
-- and says nothing about whether the address was ever proved: with sign-up confirmation off, the local
-- auth used to switch an account's email at once on request, so anyone could take an invited address and
-- join that school in the invited role. Now the caller's own auth.users row decides: its email must
-- be confirmed and equal to the invited one. (Email changes themselves now need links opened in both
-- inboxes before auth.users.email changes: see edge/auth/email-change.ts.)

-- Section: accept_invitation reads the verified email from auth.users

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

  -- The account as it is now, not as the token remembers it.
  select lower(coalesce(u.email, '')), u.email_confirmed_at is not null into my_email, confirmed
    from auth.users u where u.id = me and u.deleted_at is null;
  if not found then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501';
  end if;
  if inv.email <> my_email then
    raise exception 'This invitation was sent to %, but you are signed in as %.', inv.email, my_email
      using errcode = '42501';
  end if;
  if not confirmed then
    raise exception 'Confirm your email address % with the link we sent you before accepting this invitation.', my_email
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
comment on function public.accept_invitation(text) is
  'Accepts an invitation once, before it expires, for the account whose confirmed email (auth.users, not the JWT) is the invited one; an existing member is only ever promoted.';
revoke all on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;
