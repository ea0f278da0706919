-- The progress and grades report (issue 20): how students are getting on in their courses over days
-- of the school's calendar, grouped by course, student, class or enrolment (a student in a course).
--
-- Its rows are enrolments: every student of the school enrolled in a course by the end of the
-- period, whether or not they did anything in it (a student who did nothing is what a teacher looks
-- for). The period picks the work: lessons marked done (completed_at), quiz attempts handed in
-- (submitted_at), assignments handed in (submitted_at) and graded (graded_at) between its first and
-- last day. Group assignments count for every member of the group, as in the gradebook.
--
-- Who sees what is private.report_scope, as for attendance: owners, admins and staff the school; an
-- instructor the courses they write (co-authors, editors or viewers: private.can_grade_course lets
-- every instructor grade every course, which is a right to act, not a list of one's own courses); a
-- parent their linked children; a student themself. Students and parents count only the quiz
-- results and grades that are released to them, as everywhere else.
--
-- Exports of it are rows of public.report_exports with report = 'progress' (made by the same job).

-- Section: the rows (one per enrolment)

/**
 * Each enrolment of a student in scope in a course in scope (enrolled before `period_to`), with its
 * course's published lessons and the work of the period: lessons done, quiz attempts handed in and
 * the sum of their visible scores in percent, assignments handed in and graded, the sum of the points
 * grades in percent and the BTEC grades; `btec` when the course has a published assignment with a
 * BTEC rubric. Each kind of work is read once for the courses and students in scope (by the indexed
 * course_id: quiz results and grades carry no school) and counted per enrolment before the joins.
 * A plain SQL function so that the report's query inlines it; only public.progress_report calls it,
 * after deciding the scope.
 */
create function private.progress_enrolments(tenant uuid, period_from timestamptz, period_to timestamptz,
  scope text, me uuid, course uuid, class uuid, student uuid)
returns table (course_id uuid, student_id uuid, lessons_published int, lessons_completed int,
               quiz_attempts int, quizzes_scored int, quiz_percent float8,
               assignments_submitted int, assignments_graded int, grades_scored int, grade_percent float8,
               distinctions int, merits int, passes int, unclassified int, btec boolean)
language sql stable as $$
  with people as (
    -- The students in scope: all of the school's, a class, the linked children, or oneself.
    select m.user_id from public.memberships m
    where m.tenant_id = tenant and m.role = 'student'
      and (student is null or m.user_id = student)
      and (class is null or exists (select 1 from public.class_members cm where cm.class_id = class and cm.user_id = m.user_id))
      and (scope <> 'self' or m.user_id = me)
      and (scope <> 'guardian' or exists (select 1 from public.guardian_links g
                                          where g.tenant_id = tenant and g.parent_id = me and g.student_id = m.user_id))
  ), courses as (
    -- The courses in scope: all of the school's, or those the teacher writes.
    select c.id from public.courses c
    where c.tenant_id = tenant and (course is null or c.id = course)
      and (scope <> 'teacher' or exists (select 1 from public.course_authors a where a.course_id = c.id and a.user_id = me))
  ), enrolled as (
    select e.course_id, e.user_id from public.enrolments e
    where e.course_id in (select c.id from courses c) and e.user_id in (select p.user_id from people p)
      and e.created_at < period_to
  ), published as (
    select l.id, l.course_id from public.lessons l
    where l.course_id in (select c.id from courses c)
      and exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)
  ), btec as (
    select distinct a.course_id
    from public.assignments a join public.rubrics r on r.id = a.rubric_id
    where a.course_id in (select c.id from courses c) and a.published_at is not null and r.kind = 'btec'
  ), lessons as (
    select p.course_id, p.user_id, count(*)::int as done
    from public.lesson_progress p
    where p.lesson_id in (select l.id from published l) and p.user_id in (select x.user_id from people x)
      and p.completed_at >= period_from and p.completed_at < period_to
    group by p.course_id, p.user_id
  ), quizzes as (
    select a.course_id, a.user_id, count(*)::int as attempts, count(r.attempt_id)::int as scored,
           sum(100.0 * r.score / r.max_score)::float8 as percent
    from public.quiz_attempts a
    join public.quizzes q on q.id = a.quiz_id
    left join public.quiz_results r on r.attempt_id = a.id and r.course_id = a.course_id and r.max_score > 0
      and (scope in ('school', 'teacher') or q.release = 'on_submit' or q.results_released_at is not null)
    where a.course_id in (select c.id from courses c) and a.user_id in (select x.user_id from people x)
      and a.status = 'submitted' and a.submitted_at >= period_from and a.submitted_at < period_to
    group by a.course_id, a.user_id
  ), handed_in as (
    -- A group's submission is each member's.
    select s.course_id, coalesce(gm.user_id, s.user_id) as user_id, count(distinct s.assignment_id)::int as n
    from public.assignment_submissions s
    left join public.assignment_group_members gm on gm.group_id = s.group_id
    where s.course_id in (select c.id from courses c)
      and s.submitted_at >= period_from and s.submitted_at < period_to
      and coalesce(gm.user_id, s.user_id) in (select x.user_id from people x)
    group by 1, 2
  ), grades as (
    -- Each student's latest grade of an assignment in the period (a group's grade is each member's).
    select distinct on (coalesce(gm.user_id, s.user_id), g.assignment_id)
           g.course_id, coalesce(gm.user_id, s.user_id) as user_id, g.points, g.max_points, g.btec_grade
    from public.assignment_grades g
    join public.assignment_submissions s on s.id = g.submission_id
    join public.assignments a on a.id = g.assignment_id
    left join public.assignment_group_members gm on gm.group_id = s.group_id
    where g.course_id in (select c.id from courses c)
      and g.graded_at >= period_from and g.graded_at < period_to
      and coalesce(gm.user_id, s.user_id) in (select x.user_id from people x)
      and (scope in ('school', 'teacher') or a.results_released_at is not null)
    order by coalesce(gm.user_id, s.user_id), g.assignment_id, g.graded_at desc
  ), graded as (
    select g.course_id, g.user_id, count(*)::int as n,
           (count(*) filter (where g.points is not null and g.max_points > 0))::int as scored,
           (sum(100.0 * g.points / g.max_points) filter (where g.points is not null and g.max_points > 0))::float8 as percent,
           (count(*) filter (where g.btec_grade = 'Distinction'))::int as d,
           (count(*) filter (where g.btec_grade = 'Merit'))::int as m,
           (count(*) filter (where g.btec_grade = 'Pass'))::int as p,
           (count(*) filter (where g.btec_grade = 'Unclassified'))::int as u
    from grades g
    group by g.course_id, g.user_id
  )
  select x.course_id, x.user_id, coalesce(pb.n, 0), coalesce(l.done, 0),
         coalesce(q.attempts, 0), coalesce(q.scored, 0), q.percent,
         coalesce(h.n, 0), coalesce(gr.n, 0), coalesce(gr.scored, 0), gr.percent,
         coalesce(gr.d, 0), coalesce(gr.m, 0), coalesce(gr.p, 0), coalesce(gr.u, 0), b.course_id is not null
  from enrolled x
  left join (select l.course_id, count(*)::int as n from published l group by l.course_id) pb on pb.course_id = x.course_id
  left join btec b on b.course_id = x.course_id
  left join lessons l on l.course_id = x.course_id and l.user_id = x.user_id
  left join quizzes q on q.course_id = x.course_id and q.user_id = x.user_id
  left join handed_in h on h.course_id = x.course_id and h.user_id = x.user_id
  left join graded gr on gr.course_id = x.course_id and gr.user_id = x.user_id
