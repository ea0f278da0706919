-- The text of scanned or photographed scripts (issue 16): each JPEG, PNG or WebP file of a submission
-- is read by OCR in the background (the grading job `ocr`, realtime/jobs/grading/ocr.ts) into a row
-- here; the teacher sees it beside the image and may correct it. Similarity checks and AI grade
-- suggestions read the corrected text when there is one, else the OCR text.
--
-- Who reads it: the course's teachers only (those who see students' work). The student already has
-- their own photo; the raw OCR text and a teacher's corrections are grading aids, and keeping them
-- from students keeps "nothing reaches a student before release" true without a release rule here.
-- Who writes it: the OCR job (service connection) writes everything; graders change only
-- corrected_text (a column grant), and the trigger records who and when.

-- Section: table

create table public.submission_texts (
  id uuid primary key default gen_random_uuid(),
  submission_id uuid not null references public.assignment_submissions (id) on delete cascade,
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- assignment-files/<school>/<assignment>/<student>/<file>, as in assignment_submissions.files
  path text not null check (char_length(path) between 1 and 1100),
  -- The stored object's version the text was read from: a replaced photo is read again.
  object_version text not null,
  text text not null default '' check (char_length(text) <= 100000),
  confidence smallint check (confidence between 0 and 100),
  -- Why the file could not be read (not an image OCR reads, too large, gone); text is then ''.
  error text check (char_length(error) <= 500),
  corrected_text text check (char_length(corrected_text) <= 100000),
  corrected_by uuid references auth.users (id) on delete set null,
  corrected_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (submission_id, path)
);
alter table public.submission_texts enable row level security;
comment on table public.submission_texts is 'OCR text of the image files of a submission (one row per file), with a teacher''s correction.';
create index submission_texts_course_idx on public.submission_texts (course_id);
create index submission_texts_assignment_idx on public.submission_texts (assignment_id);
create index submission_texts_tenant_idx on public.submission_texts (tenant_id);

-- Graders change the correction only; everything else is the OCR job's (it bypasses RLS and grants).
revoke all on public.submission_texts from anon;
revoke insert, update, delete, truncate, references, trigger on public.submission_texts from authenticated;
grant select on public.submission_texts to authenticated;
grant update (corrected_text) on public.submission_texts to authenticated;

-- Section: the image files of a submission

/** The files OCR reads (JPEG, PNG, WebP) of a submission, in order, with the stored object's version. */
create function private.submission_ocr_files(submission uuid)
returns table (path text, name text, type text, size bigint, object_version text, file_order integer)
language sql stable security definer set search_path = '' as $$
  select f ->> 'path', f ->> 'name', f ->> 'type', (f ->> 'size')::bigint,
         coalesce(o.version, o.updated_at::text, ''), x.ord::integer
  from public.assignment_submissions s
  cross join lateral jsonb_array_elements(s.files) with ordinality as x (f, ord)
  left join storage.objects o
    on o.bucket_id = 'assignment-files' and o.name = substr(f ->> 'path', char_length('assignment-files/') + 1)
  where s.id = submission and f ->> 'type' in ('image/jpeg', 'image/png', 'image/webp')
  order by x.ord
$$;
comment on function private.submission_ocr_files(uuid) is 'The image files of a submission that OCR reads, with the version of each stored object.';

-- Section: triggers

-- A correction records who made it and when; clearing it (null or blank) goes back to the OCR text.
create function private.submission_text_before_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.corrected_text is not null and btrim(new.corrected_text) = '' then
    new.corrected_text := null;
  end if;
  if new.corrected_text is distinct from old.corrected_text then
    new.corrected_by := case when new.corrected_text is null then null else (select auth.uid()) end;
    new.corrected_at := case when new.corrected_text is null then null else now() end;
  end if;
  new.created_at := old.created_at;
  new.updated_at := now();
  return new;
end $$;
create trigger submission_texts_before_update before update on public.submission_texts
  for each row execute function private.submission_text_before_update();

-- After a submission is written: texts of files it no longer has are removed, and OCR is queued
-- when an image file has no text of its stored version yet (a new or replaced photo). Resubmitting
-- the same photos queues nothing.
create function private.submission_queue_ocr() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.submission_texts t
  where t.submission_id = new.id
    and not exists (select 1 from private.submission_ocr_files(new.id) f where f.path = t.path);
  if exists (select 1 from private.submission_ocr_files(new.id) f
             where not exists (select 1 from public.submission_texts t
                               where t.submission_id = new.id and t.path = f.path
                                 and t.object_version = f.object_version)) then
    perform private.enqueue_grading_job('ocr', new.assignment_id, new.id);
  end if;
  return null;
end $$;
comment on function private.submission_queue_ocr() is 'Queues OCR of a submission whose image files are new or replaced, and forgets the texts of files it no longer has.';
create trigger assignment_submissions_queue_ocr after insert or update of files on public.assignment_submissions
  for each row execute function private.submission_queue_ocr();

revoke all on function private.submission_ocr_files(uuid), private.submission_text_before_update(),
  private.submission_queue_ocr() from public, anon, authenticated;
grant execute on function private.submission_ocr_files(uuid) to service_role;

-- Section: policies

create policy "The course's teachers read the text of scripts" on public.submission_texts
  for select to authenticated using (private.can_see_course_work(course_id));
create policy "Texts are written by the OCR job only" on public.submission_texts
  for insert to authenticated with check (false);
create policy "The course's graders correct the text" on public.submission_texts
  for update to authenticated
  using (private.can_grade_course(course_id)) with check (private.can_grade_course(course_id));
create policy "Texts go with their submission only" on public.submission_texts
  for delete to authenticated using (false);
