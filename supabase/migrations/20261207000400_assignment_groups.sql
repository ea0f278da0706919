-- Group assignments (issue 16: "submission … group or individual"). An assignment is done by each
-- student alone (mode individual) or by groups (mode group) its teachers make of the course's
-- students, a student in at most one group per assignment. A group hands in one submission: any
-- member submits or resubmits it (the due time and late policy as for anyone), with files from any
-- member's own folder of the assignment; every member reads it and its files. The teacher grades it
-- once and every member gets that grade: in the gradebook, in released results (the members and their
-- parents), in course completion and so certificates. Students see their own group and its members.

-- Section: tables

alter table public.assignments
  add column mode text not null default 'individual' check (mode in ('individual', 'group'));
comment on column public.assignments.mode is 'individual: each student submits; group: each group of assignment_groups submits once for all its members.';

create table public.assignment_groups (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  created_at timestamptz not null default now()
);
alter table public.assignment_groups enable row level security;
comment on table public.assignment_groups is 'The groups of a group assignment, made by the course''s teachers.';
create index assignment_groups_assignment_idx on public.assignment_groups (assignment_id, name);
create index assignment_groups_course_idx on public.assignment_groups (course_id);
create index assignment_groups_tenant_idx on public.assignment_groups (tenant_id);

create table public.assignment_group_members (
  group_id uuid not null references public.assignment_groups (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (group_id, user_id),
  -- A student is in at most one group of an assignment.
  unique (assignment_id, user_id)
);
alter table public.assignment_group_members enable row level security;
comment on table public.assignment_group_members is 'Who is in which group of an assignment: students enrolled in its course, one group each.';
create index assignment_group_members_user_idx on public.assignment_group_members (user_id);
create index assignment_group_members_course_idx on public.assignment_group_members (course_id);

-- A group's submission: one per group; user_id stays its first submitter, submitted_by is who
-- handed in the latest version.
alter table public.assignment_submissions
  add column group_id uuid references public.assignment_groups (id),
  add column submitted_by uuid references auth.users (id) on delete set null;
comment on column public.assignment_submissions.group_id is 'The group whose work this is (group assignments); its members share the submission and its grade.';
create unique index assignment_submissions_group_idx on public.assignment_submissions (group_id) where group_id is not null;
create index assignment_submissions_submitted_by_idx on public.assignment_submissions (submitted_by) where submitted_by is not null;

-- Section: access helpers

create function private.is_group_member(grp uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignment_group_members m where m.group_id = grp and m.user_id = (select auth.uid()));
end $$;
comment on function private.is_group_member(uuid) is 'True when the caller is in this assignment group.';

create function private.in_submission_group(submission uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignment_submissions s
                 join public.assignment_group_members m on m.group_id = s.group_id
                 where s.id = submission and m.user_id = (select auth.uid()));
end $$;
comment on function private.in_submission_group(uuid) is 'True when the caller is a member of the group whose submission this is.';

create function private.guardian_of_submission_group(submission uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.assignment_submissions s
                 join public.assignment_group_members m on m.group_id = s.group_id
                 where s.id = submission and private.is_guardian(s.tenant_id, m.user_id));
end $$;
comment on function private.guardian_of_submission_group(uuid) is 'True when a child linked to the caller is a member of the group whose submission this is.';

revoke all on function private.is_group_member(uuid), private.in_submission_group(uuid),
  private.guardian_of_submission_group(uuid) from public, anon;
grant execute on function private.is_group_member(uuid), private.in_submission_group(uuid),
  private.guardian_of_submission_group(uuid) to authenticated, service_role;

-- Every member's grade of an assignment: an individual submission's grade is its student's; a
-- group submission's grade is each current member's (its submitter's when the group is empty). One
-- grade per student and assignment (the latest, should a student have been moved between groups
-- that both handed in). No caller checks: only the definer read functions below call it.
create function private.assignment_member_grades(course uuid)
returns table (user_id uuid, assignment_id uuid, submission_id uuid, points numeric, max_points numeric, btec_grade text)
language sql stable security definer set search_path = '' as $$
  select distinct on (x.user_id, x.assignment_id) x.user_id, x.assignment_id, x.submission_id, x.points,
    x.max_points, x.btec_grade
  from (
    select coalesce(m.user_id, g.user_id) as user_id, g.assignment_id, g.submission_id, g.points, g.max_points,
      g.btec_grade, g.graded_at
    from public.assignment_grades g
    join public.assignment_submissions s on s.id = g.submission_id
    left join public.assignment_group_members m on m.group_id = s.group_id
    where g.course_id = course
  ) x
  order by x.user_id, x.assignment_id, x.graded_at desc
$$;
comment on function private.assignment_member_grades(uuid) is 'Each student''s assignment grades in a course, group grades given to every member (no caller checks; for the definer read functions).';
revoke all on function private.assignment_member_grades(uuid) from public, anon, authenticated;

-- Section: triggers

create function private.assignment_group_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  a public.assignments;
begin
  if tg_op = 'UPDATE' and new.assignment_id <> old.assignment_id then
    raise exception 'A group stays with its assignment.' using errcode = '42501';
  end if;
  select * into a from public.assignments where id = new.assignment_id;
  if a.id is null then
    raise exception 'No such assignment.' using errcode = 'P0002', hint = 'assignment_not_found';
  end if;
  new.course_id := a.course_id;
  new.tenant_id := a.tenant_id;
  new.name := btrim(new.name);
  if tg_op = 'UPDATE' then new.created_at := old.created_at; else new.created_at := now(); end if;
  return new;
end $$;
create trigger assignment_groups_before_write before insert or update on public.assignment_groups
  for each row execute function private.assignment_group_before_write();

-- A member is a student enrolled in the course; moving them (a new group_id) keeps the assignment.
create function private.assignment_group_member_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  grp public.assignment_groups;
begin
  select * into grp from public.assignment_groups where id = new.group_id;
  if grp.id is null then
    raise exception 'No such group.' using errcode = 'P0002', hint = 'group_not_found';
  end if;
  if tg_op = 'UPDATE' and grp.assignment_id <> old.assignment_id then
    raise exception 'A student moves between groups of the same assignment only.' using errcode = '42501';
  end if;
  if not exists (select 1 from public.enrolments e where e.course_id = grp.course_id and e.user_id = new.user_id) then
    raise exception 'Only students enrolled in the course join its groups.'
      using errcode = '22023', hint = 'group_member_not_enrolled', detail = json_build_object('path', 'user_id')::text;
  end if;
  new.assignment_id := grp.assignment_id;
  new.course_id := grp.course_id;
  new.added_at := now();
  return new;
end $$;
create trigger assignment_group_members_before_write before insert or update on public.assignment_group_members
  for each row execute function private.assignment_group_member_before_write();

-- Work handed in one way is not turned into the other.
create function private.assignment_mode_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.mode <> old.mode and exists (select 1 from public.assignment_submissions s where s.assignment_id = new.id) then
    raise exception 'Work has been handed in: this assignment stays % work.', old.mode
      using errcode = 'P0001', hint = 'assignment_mode_locked';
  end if;
  return new;
end $$;
create trigger assignments_mode_guard before update of mode on public.assignments
  for each row execute function private.assignment_mode_guard();

-- The submission rules of 20261206200000_assignments.sql, and for a group assignment: the row is the
-- submitter's group's (set here, never by the client, and kept on resubmission); its files come from
-- the folders of the group's members (or were in the submission already), each owned by the member
-- whose folder it is.
create or replace function private.submission_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  a public.assignments;
  item jsonb;
  folder text;
  uploader text;
  object_name text;
  obj storage.objects;
  checked jsonb := '[]';
begin
  select * into a from public.assignments where id = new.assignment_id;
  if a.id is null then
    raise exception 'No such assignment.' using errcode = 'P0002', hint = 'assignment_not_found';
  end if;
  if tg_op = 'UPDATE' and (new.assignment_id <> old.assignment_id or new.user_id <> old.user_id) then
    raise exception 'A submission stays with its assignment and student.' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then
    new.group_id := old.group_id;
  elsif a.mode = 'group' then
    select m.group_id into new.group_id from public.assignment_group_members m
    where m.assignment_id = a.id and m.user_id = new.user_id;
    -- (Someone who may not submit at all is refused by the policies, not told it is group work.)
    if new.group_id is null and private.can_submit_assignment(a.id) then
      raise exception 'This is group work and you are not in a group yet: ask your teacher.'
        using errcode = 'P0001', hint = 'group_required';
    end if;
  else
    new.group_id := null;
  end if;
  new.course_id := a.course_id;
  new.tenant_id := a.tenant_id;
  new.submitted_at := now();
  new.submitted_by := coalesce((select auth.uid()), new.user_id);
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
  folder := format('assignment-files/%s/%s/', a.tenant_id, a.id);
  for item in select * from jsonb_array_elements(new.files) loop
    uploader := split_part(item ->> 'path', '/', 4);
    if jsonb_typeof(item -> 'path') <> 'string' or not starts_with(item ->> 'path', folder)
       or not (uploader = new.user_id::text
               or (new.group_id is not null and exists (
                     select 1 from public.assignment_group_members m
                     where m.group_id = new.group_id and m.user_id::text = uploader))
               or (tg_op = 'UPDATE' and new.group_id is not null and exists (
                     select 1 from jsonb_array_elements(old.files) f where f ->> 'path' = item ->> 'path'))) then
      raise exception 'A file is not one of your uploads for this assignment.'
        using errcode = '22023', hint = 'not_a_submission_file', detail = json_build_object('path', item ->> 'path')::text;
    end if;
    object_name := substr(item ->> 'path', char_length('assignment-files/') + 1);
    select * into obj from storage.objects o
    where o.bucket_id = 'assignment-files' and o.name = object_name and o.owner_id = uploader;
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

-- Section: submission files — the members of a group read the files of their group's submission.

create or replace function private.can_see_submission_object(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  assignment uuid := private.object_assignment(name);
begin
  return split_part(name, '/', 3) = (select auth.uid())::text
    or exists (select 1 from public.assignments a where a.id = assignment
               and a.tenant_id::text = split_part(name, '/', 1) and private.can_see_course_work(a.course_id))
    or exists (select 1 from public.assignment_submissions s
               join public.assignment_group_members m on m.group_id = s.group_id and m.user_id = (select auth.uid())
               where s.assignment_id = assignment and s.tenant_id::text = split_part(name, '/', 1)
                 and s.files @> jsonb_build_array(jsonb_build_object('path', 'assignment-files/' || name)));
end $$;
comment on function private.can_see_submission_object(text) is 'A submission file is seen by its student, by the course''s teachers, and by the members of the group whose submission holds it.';

-- Section: read functions count group grades

create or replace function private.gradebook_results(course uuid, users uuid[])
returns table (user_id uuid, item_id uuid, points double precision, max_points double precision, btec_grade text)
language plpgsql stable security definer set search_path = '' as $$
declare
  teacher boolean := private.can_see_course_work(course);
  me uuid := (select auth.uid());
begin
  return query
    select r.user_id, r.quiz_id, max(r.score)::float8, max(r.max_score)::float8, null::text
    from public.quiz_results r join public.quizzes q on q.id = r.quiz_id
    where r.course_id = course and r.user_id = any (users)
      and (teacher or ((q.release = 'on_submit' or q.results_released_at is not null)
                       and (r.user_id = me or private.is_guardian(q.tenant_id, r.user_id))))
    group by r.user_id, r.quiz_id
    union all
    select g.user_id, g.assignment_id, g.points::float8, g.max_points::float8, g.btec_grade
    from private.assignment_member_grades(course) g join public.assignments a on a.id = g.assignment_id
    where g.user_id = any (users)
      and (teacher or (a.results_released_at is not null
                       and (g.user_id = me or private.is_guardian(a.tenant_id, g.user_id))));
end $$;
comment on function private.gradebook_results(uuid, uuid[]) is 'Best quiz results and assignment grades (a group''s grade for each member) of these students in the course, as the result policies let the caller see them (decided once per call, not per row).';

create or replace function private.course_progress(course uuid, student uuid)
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
           select 1 from private.assignment_member_grades(course) g
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
comment on function private.course_progress(uuid, uuid) is 'A student''s progress through a course by its completion rules: lessons published and done, quizzes and assignments (a group''s grade counting for each member) published and passed, the percent of what is required, and whether it is complete. For the student, their linked parents and the course''s teachers (42501 otherwise).';

-- Section: policies

create policy "Teachers see an assignment's groups; students their own" on public.assignment_groups
  for select to authenticated
  using ((select private.can_see_course_work(course_id)) or (select private.is_group_member(id)));
create policy "Editors make groups" on public.assignment_groups
  for insert to authenticated with check ((select private.can_edit_course(course_id)));
create policy "Editors rename groups" on public.assignment_groups
  for update to authenticated
  using ((select private.can_edit_course(course_id))) with check ((select private.can_edit_course(course_id)));
create policy "Editors delete groups" on public.assignment_groups
  for delete to authenticated using ((select private.can_edit_course(course_id)));

create policy "Teachers see who is in which group; students their group's members" on public.assignment_group_members
  for select to authenticated
  using ((select private.can_see_course_work(course_id)) or (select private.is_group_member(group_id)));
create policy "Editors add students to groups" on public.assignment_group_members
  for insert to authenticated with check ((select private.can_edit_course(course_id)));
create policy "Editors move students between groups" on public.assignment_group_members
  for update to authenticated
  using ((select private.can_edit_course(course_id))) with check ((select private.can_edit_course(course_id)));
create policy "Editors take students out of groups" on public.assignment_group_members
  for delete to authenticated using ((select private.can_edit_course(course_id)));

create policy "Group members see their group's submission" on public.assignment_submissions
  for select to authenticated using (group_id is not null and (select private.is_group_member(group_id)));
create policy "Group members resubmit their group's work" on public.assignment_submissions
  for update to authenticated
  using (group_id is not null and (select private.is_group_member(group_id))
         and (select private.can_submit_assignment(assignment_id)))
  with check (group_id is not null and (select private.is_group_member(group_id))
              and (select private.can_submit_assignment(assignment_id)));

create policy "Group members and their parents see the group's released grade" on public.assignment_grades
  for select to authenticated
  using ((select private.assignment_results_released(assignment_id))
         and ((select private.in_submission_group(submission_id))
              or (select private.guardian_of_submission_group(submission_id))));
create policy "Group members see their group's grade history once released" on public.grade_history
  for select to authenticated
  using ((select private.assignment_results_released(assignment_id)) and (select private.in_submission_group(submission_id)));