$$;
-- It takes the scope as given: only the report (as its owner) calls it.
revoke all on function private.progress_enrolments(uuid, timestamptz, timestamptz, text, uuid, uuid, uuid, uuid)
  from public, anon, authenticated;

-- Section: the report

/**
 * The progress and grades report, grouped by course, student, class or enrolment. Each row: a key
 * (the course, student or class; the student for an enrolment), a label and a detail (student: their
 * class; enrolment: the course), its students, then the sums of its enrolments: lessons published
 * (for each student: a 10-lesson course with 12 students is 120), lessons done, quiz attempts and
 * the average score of those scored, assignments handed in and graded and the average of the points
 * grades (each in percent of its maximum, one decimal), and the BTEC grades — null where none of the
 * row's courses grades with a BTEC rubric. `ordinal` is the row's place: by name, "no class" last.
 */
create function public.progress_report(tenant uuid, from_day date, to_day date, group_by text,
  course uuid default null, class uuid default null, student uuid default null)
returns table (ordinal bigint, key uuid, label text, detail text, students int,
               lessons_published int, lessons_completed int, quiz_attempts int, quizzes_scored int, quiz_average float8,
               assignments_submitted int, assignments_graded int, grades_scored int, grade_average float8,
               distinctions int, merits int, passes int, unclassified int)
