-- Profile details with per-field visibility (issue 17, "Profiles").
--
-- A person's name and picture stay where they are (public.profiles, from their user metadata) and
-- everyone in their schools sees them. Everything else about them lives in public.profile_details:
-- a contact phone and other contacts, county, city, country, a bio, their time zone, and for
-- teachers a headline, qualifications and professional experience (the tutor card). Their language
-- stays in one place, the account's `user_metadata.locale` (emails are written in it); only who may
-- see it is kept here.
--
-- Each field has a visibility: 'school' (every member of a school the person is in) or 'staff'
-- (that school's owners, admins, instructors and staff). Phone, other contacts, county and city are
-- 'staff' unless the person chooses otherwise; the rest 'school'. Many of our members are children:
--   * in a school where a person is a student, every detail of theirs is 'staff' whatever they chose;
--   * a person who is only ever a student cannot choose 'school' at all (profile_student_private).
-- A linked parent sees all of their child's details; the person sees all of their own; super-admins
-- see everything; nobody sees anything across schools.
--
-- Why a table of its own rather than columns of profiles: profiles is readable row by row by every
-- co-member (names), and RLS cannot hide a column. Private columns there would need column grants
-- on every one and still leave the visibility rule to each query. profile_details is readable by
-- its owner only; everyone else goes through public.member_profile(tenant, person), a definer
-- function that decides once what the caller may see and answers null for the rest.

-- Section: field lists and defaults

create function private.profile_fields() returns text[]
language sql immutable set search_path = '' as $$
  select array['phone', 'contacts', 'county', 'city', 'country', 'bio', 'time_zone', 'language',
               'headline', 'qualifications', 'experience']
$$;
comment on function private.profile_fields() is 'The profile details that carry a visibility of their own.';

create function private.profile_visibility(choices jsonb, field text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(choices ->> field,
    case when field in ('phone', 'contacts', 'county', 'city') then 'staff' else 'school' end)
$$;
comment on function private.profile_visibility(jsonb, text) is
  'The visibility of one field as chosen, else its default: phone, contacts, county and city staff-only, the rest the whole school.';

create function private.profile_visibility_valid(choices jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  k text;
begin
  if jsonb_typeof(choices) <> 'object' then
    return false;
  end if;
  for k in select jsonb_object_keys(choices) loop
    if not (k = any (private.profile_fields())) or choices ->> k not in ('school', 'staff')
       or jsonb_typeof(choices -> k) <> 'string' then
      return false;
    end if;
  end loop;
  return true;
end $$;
comment on function private.profile_visibility_valid(jsonb) is 'True for an object mapping profile fields to ''school'' or ''staff''.';

create function private.profile_list_valid(items jsonb, keys text[], required text) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  item jsonb;
  k text;
begin
  if jsonb_typeof(items) <> 'array' or jsonb_array_length(items) > 20 then
    return false;
  end if;
  for item in select jsonb_array_elements(items) loop
    if jsonb_typeof(item) <> 'object' or jsonb_typeof(item -> required) is distinct from 'string'
       or char_length(btrim(item ->> required)) = 0 then
      return false;
    end if;
    for k in select jsonb_object_keys(item) loop
      if not (k = any (keys)) then
        return false;
      end if;
      if jsonb_typeof(item -> k) = 'string' and char_length(item ->> k) > 1000 then
        return false;
      end if;
      if jsonb_typeof(item -> k) not in ('string', 'number', 'null') then
        return false;
      end if;
    end loop;
  end loop;
  return true;
end $$;
comment on function private.profile_list_valid(jsonb, text[], text) is
  'True for an array of at most 20 objects with only the given keys (strings up to 1000 characters, numbers, nulls) and a non-blank required string: the shape of contacts, qualifications and experience.';

revoke all on function private.profile_fields(), private.profile_visibility(jsonb, text),
  private.profile_visibility_valid(jsonb), private.profile_list_valid(jsonb, text[], text) from public, anon;
grant execute on function private.profile_fields(), private.profile_visibility(jsonb, text),
  private.profile_visibility_valid(jsonb), private.profile_list_valid(jsonb, text[], text)
  to authenticated, service_role;

-- Section: profile details

create table public.profile_details (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  phone text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  contacts jsonb not null default '[]'
    check (private.profile_list_valid(contacts, array['kind', 'value'], 'value')
           and jsonb_array_length(contacts) <= 5),
  county text check (county is null or char_length(btrim(county)) between 1 and 80),
  city text check (city is null or char_length(btrim(city)) between 1 and 80),
  country text check (country is null or country ~ '^[A-Z]{2}$'),
  bio text check (bio is null or char_length(bio) <= 1000),
  time_zone text check (time_zone is null or char_length(time_zone) <= 64),
  headline text check (headline is null or char_length(btrim(headline)) between 1 and 120),
  qualifications jsonb not null default '[]'
    check (private.profile_list_valid(qualifications, array['title', 'institution', 'year'], 'title')),
  experience jsonb not null default '[]'
    check (private.profile_list_valid(experience,
      array['role', 'organisation', 'start_year', 'end_year', 'description'], 'role')),
  visibility jsonb not null default '{}' check (private.profile_visibility_valid(visibility)),
  updated_at timestamptz not null default now()
);
alter table public.profile_details enable row level security;
comment on table public.profile_details is
  'A person''s profile beyond name and picture (contacts, location, bio, time zone, teaching credentials) with a visibility per field. Readable by its owner only; others read it through public.member_profile.';
comment on column public.profile_details.phone is 'A contact phone in E.164 form (+254712345678). Staff-only by default.';
comment on column public.profile_details.contacts is 'Other contacts: [{kind: whatsapp|telegram|email|website|other, value}], at most 5.';
comment on column public.profile_details.country is 'ISO 3166-1 alpha-2 code (KE).';
comment on column public.profile_details.time_zone is 'An IANA time zone (Africa/Nairobi), checked against pg_timezone_names.';
comment on column public.profile_details.qualifications is 'Teaching credentials: [{title, institution, year}], at most 20.';
comment on column public.profile_details.experience is 'Professional experience: [{role, organisation, start_year, end_year, description}], at most 20.';
comment on column public.profile_details.visibility is
  'Field -> ''school'' | ''staff'' for the fields of private.profile_fields(); a missing field has its default (private.profile_visibility).';

create policy "People read their own profile details" on public.profile_details
  for select to authenticated using (user_id = (select auth.uid()));
create policy "People add their own profile details" on public.profile_details
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "People change their own profile details" on public.profile_details
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "People clear their own profile details" on public.profile_details
  for delete to authenticated using (user_id = (select auth.uid()));

revoke all on public.profile_details from anon, authenticated;
grant select, insert, update, delete on public.profile_details to authenticated;
grant select, insert, update, delete on public.profile_details to service_role;

-- Section: rules on writing

create function private.only_a_student(person uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.memberships m where m.user_id = person and m.role = 'student')
     and not exists (select 1 from public.memberships m where m.user_id = person and m.role <> 'student')
$$;
comment on function private.only_a_student(uuid) is
  'True when every school membership of the person is a student one (and they have one): such a person''s details are staff-only.';
revoke all on function private.only_a_student(uuid) from public, anon;
grant execute on function private.only_a_student(uuid) to authenticated, service_role;

create function private.profile_details_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  k text;
begin
  if tg_op = 'UPDATE' and new.user_id <> old.user_id then
    raise exception 'Profile details cannot move to another person.' using errcode = '42501';
  end if;
  if new.time_zone is not null and not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = new.time_zone) then
    raise exception 'Unknown time zone %.', new.time_zone
      using errcode = '22023', hint = 'profile_time_zone_unknown',
            detail = jsonb_build_object('time_zone', new.time_zone)::text;
  end if;
  if private.only_a_student(new.user_id) then
    foreach k in array private.profile_fields() loop
      if new.visibility ->> k = 'school' then
        raise exception 'A student''s profile details are shown to the school''s staff only.'
          using errcode = '22023', hint = 'profile_student_private',
                detail = jsonb_build_object('field', k)::text;
      end if;
    end loop;
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.profile_details_guard() is
  'Keeps details with their person, the time zone a real one, and a student''s details staff-only; stamps updated_at.';
create trigger profile_details_guard before insert or update on public.profile_details
  for each row execute function private.profile_details_guard();

-- Section: reading a member's profile

create function public.member_profile(tenant uuid, person uuid)
returns table (
  user_id uuid, display_name text, avatar_path text, role public.tenant_role, access text,
  email text, phone text, contacts jsonb, county text, city text, country text, bio text,
  time_zone text, language text, headline text, qualifications jsonb, experience jsonb
)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  their_role public.tenant_role;
  seen text; -- 'all': every field; 'school': only the school's; 'none': name and picture only
  d public.profile_details;
  u_locale text;
begin
  select m.role into their_role from public.memberships m where m.tenant_id = tenant and m.user_id = person;
  if me is null or their_role is null
     or not (person = me or private.is_superadmin() or private.can_see_member(tenant, person)) then
    raise exception 'That person is not a member of this school.' using errcode = 'P0002', hint = 'not_a_member';
  end if;

  seen := case
    when person = me or private.is_superadmin() then 'all'
    when private.has_role(tenant, array['owner', 'admin', 'instructor', 'staff']::public.tenant_role[]) then 'all'
    when their_role = 'student' and private.is_guardian(tenant, person) then 'all'
    when their_role = 'student' then 'none'
    else 'school'
  end;

  select * into d from public.profile_details pd where pd.user_id = person;
  select case when u.raw_user_meta_data ->> 'locale' in ('en', 'sw') then u.raw_user_meta_data ->> 'locale' end
    into u_locale from auth.users u where u.id = person;

  return query
    with shown as (
      select f, seen = 'all' or (seen = 'school' and private.profile_visibility(d.visibility, f) = 'school') as visible
      from unnest(private.profile_fields()) f
    ), ok as (select jsonb_object_agg(f, visible) as by_field from shown)
    select p.id, p.display_name, p.avatar_path, their_role,
      seen,
      private.contact_email(tenant, person),
      case when (ok.by_field ->> 'phone')::boolean then d.phone end,
      case when (ok.by_field ->> 'contacts')::boolean then coalesce(d.contacts, '[]') else '[]' end,
      case when (ok.by_field ->> 'county')::boolean then d.county end,
      case when (ok.by_field ->> 'city')::boolean then d.city end,
      case when (ok.by_field ->> 'country')::boolean then d.country end,
      case when (ok.by_field ->> 'bio')::boolean then d.bio end,
      case when (ok.by_field ->> 'time_zone')::boolean then d.time_zone end,
      case when (ok.by_field ->> 'language')::boolean then u_locale end,
      case when (ok.by_field ->> 'headline')::boolean then d.headline end,
      case when (ok.by_field ->> 'qualifications')::boolean then coalesce(d.qualifications, '[]') else '[]' end,
      case when (ok.by_field ->> 'experience')::boolean then coalesce(d.experience, '[]') else '[]' end
    from public.profiles p, ok
    where p.id = person;
end $$;
comment on function public.member_profile(uuid, uuid) is
  'A member''s profile card in a school with only the fields the caller may see (others null or empty): name and picture for every co-member; fields marked ''school'' for members; all for the school''s owners, admins, instructors and staff, a linked parent, the person and super-admins; nothing of a student for other students and parents. Email by private.contact_email. 404 not_a_member across schools. `access` says which view this is: all, school, or none (name and picture).';
revoke all on function public.member_profile(uuid, uuid) from public, anon;
grant execute on function public.member_profile(uuid, uuid) to authenticated, service_role;

-- Section: my data, with the profile details

create or replace function public.my_data() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  doc jsonb;
begin
  if me is null then
    raise exception 'Sign in to download your data.' using errcode = '42501';
  end if;
  -- Every part is chosen by `me` alone; no row of anyone else is read into the document.
  select jsonb_build_object(
    'format', 'kipindi-my-data/1',
    'exported_at', now(),
    'user_id', me,
    'account', (
      select jsonb_build_object('email', u.email, 'phone', u.phone, 'created_at', u.created_at,
        'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at)
      from auth.users u where u.id = me),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = me),
    'profile_details', (select to_jsonb(pd) - 'user_id' from public.profile_details pd where pd.user_id = me),
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object('tenant_id', m.tenant_id, 'school', t.name, 'role', m.role,
        'joined_at', m.created_at) order by m.created_at)
      from public.memberships m join public.tenants t on t.id = m.tenant_id where m.user_id = me), '[]'),
    'guardian_links', coalesce((
      select jsonb_agg(jsonb_build_object('tenant_id', g.tenant_id, 'parent_id', g.parent_id,
        'student_id', g.student_id, 'as', case when g.parent_id = me then 'parent' else 'student' end,
        'created_at', g.created_at) order by g.created_at)
      from public.guardian_links g where g.parent_id = me or g.student_id = me), '[]'),
    'enrolments', coalesce((
      select jsonb_agg(jsonb_build_object('course_id', e.course_id, 'course', c.title, 'enrolled_at', e.created_at)
        order by e.created_at)
      from public.enrolments e join public.courses c on c.id = e.course_id where e.user_id = me), '[]'),
    'support_tickets', coalesce((
      select jsonb_agg(jsonb_build_object('id', k.id, 'tenant_id', k.tenant_id, 'number', k.number,
        'subject', k.subject, 'category', k.category, 'status', k.status, 'created_at', k.created_at)
        order by k.created_at)
      from public.tickets k where k.requester_id = me), '[]'),
    'support_messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', tm.id, 'ticket_id', tm.ticket_id, 'body', tm.body,
        'internal', tm.internal, 'created_at', tm.created_at) order by tm.id)
      from public.ticket_messages tm where tm.author_id = me), '[]'),
    'tutor_conversations', coalesce((
      select jsonb_agg(jsonb_build_object('id', ac.id, 'tenant_id', ac.tenant_id, 'course_id', ac.course_id,
        'title', ac.title, 'created_at', ac.created_at,
        'messages', coalesce((
          select jsonb_agg(jsonb_build_object('role', am.role, 'content', am.content, 'status', am.status,
            'created_at', am.created_at) order by am.created_at, am.id)
          from public.ai_messages am where am.conversation_id = ac.id), '[]'))
        order by ac.created_at)
      from public.ai_conversations ac where ac.student_id = me), '[]'),
    'assignment_submissions', coalesce((
      select jsonb_agg(jsonb_build_object('id', s.id, 'assignment_id', s.assignment_id, 'assignment', a.title,
        'course_id', s.course_id, 'body', s.body, 'files', s.files, 'version', s.version,
        'submitted_at', s.submitted_at, 'late', s.late,
        'grade', (
          select jsonb_build_object('points', g.points, 'max_points', g.max_points, 'btec_grade', g.btec_grade,
            'criteria', g.criteria, 'feedback', g.feedback, 'graded_at', g.graded_at)
          from public.assignment_grades g
          where g.submission_id = s.id and g.user_id = me and private.assignment_results_released(g.assignment_id)))
        order by s.submitted_at)
      from public.assignment_submissions s join public.assignments a on a.id = s.assignment_id
      where s.user_id = me), '[]'),
    'quiz_attempts', coalesce((
      select jsonb_agg(jsonb_build_object('id', qa.id, 'quiz_id', qa.quiz_id, 'quiz', q.title,
        'course_id', qa.course_id, 'number', qa.number, 'started_at', qa.started_at,
        'submitted_at', qa.submitted_at, 'status', qa.status,
        'answers', coalesce((
          select jsonb_agg(jsonb_build_object('question_id', qr.question_id, 'response', qr.response,
            'saved_at', qr.saved_at) order by qr.saved_at)
          from public.quiz_responses qr where qr.attempt_id = qa.id and qr.user_id = me), '[]'),
        'result', (
          select jsonb_build_object('score', r.score, 'max_score', r.max_score, 'questions', r.questions,
            'graded_at', r.graded_at)
          from public.quiz_results r
          where r.attempt_id = qa.id and r.user_id = me and private.quiz_results_released(r.quiz_id)))
        order by qa.started_at)
      from public.quiz_attempts qa join public.quizzes q on q.id = qa.quiz_id where qa.user_id = me), '[]'),
    'payments', coalesce((
      select jsonb_agg(jsonb_build_object('id', py.id, 'tenant_id', py.tenant_id, 'purpose', py.purpose,
        'course_id', py.course_id, 'plan', py.plan, 'provider', py.provider, 'currency', py.currency,
        'amount_minor', py.amount_minor, 'refunded_minor', py.refunded_minor, 'status', py.status,
        'receipt', py.provider_ref, 'paid_by_me', py.payer_id = me, 'for_me', py.beneficiary_id = me,
        'succeeded_at', py.succeeded_at, 'created_at', py.created_at) order by py.created_at)
      from public.payments py where py.payer_id = me or py.beneficiary_id = me), '[]'),
    'certificates', coalesce((
      select jsonb_agg(jsonb_build_object('code', ce.code, 'student_name', ce.student_name,
        'course_title', ce.course_title, 'school_name', ce.school_name, 'issued_at', ce.issued_at,
        'revoked_at', ce.revoked_at) order by ce.issued_at)
      from public.certificates ce where ce.user_id = me), '[]'),
    'notifications', coalesce((
      select jsonb_agg(jsonb_build_object('kind', n.kind, 'title', n.title, 'body', n.body, 'link', n.link,
        'created_at', n.created_at, 'read_at', n.read_at) order by n.id)
      from public.notifications n where n.user_id = me), '[]'),
    'security_events', coalesce((
      select jsonb_agg(jsonb_build_object('action', l.action, 'details', l.details, 'ip', l.ip,
        'created_at', l.created_at) order by l.id)
      from public.audit_log l where l.tenant_id is null and l.target_id = me::text), '[]')
  ) into doc;
  perform private.audit(null, 'account.data_exported', 'user', me::text, '{}');
  return doc;
end $$;
comment on function public.my_data() is
  'Everything about the caller (auth.uid()) as one JSON document: account, profile, profile details, memberships, guardian links, support tickets and messages, tutor conversations, submissions with released grades, quiz attempts with released results, payments, certificates, notifications, security events. Records the export in the audit log.';
