-- Parents (issue 17): link invitations and a parent's read-only view of a linked child.
--
-- Until now only a school's admins linked a parent member to a student member (public.link_child).
-- Here a link can also start from an invitation: an admin invites a parent for a child (by email, or
-- an existing parent member of the school), or a student invites their own parent by email. The
-- parent opens the link, signs in with that email (or as that parent member) and accepts: they join
-- the school as a parent if they are not a member yet, and the link is made. Invitations expire
-- after 7 days, are single-use, can be revoked by admins, the student they are for and their sender,
-- and every step is audited.
--
-- Why a table of its own and not public.invitations: a school invitation makes a member with a role,
-- a guardian invitation makes a link to one child (and a parent membership only on the way), may be
-- sent by a student, and may be addressed to someone who is already a member. It reuses the rest:
-- the single-use token whose hash alone is stored (the api makes it as for school invitations), the
-- email outbox with the recipient's language, the audit log, the used/expired/wrong-account errors.
--
-- A parent's view of a child (public.child_overview) is one security-definer read that checks
-- private.is_guardian once: the child's courses with progress, released grades only, upcoming
-- tutoring sessions, attendance of past ones, and the AI tutor's flags as a count and the last date.
-- Parents do not read tutor transcripts nor the flag's reason: a child asks the tutor things they may
-- not ask at home, and a flag (self-harm, abuse, danger) goes to the school's staff, who decide with
-- the family what to share. The parent learns that the school was alerted and when, so they can ask.

-- Section: invitations

create table public.guardian_invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  student_id uuid not null,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  -- Set when an admin invited an existing parent member: only that account may accept.
  parent_id uuid references auth.users (id) on delete cascade,
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null default auth.uid(),
  invited_as text not null check (invited_as in ('admin', 'student')),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint guardian_invitations_student_member foreign key (tenant_id, student_id)
    references public.memberships (tenant_id, user_id) on delete cascade
);
alter table public.guardian_invitations enable row level security;
comment on table public.guardian_invitations is 'Single-use, expiring invitations for a parent to be linked to a child (a student member). Sent by admins or by the student; accepted through public.accept_guardian_invitation. Only the token hash is stored.';
create index guardian_invitations_tenant_idx on public.guardian_invitations (tenant_id, created_at desc);
create index guardian_invitations_student_idx on public.guardian_invitations (student_id, tenant_id);
create index guardian_invitations_parent_idx on public.guardian_invitations (parent_id);
create index guardian_invitations_invited_by_idx on public.guardian_invitations (invited_by);
create index guardian_invitations_accepted_by_idx on public.guardian_invitations (accepted_by);
create unique index guardian_invitations_one_open on public.guardian_invitations (tenant_id, student_id, email)
  where accepted_at is null;

create policy "Admins, the child, the sender and the invited parent read guardian invitations" on public.guardian_invitations
  for select to authenticated
  using (student_id = (select auth.uid()) or invited_by = (select auth.uid()) or parent_id = (select auth.uid())
         or (select private.has_role(tenant_id, (select private.admin_roles())))
         or (select private.is_superadmin()));
create policy "Guardian invitations are sent through invite_guardian only" on public.guardian_invitations
  for insert to authenticated with check (false);
create policy "Guardian invitations change only by being accepted" on public.guardian_invitations
  for update to authenticated using (false) with check (false);
create policy "Guardian invitations are revoked through revoke_guardian_invitation only" on public.guardian_invitations
  for delete to authenticated using (false);

revoke all on public.guardian_invitations from anon, authenticated;
grant select on public.guardian_invitations to authenticated;
grant select, insert, update, delete on public.guardian_invitations to service_role;

-- Section: the invitation email

