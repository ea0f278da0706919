-- Notifications for everything that matters (issue 12): sessions booked, cancelled, rescheduled and
-- about to start, lessons published, roles changed, invitations accepted, besides the support desk's
-- four kinds. Each person chooses per kind whether it reaches the bell, their inbox, both or
-- neither (public.notification_settings); without a choice, private.notification_defaults() decides
-- — the SQL twin of NOTIFICATION_DEFAULTS in edge/contract/notification-values.ts, which a test
-- compares. Every notification goes through private.notify: never to the person who caused the
-- event, never to someone who can no longer see what it is about, in the recipient's language
-- (both, Kiswahili first, in an email to an account that never chose), with times in the school's
-- time zone. Reminders before a session are sent by private.run_reminders, exactly once per
-- (session, person, minutes, start time).

-- Section: kinds and their defaults

create function private.notification_defaults() returns table (ord int, kind text, in_app boolean, email boolean)
language sql immutable set search_path = '' as $$
  select d.ord, d.kind, d.in_app, d.email from (values
    (1, 'ticket_message', true, true),
    (2, 'ticket_assigned', true, true),
    (3, 'sla_warning', true, false),
    (4, 'sla_breach', true, false),
    (5, 'session_booked', true, false),
    (6, 'session_cancelled', true, true),
    (7, 'session_rescheduled', true, true),
    (8, 'session_reminder', true, true),
    (9, 'lesson_published', true, false),
    (10, 'role_changed', true, true),
    (11, 'invitation_accepted', true, true)
  ) as d(ord, kind, in_app, email)
$$;
comment on function private.notification_defaults() is
  'Every notification kind in the settings page''s order, with where it goes when the person never chose (NOTIFICATION_DEFAULTS of edge/contract/notification-values.ts).';
revoke all on function private.notification_defaults() from public, anon;
grant execute on function private.notification_defaults() to authenticated, service_role;

create function private.notification_kinds() returns text[]
language sql immutable set search_path = '' as $$
  select array_agg(d.kind order by d.ord) from private.notification_defaults() d
$$;
comment on function private.notification_kinds() is 'Every notification kind (NOTIFICATION_KINDS), in order.';
revoke all on function private.notification_kinds() from public, anon;
grant execute on function private.notification_kinds() to authenticated, service_role;

create function private.reminder_minutes() returns int[]
language sql immutable set search_path = '' as $$ select array[60, 10] $$;
comment on function private.reminder_minutes() is 'Minutes before a session''s start when its people are reminded (REMINDER_MINUTES).';
revoke all on function private.reminder_minutes() from public, anon, authenticated;

-- Section: notifications about sessions and lessons

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notifications
  add column session_id uuid references public.tutoring_sessions (id) on delete cascade,
  add column lesson_id uuid references public.lessons (id) on delete cascade;
comment on column public.notifications.session_id is 'The tutoring session it is about, if any (its link opens the session).';
comment on column public.notifications.lesson_id is 'The lesson it is about, if any (its link opens the lesson).';
create index notifications_session_idx on public.notifications (session_id);
create index notifications_lesson_idx on public.notifications (lesson_id);

-- What is already in the bell about a lesson leaves it when its reader loses the course (unenrolled),
-- as ticket notifications do when their ticket is out of reach. Sessions are seen by every member
-- of their school, which the tenant condition already asks.
drop policy "People see their own notifications about what they may still see" on public.notifications;
create policy "People see their own notifications about what they may still see" on public.notifications
  for select to authenticated using (
    user_id = (select auth.uid())
    and (tenant_id is null or private.is_member(tenant_id))
    and (ticket_id is null or public.ticket_access(ticket_id) in ('staff', 'requester'))
    and (lesson_id is null or private.can_see_outline(private.lesson_course(lesson_id)))
  );

-- Section: settings

create table public.notification_settings (
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  kind text not null check (kind = any (private.notification_kinds())),
  in_app boolean not null,
  email boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);
