-- Times in emails name their time zone (issue 12). Notification emails already printed times on the
-- school's clock without saying which clock; the invitation email printed its expiry in UTC. Now
-- every time an email (and the bell, which shares the text) prints is on the school's clock
-- (`tenants.time_zone`, set on the school's settings page) with the zone named: "Sat 5 Dec 2026,
-- 14:30 Nairobi time (UTC+3)" / "Jumamosi 5 Desemba 2026, saa 14:30 kwa saa za Nairobi (UTC+3)".

-- Section: naming a time zone

create function private.zone_name(at timestamptz, time_zone text, locale text) returns text
language plpgsql stable set search_path = '' as $$
declare
  minutes int := (extract(epoch from (at at time zone time_zone) - (at at time zone 'UTC')) / 60)::int;
  city text := replace(regexp_replace(time_zone, '^.*/', ''), '_', ' ');
  utc text;
begin
  utc := 'UTC' || case when minutes < 0 then '-' else '+' end || (abs(minutes) / 60)::text
    || case when abs(minutes) % 60 <> 0 then ':' || lpad((abs(minutes) % 60)::text, 2, '0') else '' end;
  -- UTC itself, and zones that are only an offset (Etc/GMT-3), have no place to name.
  if minutes = 0 and city in ('UTC', 'UCT', 'GMT', 'Zulu', 'Universal', 'Greenwich') then
    return 'UTC';
  elsif time_zone like 'Etc/%' or position('/' in time_zone) = 0 then
    return utc;
  end if;
  return case when locale = 'sw' then 'kwa saa za ' || city || ' (' || utc || ')'
              else city || ' time (' || utc || ')' end;
end $$;
comment on function private.zone_name(timestamptz, text, text) is
  'The time zone a moment is shown in, as a reader names it, with its offset then: "Nairobi time (UTC+3)", "kwa saa za Nairobi (UTC+3)", "UTC".';
revoke all on function private.zone_name(timestamptz, text, text) from public, anon, authenticated;

create or replace function private.local_time(at timestamptz, time_zone text, locale text) returns text
language sql stable set search_path = '' as $$
  select case when locale = 'sw' then
    (array['Jumatatu', 'Jumanne', 'Jumatano', 'Alhamisi', 'Ijumaa', 'Jumamosi', 'Jumapili'])
      [extract(isodow from at at time zone time_zone)::int]
      || ' ' || to_char(at at time zone time_zone, 'FMDD') || ' '
      || (array['Januari', 'Februari', 'Machi', 'Aprili', 'Mei', 'Juni', 'Julai', 'Agosti', 'Septemba',
                'Oktoba', 'Novemba', 'Desemba'])[extract(month from at at time zone time_zone)::int]
      || to_char(at at time zone time_zone, ' YYYY, "saa" HH24:MI')
  else to_char(at at time zone time_zone, 'Dy FMDD Mon YYYY, HH24:MI') end
  || ' ' || private.zone_name(at, time_zone, locale)
$$;
comment on function private.local_time(timestamptz, text, text) is
  'A moment in a school''s time zone as people read it, the zone named: "Sat 5 Dec 2026, 14:30 Nairobi time (UTC+3)" or "Jumamosi 5 Desemba 2026, saa 14:30 kwa saa za Nairobi (UTC+3)".';

-- Section: the invitation email's expiry on the school's clock

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
  'Queues the email for a new invitation in the outbox, with its one-time link and its expiry on the school''s clock (zone named), in the invitee''s language (both, Kiswahili first, when unknown); only the tenant''s owners and admins may, and only with the invitation''s own token.';

-- Nothing prints a time in UTC any more.
drop function private.email_date(timestamptz, text);