create function private.enqueue_guardian_invitation_email(inv public.guardian_invitations, token text, site_url text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  school text;
  zone text;
  inviter text;
  child text;
  link text;
  locale text;
  subject_en text;
  subject_sw text;
  body_en text;
  body_sw text;
  email_id uuid;
begin
  select t.name, t.time_zone into school, zone from public.tenants t where t.id = inv.tenant_id;
  select coalesce(nullif(p.display_name, ''), 'Someone') into inviter from public.profiles p where p.id = inv.invited_by;
  select coalesce(nullif(p.display_name, ''), 'a student') into child from public.profiles p where p.id = inv.student_id;
  link := rtrim(site_url, '/') || '/guardian-invite/' || token;
  locale := private.email_locale(inv.email);

  subject_en := format('Follow %s at %s on Kipindi', child, school);
  body_en := format(
    E'Hello,\n\n%s invited you to follow %s at %s on Kipindi as their parent or guardian: '
    'courses and progress, released grades, tutoring sessions and attendance.\n\n'
    'Accept the invitation:\n%s\n\n'
    'The link works once and expires on %s. Sign in or create your account with this '
    'email address (%s) to accept it.\n\n'
    'If you were not expecting this invitation, you can ignore this email.',
    coalesce(inviter, 'Someone'), child, school, link, private.local_time(inv.expires_at, zone, 'en'), inv.email
  );
  subject_sw := format('Fuatilia %s katika %s kwenye Kipindi', child, school);
  body_sw := format(
    E'Habari,\n\n%s amekualika umfuatilie %s katika %s kwenye Kipindi kama mzazi au mlezi: '
    'kozi na maendeleo, alama zilizotolewa, vipindi vya mafunzo na mahudhurio.\n\n'
    'Kubali mwaliko:\n%s\n\n'
    'Kiungo hiki kinatumika mara moja tu na muda wake unaisha %s. Ingia au fungua '
    'akaunti yako kwa anwani hii ya barua pepe (%s) ili uukubali.\n\n'
    'Ikiwa hukutarajia mwaliko huu, unaweza kupuuza barua pepe hii.',
    coalesce(inviter, 'Mtu fulani'), child, school, link, private.local_time(inv.expires_at, zone, 'sw'), inv.email
  );

  insert into private.outbox_emails (to_email, subject, body_text, action_url, kind)
  values (
    inv.email,
    case locale when 'en' then subject_en when 'sw' then subject_sw else subject_sw || ' / ' || subject_en end,
    case locale when 'en' then body_en when 'sw' then body_sw
                else E'(English below)\n\n' || body_sw || E'\n\n—\n\n' || body_en end,
    link,
    'invite'
  )
  returning id into email_id;
  return email_id;
end $$;
comment on function private.enqueue_guardian_invitation_email(public.guardian_invitations, text, text) is 'Queues a guardian invitation''s email (in the recipient''s language) with its link. Only invite_guardian calls it.';
revoke all on function private.enqueue_guardian_invitation_email(public.guardian_invitations, text, text) from public, anon, authenticated;

-- Section: inviting, revoking, previewing, accepting

create function public.invite_guardian(tenant uuid, student uuid, email text, parent uuid, token text, site_url text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  sender text;
  address text := lower(btrim(coalesce(email, '')));
  inv public.guardian_invitations;
begin
  if me is null then
    raise exception 'Sign in to invite a parent.' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if private.has_role(tenant, private.admin_roles()) then
    sender := 'admin';
  elsif student = me and private.has_role(tenant, array['student']::public.tenant_role[]) then
    sender := 'student';
  else
    raise exception 'Only admins, or the student themself, can invite a parent.'
      using errcode = '42501', hint = 'guardian_invite_forbidden';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = student and m.role = 'student') then
    raise exception 'Only a student of this school can be linked to a parent.' using errcode = '23514', hint = 'link_student_only';
  end if;
  if parent is not null then
    if sender <> 'admin' then
      raise exception 'You can invite a parent only by email.' using errcode = '42501', hint = 'guardian_invite_forbidden';
    end if;
    if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = parent and m.role = 'parent') then
      raise exception 'Only a parent of this school can be linked to a child.' using errcode = '23514', hint = 'link_parent_only';
    end if;
    select lower(p.email) into address from public.profiles p where p.id = parent;
    if exists (select 1 from public.guardian_links g where g.tenant_id = tenant and g.parent_id = parent and g.student_id = student) then
      raise exception 'That parent is already linked to this child.' using errcode = 'P0001', hint = 'guardian_already_linked';
    end if;
  end if;
  if address !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(address) > 254 then
    raise exception 'Enter the parent''s email address.' using errcode = '22023', hint = 'invalid_value';
  end if;
  if site_url !~ '^https?://[^\s/]+(/[^\s]*)?$' then
    raise exception 'The site URL is not an http(s) URL.' using errcode = '22023';
  end if;
  if exists (select 1 from public.guardian_links g join public.profiles p on p.id = g.parent_id
             where g.tenant_id = tenant and g.student_id = student and lower(p.email) = address) then
    raise exception 'That parent is already linked to this child.' using errcode = 'P0001', hint = 'guardian_already_linked';
  end if;
  -- An expired invitation is replaced by the new one, as for school invitations.
  delete from public.guardian_invitations i
  where i.tenant_id = tenant and i.student_id = student and i.email = address
    and i.accepted_at is null and i.expires_at < now();
  if exists (select 1 from public.guardian_invitations i where i.tenant_id = tenant and i.student_id = student
             and i.email = address and i.accepted_at is null) then
    raise exception '% is already invited. Revoke that invitation first to send a new one.', address
      using errcode = 'P0001', hint = 'already_invited', detail = jsonb_build_object('email', address)::text;
  end if;
  insert into public.guardian_invitations (tenant_id, student_id, email, parent_id, token_hash, invited_by, invited_as)
  values (tenant, student, address, parent, encode(sha256(convert_to(token, 'UTF8')), 'hex'), me, sender)
  returning * into inv;
  perform private.audit(tenant, 'guardian.invited', 'user', student::text,
    jsonb_build_object('invitation_id', inv.id, 'email', address, 'parent_id', parent, 'invited_as', sender));
  perform private.enqueue_guardian_invitation_email(inv, token, site_url);
  return inv.id;
