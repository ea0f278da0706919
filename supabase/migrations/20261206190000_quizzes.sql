-- Quizzes (issue 16): a course's quizzes, their questions and answer keys, students' attempts,
-- the answers they save as they go and their graded results.
--
-- Who sees what:
--   * editors of the course write quizzes, questions and keys; the course's teachers (co-authors,
--     the school's owners, admins, staff and instructors) read everything, students' work included;
--   * enrolled students see published quizzes, a quiz's questions only once they have started an
--     attempt, never a key; they write their answers only while their attempt is open (its deadline
--     plus 30 s of grace, enforced here, not by the page); they read their results once released.
-- Attempts start, submit and are graded only through the security-definer functions below, which
-- read the keys for the student without ever returning them.

-- Section: tables

create table public.quizzes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  instructions text not null default '' check (char_length(instructions) <= 5000),
  time_limit_minutes integer check (time_limit_minutes between 1 and 600),
  max_attempts integer check (max_attempts between 1 and 20),
  opens_at timestamptz,
  closes_at timestamptz,
  shuffle boolean not null default false,
  release text not null default 'on_submit' check (release in ('on_submit', 'manual')),
  results_released_at timestamptz,
  published_at timestamptz,
  -- Kept by the questions' trigger: students see a quiz's size before they may see its questions.
  question_count integer not null default 0 check (question_count between 0 and 200),
  max_score numeric(9, 2) not null default 0,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_at is null or opens_at is null or closes_at > opens_at)
);
alter table public.quizzes enable row level security;
comment on table public.quizzes is 'A course''s quizzes: settings (time limit, attempts, window, shuffling, when results are released) and whether students see it (published_at).';
create index quizzes_course_idx on public.quizzes (course_id, created_at);
create index quizzes_tenant_idx on public.quizzes (tenant_id);
create index quizzes_published_idx on public.quizzes (published_at) where published_at is not null;