alter table public.notification_settings enable row level security;
comment on table public.notification_settings is 'Where each kind of notification reaches a person (bell, email); a kind without a row follows private.notification_defaults().';
create trigger notification_settings_touch before update on public.notification_settings
  for each row execute function private.touch_updated_at();

create policy "People see their own notification settings" on public.notification_settings
  for select to authenticated using (user_id = (select auth.uid()));
create policy "People add their own notification settings" on public.notification_settings
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "People change their own notification settings" on public.notification_settings
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "People remove their own notification settings" on public.notification_settings
  for delete to authenticated using (user_id = (select auth.uid()));

revoke all on public.notification_settings from anon, authenticated;
grant select, insert, update, delete on public.notification_settings to authenticated;

-- Section: wording helpers

create function private.local_time(at timestamptz, time_zone text, locale text) returns text
language sql stable set search_path = '' as $$
  select case when locale = 'sw' then
    (array['Jumatatu', 'Jumanne', 'Jumatano', 'Alhamisi', 'Ijumaa', 'Jumamosi', 'Jumapili'])
      [extract(isodow from at at time zone time_zone)::int]
      || ' ' || to_char(at at time zone time_zone, 'FMDD') || ' '
      || (array['Januari', 'Februari', 'Machi', 'Aprili', 'Mei', 'Juni', 'Julai', 'Agosti', 'Septemba',
                'Oktoba', 'Novemba', 'Desemba'])[extract(month from at at time zone time_zone)::int]
      || to_char(at at time zone time_zone, ' YYYY, "saa" HH24:MI')
  else to_char(at at time zone time_zone, 'Dy FMDD Mon YYYY, HH24:MI') end
$$;
comment on function private.local_time(timestamptz, text, text) is
  'A moment in a school''s time zone as people read it: "Sat 5 Dec 2026, 14:30" or "Jumamosi 5 Desemba 2026, saa 14:30".';
revoke all on function private.local_time(timestamptz, text, text) from public, anon, authenticated;

-- The web app's public address for links in emails: the transaction's or the database's
-- `kipindi.site_url` (the reminder job sets it; `alter database … set kipindi.site_url` on a host
-- whose web app is not at the Supabase URL), else the origin of the caller's token issuer (local
-- mode serves everything from one origin).
create function private.app_url() returns text
language plpgsql stable set search_path = '' as $$
declare
  url text := nullif(current_setting('kipindi.site_url', true), '');
begin
  if url is null then
    url := regexp_replace(nullif(current_setting('request.jwt.claims', true), '')::jsonb->>'iss', '/auth/v1/?$', '');
  end if;
  if url is null or url !~ '^https?://[^\s/]+(/[^\s]*)?$' then return null; end if;
  return rtrim(url, '/');
end $$;
comment on function private.app_url() is 'The web app''s public URL for links in emails (kipindi.site_url, else the token issuer''s origin), or null when unknown.';
revoke all on function private.app_url() from public, anon, authenticated;

-- Section: who may still see what a notification is about

create function private.may_see_session(person uuid, session uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.tutoring_sessions s
    join public.memberships m on m.tenant_id = s.tenant_id and m.user_id = person
    where s.id = session
      and (s.instructor_id = person or m.role = any (private.support_roles())
           or exists (select 1 from public.session_bookings b where b.session_id = s.id and b.user_id = person))
  );
end $$;
comment on function private.may_see_session(uuid, uuid) is 'True when the person is in the session''s school and is its tutor, holds a seat, or is its staff.';
revoke all on function private.may_see_session(uuid, uuid) from public, anon, authenticated;

create function private.may_see_lesson(person uuid, lesson uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.lessons l
    join public.courses c on c.id = l.course_id
    join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = person
    where l.id = lesson
      and (m.role = any (private.admin_roles() || private.teaching_roles() || private.support_roles())
           or exists (select 1 from public.enrolments e where e.course_id = c.id and e.user_id = person))
  );
