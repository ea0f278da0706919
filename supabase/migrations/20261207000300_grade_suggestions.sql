-- AI grade suggestions (issue 16): for a submission's text (typed, or OCR'd from a scan) the school's
-- AI provider chain proposes a level per rubric criterion (or achieved / not yet for BTEC) with a
-- justification and a quote from the submission. Written only by the grading job on the service
-- connection (realtime/jobs/grading/suggest.ts): one set per submission, replaced when it runs again.
-- The course's teachers read them; the student never does (before or after release), nor a parent:
-- a suggestion is only the teacher's draft until they grade and release.

create table public.grade_suggestions (
  id uuid primary key default gen_random_uuid(),
  submission_id uuid not null references public.assignment_submissions (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- The submission's student: never a reader of these rows, even when they also teach the course.
  user_id uuid not null references auth.users (id) on delete cascade,
  criterion_id text not null check (char_length(criterion_id) between 1 and 40),
  -- points rubrics: a level of the criterion; BTEC rubrics: achieved or not yet.
  level_id text check (char_length(level_id) between 1 and 40),
  achieved boolean,
  justification text not null check (char_length(justification) between 1 and 2000),
  quote text not null check (char_length(quote) between 1 and 1000),
  provider text not null check (char_length(provider) between 1 and 200),
  model text not null check (char_length(model) between 1 and 200),
  created_at timestamptz not null default now(),
  unique (submission_id, criterion_id),
  check ((level_id is null) <> (achieved is null))
);
alter table public.grade_suggestions enable row level security;
comment on table public.grade_suggestions is 'AI-suggested rubric outcomes for a submission, each with a justification quoting it. Teachers only; written by the grading job.';
create index grade_suggestions_course_idx on public.grade_suggestions (course_id);
create index grade_suggestions_user_idx on public.grade_suggestions (user_id);
create index grade_suggestions_assignment_idx on public.grade_suggestions (assignment_id);
create index grade_suggestions_tenant_idx on public.grade_suggestions (tenant_id);

create policy "The course's teachers see suggestions; never the student" on public.grade_suggestions
  for select to authenticated
  using (user_id <> (select auth.uid()) and private.can_see_course_work(course_id));
create policy "Suggestions are written by the grading job only" on public.grade_suggestions
  for insert to authenticated with check (false);
create policy "Suggestions are never changed by hand" on public.grade_suggestions
  for update to authenticated using (false) with check (false);
create policy "Suggestions are never removed by hand" on public.grade_suggestions
  for delete to authenticated using (false);
