-- The gradebook (issue 16): a course's weighted categories (with "drop the lowest n"), which quiz or
-- assignment counts in which category, and teachers' overrides of a cell or of the course total,
-- each with its reason. The numbers themselves are read from quiz_results and assignment_grades under
-- RLS, so a student (and a parent, for a linked child) only ever sees released results.

-- Section: tables

create table public.gradebook_categories (
  id uuid primary key default gen_random_uuid(),
  course_id uuid not null references public.courses (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  weight numeric(5, 2) not null check (weight between 0 and 100),
  drop_lowest integer not null default 0 check (drop_lowest between 0 and 10),
  position integer not null default 0 check (position >= 0)
);
alter table public.gradebook_categories enable row level security;
comment on table public.gradebook_categories is 'A course''s gradebook categories: their weight in the course total and how many of their lowest scores are dropped.';
create index gradebook_categories_course_idx on public.gradebook_categories (course_id, position);

create table public.gradebook_items (
  item_id uuid primary key,
  course_id uuid not null references public.courses (id) on delete cascade,
  category_id uuid not null references public.gradebook_categories (id) on delete cascade
);
alter table public.gradebook_items enable row level security;
comment on table public.gradebook_items is 'Which category a quiz or assignment (item_id) counts in; items without a row are uncategorised.';
create index gradebook_items_course_idx on public.gradebook_items (course_id);
create index gradebook_items_category_idx on public.gradebook_items (category_id);

create table public.grade_overrides (
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- A quiz's or assignment's id, or 'total' for the course total.
  item_key text not null check (item_key = 'total' or item_key ~ '^[0-9a-f-]{36}$'),
  percent numeric(5, 2) not null check (percent between 0 and 100),
  reason text not null check (char_length(btrim(reason)) between 1 and 500),
  set_by uuid references auth.users (id) on delete set null default auth.uid(),
  set_at timestamptz not null default now(),
  primary key (course_id, user_id, item_key)
);
alter table public.grade_overrides enable row level security;
comment on table public.grade_overrides is 'A teacher''s override of one gradebook cell (or the course total) for a student, with the reason.';
create index grade_overrides_user_idx on public.grade_overrides (user_id);

-- Section: helpers

create function private.guardian_sees_course(course uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.enrolments e
    join public.guardian_links g on g.student_id = e.user_id and g.parent_id = (select auth.uid())
    where e.course_id = course and g.tenant_id = private.course_tenant(course));
end $$;
comment on function private.guardian_sees_course(uuid) is 'True when a child linked to the caller is enrolled in the course.';

create function private.override_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.set_by := (select auth.uid());
  new.set_at := now();
  return new;
end $$;
create trigger grade_overrides_before_write before insert or update on public.grade_overrides
  for each row execute function private.override_before_write();

create function private.child_in_course(course uuid, child uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.is_guardian(private.course_tenant(course), child)
    and exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = child);
end $$;
comment on function private.child_in_course(uuid, uuid) is 'True when the child is linked to the caller and enrolled in the course.';

revoke all on function private.guardian_sees_course(uuid), private.child_in_course(uuid, uuid) from public, anon;
grant execute on function private.guardian_sees_course(uuid), private.child_in_course(uuid, uuid) to authenticated, service_role;

-- Section: policies

create policy "Teachers, enrolled students and their parents see the categories" on public.gradebook_categories
  for select to authenticated
  using (private.can_see_course_work(course_id) or private.is_enrolled(course_id) or private.guardian_sees_course(course_id));
create policy "Editors add categories" on public.gradebook_categories
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change categories" on public.gradebook_categories
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete categories" on public.gradebook_categories
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Teachers, enrolled students and their parents see where items count" on public.gradebook_items
  for select to authenticated
  using (private.can_see_course_work(course_id) or private.is_enrolled(course_id) or private.guardian_sees_course(course_id));
create policy "Editors place items" on public.gradebook_items
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors move items" on public.gradebook_items
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors take items out" on public.gradebook_items
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Teachers see overrides; a student and their parents their own" on public.grade_overrides
  for select to authenticated
  using (private.can_see_course_work(course_id) or user_id = (select auth.uid())
         or private.is_guardian(private.course_tenant(course_id), user_id));
create policy "Graders override" on public.grade_overrides
  for insert to authenticated with check (private.can_grade_course(course_id));
create policy "Graders change overrides" on public.grade_overrides
  for update to authenticated using (private.can_grade_course(course_id)) with check (private.can_grade_course(course_id));
create policy "Graders remove overrides" on public.grade_overrides
  for delete to authenticated using (private.can_grade_course(course_id));

-- Parents read their linked child's published quizzes and assignments and released results.
create policy "Parents see published quizzes of their child's courses" on public.quizzes
  for select to authenticated using (published_at is not null and private.guardian_sees_course(course_id));
create policy "Parents see their child's released quiz results" on public.quiz_results
  for select to authenticated
  using (private.quiz_results_released(quiz_id) and private.is_guardian(private.course_tenant(course_id), user_id));
create policy "Parents see published assignments of their child's courses" on public.assignments
  for select to authenticated using (published_at is not null and private.guardian_sees_course(course_id));
create policy "Parents see their child's released grades" on public.assignment_grades
  for select to authenticated
  using (private.assignment_results_released(assignment_id)
         and private.is_guardian(private.course_tenant(course_id), user_id));
