-- Grading jobs (issue 16): OCR of scanned scripts, AI grade suggestions and similarity checks run in
-- the background from a durable queue. A job is a row of public.grading_jobs — what the course's
-- teachers see, with its progress, live on the topic `assignment:<id>` — executed by graphile-worker
-- (its schema graphile_worker: retries with exponential backoff, survives restarts). The realtime
-- server runs the queue (realtime/jobs/grading/queue.ts).
--
-- Only security-definer functions write grading_jobs: private.enqueue_grading_job (called by other
-- migrations' triggers, e.g. OCR when a scan is submitted) and public.request_grading_job (a
-- teacher asks); the queue updates status and progress on the service connection.
--
-- graphile-worker 0.16 leaves the jobs of a worker killed with -9 locked for 4 hours: each queue
-- process writes its workers' ids into private.grading_workers every few seconds, and
-- private.sweep_grading_workers unlocks the jobs of workers not seen for a while.

-- Section: tables

create table public.grading_jobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  -- The submission it is about (ocr, suggest); null for an assignment-wide similarity check.
  submission_id uuid references public.assignment_submissions (id) on delete cascade,
  kind text not null check (kind in ('ocr', 'suggest', 'similarity')),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress smallint not null default 0 check (progress between 0 and 100),
  attempts integer not null default 0 check (attempts >= 0),
  error text check (char_length(error) <= 1000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((kind = 'similarity') = (submission_id is null))
);
alter table public.grading_jobs enable row level security;
comment on table public.grading_jobs is 'Background grading work (OCR, AI suggestions, similarity) of an assignment, with status and progress; the course''s graders see it.';
create index grading_jobs_course_idx on public.grading_jobs (course_id);
create index grading_jobs_assignment_idx on public.grading_jobs (assignment_id, kind, submission_id, created_at desc);
create index grading_jobs_submission_idx on public.grading_jobs (submission_id) where submission_id is not null;
create index grading_jobs_tenant_idx on public.grading_jobs (tenant_id);
-- One unfinished job per kind and target: asking again reuses it.
create unique index grading_jobs_unfinished_idx on public.grading_jobs (assignment_id, kind, submission_id)
  nulls not distinct where status in ('queued', 'running');

create table private.grading_workers (
  worker_id text primary key,
  seen_at timestamptz not null default now()
);
alter table private.grading_workers enable row level security;
comment on table private.grading_workers is 'The graphile-worker ids of running grading queues and when each was last seen alive (heartbeat).';

-- Section: triggers

create function private.grading_job_before_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  new.finished_at := case when new.status in ('done', 'failed') then coalesce(old.finished_at, now()) end;
  return new;
end $$;
create trigger grading_jobs_before_update before update on public.grading_jobs
  for each row execute function private.grading_job_before_update();

-- The course's graders follow `assignment:<id>`: every new job and every change of status,
-- progress or error is an event `job`.
create function private.grading_job_live() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.status = old.status and new.progress = old.progress
     and new.error is not distinct from old.error then
    return null;
  end if;
  perform private.live_notify('assignment:' || new.assignment_id, 'job', 'all', jsonb_build_object(
    'id', new.id, 'kind', new.kind, 'submission_id', new.submission_id, 'status', new.status,
    'progress', new.progress, 'error', new.error));
  return null;
end $$;
comment on function private.grading_job_live() is 'Tells the graders following an assignment that one of its grading jobs was queued or changed.';
create trigger grading_jobs_live after insert or update on public.grading_jobs
  for each row execute function private.grading_job_live();

-- Section: queueing

