-- Course completion and certificates (issue 16: "progress and certificates").
--
-- A course is complete for a student when every published lesson is marked done (unless the
-- course's rules say lessons do not count) and every published quiz and assignment is passed:
--   * a quiz: its best released result reaches pass_percent of its maximum;
--   * an assignment: graded and released, with points reaching pass_percent of the maximum, or a
--     BTEC grade of at least Pass.
-- private.course_progress computes this for the student, their linked parents and the course's
-- teachers. A student whose course is complete asks for a certificate (private.issue_certificate):
-- one per student and course, with the names as they were that day and a 12-character code
-- anyone can check without signing in (public.verify_certificate). The course's managers revoke it
-- (private.revoke_certificate, audited); a revoked certificate stays, marked revoked, and is not
-- issued again.

-- Section: completion rules

create table public.course_completion_rules (
  course_id uuid primary key references public.courses (id) on delete cascade,
  pass_percent integer not null default 50 check (pass_percent between 0 and 100),
  require_all_lessons boolean not null default true,
  issue_certificates boolean not null default true,
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now()
);
alter table public.course_completion_rules enable row level security;
comment on table public.course_completion_rules is 'What completing a course takes: the pass mark of its quizzes and points assignments, whether every published lesson must be done, whether completion earns a certificate. A course without a row uses the defaults.';
create index course_completion_rules_updated_by_idx on public.course_completion_rules (updated_by);

create function private.completion_rules_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.course_id <> old.course_id then
    raise exception 'Completion rules stay with their course.' using errcode = '42501';
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end $$;
comment on function private.completion_rules_before_write() is 'Keeps completion rules on their course and stamps who changed them and when.';
create trigger course_completion_rules_before_write before insert or update on public.course_completion_rules
  for each row execute function private.completion_rules_before_write();

create policy "The course's teachers read its completion rules" on public.course_completion_rules
  for select to authenticated using (private.can_see_course_work(course_id));
create policy "Editors set completion rules" on public.course_completion_rules
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change completion rules" on public.course_completion_rules
  for update to authenticated
  using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors reset completion rules to the defaults" on public.course_completion_rules
  for delete to authenticated using (private.can_edit_course(course_id));

revoke all on public.course_completion_rules from anon, authenticated;
grant select, insert, update, delete on public.course_completion_rules to authenticated;

-- Section: progress

create function private.completion_rules(course uuid)
returns table (pass_percent integer, require_all_lessons boolean, issue_certificates boolean)
language sql stable security definer set search_path = '' as $$
  select coalesce(r.pass_percent, 50), coalesce(r.require_all_lessons, true), coalesce(r.issue_certificates, true)
  from (select 1) as one
  left join public.course_completion_rules r on r.course_id = course
$$;
comment on function private.completion_rules(uuid) is 'A course''s completion rules, the defaults where it has none (no caller checks: it reveals only settings).';

-- The rule of the header, for one student: counts, the percent of required items done and
-- whether the course is complete. Security definer (it reads results the student may not see yet
-- to tell they are not released), so it checks its caller first.
create function private.course_progress(course uuid, student uuid)
returns table (
  lessons_published integer,
  lessons_done integer,
  assessments_total integer,
  assessments_passed integer,
  percent integer,
  complete boolean
)
language plpgsql stable security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  tenant uuid := private.course_tenant(course);
  rules record;
  published integer;
  done integer;
  quizzes integer;
  quizzes_passed integer;
  tasks integer;
  tasks_passed integer;
  required integer;
  achieved integer;
begin
  if tenant is null then
    raise exception 'No such course.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  if me is null or not (student = me or private.is_guardian(tenant, student) or private.can_see_course_work(course)) then
    raise exception 'Only the student, their parents and the course''s teachers can see this progress.'
      using errcode = '42501', hint = 'progress_forbidden';
  end if;
  select * into rules from private.completion_rules(course);

  select count(*)::int,
         count(*) filter (where exists (select 1 from public.lesson_progress p
                                        where p.user_id = student and p.lesson_id = l.id and p.completed_at is not null))::int
  into published, done
  from public.lessons l
  where l.course_id = course and exists (select 1 from public.lesson_versions v where v.lesson_id = l.id);

  select count(*)::int,
         count(*) filter (where exists (
           select 1 from public.quiz_results r
           where r.quiz_id = q.id and r.user_id = student
             and (q.release = 'on_submit' or q.results_released_at is not null)
             and r.score * 100 >= rules.pass_percent * r.max_score))::int
  into quizzes, quizzes_passed
  from public.quizzes q
  where q.course_id = course and q.published_at is not null;

  select count(*)::int,
         count(*) filter (where a.results_released_at is not null and exists (
           select 1 from public.assignment_grades g
           where g.assignment_id = a.id and g.user_id = student
             and (g.btec_grade in ('Pass', 'Merit', 'Distinction')
                  or (g.btec_grade is null and g.points is not null and g.max_points > 0
                      and g.points * 100 >= rules.pass_percent * g.max_points))))::int
  into tasks, tasks_passed
  from public.assignments a
  where a.course_id = course and a.published_at is not null;

  required := quizzes + tasks + case when rules.require_all_lessons then published else 0 end;
  achieved := quizzes_passed + tasks_passed + case when rules.require_all_lessons then done else 0 end;
  return query select published, done, quizzes + tasks, quizzes_passed + tasks_passed,
    case when required = 0 then 0 else (achieved * 100 / required) end,
    required > 0 and achieved = required;
end $$;
comment on function private.course_progress(uuid, uuid) is 'A student''s progress through a course by its completion rules: lessons published and done, quizzes and assignments published and passed, the percent of what is required, and whether it is complete. For the student, their linked parents and the course''s teachers (42501 otherwise).';

revoke all on function private.completion_rules(uuid), private.course_progress(uuid, uuid) from public, anon;
grant execute on function private.completion_rules(uuid), private.course_progress(uuid, uuid) to authenticated, service_role;

-- Section: certificates

create table public.certificates (
  id uuid primary key default gen_random_uuid(),
  -- 12 characters of Crockford-like base32 without 0, O, 1 and I: read aloud and typed without doubt.
  code text not null unique check (code ~ '^[A-HJ-NP-Z2-9]{12}$'),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- A certificate outlives its course: the names below are what it shows.
  course_id uuid references public.courses (id) on delete set null,
  user_id uuid not null references auth.users (id) on delete cascade,
  student_name text not null check (char_length(student_name) between 1 and 200),
  course_title text not null check (char_length(course_title) between 1 and 200),
  school_name text not null check (char_length(school_name) between 1 and 200),
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text check (char_length(revoked_reason) between 1 and 500),
  revoked_by uuid references auth.users (id) on delete set null,
  unique (course_id, user_id),
  check ((revoked_at is null) = (revoked_reason is null))
);
alter table public.certificates enable row level security;
comment on table public.certificates is 'A certificate of completion: who, which course, which school (names as at issue), when, and whether and why it was revoked. Written by private.issue_certificate and private.revoke_certificate only; anyone checks one by its code with public.verify_certificate.';
create index certificates_user_idx on public.certificates (user_id, tenant_id);
create index certificates_tenant_idx on public.certificates (tenant_id, issued_at desc);
create index certificates_course_idx on public.certificates (course_id, issued_at desc);
create index certificates_revoked_by_idx on public.certificates (revoked_by) where revoked_by is not null;

create function private.new_certificate_code() returns text
language sql volatile set search_path = '' as $$
  -- 12 of a random v4 uuid's fully random bytes (not the version and variant ones), 5 bits each.
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 32) + 1, 1), '' order by i)
  from (select uuid_send(gen_random_uuid()) as b) as u, unnest(array[0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14]) as i
