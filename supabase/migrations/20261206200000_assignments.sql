-- Assignments (issue 16): rubrics a school reuses (points per level, or BTEC criteria P1…/M1…/D1…),
-- a course's assignments (instructions, due time, late policy, text and/or files), students'
-- submissions (resubmitted until the due time; late ones accepted with a penalty or refused), grades
-- against the rubric and every change to a grade.
--
-- The grade's numbers are computed here from the rubric and the criteria the teacher marked (points
-- rubric: the chosen levels' points, less the late penalty; BTEC: the unit grade by the rule in
-- DOMAIN.md), so no client can store a grade that disagrees with its rubric. Students read their grade
-- and its history once the assignment's results are released.

-- Section: tables

create table public.rubrics (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  kind text not null check (kind in ('points', 'btec')),
  title text not null check (char_length(title) between 1 and 200),
  -- points: [{id, title, description, levels: [{id, title, points}]}]; btec: [{id, code, description}]
  criteria jsonb not null check (jsonb_typeof(criteria) = 'array' and jsonb_array_length(criteria) between 1 and 30
                                 and octet_length(criteria::text) <= 100000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.rubrics enable row level security;
comment on table public.rubrics is 'A school''s rubrics, reused across its assignments: criteria × levels with points, or BTEC criteria achieved or not yet.';
create index rubrics_tenant_idx on public.rubrics (tenant_id, title);

create table public.assignments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  instructions text not null default '' check (char_length(instructions) <= 10000),
  due_at timestamptz,
  late_policy text not null default 'accept' check (late_policy in ('accept', 'refuse')),
  late_penalty_percent integer not null default 0 check (late_penalty_percent between 0 and 100),
  allow_text boolean not null default true,
  allow_files boolean not null default true,
  rubric_id uuid references public.rubrics (id) on delete restrict,
  max_points numeric(7, 2) not null default 100 check (max_points > 0 and max_points <= 1000),
  published_at timestamptz,
  results_released_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (allow_text or allow_files)
);
alter table public.assignments enable row level security;
comment on table public.assignments is 'A course''s assignments: what to do, by when, how late work is treated, how it is submitted and graded.';
create index assignments_course_idx on public.assignments (course_id, created_at);
create index assignments_tenant_idx on public.assignments (tenant_id);
create index assignments_published_idx on public.assignments (published_at) where published_at is not null;
create index assignments_rubric_idx on public.assignments (rubric_id) where rubric_id is not null;

create table public.assignment_submissions (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  body text not null default '' check (char_length(body) <= 50000),
  -- [{path, name, size, type}], path = assignment-files/<school>/<assignment>/<student>/<file>
  files jsonb not null default '[]' check (jsonb_typeof(files) = 'array' and jsonb_array_length(files) <= 5),
  version integer not null default 1 check (version >= 1),
  submitted_at timestamptz not null default now(),
  late boolean not null default false,
  unique (assignment_id, user_id)
);
alter table public.assignment_submissions enable row level security;
comment on table public.assignment_submissions is 'A student''s submission to an assignment (the latest version: resubmitting replaces it and counts up version).';
create index assignment_submissions_user_idx on public.assignment_submissions (user_id);
create index assignment_submissions_course_idx on public.assignment_submissions (course_id);

create table public.assignment_grades (
  submission_id uuid primary key references public.assignment_submissions (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- [{criterion_id, level_id | achieved, feedback}]
  criteria jsonb not null default '[]' check (jsonb_typeof(criteria) = 'array' and octet_length(criteria::text) <= 200000),
  raw_points numeric(9, 2),
  points numeric(9, 2),
  max_points numeric(9, 2),
  btec_grade text check (btec_grade in ('Distinction', 'Merit', 'Pass', 'Unclassified')),
  feedback text not null default '' check (char_length(feedback) <= 5000),
  graded_by uuid references auth.users (id) on delete set null default auth.uid(),
  graded_at timestamptz not null default now()
);
alter table public.assignment_grades enable row level security;
comment on table public.assignment_grades is 'The grade of a submission: per-criterion outcomes and feedback, the points or BTEC grade computed from its rubric.';
create index assignment_grades_assignment_idx on public.assignment_grades (assignment_id);
create index assignment_grades_user_idx on public.assignment_grades (user_id);
create index assignment_grades_course_idx on public.assignment_grades (course_id);

create table public.grade_history (
  id bigint generated always as identity primary key,
  submission_id uuid not null references public.assignment_submissions (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  changed_by uuid references auth.users (id) on delete set null,
  before jsonb,
  after jsonb not null,
  changed_at timestamptz not null default now()
);
alter table public.grade_history enable row level security;
comment on table public.grade_history is 'Every change to a grade: who, when, the points and BTEC grade before and after. Written by a trigger only.';
create index grade_history_submission_idx on public.grade_history (submission_id, changed_at);
create index grade_history_user_idx on public.grade_history (user_id);
create index grade_history_assignment_idx on public.grade_history (assignment_id);
create index grade_history_course_idx on public.grade_history (course_id);

-- Section: access helpers

create function private.can_grade_course(course uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.can_edit_course(course)
    or private.has_role(private.course_tenant(course), array['owner', 'admin', 'instructor']::public.tenant_role[]);
end $$;
comment on function private.can_grade_course(uuid) is 'True for the course''s editors and the school''s owners, admins and instructors: they grade its assignments.';

create function private.assignment_results_released(assignment uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignments a where a.id = assignment and a.results_released_at is not null);
end $$;

create function private.can_submit_assignment(assignment uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignments a
                 where a.id = assignment and a.published_at is not null and private.is_enrolled(a.course_id));
end $$;
comment on function private.can_submit_assignment(uuid) is 'True when the caller is enrolled in the course of this published assignment (the due time is checked when they submit).';

create function private.rubric_visible_to_student(rubric uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignments a
                 where a.rubric_id = rubric and a.published_at is not null and private.is_enrolled(a.course_id));
end $$;
comment on function private.rubric_visible_to_student(uuid) is 'True when the rubric grades a published assignment of a course the caller is enrolled in.';

revoke all on function private.can_grade_course(uuid), private.assignment_results_released(uuid),
  private.can_submit_assignment(uuid), private.rubric_visible_to_student(uuid) from public, anon;
grant execute on function private.can_grade_course(uuid), private.assignment_results_released(uuid),
  private.can_submit_assignment(uuid), private.rubric_visible_to_student(uuid) to authenticated, service_role;

-- Section: grading rules

-- The BTEC unit grade from the criteria achieved (DOMAIN.md): Distinction needs every P, M and D
-- criterion, Merit every P and M, Pass every P; a band only counts when the rubric has criteria in
-- it (a unit without D criteria cannot give a Distinction).
create function private.btec_grade(codes text[], achieved text[]) returns text
language plpgsql immutable set search_path = '' as $$
declare
  p_all boolean := not exists (select 1 from unnest(codes) c where c like 'P%' and not (c = any (achieved)));
  m_all boolean := not exists (select 1 from unnest(codes) c where c like 'M%' and not (c = any (achieved)));
  d_all boolean := not exists (select 1 from unnest(codes) c where c like 'D%' and not (c = any (achieved)));
  has_m boolean := exists (select 1 from unnest(codes) c where c like 'M%');
  has_d boolean := exists (select 1 from unnest(codes) c where c like 'D%');
begin
  if not p_all then
    return 'Unclassified';
  elsif has_m and m_all and has_d and d_all then
    return 'Distinction';
  elsif has_m and m_all then
    return 'Merit';
  end if;
  return 'Pass';
end $$;
comment on function private.btec_grade(text[], text[]) is 'The BTEC unit grade for the criteria codes of a rubric and those achieved.';

-- Section: triggers

create function private.assignment_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if new.course_id <> old.course_id or new.tenant_id <> old.tenant_id then
      raise exception 'An assignment stays in its course.' using errcode = '42501';
    end if;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  else
    new.tenant_id := private.course_tenant(new.course_id);
    if new.tenant_id is null then
      raise exception 'No such course.' using errcode = '23503';
    end if;
    new.created_at := now();
  end if;
  if new.rubric_id is not null
     and not exists (select 1 from public.rubrics r where r.id = new.rubric_id and r.tenant_id = new.tenant_id) then
    raise exception 'No such rubric in this school.' using errcode = 'P0002', hint = 'rubric_not_found';
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger assignments_before_write before insert or update on public.assignments
  for each row execute function private.assignment_before_write();

create function private.rubric_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if new.tenant_id <> old.tenant_id then
      raise exception 'A rubric stays in its school.' using errcode = '42501';
    end if;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger rubrics_before_write before insert or update on public.rubrics
  for each row execute function private.rubric_before_write();

-- A submission's course, school and times come from its assignment; late work follows the policy;
-- each file must be the student's own upload in their folder of this assignment (size and type
-- are taken from storage, never from the client).
create function private.submission_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  a public.assignments;
  item jsonb;
  folder text;
  object_name text;
  obj storage.objects;
  checked jsonb := '[]';
begin
  select * into a from public.assignments where id = new.assignment_id;
  if not found then
    raise exception 'No such assignment.' using errcode = 'P0002', hint = 'assignment_not_found';
  end if;
  if tg_op = 'UPDATE' and (new.assignment_id <> old.assignment_id or new.user_id <> old.user_id) then
    raise exception 'A submission stays with its assignment and student.' using errcode = '42501';
  end if;
  new.course_id := a.course_id;
  new.tenant_id := a.tenant_id;
  new.submitted_at := now();
  new.version := case when tg_op = 'UPDATE' then old.version + 1 else 1 end;
  new.late := a.due_at is not null and now() > a.due_at;
  if new.late and a.late_policy = 'refuse' then
    raise exception 'This assignment was due at % and takes no late work.', a.due_at
      using errcode = 'P0001', hint = 'assignment_closed';
  end if;
  if btrim(new.body) <> '' and not a.allow_text then
    raise exception 'This assignment takes files only.' using errcode = '22023', hint = 'submissions_text_off';
  end if;
  if jsonb_array_length(new.files) > 0 and not a.allow_files then
    raise exception 'This assignment takes text only.' using errcode = '22023', hint = 'submissions_files_off';
  end if;
  folder := format('assignment-files/%s/%s/%s/', a.tenant_id, a.id, new.user_id);
  for item in select * from jsonb_array_elements(new.files) loop
    if jsonb_typeof(item -> 'path') <> 'string' or not starts_with(item ->> 'path', folder) then
      raise exception 'A file is not one of your uploads for this assignment.'
        using errcode = '22023', hint = 'not_a_submission_file', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    object_name := substr(item ->> 'path', char_length('assignment-files/') + 1);
    select * into obj from storage.objects o
    where o.bucket_id = 'assignment-files' and o.name = object_name and o.owner_id = new.user_id::text;
    if obj.id is null then
      raise exception 'A file was not uploaded by you, or is gone.'
        using errcode = '22023', hint = 'not_a_submission_file', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    checked := checked || jsonb_build_object(
      'path', item ->> 'path',
      'name', left(coalesce(nullif(btrim(item ->> 'name'), ''), storage.filename(object_name)), 200),
      'size', (obj.metadata ->> 'size')::bigint,
      'type', obj.metadata ->> 'mimetype');
  end loop;
  new.files := checked;
  return new;
end $$;
create trigger assignment_submissions_before_write before insert or update on public.assignment_submissions
  for each row execute function private.submission_before_write();

-- The grade's numbers from its rubric: every criterion must be marked (a level of the criterion, or
-- achieved true/false for BTEC); without a rubric, raw_points out of the assignment's max_points.
-- The late penalty applies to points, not to a BTEC grade.
create function private.grade_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s public.assignment_submissions;
  a public.assignments;
  r public.rubrics;
  c jsonb;
  mark jsonb;
  level jsonb;
  total numeric := 0;
  most numeric := 0;
  codes text[] := '{}';
  achieved text[] := '{}';
begin
  select * into s from public.assignment_submissions where id = new.submission_id;
  if not found then
    raise exception 'No such submission.' using errcode = 'P0002', hint = 'submission_not_found';
  end if;
  select * into a from public.assignments where id = s.assignment_id;
  new.assignment_id := s.assignment_id;
  new.course_id := s.course_id;
  new.user_id := s.user_id;
  new.graded_by := (select auth.uid());
  new.graded_at := now();
  new.btec_grade := null;
  if a.rubric_id is null then
    if new.raw_points is null or new.raw_points < 0 or new.raw_points > a.max_points then
      raise exception 'Give points from 0 to %.', a.max_points using errcode = '22023', hint = 'grade_invalid',
        detail = json_build_object('path', 'points')::text;
    end if;
    total := new.raw_points;
    most := a.max_points;
    new.criteria := '[]';
  else
    select * into r from public.rubrics where id = a.rubric_id;
    for c in select * from jsonb_array_elements(r.criteria) loop
      select m into mark from jsonb_array_elements(new.criteria) m where m ->> 'criterion_id' = c ->> 'id' limit 1;
      if r.kind = 'points' then
        select l into level from jsonb_array_elements(c -> 'levels') l where l ->> 'id' = mark ->> 'level_id' limit 1;
        if level is null then
          raise exception 'Choose a level for "%".', c ->> 'title' using errcode = '22023', hint = 'grade_invalid',
            detail = json_build_object('criterion_id', c ->> 'id')::text;
        end if;
        total := total + (level ->> 'points')::numeric;
        most := most + (select max((l ->> 'points')::numeric) from jsonb_array_elements(c -> 'levels') l);
      else
        if mark is null or jsonb_typeof(mark -> 'achieved') <> 'boolean' then
          raise exception 'Mark % achieved or not yet.', c ->> 'code' using errcode = '22023', hint = 'grade_invalid',
            detail = json_build_object('criterion_id', c ->> 'id')::text;
        end if;
        codes := codes || (c ->> 'code');
        if (mark ->> 'achieved')::boolean then
          achieved := achieved || (c ->> 'code');
        end if;
      end if;
    end loop;
    if r.kind = 'btec' then
      new.btec_grade := private.btec_grade(codes, achieved);
      new.raw_points := null;
      new.points := null;
      new.max_points := null;
      return new;
    end if;
    new.raw_points := total;
  end if;
  new.max_points := most;
  new.points := case when s.late then round(total * (100 - a.late_penalty_percent) / 100.0, 2) else total end;
  return new;
end $$;
create trigger assignment_grades_before_write before insert or update on public.assignment_grades
  for each row execute function private.grade_before_write();

create function private.grade_history_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.points is not distinct from old.points and new.btec_grade is not distinct from old.btec_grade
     and new.criteria = old.criteria and new.feedback = old.feedback then
    return null;
  end if;
  insert into public.grade_history (submission_id, assignment_id, course_id, user_id, changed_by, before, after)
  values (new.submission_id, new.assignment_id, new.course_id, new.user_id, new.graded_by,
    case when tg_op = 'UPDATE' then jsonb_build_object('points', old.points, 'btec_grade', old.btec_grade) end,
    jsonb_build_object('points', new.points, 'btec_grade', new.btec_grade));
  return null;
end $$;
create trigger assignment_grades_history after insert or update on public.assignment_grades
  for each row execute function private.grade_history_write();

-- Section: submission files (bucket assignment-files: <school>/<assignment>/<student>/<file>)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('assignment-files', 'assignment-files', false, 20971520,
    array['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/msword',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.oasis.opendocument.text', 'text/plain'])
on conflict (id) do nothing;

create function private.object_assignment(name text) returns uuid
language plpgsql immutable set search_path = '' as $$
begin
  return private.try_uuid(split_part(name, '/', 2));
end $$;

create function private.can_see_submission_object(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  assignment uuid := private.object_assignment(name);
begin
  return split_part(name, '/', 3) = (select auth.uid())::text
    or exists (select 1 from public.assignments a where a.id = assignment
               and a.tenant_id::text = split_part(name, '/', 1) and private.can_see_course_work(a.course_id));
end $$;
comment on function private.can_see_submission_object(text) is 'A submission file is seen by its student and by the course''s teachers.';

revoke all on function private.object_assignment(text), private.can_see_submission_object(text) from public, anon;
grant execute on function private.object_assignment(text), private.can_see_submission_object(text) to authenticated, service_role;

create policy "Students and their teachers see submission files" on storage.objects
  for select to authenticated
  using (bucket_id = 'assignment-files' and private.can_see_submission_object(name));
create policy "Enrolled students upload into their own folder of an assignment" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'assignment-files' and owner_id = (select auth.uid())::text
              and split_part(name, '/', 3) = (select auth.uid())::text
              and exists (select 1 from public.assignments a where a.id = private.object_assignment(name)
                          and a.tenant_id::text = split_part(name, '/', 1))
              and private.can_submit_assignment(private.object_assignment(name)));
create policy "Students remove their own submission files" on storage.objects
  for delete to authenticated
  using (bucket_id = 'assignment-files' and owner_id = (select auth.uid())::text);

-- The school's storage counts submission files too.
create or replace function private.storage_used(tenant uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0)::bigint
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files', 'assignment-files')
    and o.path_tokens[1] = tenant::text
$$;

create or replace function private.storage_quota_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  -- Generated columns (path_tokens) are not computed yet in a BEFORE trigger: split the name.
  tenant uuid := private.try_uuid(split_part(new.name, '/', 1));
  size bigint := coalesce((new.metadata ->> 'size')::bigint, 0);
  used bigint;
  cap bigint;
begin
  if new.bucket_id not in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files', 'assignment-files')
     or tenant is null then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext('storage:' || tenant::text));
  select coalesce(sum((o.metadata ->> 'size')::bigint), 0) into used
  from storage.objects o
  where o.bucket_id in ('lesson-media', 'course-materials', 'ticket-attachments', 'session-files', 'assignment-files')
    and o.path_tokens[1] = tenant::text and o.id <> new.id;
  cap := private.storage_limit(tenant);
  if used + size > cap then
    raise exception 'The school''s storage is full (% of % bytes used).', used, cap
      using errcode = 'P0001', hint = 'storage_quota_exceeded',
            detail = json_build_object('used', used, 'limit', cap, 'size', size)::text;
  end if;
  return new;
end $$;

-- Section: policies

create policy "The school's teachers see its rubrics; students those of their assignments" on public.rubrics
  for select to authenticated
  using (private.has_role(tenant_id, array['owner', 'admin', 'staff', 'instructor']::public.tenant_role[])
         or private.rubric_visible_to_student(id));
create policy "Instructors and admins add rubrics" on public.rubrics
  for insert to authenticated
  with check (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[]));
create policy "Instructors and admins change rubrics" on public.rubrics
  for update to authenticated
  using (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[]))
  with check (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[]));