end $$;
comment on function private.may_see_lesson(uuid, uuid) is 'True when the person is in the lesson''s school and teaches or staffs there, or is enrolled in its course.';
revoke all on function private.may_see_lesson(uuid, uuid) from public, anon, authenticated;

-- Section: one way to notify

create function private.notify(
  person uuid, tenant uuid, what text,
  title_en text, body_en text, title_sw text, body_sw text, link text,
  ticket uuid default null, session uuid default null, lesson uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  want_app boolean;
  want_email boolean;
  address text;
  locale text;
  base text;
  url text;
  mail_en text;
  mail_sw text;
begin
  if person is null then return; end if;
  -- Never the person who caused it.
  if person = (select auth.uid()) then return; end if;
  -- Nothing goes to someone who can no longer see what it is about (removed, demoted, unbooked).
  if tenant is not null and not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = person) then
    return;
  end if;
  if ticket is not null and not private.may_see_ticket(person, ticket) then return; end if;
  if session is not null and not private.may_see_session(person, session) then return; end if;
  if lesson is not null and not private.may_see_lesson(person, lesson) then return; end if;

  select coalesce(s.in_app, d.in_app), coalesce(s.email, d.email) into want_app, want_email
  from private.notification_defaults() d
  left join public.notification_settings s on s.user_id = person and s.kind = d.kind
  where d.kind = what;
  if not found then
    raise exception 'Unknown notification kind %.', what using errcode = '22023';
  end if;
  select u.email into address from auth.users u where u.id = person and u.deleted_at is null;
  if not found then return; end if;
  locale := private.email_locale(address);

  if want_app then
    insert into public.notifications (user_id, tenant_id, kind, title, body, link, ticket_id, session_id, lesson_id)
    values (person, tenant, what,
            left(case when locale = 'sw' then title_sw else title_en end, 200),
            left(coalesce(case when locale = 'sw' then body_sw else body_en end, ''), 500),
            left(coalesce(link, ''), 500), ticket, session, lesson);
  end if;

  if want_email and address is not null and address <> '' then
    base := private.app_url();
    url := case when base is not null and coalesce(link, '') <> '' then base || link end;
    mail_en := coalesce(body_en, '')
      || case when url is not null then E'\n\nOpen it on Kipindi:\n' || url else '' end
      || E'\n\nYou get this email because of your notification settings; change them on your account page'
      || case when base is not null then E':\n' || base || '/account' else '.' end;
    mail_sw := coalesce(body_sw, '')
      || case when url is not null then E'\n\nFungua kwenye Kipindi:\n' || url else '' end
      || E'\n\nUnapokea barua pepe hii kwa sababu ya mipangilio yako ya arifa; ibadilishe kwenye ukurasa wa akaunti yako'
      || case when base is not null then E':\n' || base || '/account' else '.' end;
    insert into private.outbox_emails (to_email, subject, body_text, action_url, kind)
    values (
      address,
      case locale when 'en' then title_en when 'sw' then title_sw else title_sw || ' / ' || title_en end,
      case locale when 'en' then mail_en when 'sw' then mail_sw
                  else E'(English below)\n\n' || mail_sw || E'\n\n—\n\n' || mail_en end,
      url,
      'notification'
    );
  end if;
end $$;
comment on function private.notify(uuid, uuid, text, text, text, text, text, text, uuid, uuid, uuid) is
  'Notifies one person of one event as their settings say (bell in their language, email in their language or both): never the actor, never someone who can no longer see the ticket, session or lesson.';
revoke all on function private.notify(uuid, uuid, text, text, text, text, text, text, uuid, uuid, uuid)
  from public, anon, authenticated;