$$;
comment on function private.new_certificate_code() is 'A random 12-character certificate code (60 bits) from an alphabet without 0, O, 1 and I.';

create function private.normalise_certificate_code(code text) returns text
language sql immutable set search_path = '' as $$
  select upper(regexp_replace(coalesce(code, ''), '[^A-Za-z0-9]', '', 'g'))
$$;
comment on function private.normalise_certificate_code(text) is 'A code as typed (any case, with dashes or spaces) as stored.';

create function private.issue_certificate(course uuid) returns public.certificates
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  cert public.certificates;
  rules record;
  progress record;
  name text;
  title text;
  school text;
  tenant uuid := private.course_tenant(course);
begin
  if me is null or tenant is null or not private.is_member(tenant) then
    raise exception 'No such course, or you are not a member of its school.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  if not private.is_enrolled(course) then
    raise exception 'Enrol in this course to earn its certificate.' using errcode = '42501', hint = 'enrol_required';
  end if;
  -- One at a time per student and course (a double tap, two tabs).
  perform pg_advisory_xact_lock(hashtextextended('certificate:' || course::text || me::text, 0));
  select * into cert from public.certificates c where c.course_id = course and c.user_id = me;
  if found then
    if cert.revoked_at is not null then
      raise exception 'Your certificate for this course was revoked: %', cert.revoked_reason
        using errcode = 'P0001', hint = 'certificate_revoked';
    end if;
    return cert;
  end if;
  select * into rules from private.completion_rules(course);
  if not rules.issue_certificates then
    raise exception 'This course does not give certificates.' using errcode = 'P0001', hint = 'certificates_off';
  end if;
  select * into progress from private.course_progress(course, me);
  if not progress.complete then
    raise exception 'Complete the course first: you are at % %%.', progress.percent
      using errcode = 'P0001', hint = 'course_not_complete',
            detail = json_build_object('percent', progress.percent)::text;
  end if;
  select left(btrim(p.display_name), 200) into name from public.profiles p where p.id = me;
  if coalesce(name, '') = '' then
    raise exception 'Add your name to your profile first: the certificate shows it.'
      using errcode = '23514', hint = 'rule_violated';
  end if;
  select c.title, t.name into title, school
  from public.courses c join public.tenants t on t.id = c.tenant_id where c.id = course;
  for attempt in 1..5 loop
    begin
      insert into public.certificates (code, tenant_id, course_id, user_id, student_name, course_title, school_name)
      values (private.new_certificate_code(), tenant, course, me, name, btrim(title), btrim(school))
      returning * into cert;
      exit;
    exception when unique_violation then
      -- Only a code taken by another certificate gets here (the lock rules out a second one of
      -- ours); five misses in a row at 60 bits would mean something else is wrong.
      if attempt = 5 then
        raise;
      end if;
    end;
  end loop;
  perform private.audit(tenant, 'certificate.issued', 'certificate', cert.id::text,
    jsonb_build_object('course_id', course, 'user_id', me, 'code', cert.code));
  return cert;