end $$;
comment on function public.invite_guardian(uuid, uuid, text, uuid, text, text) is 'Invites a parent to be linked to a student: admins for any student of the school (by email, or an existing parent member), a student for themself (by email). Stores the token''s hash, queues the email, audits.';
revoke all on function public.invite_guardian(uuid, uuid, text, uuid, text, text) from public, anon;
grant execute on function public.invite_guardian(uuid, uuid, text, uuid, text, text) to authenticated, service_role;

create function public.revoke_guardian_invitation(invitation uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  inv public.guardian_invitations;
begin
  select * into inv from public.guardian_invitations i where i.id = invitation for update;
  if inv.id is null or me is null
     or not (private.has_role(inv.tenant_id, private.admin_roles())
             or ((inv.student_id = me or inv.invited_by = me) and private.is_member(inv.tenant_id))) then
    raise exception 'No such invitation in this school.' using errcode = 'P0002', hint = 'invitation_not_found';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation was already accepted. Unlink the parent instead.'
      using errcode = 'P0001', hint = 'invitation_accepted';
  end if;
  delete from public.guardian_invitations i where i.id = inv.id;
  perform private.audit(inv.tenant_id, 'guardian.invitation_revoked', 'user', inv.student_id::text,
    jsonb_build_object('invitation_id', inv.id, 'email', inv.email));
end $$;
comment on function public.revoke_guardian_invitation(uuid) is 'Revokes a guardian invitation that was not accepted (admins, the child, the sender; audited). Its link stops working.';
revoke all on function public.revoke_guardian_invitation(uuid) from public, anon;
grant execute on function public.revoke_guardian_invitation(uuid) to authenticated, service_role;

create function public.guardian_invitation_preview(token text)
returns table (tenant_name text, tenant_slug text, student_name text, email text, inviter_name text,
               status text, expires_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select t.name, t.slug, coalesce(sp.display_name, ''), i.email, nullif(ip.display_name, ''),
         case when i.accepted_at is not null then 'accepted' when i.expires_at < now() then 'expired'
              else 'pending' end,
         i.expires_at
  from public.guardian_invitations i
  join public.tenants t on t.id = i.tenant_id
  left join public.profiles sp on sp.id = i.student_id
  left join public.profiles ip on ip.id = i.invited_by
  where i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
$$;
comment on function public.guardian_invitation_preview(text) is 'What a guardian invitation link is for (school, child''s name, email, sender, status); reveals nothing without the token.';
revoke all on function public.guardian_invitation_preview(text) from public;
grant execute on function public.guardian_invitation_preview(text) to anon, authenticated, service_role;

create function public.accept_guardian_invitation(token text)
returns table (tenant_id uuid, tenant_name text, tenant_slug text, student_id uuid, student_name text)
language plpgsql security definer set search_path = '' as $$
declare
  inv public.guardian_invitations;
  me uuid := (select auth.uid());
  my_email text;
  confirmed boolean;
  existing public.tenant_role;
  school_status text;
begin
  if me is null then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501', hint = 'sign_in_required';
  end if;
  select * into inv from public.guardian_invitations i
    where i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
    for update;
  if inv.id is null then
    raise exception 'This invitation link is not valid.' using errcode = 'P0002', hint = 'invitation_invalid';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used.' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  if inv.expires_at < now() then
    raise exception 'This invitation has expired. Ask the school for a new one.' using errcode = 'P0001', hint = 'invitation_expired';
  end if;
  select lower(coalesce(u.email, '')), u.email_confirmed_at is not null into my_email, confirmed
    from auth.users u where u.id = me and u.deleted_at is null;
  if my_email is null then
    raise exception 'Sign in to accept an invitation.' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if (inv.parent_id is not null and inv.parent_id <> me) or (inv.parent_id is null and inv.email <> my_email) then
    raise exception 'This invitation was sent to %, but you are signed in as %.', inv.email, my_email
      using errcode = '42501', hint = 'invitation_wrong_account',
            detail = jsonb_build_object('invited_email', inv.email, 'email', my_email)::text;
  end if;
  if not confirmed and inv.parent_id is null then
    raise exception 'Confirm your email address % with the link we sent you before accepting this invitation.', my_email
      using errcode = '42501', hint = 'invitation_email_unconfirmed',
            detail = jsonb_build_object('email', my_email)::text;
  end if;
  select t.status into school_status from public.tenants t where t.id = inv.tenant_id;
  if school_status <> 'active' then
    raise exception 'This school is suspended: invitations cannot be accepted now.' using errcode = '42501';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = inv.tenant_id and m.user_id = inv.student_id and m.role = 'student') then
    raise exception 'Only a student of this school can be linked to a parent.' using errcode = '23514', hint = 'link_student_only';
  end if;

  select m.role into existing from public.memberships m where m.tenant_id = inv.tenant_id and m.user_id = me;
  if existing is null then
    insert into public.memberships (tenant_id, user_id, role) values (inv.tenant_id, me, 'parent');
  elsif existing <> 'parent' then
    raise exception 'Only a parent member can be linked to a child: you have another role here. Ask the school.'
      using errcode = 'P0001', hint = 'guardian_accept_not_parent';
  end if;
  insert into public.guardian_links (tenant_id, parent_id, student_id, created_by)
  values (inv.tenant_id, me, inv.student_id, inv.invited_by)
  on conflict do nothing;
  update public.guardian_invitations i set accepted_at = now(), accepted_by = me where i.id = inv.id;
  perform private.audit(inv.tenant_id, 'guardian.linked', 'user', inv.student_id::text,
    jsonb_build_object('parent_id', me, 'invitation_id', inv.id, 'joined', existing is null));

  return query
    select t.id, t.name, t.slug, inv.student_id, coalesce(p.display_name, '')
    from public.tenants t left join public.profiles p on p.id = inv.student_id
    where t.id = inv.tenant_id;
end $$;
comment on function public.accept_guardian_invitation(text) is 'Accepts a guardian invitation once, before it expires, as the account it was sent to: joins the school as a parent if not a member yet, links to the child, audits.';
revoke all on function public.accept_guardian_invitation(text) from public, anon;
grant execute on function public.accept_guardian_invitation(text) to authenticated, service_role;

-- Section: a parent's view of a child

create function public.child_overview(tenant uuid, child uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  at timestamptz := now();
begin
  -- One check for the whole read: a linked parent of an active school (anyone else: no such child).
  if not private.is_guardian(tenant, child) then
    raise exception 'No such child linked to you.' using errcode = 'P0002', hint = 'child_not_found';
  end if;
  return jsonb_build_object(
    'child', (select jsonb_build_object('user_id', child, 'display_name', coalesce(p.display_name, ''))
              from (select 1) x left join public.profiles p on p.id = child),
    'courses', coalesce((
      select jsonb_agg(jsonb_build_object(
          'course_id', c.id, 'title', c.title, 'enrolled_at', e.created_at,
          'lessons_published', pr.lessons_published, 'lessons_done', pr.lessons_done,
          'assessments_total', pr.assessments_total, 'assessments_passed', pr.assessments_passed,
          'percent', pr.percent, 'complete', pr.complete)
        order by lower(c.title), c.id)
      from public.enrolments e join public.courses c on c.id = e.course_id
      cross join lateral private.course_progress(c.id, child) pr
      where e.user_id = child and c.tenant_id = tenant), '[]'),
    -- Released results only: a quiz whose results show on submit or were released, an assignment
    -- whose results were released (a group's grade counts for each member). Best quiz attempt.
    'grades', coalesce((
      select jsonb_agg(to_jsonb(r) order by r.released_at desc nulls last, r.title)
      from (
        select c.id as course_id, c.title as course_title, 'quiz' as kind, q.id as item_id, q.title,
          max(x.score)::float8 as points, max(x.max_score)::float8 as max_points, null::text as btec_grade,
          coalesce(q.results_released_at, max(x.graded_at)) as released_at
        from public.quiz_results x join public.quizzes q on q.id = x.quiz_id
        join public.courses c on c.id = q.course_id
        where x.user_id = child and c.tenant_id = tenant
          and (q.release = 'on_submit' or q.results_released_at is not null)
        group by c.id, c.title, q.id, q.title, q.results_released_at
        union all
        select c.id, c.title, 'assignment', a.id, a.title, g.points::float8, g.max_points::float8, g.btec_grade,
          a.results_released_at
        from public.enrolments e join public.courses c on c.id = e.course_id
        cross join lateral private.assignment_member_grades(c.id) g
        join public.assignments a on a.id = g.assignment_id
        where e.user_id = child and c.tenant_id = tenant and g.user_id = child
          and a.results_released_at is not null
      ) r), '[]'),
    'upcoming_sessions', coalesce((
      select jsonb_agg(to_jsonb(s) order by s.starts_at, s.id)
      from (
        select t.id, t.title, t.starts_at, t.duration_minutes, t.status::text as status, t.course_id,
          c.title as course_title, coalesce(ip.display_name, '') as tutor_name
        from public.session_bookings b join public.tutoring_sessions t on t.id = b.session_id
        left join public.courses c on c.id = t.course_id
        left join public.profiles ip on ip.id = t.instructor_id
        where b.user_id = child and t.tenant_id = tenant and t.status in ('scheduled', 'live')
          and t.starts_at + make_interval(mins => t.duration_minutes) > at
        order by t.starts_at limit 20
      ) s), '[]'),
    'attendance', (
      select jsonb_build_object(
        'sessions', count(*), 'attended', count(*) filter (where p.attended),
        'recent', coalesce(jsonb_agg(jsonb_build_object('session_id', p.id, 'title', p.title,
                    'starts_at', p.starts_at, 'attended', p.attended) order by p.starts_at desc)
                  filter (where p.n <= 10), '[]'))
      from (
        select t.id, t.title, t.starts_at,
          exists (select 1 from public.session_attendance sa where sa.session_id = t.id and sa.user_id = child) as attended,
          row_number() over (order by t.starts_at desc, t.id) as n
        from public.session_bookings b join public.tutoring_sessions t on t.id = b.session_id
        where b.user_id = child and t.tenant_id = tenant and t.status <> 'cancelled'
          and (t.status = 'ended' or t.starts_at + make_interval(mins => t.duration_minutes) <= at)
      ) p),
    'tutor_flags', (
      select jsonb_build_object('count', count(*), 'last_flagged_at', max(v.flagged_at))
      from public.ai_conversations v
      where v.tenant_id = tenant and v.student_id = child and v.flagged_at is not null)
  );
end $$;
comment on function public.child_overview(uuid, uuid) is 'A linked parent''s read-only view of a child in the school (checked once; P0002 child_not_found otherwise): courses with progress, released grades only, upcoming booked sessions, attendance of past ones, and the AI tutor''s flags as a count and last date (no transcripts, no reasons).';
revoke all on function public.child_overview(uuid, uuid) from public, anon;
grant execute on function public.child_overview(uuid, uuid) to authenticated, service_role;