-- The support desk's callers keep their signature; their texts are English in both languages.
create or replace function private.notify_user(person uuid, tenant uuid, kind text, title text, body text, ticket uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  link text := case when ticket is null then ''
                    else '/t/' || (select s.slug from public.tenants s where s.id = tenant) || '/support/' || ticket end;
begin
  perform private.notify(person, tenant, kind, title, body, title, body, link, ticket);
end $$;
comment on function private.notify_user(uuid, uuid, text, text, text, uuid) is
  'The support desk''s notifications (English text), through private.notify: settings, email, who may still see the ticket.';
revoke all on function private.notify_user(uuid, uuid, text, text, text, uuid) from public, anon, authenticated;

-- Section: sessions

create function private.session_link(s public.tutoring_sessions) returns text
language sql stable security definer set search_path = '' as $$
  select '/t/' || t.slug || '/sessions/' || s.id from public.tenants t where t.id = s.tenant_id
$$;
comment on function private.session_link(public.tutoring_sessions) is 'The app path of a session''s page.';
revoke all on function private.session_link(public.tutoring_sessions) from public, anon, authenticated;

create function private.session_booked_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s public.tutoring_sessions;
  tz text;
  student text := private.display_name(new.user_id);
  taken int;
begin
  select * into s from public.tutoring_sessions where id = new.session_id;
  select t.time_zone into tz from public.tenants t where t.id = s.tenant_id;
  select count(*) into taken from public.session_bookings b where b.session_id = s.id;
  perform private.notify(s.instructor_id, s.tenant_id, 'session_booked',
    format('New booking: %s', s.title),
    format('%s booked a seat for %s (%s of %s seats taken).', student, private.local_time(s.starts_at, tz, 'en'), taken, s.capacity),
    format('Nafasi mpya: %s', s.title),
    format('%s amehifadhi nafasi kwa %s (nafasi %s kati ya %s zimechukuliwa).', student, private.local_time(s.starts_at, tz, 'sw'), taken, s.capacity),
    private.session_link(s), session => s.id);
  return null;
end $$;
comment on function private.session_booked_notify() is 'Tells a session''s tutor that a student booked a seat (session_booked).';
revoke all on function private.session_booked_notify() from public, anon, authenticated;
create trigger session_bookings_notify after insert on public.session_bookings
  for each row execute function private.session_booked_notify();

create function private.session_changed_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  tz text;
  tutor text := private.display_name(new.instructor_id);
  person uuid;
begin
  select t.time_zone into tz from public.tenants t where t.id = new.tenant_id;
  if new.status = 'cancelled' and old.status <> 'cancelled' then
    for person in select b.user_id from public.session_bookings b where b.session_id = new.id order by b.user_id loop
      perform private.notify(person, new.tenant_id, 'session_cancelled',
        format('Session cancelled: %s', new.title),
        format('%s cancelled the session of %s.', tutor, private.local_time(new.starts_at, tz, 'en')),
        format('Kipindi kimeghairiwa: %s', new.title),
        format('%s ameghairi kipindi cha %s.', tutor, private.local_time(new.starts_at, tz, 'sw')),
        private.session_link(new), session => new.id);
    end loop;
  elsif new.status in ('scheduled', 'live')
        and (new.starts_at <> old.starts_at or new.duration_minutes <> old.duration_minutes) then
    for person in select b.user_id from public.session_bookings b where b.session_id = new.id order by b.user_id loop
      perform private.notify(person, new.tenant_id, 'session_rescheduled',
        format('Session moved: %s', new.title),
        format('Now %s, %s minutes (was %s, %s minutes).',
          private.local_time(new.starts_at, tz, 'en'), new.duration_minutes,
          private.local_time(old.starts_at, tz, 'en'), old.duration_minutes),
        format('Kipindi kimehamishwa: %s', new.title),
        format('Sasa ni %s, dakika %s (awali %s, dakika %s).',
          private.local_time(new.starts_at, tz, 'sw'), new.duration_minutes,
          private.local_time(old.starts_at, tz, 'sw'), old.duration_minutes),
        private.session_link(new), session => new.id);
    end loop;
  end if;
  return null;
end $$;
comment on function private.session_changed_notify() is 'Tells a session''s booked students it was cancelled (session_cancelled) or moved (session_rescheduled, old and new time in the school''s time zone).';
revoke all on function private.session_changed_notify() from public, anon, authenticated;
create trigger tutoring_sessions_notify after update of status, starts_at, duration_minutes on public.tutoring_sessions
  for each row execute function private.session_changed_notify();

-- Section: lessons

create function private.lesson_published_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  l public.lessons;
  c public.courses;
  link text;
  person uuid;
  is_first boolean := new.version = 1;
begin
  select * into l from public.lessons where id = new.lesson_id;
  select * into c from public.courses where id = l.course_id;
  link := '/t/' || (select t.slug from public.tenants t where t.id = c.tenant_id) || '/lessons/' || l.id;
  for person in
    select e.user_id from public.enrolments e
    join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = e.user_id
    where e.course_id = c.id
    order by e.user_id
  loop
    perform private.notify(person, c.tenant_id, 'lesson_published',
      format(case when is_first then 'New lesson: %s' else 'Lesson updated: %s' end, new.title),
      format(case when is_first then '%s: "%s" is ready to read.' else '%s: "%s" has a new version.' end, c.title, new.title),
      format(case when is_first then 'Somo jipya: %s' else 'Somo limesasishwa: %s' end, new.title),
      format(case when is_first then '%s: "%s" liko tayari kusomwa.' else '%s: "%s" lina toleo jipya.' end, c.title, new.title),
      link, lesson => l.id);
  end loop;
  return null;
end $$;
comment on function private.lesson_published_notify() is 'Tells the students enrolled in a course that one of its lessons was published (lesson_published).';
revoke all on function private.lesson_published_notify() from public, anon, authenticated;
create trigger lesson_versions_notify after insert on public.lesson_versions
  for each row execute function private.lesson_published_notify();

-- Section: memberships and invitations

create function private.role_changed_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  school public.tenants;
  actor text := private.display_name((select auth.uid()));
begin
  select * into school from public.tenants where id = new.tenant_id;
  perform private.notify(new.user_id, new.tenant_id, 'role_changed',
    format('You are now %s at %s', private.email_role(new.role, 'en'), school.name),
    format('%s made you %s at %s (before: %s).', coalesce(actor, 'The school'), private.email_role(new.role, 'en'),
      school.name, private.email_role(old.role, 'en')),
    format('Sasa wewe ni %s katika %s', private.email_role(new.role, 'sw'), school.name),
    format('%s amekufanya %s katika %s (awali: %s).', coalesce(actor, 'Shule'), private.email_role(new.role, 'sw'),
      school.name, private.email_role(old.role, 'sw')),
    '/t/' || school.slug);
  return null;
end $$;
comment on function private.role_changed_notify() is 'Tells a member their role in the school changed (role_changed).';
revoke all on function private.role_changed_notify() from public, anon, authenticated;
create trigger memberships_notify after update of role on public.memberships
  for each row when (new.role is distinct from old.role) execute function private.role_changed_notify();

create function private.invitation_accepted_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  school public.tenants;
  who text := coalesce(private.display_name(new.accepted_by), new.email);
begin
  select * into school from public.tenants where id = new.tenant_id;
  perform private.notify(new.invited_by, new.tenant_id, 'invitation_accepted',
    format('%s joined %s', who, school.name),
    format('%s (%s) accepted your invitation and joined %s as %s.', who, new.email, school.name, private.email_role(new.role, 'en')),
    format('%s amejiunga na %s', who, school.name),
    format('%s (%s) amekubali mwaliko wako na amejiunga na %s kama %s.', who, new.email, school.name, private.email_role(new.role, 'sw')),
    '/t/' || school.slug || '/members');
  return null;
end $$;
comment on function private.invitation_accepted_notify() is 'Tells the person who sent an invitation that it was accepted (invitation_accepted).';
revoke all on function private.invitation_accepted_notify() from public, anon, authenticated;
create trigger invitations_notify after update of accepted_at on public.invitations
  for each row when (old.accepted_at is null and new.accepted_at is not null)
  execute function private.invitation_accepted_notify();

-- Section: reminders

create table private.session_reminders_sent (
  session_id uuid not null references public.tutoring_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  minutes int not null,
  starts_at timestamptz not null,
  sent_at timestamptz not null default now(),
  primary key (session_id, user_id, minutes, starts_at)
);
alter table private.session_reminders_sent enable row level security;
comment on table private.session_reminders_sent is 'Reminders already sent, one per session, person, minutes before and start time: a second run (or instance) sends none again; a moved session is reminded of its new time.';
create index session_reminders_sent_user_idx on private.session_reminders_sent (user_id);
create policy "Nobody reads sent reminders through the API" on private.session_reminders_sent
  for select to authenticated using (false);
create policy "Only the reminder job records reminders" on private.session_reminders_sent
  for insert to authenticated with check (false);
create policy "Nobody changes sent reminders" on private.session_reminders_sent
  for update to authenticated using (false) with check (false);
create policy "Nobody removes sent reminders" on private.session_reminders_sent
  for delete to authenticated using (false);

create index tutoring_sessions_upcoming_idx on public.tutoring_sessions (starts_at) where status = 'scheduled';

-- A session is reminded of at m minutes while its start is more than the next smaller reminder
-- away and at most m minutes away: at 60 between 60 and 10 minutes before, at 10 in the last 10.
-- The insert claims each (session, person, minutes, start) once; a concurrent run waits on the
-- unique key and then skips the row.
create function private.run_reminders(at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  now_ timestamptz := coalesce(at, private.clock());
  hit record;
  sent int := 0;
  tz text;
  left_min int;
begin
  for hit in
    with windows as (
      select w.m, coalesce((select max(x) from unnest(private.reminder_minutes()) x where x < w.m), 0) as after_m
      from unnest(private.reminder_minutes()) w(m)
    ), due as (
      select s.id, p.user_id, w.m, s.starts_at
      from windows w
      join public.tutoring_sessions s on s.status = 'scheduled'
        and s.starts_at > now_ + make_interval(mins => w.after_m)
        and s.starts_at <= now_ + make_interval(mins => w.m)
      cross join lateral (
        select s.instructor_id as user_id
        union
        select b.user_id from public.session_bookings b where b.session_id = s.id
      ) p
    )
    insert into private.session_reminders_sent (session_id, user_id, minutes, starts_at, sent_at)
    select d.id, d.user_id, d.m, d.starts_at, now_ from due d
    order by d.id, d.user_id
    on conflict do nothing
    returning session_id, user_id, minutes, starts_at
  loop
    declare
      s public.tutoring_sessions;
    begin
      select * into s from public.tutoring_sessions where id = hit.session_id;
      select t.time_zone into tz from public.tenants t where t.id = s.tenant_id;
      left_min := ceil(extract(epoch from s.starts_at - now_) / 60)::int;
      perform private.notify(hit.user_id, s.tenant_id, 'session_reminder',
        format('Starts in %s minutes: %s', left_min, s.title),
        format('%s, %s minutes. Open the session page to join.', private.local_time(s.starts_at, tz, 'en'), s.duration_minutes),
        format('Kinaanza baada ya dakika %s: %s', left_min, s.title),
        format('%s, dakika %s. Fungua ukurasa wa kipindi ili ujiunge.', private.local_time(s.starts_at, tz, 'sw'), s.duration_minutes),
        private.session_link(s), session => s.id);
      sent := sent + 1;
    end;
  end loop;
  return jsonb_build_object('reminded', sent, 'at', now_);
end $$;
comment on function private.run_reminders(timestamptz) is 'The reminder job: reminds the tutor and booked students of scheduled sessions 60 and 10 minutes before (REMINDER_MINUTES), exactly once each.';
revoke all on function private.run_reminders(timestamptz) from public, anon, authenticated;
grant execute on function private.run_reminders(timestamptz) to service_role;