create policy "Instructors and admins delete rubrics" on public.rubrics
  for delete to authenticated
  using (private.has_role(tenant_id, array['owner', 'admin', 'instructor']::public.tenant_role[]));

create policy "Teachers see a course's assignments; enrolled students the published ones" on public.assignments
  for select to authenticated
  using (private.can_see_course_work(course_id) or (published_at is not null and private.is_enrolled(course_id)));
create policy "Editors add assignments" on public.assignments
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change assignments" on public.assignments
  for update to authenticated
  using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete assignments" on public.assignments
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Students see their submissions; teachers the course's" on public.assignment_submissions
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_see_course_work(course_id));
create policy "Enrolled students submit" on public.assignment_submissions
  for insert to authenticated
  with check (user_id = (select auth.uid()) and private.can_submit_assignment(assignment_id));
create policy "Enrolled students resubmit their own" on public.assignment_submissions
  for update to authenticated
  using (user_id = (select auth.uid()) and private.can_submit_assignment(assignment_id))
  with check (user_id = (select auth.uid()) and private.can_submit_assignment(assignment_id));
create policy "Submissions are not deleted by hand" on public.assignment_submissions
  for delete to authenticated using (false);

create policy "Students see released grades; teachers the course's" on public.assignment_grades
  for select to authenticated
  using ((user_id = (select auth.uid()) and private.assignment_results_released(assignment_id))
         or private.can_see_course_work(course_id));
create policy "Graders grade" on public.assignment_grades
  for insert to authenticated with check (private.can_grade_course(course_id));
create policy "Graders change grades" on public.assignment_grades
  for update to authenticated
  using (private.can_grade_course(course_id)) with check (private.can_grade_course(course_id));
create policy "Grades are not deleted by hand" on public.assignment_grades
  for delete to authenticated using (false);

create policy "Students see their grade's history once released; teachers all" on public.grade_history
  for select to authenticated
  using ((user_id = (select auth.uid()) and private.assignment_results_released(assignment_id))
         or private.can_see_course_work(course_id));
create policy "History is written by its trigger only" on public.grade_history
  for insert to authenticated with check (false);
create policy "History is never changed" on public.grade_history
  for update to authenticated using (false) with check (false);
create policy "History is never removed" on public.grade_history
  for delete to authenticated using (false);