end $$;
comment on function private.issue_certificate(uuid) is 'Issues the caller''s certificate for a course they completed (enrolled, the course gives certificates, a name on their profile); gives back the one they have if any, refuses a revoked one.';

create function private.revoke_certificate(certificate uuid, reason text) returns public.certificates
language plpgsql security definer set search_path = '' as $$
declare
  cert public.certificates;
  why text := btrim(coalesce(reason, ''));
begin
  select * into cert from public.certificates c where c.id = certificate for update;
  if not found or (select auth.uid()) is null then
    raise exception 'No such certificate.' using errcode = 'P0002', hint = 'certificate_not_found';
  end if;
  if not (private.has_role(cert.tenant_id, private.admin_roles())
          or (cert.course_id is not null and private.can_manage_course(cert.course_id))) then
    if cert.user_id = (select auth.uid()) or private.is_guardian(cert.tenant_id, cert.user_id)
       or (cert.course_id is not null and private.can_see_course_work(cert.course_id)) then
      raise exception 'Only the course''s editors and the school''s owners and admins can revoke a certificate.'
        using errcode = '42501', hint = 'certificate_managers_only';
    end if;
    raise exception 'No such certificate.' using errcode = 'P0002', hint = 'certificate_not_found';
  end if;
  if cert.revoked_at is not null then
    raise exception 'This certificate was already revoked.' using errcode = 'P0001', hint = 'certificate_revoked';
  end if;
  if char_length(why) not between 1 and 500 then
    raise exception 'Give a reason of 1 to 500 characters.' using errcode = '22023', hint = 'invalid_value',
      detail = json_build_object('path', 'reason')::text;
  end if;
  update public.certificates set revoked_at = now(), revoked_reason = why, revoked_by = (select auth.uid())
  where id = certificate returning * into cert;
  perform private.audit(cert.tenant_id, 'certificate.revoked', 'certificate', cert.id::text,
    jsonb_build_object('course_id', cert.course_id, 'user_id', cert.user_id, 'reason', why));
  return cert;
end $$;
comment on function private.revoke_certificate(uuid, text) is 'Revokes a certificate with a reason (the course''s editors, the school''s owners and admins; audited). Verification then says it was revoked and when.';

-- What the public verification page shows, and nothing else: no ids, no emails.
create function public.verify_certificate(code text)
returns table (
  student_name text,
  course_title text,
  school_name text,
  issued_at timestamptz,
  revoked boolean,
  revoked_at timestamptz
)
language sql stable security definer set search_path = '' as $$
  select c.student_name, c.course_title, c.school_name, c.issued_at, c.revoked_at is not null, c.revoked_at
  from public.certificates c
  where c.code = private.normalise_certificate_code(verify_certificate.code)
$$;
comment on function public.verify_certificate(text) is 'Checks a certificate by its code, for anyone (signed in or not): the names, the issue date and whether it was revoked.';

revoke all on function private.new_certificate_code(), private.normalise_certificate_code(text),
  private.issue_certificate(uuid), private.revoke_certificate(uuid, text) from public, anon;
revoke all on function private.new_certificate_code() from authenticated;
grant execute on function private.normalise_certificate_code(text), private.issue_certificate(uuid),
  private.revoke_certificate(uuid, text) to authenticated, service_role;
revoke all on function public.verify_certificate(text) from public;
grant execute on function public.verify_certificate(text) to anon, authenticated, service_role;

-- Section: policies

create policy "Students, their parents, the course's teachers and the school's admins read certificates" on public.certificates
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.is_guardian(tenant_id, user_id)
         or private.has_role(tenant_id, private.admin_roles())
         or (course_id is not null and private.can_see_course_work(course_id)));
create policy "Certificates are issued only through issue_certificate" on public.certificates
  for insert to authenticated with check (false);
create policy "Certificates change only through revoke_certificate" on public.certificates
  for update to authenticated using (false) with check (false);
create policy "Certificates are never deleted by hand" on public.certificates
  for delete to authenticated using (false);

revoke all on public.certificates from anon, authenticated;
grant select on public.certificates to authenticated;
grant select, insert, update, delete on public.certificates to service_role;