language plpgsql stable security definer set search_path = ''
-- Planned for each call's arguments, as the attendance report: a generic plan keeps the filters a
-- call does not use.
set plan_cache_mode = force_custom_plan set work_mem = '32MB' as $$
declare
  scope text := private.require_report_scope(tenant);
  me uuid := (select auth.uid());
  period_from timestamptz;
  period_to timestamptz;
begin
  if group_by is null or group_by not in ('course', 'student', 'class', 'enrolment') then
    raise exception 'A progress report is grouped by course, student, class or enrolment.'
      using errcode = '22023', hint = 'progress_grouping';
  end if;
  select p.from_at, p.to_at into period_from, period_to from private.report_period(tenant, from_day, to_day) p;
  return query
  with keyed as (
    -- The row each enrolment counts in: `k` the course, student or class, `c` the course of an enrolment.
    select case group_by when 'course' then f.course_id when 'class' then cm.class_id else f.student_id end as k,
           case when group_by = 'enrolment' then f.course_id end as c, f.*
    from private.progress_enrolments(tenant, period_from, period_to, scope, me, course, class, student) f
    left join public.class_members cm on group_by = 'class' and cm.tenant_id = tenant and cm.user_id = f.student_id
  ), grouped as (
    select x.k, x.c, count(distinct x.student_id)::int as n,
           sum(x.lessons_published)::int as lp, sum(x.lessons_completed)::int as lc,
           sum(x.quiz_attempts)::int as qa, sum(x.quizzes_scored)::int as qs,
           round((sum(x.quiz_percent) / nullif(sum(x.quizzes_scored), 0))::numeric, 1)::float8 as qv,
           sum(x.assignments_submitted)::int as sub, sum(x.assignments_graded)::int as gd,
           sum(x.grades_scored)::int as gs,
           round((sum(x.grade_percent) / nullif(sum(x.grades_scored), 0))::numeric, 1)::float8 as gv,
           case when bool_or(x.btec) then sum(x.distinctions)::int end as bd,
           case when bool_or(x.btec) then sum(x.merits)::int end as bm,
           case when bool_or(x.btec) then sum(x.passes)::int end as bp,
           case when bool_or(x.btec) then sum(x.unclassified)::int end as bu
    from keyed x
    group by x.k, x.c
  ), named as (
    select g.*,
           case group_by when 'course' then co.title when 'class' then cl.name
                else private.person_name(pr.display_name, pr.email) end as l,
           case group_by when 'student' then cl.name when 'enrolment' then co.title end as d
    from grouped g
    left join public.courses co on co.id = case group_by when 'course' then g.k when 'enrolment' then g.c end
    left join public.profiles pr on group_by in ('student', 'enrolment') and pr.id = g.k
    left join public.class_members cm on group_by = 'student' and cm.tenant_id = tenant and cm.user_id = g.k
    left join public.classes cl on cl.id = case group_by when 'class' then g.k when 'student' then cm.class_id end
  )
  select row_number() over (order by x.l nulls last, x.d nulls last, x.k, x.c),
         x.k, x.l, x.d, x.n, x.lp, x.lc, x.qa, x.qs, x.qv, x.sub, x.gd, x.gs, x.gv, x.bd, x.bm, x.bp, x.bu
  from named x;
end $$;
comment on function public.progress_report(uuid, date, date, text, uuid, uuid, uuid) is 'Progress and grades of enrolled students over days of the school''s calendar (lessons done, quizzes, assignments, BTEC grades), grouped by course, student, class or enrolment, as far as the caller''s report scope reaches.';

revoke all on function public.progress_report(uuid, date, date, text, uuid, uuid, uuid) from public, anon;
grant execute on function public.progress_report(uuid, date, date, text, uuid, uuid, uuid) to authenticated, service_role;

-- Section: exports of it

alter table public.report_exports drop constraint report_exports_report_check;
alter table public.report_exports add constraint report_exports_report_check check (report in ('attendance', 'progress'));