-- Reuses the unfinished job of this kind and target (back to queued, progress 0) or adds one, and
-- queues its run in graphile-worker. Without the graphile_worker schema yet (a hosted project whose
-- worker never started), the row waits queued and the queue adopts it when it starts.
create function private.enqueue_grading_job(kind text, assignment uuid, submission uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  a public.assignments;
  job uuid;
begin
  select * into a from public.assignments x where x.id = enqueue_grading_job.assignment;
  if a.id is null then
    raise exception 'No such assignment.' using errcode = 'P0002', hint = 'assignment_not_found';
  end if;
  if enqueue_grading_job.submission is not null and not exists (
       select 1 from public.assignment_submissions s
       where s.id = enqueue_grading_job.submission and s.assignment_id = a.id) then
    raise exception 'No such submission of this assignment.' using errcode = 'P0002', hint = 'submission_not_found';
  end if;
  perform pg_advisory_xact_lock(hashtext('grading:' || enqueue_grading_job.kind || ':' || a.id || ':'
                                         || coalesce(enqueue_grading_job.submission::text, '')));
  update public.grading_jobs j
  set status = 'queued', progress = 0, attempts = 0, error = null
  where j.assignment_id = a.id and j.kind = enqueue_grading_job.kind
    and j.submission_id is not distinct from enqueue_grading_job.submission and j.status in ('queued', 'running')
  returning j.id into job;
  if job is null then
    insert into public.grading_jobs (tenant_id, course_id, assignment_id, submission_id, kind, created_by)
    values (a.tenant_id, a.course_id, a.id, enqueue_grading_job.submission, enqueue_grading_job.kind,
            (select auth.uid()))
    returning id into job;
  end if;
  if to_regnamespace('graphile_worker') is not null then
    perform graphile_worker.add_job('grading', json_build_object('id', job),
                                    job_key => 'grading:' || job, max_attempts => 5);
  end if;
  return job;
end $$;
comment on function private.enqueue_grading_job(text, uuid, uuid) is 'Queues a grading job (ocr, suggest: a submission of the assignment; similarity: none), reusing an unfinished one of the same kind and target. Returns its id.';

/** Queued jobs without a graphile-worker job (added before its schema existed): the queue adopts them at start. */
create function private.adopt_grading_jobs() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  adopted integer;
begin
  perform graphile_worker.add_job('grading', json_build_object('id', g.id), job_key => 'grading:' || g.id, max_attempts => 5)
  from public.grading_jobs g
  where g.status = 'queued'
    and not exists (select 1 from graphile_worker.jobs j where j.key = 'grading:' || g.id);
  get diagnostics adopted = row_count;
  return adopted;
end $$;

-- Section: a teacher asks

/** The grader check of every public grading function: the assignment, or an error with a hint. */
create function private.grading_assignment(assignment uuid) returns public.assignments
language plpgsql stable security definer set search_path = '' as $$
declare
  a public.assignments;
begin
  select * into a from public.assignments x where x.id = grading_assignment.assignment;
  if a.id is null then
    raise exception 'No such assignment.' using errcode = 'P0002', hint = 'assignment_not_found';
  end if;
  if not private.can_grade_course(a.course_id) then
    raise exception 'Only the course''s teachers run grading jobs (OCR, suggestions, similarity).'
      using errcode = '42501', hint = 'grading_forbidden';
  end if;
  return a;
end $$;

create function public.request_grading_job(kind text, assignment uuid, submission uuid default null)
returns public.grading_jobs
language plpgsql security definer set search_path = '' as $$
declare
  a public.assignments := private.grading_assignment(request_grading_job.assignment);
  queued uuid;
  job public.grading_jobs;
begin
  if request_grading_job.kind is null or request_grading_job.kind not in ('ocr', 'suggest', 'similarity') then
    raise exception 'A grading job is ocr, suggest or similarity.' using errcode = '22023', hint = 'grading_target_invalid',
      detail = json_build_object('path', 'kind')::text;
  end if;
  if request_grading_job.kind = 'similarity' and request_grading_job.submission is not null then
    raise exception 'A similarity check covers the whole assignment: send no submission.'
      using errcode = '22023', hint = 'grading_target_invalid', detail = json_build_object('path', 'submission_id')::text;
  end if;
  if request_grading_job.kind <> 'similarity' and request_grading_job.submission is null then
    raise exception 'OCR and grade suggestions are about one submission: send its id.'
      using errcode = '22023', hint = 'grading_target_invalid', detail = json_build_object('path', 'submission_id')::text;
  end if;
  queued := private.enqueue_grading_job(request_grading_job.kind, a.id, request_grading_job.submission);
  select * into job from public.grading_jobs g where g.id = queued;
  return job;
end $$;
comment on function public.request_grading_job(text, uuid, uuid) is 'A grader queues OCR or suggestions for a submission, or a similarity check of the assignment; an unfinished job of the same kind and target is reused.';

/** The latest job per kind and submission of an assignment (graders; decided once, not per row). */
create function public.assignment_grading_jobs(assignment uuid) returns setof public.grading_jobs
language plpgsql stable security definer set search_path = '' as $$
declare
  a public.assignments := private.grading_assignment(assignment_grading_jobs.assignment);
begin
  return query
    select distinct on (j.kind, j.submission_id) j.*
    from public.grading_jobs j where j.assignment_id = a.id
    order by j.kind, j.submission_id, j.created_at desc, j.id;
end $$;
comment on function public.assignment_grading_jobs(uuid) is 'An assignment''s grading jobs, the latest per kind and submission, for its graders.';

-- Section: the queue's heartbeat and crash recovery

create function private.grading_heartbeat(workers text[]) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.grading_workers (worker_id, seen_at)
  select w, now() from unnest(workers) w
  on conflict (worker_id) do update set seen_at = now();
end $$;
comment on function private.grading_heartbeat(text[]) is 'Marks a queue''s graphile-worker ids alive now.';

-- Unlocks the grading jobs of workers not seen alive for `stale_seconds` (killed), marks failed the
-- rows whose graphile job has no attempts left (a worker died on each), and forgets old workers.
create function private.sweep_grading_workers(stale_seconds integer) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  dead text[];
begin
  select coalesce(array_agg(distinct j.locked_by), '{}') into dead
  from graphile_worker.jobs j
  where j.task_identifier = 'grading' and j.locked_by is not null
    and j.locked_at < now() - make_interval(secs => stale_seconds)
    and not exists (select 1 from private.grading_workers w
                    where w.worker_id = j.locked_by and w.seen_at > now() - make_interval(secs => stale_seconds));
  if cardinality(dead) > 0 then
    perform graphile_worker.force_unlock_workers(dead);
  end if;
  update public.grading_jobs g
  set status = 'failed', error = 'The worker stopped during every attempt of this job. Try again.'
  from graphile_worker.jobs j
  where j.key = 'grading:' || g.id and j.locked_by is null and j.attempts >= j.max_attempts
    and g.status in ('queued', 'running');
  delete from private.grading_workers w where w.seen_at < now() - interval '1 day';
  return cardinality(dead);
end $$;
comment on function private.sweep_grading_workers(integer) is 'Crash recovery of the grading queue: unlocks the jobs of workers whose heartbeat stopped. Returns how many workers were found dead.';

revoke all on function private.grading_job_before_update(), private.grading_job_live(),
  private.enqueue_grading_job(text, uuid, uuid), private.adopt_grading_jobs(), private.grading_assignment(uuid),
  private.grading_heartbeat(text[]), private.sweep_grading_workers(integer) from public, anon, authenticated;
grant execute on function private.enqueue_grading_job(text, uuid, uuid), private.adopt_grading_jobs(),
  private.grading_heartbeat(text[]), private.sweep_grading_workers(integer) to service_role;
revoke all on function public.request_grading_job(text, uuid, uuid), public.assignment_grading_jobs(uuid) from public, anon;
grant execute on function public.request_grading_job(text, uuid, uuid), public.assignment_grading_jobs(uuid)
  to authenticated, service_role;

-- Section: the live topic `assignment:<id>`

create function public.assignment_live_access(assignment uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  course uuid := (select a.course_id from public.assignments a where a.id = assignment);
begin
  if course is null then return 'missing'; end if;
  if private.can_grade_course(course) then return 'grader'; end if;
  return 'none';
end $$;
comment on function public.assignment_live_access(uuid) is 'The caller''s access to an assignment''s live topic (its grading jobs): grader, none, or missing.';
revoke all on function public.assignment_live_access(uuid) from public, anon;
grant execute on function public.assignment_live_access(uuid) to authenticated, service_role;

/** The realtime server's re-check: one function for every topic family, as the calling user. */
create or replace function public.live_access(topic text) returns text
language plpgsql stable set search_path = '' as $$
declare
  kind text := split_part(topic, ':', 1);
  id text := substr(topic, length(kind) + 2);
begin
  if id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then return 'missing'; end if;
  case kind
    when 'ticket' then return public.ticket_access(id::uuid);
    when 'queue' then return case when public.support_queue_access(id::uuid) then 'staff' else 'none' end;
    when 'user' then return case when id::uuid = (select auth.uid()) then 'self' else 'none' end;
    when 'session' then return public.session_room_access(id::uuid);
    when 'course' then return public.course_live_access(id::uuid);
    when 'assignment' then return public.assignment_live_access(id::uuid);
    else return 'missing';
  end case;
end $$;
comment on function public.live_access(text) is 'The caller''s access to a live topic (ticket:, queue:, user:, session:, course:, assignment:), as each topic''s own access function answers it.';

-- Section: policies (graders read; only the functions above and the queue write)

create policy "The course's graders see its grading jobs" on public.grading_jobs
  for select to authenticated using (private.can_grade_course(course_id));
create policy "Grading jobs are queued through request_grading_job only" on public.grading_jobs
  for insert to authenticated with check (false);
create policy "Grading jobs are changed by the queue only" on public.grading_jobs
  for update to authenticated using (false) with check (false);
create policy "Grading jobs are not deleted by hand" on public.grading_jobs
  for delete to authenticated using (false);

create policy "Queue workers are nobody's to read" on private.grading_workers
  for select to authenticated using (false);
create policy "Queue workers are written by the queue only" on private.grading_workers
  for insert to authenticated with check (false);
create policy "Queue workers are changed by the queue only" on private.grading_workers
  for update to authenticated using (false) with check (false);
create policy "Queue workers are removed by the queue only" on private.grading_workers
  for delete to authenticated using (false);
