-- Assessments in the outline (issue 16: "Instructors add assessments to a course's outline beside
-- lessons"). A quiz or an assignment may sit in one of its course's modules, at a position among
-- that module's assessments (shown after its lessons); without a module it is listed under the
-- outline as before. Placing, moving, renaming or (un)publishing a placed assessment tells the
-- course's readers its outline changed (the `outline` event of 20261205080000_course_live.sql).

alter table public.quizzes
  add column module_id uuid references public.course_modules (id) on delete set null,
  add column position integer not null default 0 check (position between 0 and 10000);
alter table public.assignments
  add column module_id uuid references public.course_modules (id) on delete set null,
  add column position integer not null default 0 check (position between 0 and 10000);
comment on column public.quizzes.module_id is 'The module of the outline the quiz sits in (null: listed under the outline).';
comment on column public.assignments.module_id is 'The module of the outline the assignment sits in (null: listed under the outline).';
create index quizzes_module_idx on public.quizzes (module_id, position) where module_id is not null;
create index assignments_module_idx on public.assignments (module_id, position) where module_id is not null;

create function private.assessment_module_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.module_id is not null
     and not exists (select 1 from public.course_modules m where m.id = new.module_id and m.course_id = new.course_id) then
    raise exception 'Choose a module of this course.'
      using errcode = '22023', hint = 'module_not_in_course', detail = json_build_object('path', 'module_id')::text;
  end if;
  return new;
end $$;
comment on function private.assessment_module_check() is 'Keeps a quiz or an assignment in a module of its own course.';
create trigger quizzes_module_check before insert or update of module_id on public.quizzes
  for each row execute function private.assessment_module_check();
create trigger assignments_module_check before insert or update of module_id on public.assignments
  for each row execute function private.assessment_module_check();

-- Only changes the outline shows: a placed assessment (before or after) moved, renamed, published
-- or unpublished, its due time changed, or deleted.
create trigger quizzes_outline_live after update of module_id, position, title, published_at, closes_at on public.quizzes
  for each row when (old.module_id is not null or new.module_id is not null)
  execute function private.course_outline_live();
create trigger quizzes_outline_live_delete after delete on public.quizzes
  for each row when (old.module_id is not null) execute function private.course_outline_live();
create trigger assignments_outline_live after update of module_id, position, title, published_at, due_at on public.assignments
  for each row when (old.module_id is not null or new.module_id is not null)
  execute function private.course_outline_live();
create trigger assignments_outline_live_delete after delete on public.assignments
  for each row when (old.module_id is not null) execute function private.course_outline_live();
