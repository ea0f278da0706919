-- Similarity checks (issue 16): within an assignment each latest submission is compared with the
-- others and with the course's published lessons (shingled fingerprints, realtime/jobs/grading/
-- fingerprint.ts, run as a 'similarity' grading job). The teacher sees a score per pair and the
-- passages found in both texts. It informs, never decides: nothing here reaches a student or parent.
--
-- The job writes with the service connection and replaces an assignment's results in one
-- transaction; each pair keeps the two texts as they were compared, so the passages' character
-- ranges still fit after a student resubmits or a lesson is republished. Only the course's graders
-- (private.can_grade_course) read them; no client writes.

-- Section: tables

create table public.similarity_checks (
  assignment_id uuid primary key references public.assignments (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  submissions integer not null check (submissions >= 0),
  lessons integer not null check (lessons >= 0),
  pairs integer not null check (pairs >= 0),
  computed_at timestamptz not null default now()
);
alter table public.similarity_checks enable row level security;
comment on table public.similarity_checks is 'The last similarity check of an assignment: when, and how many submissions, lessons and pairs it found.';
create index similarity_checks_course_idx on public.similarity_checks (course_id);
create index similarity_checks_tenant_idx on public.similarity_checks (tenant_id);

create table public.similarity_pairs (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null references public.similarity_checks (assignment_id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  submission_a uuid not null references public.assignment_submissions (id) on delete cascade,
  submission_b uuid references public.assignment_submissions (id) on delete cascade,
  lesson_id uuid references public.lessons (id) on delete cascade,
  -- The lesson's title when it was compared.
  lesson_title text,
  -- The larger share (a submission against a lesson: the submission's share), 0–1.
  score numeric(5, 4) not null check (score between 0 and 1),
  share_a numeric(5, 4) not null check (share_a between 0 and 1),
  share_b numeric(5, 4) not null check (share_b between 0 and 1),
  -- [{a: [start, end], b: [start, end], words}]: character ranges in text_a and text_b, in text_a's order.
  passages jsonb not null check (jsonb_typeof(passages) = 'array'),
  -- The longest passage as it reads in text_a (at most 300 characters), for the list.
  excerpt text not null default '',
  text_a text not null,
  text_b text not null,
  computed_at timestamptz not null default now(),
  check ((submission_b is null) <> (lesson_id is null)),
  check (submission_b is null or submission_a <> submission_b)
);
alter table public.similarity_pairs enable row level security;
comment on table public.similarity_pairs is 'Pairs of an assignment''s submissions (or a submission and a published lesson of the course) that share passages: score, passages and the texts compared. Written by the similarity job only.';
create index similarity_pairs_assignment_idx on public.similarity_pairs (assignment_id, score desc);
create index similarity_pairs_course_idx on public.similarity_pairs (course_id);
create index similarity_pairs_tenant_idx on public.similarity_pairs (tenant_id);
create index similarity_pairs_submission_a_idx on public.similarity_pairs (submission_a);
create index similarity_pairs_submission_b_idx on public.similarity_pairs (submission_b) where submission_b is not null;
create index similarity_pairs_lesson_idx on public.similarity_pairs (lesson_id) where lesson_id is not null;

-- Section: access helper

-- Asked once per query (a hashed subplan), not once per pair: an assignment can have hundreds.
create function private.graded_courses() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.id
  from public.courses c
  where c.tenant_id in (select m.tenant_id from public.memberships m where m.user_id = (select auth.uid()))
    and private.can_grade_course(c.id)
$$;
comment on function private.graded_courses() is
  'The courses whose assignments the caller grades (private.can_grade_course), over the caller''s schools only.';
revoke all on function private.graded_courses() from public, anon;
grant execute on function private.graded_courses() to authenticated, service_role;

-- Section: policies

create policy "A course's graders read its similarity checks" on public.similarity_checks
  for select to authenticated using (course_id in (select private.graded_courses()));
create policy "Only the similarity job writes checks" on public.similarity_checks
  for insert to authenticated with check (false);
create policy "Checks are changed by the similarity job only" on public.similarity_checks
  for update to authenticated using (false) with check (false);
create policy "Checks are removed by the similarity job only" on public.similarity_checks
  for delete to authenticated using (false);

create policy "A course's graders read its similarity pairs" on public.similarity_pairs
  for select to authenticated using (course_id in (select private.graded_courses()));
create policy "Only the similarity job writes pairs" on public.similarity_pairs
  for insert to authenticated with check (false);
create policy "Pairs are changed by the similarity job only" on public.similarity_pairs
  for update to authenticated using (false) with check (false);
create policy "Pairs are removed by the similarity job only" on public.similarity_pairs
  for delete to authenticated using (false);
