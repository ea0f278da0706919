-- API support: the invitation email (queued in the outbox in the same transaction as the
-- invitation), the invitation preview the invite page shows before sign-in, and audit entries
-- for changes to a school's settings. Used by the `api` edge function.

-- Section: invitation email

create function private.enqueue_invitation_email(invitation_id uuid, token text, site_url text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  school text;
  inviter text;
  link text;
  email_id uuid;
begin
  select * into inv from public.invitations i where i.id = invitation_id;
  if not found or not private.has_role(inv.tenant_id, private.admin_roles()) then
    raise exception 'Only owners and admins of this school can send its invitations.' using errcode = '42501';
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

  insert into private.outbox_emails (to_email, subject, body_text, action_url, kind)
  values (
    inv.email,
    format('You''re invited to %s on Kipindi', school),
    format(
      E'Hello,\n\n%s invited you to join %s on Kipindi as %s %s.\n\n'
      'Accept the invitation:\n%s\n\n'
      'The link works once and expires on %s UTC. Sign in or create your account with this '
      'email address (%s) to accept it.\n\n'
      'If you were not expecting this invitation, you can ignore this email.',
      coalesce(inviter, 'Someone'), school,
      case when inv.role::text ~ '^[aeiou]' then 'an' else 'a' end, inv.role,
      link, to_char(inv.expires_at at time zone 'UTC', 'FMDD Mon YYYY, HH24:MI'), inv.email
    ),
    link,
    'invite'
  )
  returning id into email_id;
  return email_id;
end $$;
comment on function private.enqueue_invitation_email(uuid, text, text) is
  'Queues the email for a new invitation in the outbox, with its one-time link; only the tenant''s owners and admins may, and only with the invitation''s own token.';
revoke all on function private.enqueue_invitation_email(uuid, text, text) from public, anon;
grant execute on function private.enqueue_invitation_email(uuid, text, text) to authenticated;

-- Section: invitation preview (before sign-in)

create function public.invitation_preview(token text)
returns table (
  tenant_name text,
  tenant_slug text,
  email text,
  role public.tenant_role,
  inviter_name text,
  status text,
  expires_at timestamptz
)
language sql stable security definer set search_path = '' as $$
  select t.name, t.slug, i.email, i.role,
         coalesce(nullif(p.display_name, ''), p.email),
         case when i.accepted_at is not null then 'accepted'
              when i.expires_at < now() then 'expired'
              else 'pending' end,
         i.expires_at
  from public.invitations i
  join public.tenants t on t.id = i.tenant_id
  left join public.profiles p on p.id = i.invited_by
  where i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
$$;
comment on function public.invitation_preview(text) is
  'What an invitation link is for (school, role, email, inviter, status); reveals nothing without the token.';
revoke all on function public.invitation_preview(text) from public;
grant execute on function public.invitation_preview(text) to anon, authenticated;

-- Section: audit of school settings

create function private.tenant_audit_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  changes jsonb := '{}';
begin
  if new.name is distinct from old.name then
    changes := changes || jsonb_build_object('name', jsonb_build_object('from', old.name, 'to', new.name));
  end if;
  if new.slug is distinct from old.slug then
    changes := changes || jsonb_build_object('slug', jsonb_build_object('from', old.slug, 'to', new.slug));
  end if;
  if new.time_zone is distinct from old.time_zone then
    changes := changes || jsonb_build_object('time_zone', jsonb_build_object('from', old.time_zone, 'to', new.time_zone));
  end if;
  if changes <> '{}' then
    perform private.audit(new.id, 'tenant.updated', 'tenant', new.id::text, changes);
  end if;
  return null;
end $$;
comment on function private.tenant_audit_update() is 'Records changes to a school''s name, address and time zone in the audit log.';
create trigger tenants_audit_update after update on public.tenants
  for each row execute function private.tenant_audit_update();