create table public.quiz_questions (
  id uuid primary key default gen_random_uuid(),
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  position integer not null check (position >= 0),
  kind text not null check (kind in ('single', 'multiple', 'true_false', 'short', 'numeric')),
  prompt text not null check (char_length(prompt) between 1 and 2000),
  points numeric(7, 2) not null check (points > 0 and points <= 1000),
  -- [{id, text}] for single and multiple choice; [] otherwise. No key here: students read this table.
  options jsonb not null default '[]' check (jsonb_typeof(options) = 'array' and jsonb_array_length(options) <= 10),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.quiz_questions enable row level security;
comment on table public.quiz_questions is 'A quiz''s questions as students see them (prompt, options, points); the answers are in quiz_answer_keys.';
create index quiz_questions_quiz_idx on public.quiz_questions (quiz_id, position);
create index quiz_questions_course_idx on public.quiz_questions (course_id);

create table public.quiz_answer_keys (
  question_id uuid primary key references public.quiz_questions (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  -- {correct_option_ids} | {correct_bool} | {accepted} | {correct_number, tolerance}
  key jsonb not null check (jsonb_typeof(key) = 'object' and octet_length(key::text) <= 20000),
  feedback text not null default '' check (char_length(feedback) <= 2000)
);
alter table public.quiz_answer_keys enable row level security;
comment on table public.quiz_answer_keys is 'The right answer and feedback of each quiz question: read by the course''s teachers only; students get them in their released results.';
create index quiz_answer_keys_course_idx on public.quiz_answer_keys (course_id);

create table public.quiz_attempts (
  id uuid primary key default gen_random_uuid(),
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  number integer not null check (number >= 1),
  -- The questions in the order this student sees them (shuffled when the quiz says so).
  question_ids uuid[] not null,
  started_at timestamptz not null default now(),
  deadline_at timestamptz,
  submitted_at timestamptz,
  status text not null default 'in_progress' check (status in ('in_progress', 'submitted')),
  auto_submitted boolean not null default false,
  unique (quiz_id, user_id, number),
  check ((status = 'submitted') = (submitted_at is not null))
);
alter table public.quiz_attempts enable row level security;
comment on table public.quiz_attempts is 'A student''s attempt at a quiz: started, its deadline (time limit or closing time), submitted by them or by the clock.';
create unique index quiz_attempts_one_open_idx on public.quiz_attempts (quiz_id, user_id) where status = 'in_progress';
create index quiz_attempts_user_idx on public.quiz_attempts (user_id, quiz_id);
create index quiz_attempts_course_idx on public.quiz_attempts (course_id);
create index quiz_attempts_expiring_idx on public.quiz_attempts (quiz_id, deadline_at) where status = 'in_progress';

create table public.quiz_responses (
  attempt_id uuid not null references public.quiz_attempts (id) on delete cascade,
  question_id uuid not null references public.quiz_questions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  course_id uuid not null references public.courses (id) on delete cascade,
  response jsonb not null check (jsonb_typeof(response) = 'object' and octet_length(response::text) <= 4000),
  saved_at timestamptz not null default now(),
  primary key (attempt_id, question_id)
);
alter table public.quiz_responses enable row level security;
comment on table public.quiz_responses is 'A student''s saved answer to one question of an attempt, kept as they type; graded when the attempt is submitted.';
create index quiz_responses_user_idx on public.quiz_responses (user_id);
create index quiz_responses_course_idx on public.quiz_responses (course_id);
create index quiz_responses_question_idx on public.quiz_responses (question_id);

create table public.quiz_results (
  attempt_id uuid primary key references public.quiz_attempts (id) on delete cascade,
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  score numeric(9, 2) not null,
  max_score numeric(9, 2) not null,
  -- [{question_id, correct, points, max_points, feedback, answer}]
  questions jsonb not null,
  graded_at timestamptz not null default now()
);
alter table public.quiz_results enable row level security;
comment on table public.quiz_results is 'The graded result of a submitted attempt, with each question''s feedback and right answer: the student reads it once the quiz''s results are released.';
create index quiz_results_quiz_idx on public.quiz_results (quiz_id, user_id);
create index quiz_results_user_idx on public.quiz_results (user_id);
create index quiz_results_course_idx on public.quiz_results (course_id);

-- Section: access helpers

create function private.can_see_course_work(course uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.can_read_draft(course)
    or private.has_role(private.course_tenant(course), array['instructor']::public.tenant_role[]);
end $$;
comment on function private.can_see_course_work(uuid) is 'True for the course''s teachers: co-authors and the school''s owners, admins, staff and instructors. They see students'' attempts and results.';

create function private.quiz_course(quiz uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select q.course_id from public.quizzes q where q.id = quiz);
end $$;
comment on function private.quiz_course(uuid) is 'The course a quiz belongs to.';

create function private.has_quiz_attempt(quiz uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.quiz_attempts a where a.quiz_id = quiz and a.user_id = (select auth.uid()));
end $$;
comment on function private.has_quiz_attempt(uuid) is 'True when the caller has started the quiz: only then do they see its questions.';

create function private.quiz_results_released(quiz uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from public.quizzes q
                 where q.id = quiz and (q.release = 'on_submit' or q.results_released_at is not null));
end $$;
comment on function private.quiz_results_released(uuid) is 'True when students may see their results of the quiz.';

create function private.attempt_open(attempt uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.quiz_attempts a
    where a.id = attempt and a.user_id = (select auth.uid()) and a.status = 'in_progress'
      and (a.deadline_at is null or now() <= a.deadline_at + interval '30 seconds')
      and private.is_enrolled(a.course_id));
end $$;
comment on function private.attempt_open(uuid) is 'True while the caller may still save answers in the attempt: theirs, not submitted, before its deadline plus 30 s of grace, still enrolled.';

revoke all on function private.can_see_course_work(uuid), private.quiz_course(uuid), private.has_quiz_attempt(uuid),
  private.quiz_results_released(uuid), private.attempt_open(uuid) from public, anon;
grant execute on function private.can_see_course_work(uuid), private.quiz_course(uuid), private.has_quiz_attempt(uuid),
  private.quiz_results_released(uuid), private.attempt_open(uuid) to authenticated, service_role;

-- Section: triggers (course, school and times come from the parent row, never from the caller)

create function private.quiz_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if new.course_id <> old.course_id or new.tenant_id <> old.tenant_id then
      raise exception 'A quiz stays in its course.' using errcode = '42501';
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
  new.updated_at := now();
  return new;
end $$;
create trigger quizzes_before_write before insert or update on public.quizzes
  for each row execute function private.quiz_before_write();

create function private.quiz_question_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and (new.quiz_id <> old.quiz_id or new.course_id <> old.course_id) then
    raise exception 'A question stays in its quiz.' using errcode = '42501';
  end if;
  new.course_id := private.quiz_course(new.quiz_id);
  if new.course_id is null then
    raise exception 'No such quiz.' using errcode = '23503';
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger quiz_questions_before_write before insert or update on public.quiz_questions
  for each row execute function private.quiz_question_before_write();

create function private.quiz_question_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  quiz uuid := coalesce(new.quiz_id, old.quiz_id);
begin
  update public.quizzes q set
    question_count = (select count(*) from public.quiz_questions qq where qq.quiz_id = quiz),
    max_score = (select coalesce(sum(qq.points), 0) from public.quiz_questions qq where qq.quiz_id = quiz)
  where q.id = quiz;
  return null;
end $$;
comment on function private.quiz_question_totals() is 'Keeps quizzes.question_count and max_score in step with the quiz''s questions.';
create trigger quiz_questions_totals after insert or delete or update of points on public.quiz_questions
  for each row execute function private.quiz_question_totals();

create function private.quiz_key_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.course_id := (select q.course_id from public.quiz_questions q where q.id = new.question_id);
  if new.course_id is null then
    raise exception 'No such question.' using errcode = '23503';
  end if;
  return new;
end $$;
create trigger quiz_answer_keys_before_write before insert or update on public.quiz_answer_keys
  for each row execute function private.quiz_key_before_write();

create function private.quiz_response_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  a public.quiz_attempts;
begin
  select * into a from public.quiz_attempts where id = new.attempt_id;
  if not found or not (new.question_id = any (a.question_ids)) then
    raise exception 'That question is not part of this attempt.' using errcode = '23503';
  end if;
  if tg_op = 'UPDATE' and (new.attempt_id <> old.attempt_id or new.question_id <> old.question_id) then
    raise exception 'An answer stays with its attempt and question.' using errcode = '42501';
  end if;
  new.user_id := a.user_id;
  new.course_id := a.course_id;
  new.saved_at := now();
  return new;
end $$;
create trigger quiz_responses_before_write before insert or update on public.quiz_responses
  for each row execute function private.quiz_response_before_write();

-- Section: grading

create function private.normalise_answer(t text) returns text
language sql immutable set search_path = '' as $$
  select lower(regexp_replace(regexp_replace(trim(coalesce(t, '')), '\s+', ' ', 'g'), '[.!]+$', ''))
$$;
comment on function private.normalise_answer(text) is 'A short answer as compared with the accepted ones: trimmed, spaces collapsed, case and a final full stop ignored.';

create function private.answer_is_correct(kind text, key jsonb, r jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  if r is null or key is null then
    return false;
  end if;
  case kind
    when 'single', 'multiple' then
      if jsonb_typeof(r -> 'choice_ids') <> 'array' or jsonb_typeof(key -> 'correct_option_ids') <> 'array' then
        return false;
      end if;
      return jsonb_array_length(key -> 'correct_option_ids') > 0
        and (select coalesce(array_agg(distinct x order by x), '{}') from jsonb_array_elements_text(r -> 'choice_ids') x)
          = (select coalesce(array_agg(distinct x order by x), '{}') from jsonb_array_elements_text(key -> 'correct_option_ids') x);
    when 'true_false' then
      return jsonb_typeof(r -> 'bool') = 'boolean' and (r ->> 'bool')::boolean = (key ->> 'correct_bool')::boolean;
    when 'short' then
      return jsonb_typeof(r -> 'text') = 'string' and private.normalise_answer(r ->> 'text') <> ''
        and exists (select 1 from jsonb_array_elements_text(key -> 'accepted') a
                    where private.normalise_answer(a) = private.normalise_answer(r ->> 'text'));
    when 'numeric' then
      return jsonb_typeof(r -> 'number') = 'number'
        and abs((r ->> 'number')::numeric - (key ->> 'correct_number')::numeric)
            <= coalesce((key ->> 'tolerance')::numeric, 0);
    else
      return false;
  end case;
end $$;
comment on function private.answer_is_correct(text, jsonb, jsonb) is 'Whether a saved answer matches a question''s key (multiple choice: exactly the correct options).';

create function private.answer_in_words(kind text, key jsonb, options jsonb) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if key is null then
    return '';
  end if;
  case kind
    when 'single', 'multiple' then
      return coalesce((select string_agg(o ->> 'text', '; ' order by n)
                       from jsonb_array_elements(options) with ordinality as t(o, n)
                       where key -> 'correct_option_ids' ? (o ->> 'id')), '');
    when 'true_false' then
      return key ->> 'correct_bool';
    when 'short' then
      return coalesce(key -> 'accepted' ->> 0, '');
    when 'numeric' then
      return (key ->> 'correct_number') ||
        case when coalesce((key ->> 'tolerance')::numeric, 0) > 0 then ' ± ' || (key ->> 'tolerance') else '' end;
    else
      return '';
  end case;
end $$;
comment on function private.answer_in_words(text, jsonb, jsonb) is 'A question''s right answer as text for a released result (true_false gives true or false: the page words it).';

-- Grades an attempt from its saved answers and the keys, writing (or rewriting) its result.
create function private.grade_quiz_attempt(attempt uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  a public.quiz_attempts;
  q record;
  ok boolean;
  total numeric := 0;
  most numeric := 0;
  details jsonb := '[]';
begin
  select * into a from public.quiz_attempts where id = attempt;
  for q in
    select qq.id, qq.kind, qq.points, qq.options, k.key, k.feedback, r.response
    from unnest(a.question_ids) with ordinality as ord(id, n)
    join public.quiz_questions qq on qq.id = ord.id
    left join public.quiz_answer_keys k on k.question_id = qq.id
    left join public.quiz_responses r on r.attempt_id = a.id and r.question_id = qq.id
    order by ord.n
  loop
    ok := coalesce(private.answer_is_correct(q.kind, q.key, q.response), false);
    most := most + q.points;
    total := total + case when ok then q.points else 0 end;
    details := details || jsonb_build_object(
      'question_id', q.id, 'correct', ok, 'points', case when ok then q.points else 0 end,
      'max_points', q.points, 'feedback', coalesce(q.feedback, ''),
      'answer', private.answer_in_words(q.kind, q.key, q.options));
  end loop;
  insert into public.quiz_results (attempt_id, quiz_id, course_id, user_id, score, max_score, questions)
  values (a.id, a.quiz_id, a.course_id, a.user_id, total, most, details)
  on conflict (attempt_id) do update set score = excluded.score, max_score = excluded.max_score,
    questions = excluded.questions, graded_at = now();
end $$;
comment on function private.grade_quiz_attempt(uuid) is 'Grades a submitted attempt against the keys into quiz_results (no caller checks: only the functions below call it).';

-- Attempts whose deadline and grace have passed are submitted by the clock, as of their deadline,
-- with the answers saved in time. Called before anyone reads or starts attempts of the quiz.
create function private.finish_expired_attempts(quiz uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  a record;
  n integer := 0;
begin
  for a in
    select id from public.quiz_attempts
    where quiz_id = quiz and status = 'in_progress' and deadline_at + interval '30 seconds' < now()
    for update skip locked
  loop
    update public.quiz_attempts set status = 'submitted', submitted_at = deadline_at, auto_submitted = true
    where id = a.id;
    perform private.grade_quiz_attempt(a.id);
    n := n + 1;
  end loop;
  return n;
end $$;
comment on function private.finish_expired_attempts(uuid) is 'Submits the quiz''s attempts whose time (plus 30 s of grace) is over, as of their deadline, and grades them.';

create function private.start_quiz_attempt(quiz uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  q public.quizzes;
  open_id uuid;
  used integer;
  qids uuid[];
  id uuid;
begin
  select * into q from public.quizzes where quizzes.id = quiz;
  if me is null or not found or q.published_at is null or not private.is_enrolled(q.course_id) then
    raise exception 'No such quiz, or you are not enrolled in its course.' using errcode = 'P0002', hint = 'quiz_not_found';
  end if;
  -- One start at a time per student and quiz (a double tap, two tabs).
  perform pg_advisory_xact_lock(hashtextextended(quiz::text || me::text, 0));
  perform private.finish_expired_attempts(quiz);
  select a.id into open_id from public.quiz_attempts a
  where a.quiz_id = quiz and a.user_id = me and a.status = 'in_progress';
  if open_id is not null then
    return open_id;
  end if;
  if q.opens_at is not null and now() < q.opens_at then
    raise exception 'This quiz opens at %.', q.opens_at using errcode = 'P0001', hint = 'quiz_not_open';
  end if;
  if q.closes_at is not null and now() >= q.closes_at then
    raise exception 'This quiz closed at %.', q.closes_at using errcode = 'P0001', hint = 'quiz_closed';
  end if;
  select count(*) into used from public.quiz_attempts a where a.quiz_id = quiz and a.user_id = me;
  if q.max_attempts is not null and used >= q.max_attempts then
    raise exception 'You have used all % attempts at this quiz.', q.max_attempts using errcode = 'P0001', hint = 'no_attempts_left';
  end if;
  select array_agg(qq.id order by case when q.shuffle then random() else qq.position::float8 end, qq.id)
  into qids from public.quiz_questions qq where qq.quiz_id = quiz;
  if qids is null then
    raise exception 'This quiz has no questions yet.' using errcode = 'P0001', hint = 'quiz_empty';
  end if;
  insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids, deadline_at)
  values (quiz, q.course_id, q.tenant_id, me, used + 1, qids,
          least(now() + make_interval(mins => q.time_limit_minutes), q.closes_at))
  returning quiz_attempts.id into id;
  return id;
end $$;
comment on function private.start_quiz_attempt(uuid) is 'Starts the caller''s next attempt (or answers their open one): enrolled, published, within the window, attempts left; the deadline is the time limit or the closing time, whichever comes first.';

create function private.submit_quiz_attempt(attempt uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  a public.quiz_attempts;
begin
  select * into a from public.quiz_attempts where id = attempt and user_id = (select auth.uid()) for update;
  if not found then
    raise exception 'No such attempt.' using errcode = 'P0002', hint = 'attempt_not_found';
  end if;
  if a.status = 'submitted' then
    raise exception 'This attempt was already submitted.' using errcode = 'P0001', hint = 'attempt_submitted';
  end if;
  if a.deadline_at is not null and now() > a.deadline_at + interval '30 seconds' then
    update public.quiz_attempts set status = 'submitted', submitted_at = deadline_at, auto_submitted = true
    where id = attempt;
    perform private.grade_quiz_attempt(attempt);
    return 'time_up';
  end if;
  update public.quiz_attempts set status = 'submitted', submitted_at = now() where id = attempt;
  perform private.grade_quiz_attempt(attempt);
  return 'submitted';
end $$;
comment on function private.submit_quiz_attempt(uuid) is 'Submits and grades the caller''s attempt; after the deadline plus grace it is submitted as of the deadline with the answers saved in time, and the answer is time_up.';

revoke all on function private.normalise_answer(text), private.answer_is_correct(text, jsonb, jsonb),
  private.answer_in_words(text, jsonb, jsonb), private.grade_quiz_attempt(uuid) from public, anon, authenticated;
grant execute on function private.grade_quiz_attempt(uuid) to service_role;
revoke all on function private.finish_expired_attempts(uuid), private.start_quiz_attempt(uuid),
  private.submit_quiz_attempt(uuid) from public, anon;
grant execute on function private.finish_expired_attempts(uuid), private.start_quiz_attempt(uuid),
  private.submit_quiz_attempt(uuid) to authenticated, service_role;

-- Section: policies

create policy "Teachers see a course's quizzes; enrolled students the published ones" on public.quizzes
  for select to authenticated
  using (private.can_see_course_work(course_id) or (published_at is not null and private.is_enrolled(course_id)));
create policy "Editors add quizzes" on public.quizzes
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change quizzes" on public.quizzes
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete quizzes" on public.quizzes
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Teachers see questions; students once they started the quiz" on public.quiz_questions
  for select to authenticated
  using (private.can_see_course_work(course_id) or private.has_quiz_attempt(quiz_id));
create policy "Editors add questions" on public.quiz_questions
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change questions" on public.quiz_questions
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete questions" on public.quiz_questions
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Only teachers see answer keys" on public.quiz_answer_keys
  for select to authenticated using (private.can_see_course_work(course_id));
create policy "Editors write answer keys" on public.quiz_answer_keys
  for insert to authenticated with check (private.can_edit_course(course_id));
create policy "Editors change answer keys" on public.quiz_answer_keys
  for update to authenticated using (private.can_edit_course(course_id)) with check (private.can_edit_course(course_id));
create policy "Editors delete answer keys" on public.quiz_answer_keys
  for delete to authenticated using (private.can_edit_course(course_id));

create policy "Students see their attempts; teachers the course's" on public.quiz_attempts
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_see_course_work(course_id));
create policy "Attempts start only through start_quiz_attempt" on public.quiz_attempts
  for insert to authenticated with check (false);
create policy "Attempts change only through the quiz functions" on public.quiz_attempts
  for update to authenticated using (false) with check (false);
create policy "Attempts are not deleted by hand" on public.quiz_attempts
  for delete to authenticated using (false);

create policy "Students see their answers; teachers the course's" on public.quiz_responses
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_see_course_work(course_id));
create policy "Students save answers while their attempt is open" on public.quiz_responses
  for insert to authenticated with check (user_id = (select auth.uid()) and private.attempt_open(attempt_id));
create policy "Students change answers while their attempt is open" on public.quiz_responses
  for update to authenticated
  using (user_id = (select auth.uid()) and private.attempt_open(attempt_id))
  with check (user_id = (select auth.uid()) and private.attempt_open(attempt_id));
create policy "Saved answers are not deleted" on public.quiz_responses
  for delete to authenticated using (false);

create policy "Students see released results; teachers all of the course's" on public.quiz_results
  for select to authenticated
  using ((user_id = (select auth.uid()) and private.quiz_results_released(quiz_id))
         or private.can_see_course_work(course_id));
create policy "Results are written only by grading" on public.quiz_results
  for insert to authenticated with check (false);
create policy "Results change only by grading" on public.quiz_results
  for update to authenticated using (false) with check (false);
create policy "Results are not deleted by hand" on public.quiz_results
  for delete to authenticated using (false);
