-- Classes and bulk student import (issue 17).
--
-- A school's owners and admins group students into classes ("Grade 7 East"), name their class
-- teachers (instructors, admins or owners of the school), and enrol a whole class in a course in one
-- step (public.enrol_class). A student is in at most one class per school; adding them to another
-- moves them. Class teachers see their class list; the school's instructors and staff see the class
-- names; a student sees their own class and its teachers; a linked parent sees their child's class.
--
-- Bulk import: admins paste or upload a CSV of students (name, email, grade, class). The web parses
-- it; the API sends the rows as JSON to public.preview_student_import (per-row status, nothing
-- written) and public.import_students, which in a few set-based statements invites every new
-- email as a student (the invitation rows, emails and seat rule of the single invitation) and
-- records a pending class placement keyed by school + email (public.class_placements). The
-- placement turns into a class membership the moment that person becomes a student of the school
-- (accepting the invitation), so the class list is complete before anyone has signed up and an
-- admin can still move or drop the placement. Re-running the same file creates nothing: rows whose
-- email has an open invitation are "already invited", members "already members", placements are
-- upserted by (school, email). One audit entry per import carries the counts.

-- Section: classes

create table public.classes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 80 and name = btrim(name)),
  grade_level text check (grade_level is null or char_length(grade_level) between 1 and 40),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint classes_id_tenant unique (id, tenant_id)
);
alter table public.classes enable row level security;
comment on table public.classes is 'A school''s classes ("Grade 7 East"): a group of students with class teachers. Names are unique per school, in any case.';
create unique index classes_tenant_name_idx on public.classes (tenant_id, lower(name));
create index classes_created_by_idx on public.classes (created_by);

create table public.class_members (
  class_id uuid not null,
  tenant_id uuid not null,
  user_id uuid not null,
  added_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (class_id, user_id),
  constraint class_members_one_class unique (tenant_id, user_id),
  constraint class_members_class foreign key (class_id, tenant_id)
    references public.classes (id, tenant_id) on delete cascade,
  constraint class_members_member foreign key (tenant_id, user_id)
    references public.memberships (tenant_id, user_id) on delete cascade
);
alter table public.class_members enable row level security;
comment on table public.class_members is 'The students of a class; a student is in at most one class per school. Removed when the student leaves the school or stops being a student.';
create index class_members_user_idx on public.class_members (user_id);

create table public.class_teachers (
  class_id uuid not null,
  tenant_id uuid not null,
  user_id uuid not null,
  added_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (class_id, user_id),
  constraint class_teachers_class foreign key (class_id, tenant_id)
    references public.classes (id, tenant_id) on delete cascade,
  constraint class_teachers_member foreign key (tenant_id, user_id)
    references public.memberships (tenant_id, user_id) on delete cascade
);
alter table public.class_teachers enable row level security;
comment on table public.class_teachers is 'The class teachers of a class: instructors, admins or owners of its school. Removed when they leave the school or stop teaching.';
create index class_teachers_user_idx on public.class_teachers (user_id);
create index class_teachers_tenant_idx on public.class_teachers (tenant_id);

create table public.class_placements (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  email text not null check (email = lower(email) and char_length(email) <= 254),
  class_id uuid not null,
  display_name text not null default '' check (char_length(display_name) <= 200),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (tenant_id, email),
  constraint class_placements_class foreign key (class_id, tenant_id)
    references public.classes (id, tenant_id) on delete cascade
);
alter table public.class_placements enable row level security;
comment on table public.class_placements is 'A class waiting for an invited student, keyed by school and email (bulk import): applied and removed when that person becomes a student of the school.';
create index class_placements_class_idx on public.class_placements (class_id);

-- Section: members search at scale (the admin's members page of a school with tens of thousands)

-- The members page searched under RLS row by row: each of 50,000 memberships and profiles asked the
-- policies (is_member, shares_tenant) and private.contact_email, so one page of a big school took
-- tens of seconds. public.search_members decides once who the caller is (a member; an owner or admin
-- sees every member's email, as private.can_see_contact says) and finds the page with trigram
-- indexes on names and emails. Non-admins still match an email only where can_see_contact allows.
create extension if not exists pg_trgm with schema extensions;
create index profiles_display_name_trgm_idx on public.profiles using gin (display_name extensions.gin_trgm_ops);
create index profiles_email_trgm_idx on public.profiles using gin (email extensions.gin_trgm_ops);

create function public.search_members(tenant uuid, pattern text, member_role public.tenant_role, lim int, off int)
returns table (user_id uuid, email text, display_name text, avatar_path text, role public.tenant_role,
               joined_at timestamptz, total int)
language plpgsql stable security definer set search_path = '' as $$
declare
  sees_all boolean;
  matching text;
begin
  if not (private.is_member(tenant) or private.is_superadmin()) then
    return;
  end if;
  sees_all := private.has_role(tenant, private.admin_roles()) or private.is_superadmin();
  matching := case
    when pattern is null then 'true'
    when sees_all then '(p.display_name ilike $3 or p.email ilike $3)'
    else '(p.display_name ilike $3 or (p.email ilike $3 and private.can_see_contact($1, m.user_id)))' end;
  -- EXECUTE plans with the actual pattern, so a selective text goes through the trigram indexes.
  return query execute format($q$
    select x.user_id,
      case when $6 or private.can_see_contact($1, x.user_id) then nullif(x.email, '') end,
      x.display_name, x.avatar_path, x.role, x.created_at, x.total
    from (
      select m.user_id, p.email, p.display_name, p.avatar_path, m.role, m.created_at,
        (count(*) over ())::int as total
      from public.memberships m join public.profiles p on p.id = m.user_id
      where m.tenant_id = $1 and ($2::public.tenant_role is null or m.role = $2) and %s
      order by m.role, lower(p.display_name), m.user_id
      limit $4 offset $5
    ) x
    order by x.role, lower(x.display_name), x.user_id$q$, matching)
  using tenant, member_role, pattern, lim, off, sees_all;
end $$;
comment on function public.search_members(uuid, text, public.tenant_role, int, int) is
  'One page of a school''s members for its members (owners first, then by name), with how many match: `pattern` (ILIKE) matches the name, or the email where the caller may see it (private.can_see_contact); emails only where allowed. Decides who the caller is once instead of per row.';
revoke all on function public.search_members(uuid, text, public.tenant_role, int, int) from public, anon;
grant execute on function public.search_members(uuid, text, public.tenant_role, int, int) to authenticated, service_role;

-- Section: helpers

create function private.class_tenant(class uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select c.tenant_id from public.classes c where c.id = class
$$;
comment on function private.class_tenant(uuid) is 'The school of a class (null when there is none).';

create function private.teaches_class(class uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.class_teachers t where t.class_id = class and t.user_id = (select auth.uid()))
$$;
comment on function private.teaches_class(uuid) is 'True when the caller is a class teacher of the class.';

create function private.belongs_to_class(class uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.class_teachers t where t.class_id = class and t.user_id = (select auth.uid()))
    or exists (select 1 from public.class_members m where m.class_id = class and m.user_id = (select auth.uid()))
    or exists (select 1 from public.class_members m join public.guardian_links g
                 on g.tenant_id = m.tenant_id and g.student_id = m.user_id and g.parent_id = (select auth.uid())
               where m.class_id = class)
$$;
comment on function private.belongs_to_class(uuid) is 'True for the class''s teachers and students and the parents linked to one of its students.';

create function private.can_see_class(class uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.has_role(private.class_tenant(class), array['owner', 'admin', 'staff', 'instructor']::public.tenant_role[])
    or private.belongs_to_class(class) or (select private.is_superadmin())
$$;
comment on function private.can_see_class(uuid) is 'True for the school''s staff, instructors, admins and owners, the class''s teachers and students, and parents linked to one of its students: they see the class''s name and teachers.';

create function private.can_see_class_list(class uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.has_role(private.class_tenant(class), array['owner', 'admin', 'staff']::public.tenant_role[])
    or private.teaches_class(class) or (select private.is_superadmin())
$$;
comment on function private.can_see_class_list(uuid) is 'True for the school''s owners, admins and staff and the class''s teachers: they see who is in the class.';

revoke all on function private.class_tenant(uuid), private.teaches_class(uuid), private.belongs_to_class(uuid),
  private.can_see_class(uuid), private.can_see_class_list(uuid) from public, anon;
grant execute on function private.class_tenant(uuid), private.teaches_class(uuid), private.belongs_to_class(uuid),
  private.can_see_class(uuid), private.can_see_class_list(uuid) to authenticated, service_role;

-- Section: policies — classes

create policy "School members who teach, staff or belong to a class see it" on public.classes
  for select to authenticated
  using ((select private.has_role(tenant_id, array['owner', 'admin', 'staff', 'instructor']::public.tenant_role[]))
         or (select private.belongs_to_class(id))
         or (select private.is_superadmin()));
create policy "Admins create their school's classes" on public.classes
  for insert to authenticated with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins rename their school's classes" on public.classes
  for update to authenticated
  using ((select private.has_role(tenant_id, (select private.admin_roles()))))
  with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins delete their school's classes" on public.classes
  for delete to authenticated using ((select private.has_role(tenant_id, (select private.admin_roles()))));

-- Section: policies — class members

create policy "Admins, staff, class teachers, the student and their parents see class members" on public.class_members
  for select to authenticated
  using (user_id = (select auth.uid())
         or (select private.can_see_class_list(class_id))
         or (select private.is_guardian(tenant_id, user_id)));
create policy "Admins add students to classes" on public.class_members
  for insert to authenticated with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins move students between classes" on public.class_members
  for update to authenticated
  using ((select private.has_role(tenant_id, (select private.admin_roles()))))
  with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins remove students from classes" on public.class_members
  for delete to authenticated using ((select private.has_role(tenant_id, (select private.admin_roles()))));

-- Section: policies — class teachers

create policy "Whoever sees a class sees its teachers" on public.class_teachers
  for select to authenticated using ((select private.can_see_class(class_id)));
create policy "Admins name class teachers" on public.class_teachers
  for insert to authenticated with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Class teachers are not edited" on public.class_teachers
  for update to authenticated using (false) with check (false);
create policy "Admins remove class teachers" on public.class_teachers
  for delete to authenticated using ((select private.has_role(tenant_id, (select private.admin_roles()))));

-- Section: policies — placements

create policy "Admins see their school's pending class placements" on public.class_placements
  for select to authenticated using ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins place invited students" on public.class_placements
  for insert to authenticated with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins change pending placements" on public.class_placements
  for update to authenticated
  using ((select private.has_role(tenant_id, (select private.admin_roles()))))
  with check ((select private.has_role(tenant_id, (select private.admin_roles()))));
create policy "Admins drop pending placements" on public.class_placements
  for delete to authenticated using ((select private.has_role(tenant_id, (select private.admin_roles()))));

-- Section: guards and audit

create function private.class_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.tenant_id <> old.tenant_id then
    raise exception 'A class cannot move to another school.' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function private.class_guard() is 'Keeps a class in its school and stamps its last change.';
create trigger classes_guard before update on public.classes for each row execute function private.class_guard();

create function private.class_member_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_table_name = 'class_members' then
    if not exists (select 1 from public.memberships m where m.tenant_id = new.tenant_id and m.user_id = new.user_id and m.role = 'student') then
      raise exception 'Only students of this school can be in a class.' using errcode = '23514', hint = 'class_students_only';
    end if;
  elsif not exists (select 1 from public.memberships m where m.tenant_id = new.tenant_id and m.user_id = new.user_id
                    and m.role = any (private.teaching_roles())) then
    raise exception 'Only instructors, admins and owners of this school can be class teachers.'
      using errcode = '23514', hint = 'class_teachers_only';
  end if;
  if tg_op = 'UPDATE' and (new.tenant_id <> old.tenant_id or new.user_id <> old.user_id) then
    raise exception 'Only the class of a class member changes.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.class_member_check() is 'Class members are students of the school; class teachers teach there (private.teaching_roles).';
revoke all on function private.class_member_check() from public, anon, authenticated;
create trigger class_members_check before insert or update on public.class_members
  for each row execute function private.class_member_check();
create trigger class_teachers_check before insert on public.class_teachers
  for each row execute function private.class_member_check();

create function private.classes_follow_role() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  person_email text;
begin
  if tg_op = 'UPDATE' then
    if new.role <> 'student' then
      delete from public.class_members m where m.tenant_id = new.tenant_id and m.user_id = new.user_id;
    end if;
    if not (new.role = any (private.teaching_roles())) then
      delete from public.class_teachers t where t.tenant_id = new.tenant_id and t.user_id = new.user_id;
    end if;
  end if;
  if new.role = 'student' then
    select lower(u.email) into person_email from auth.users u where u.id = new.user_id;
    with placed as (
      delete from public.class_placements p where p.tenant_id = new.tenant_id and p.email = person_email
      returning p.class_id, p.created_by
    )
    insert into public.class_members (class_id, tenant_id, user_id, added_by)
    select placed.class_id, new.tenant_id, new.user_id, placed.created_by from placed
    on conflict (tenant_id, user_id) do nothing;
  end if;
  return null;
end $$;
comment on function private.classes_follow_role() is 'A new student takes the class an import placed their email in; a member who stops being a student leaves their class, one who stops teaching stops being a class teacher.';
revoke all on function private.classes_follow_role() from public, anon, authenticated;
create trigger memberships_classes after insert or update of role on public.memberships
  for each row execute function private.classes_follow_role();

create function private.class_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_tenant uuid := coalesce(new.tenant_id, old.tenant_id);
begin
  if not exists (select 1 from public.tenants t where t.id = row_tenant) then
    return null; -- the school itself is being deleted
  end if;
  if tg_table_name = 'classes' then
    perform private.audit(row_tenant, 'class.' || lower(tg_op), 'class', coalesce(new.id, old.id)::text,
      case tg_op when 'INSERT' then jsonb_build_object('name', new.name)
                 when 'UPDATE' then jsonb_build_object('before', old.name, 'after', new.name, 'grade_level', new.grade_level)
                 else jsonb_build_object('name', old.name) end);
  elsif tg_table_name = 'class_members' then
    perform private.audit(row_tenant, 'class.student_' || case tg_op when 'INSERT' then 'added' when 'UPDATE' then 'moved' else 'removed' end,
      'user', coalesce(new.user_id, old.user_id)::text,
      jsonb_build_object('class_id', coalesce(new.class_id, old.class_id)) ||
      case when tg_op = 'UPDATE' then jsonb_build_object('from_class_id', old.class_id) else '{}'::jsonb end);
  else
    perform private.audit(row_tenant, 'class.teacher_' || case tg_op when 'INSERT' then 'added' else 'removed' end,
      'user', coalesce(new.user_id, old.user_id)::text, jsonb_build_object('class_id', coalesce(new.class_id, old.class_id)));
  end if;
  return null;
end $$;
comment on function private.class_audit() is 'Records class changes (created, renamed, deleted, students and teachers added, moved and removed) in the audit log.';
revoke all on function private.class_audit() from public, anon, authenticated;
create trigger classes_audit after insert or update of name, grade_level or delete on public.classes
  for each row execute function private.class_audit();
create trigger class_members_audit after insert or update of class_id or delete on public.class_members
  for each row execute function private.class_audit();
create trigger class_teachers_audit after insert or delete on public.class_teachers
  for each row execute function private.class_audit();

-- Section: enrol a class in a course

-- Security invoker on purpose: the enrolments' own insert policy and private.enrolment_check decide
-- as they do for one student (the school's instructors and the course's managers enrol, only
-- students of the course's school are enrolled), so this adds no second copy of the course rules.
create function public.enrol_class(class uuid, course uuid)
returns table (enrolled int, already int)
language plpgsql security invoker set search_path = '' as $$
declare
  school uuid := private.class_tenant(class);
  total int;
begin
  if school is null or not private.can_see_class(class) then
    raise exception 'No such class in this school.' using errcode = 'P0002', hint = 'class_not_found';
  end if;
  if not (private.has_role(school, private.admin_roles()) or private.teaches_class(class)) then
    raise exception 'Only admins and the class''s teachers can enrol a class.' using errcode = '42501', hint = 'class_enrol_forbidden';
  end if;
  if private.course_tenant(course) is distinct from school then
    raise exception 'That course is not one of this school''s courses.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  select count(*)::int into total from public.class_members m where m.class_id = class;
  with added as (
    insert into public.enrolments (course_id, user_id)
    select course, m.user_id from public.class_members m
    where m.class_id = class
      and not exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = m.user_id)
    on conflict (course_id, user_id) do nothing
    returning 1
  )
  select count(*)::int into enrolled from added;
  already := total - enrolled;
  return next;
end $$;
comment on function public.enrol_class(uuid, uuid) is 'Enrols every student of a class in a course of the same school (admins and the class''s teachers); students already enrolled are counted, not enrolled twice. Runs as the caller: the enrolments'' policy and checks apply as for one student.';
revoke all on function public.enrol_class(uuid, uuid) from public, anon;
grant execute on function public.enrol_class(uuid, uuid) to authenticated, service_role;

-- Section: bulk import of students

create function private.classify_student_rows(tenant uuid, student_rows jsonb)
returns table (n int, name text, email text, grade text, class_name text, status text)
language sql stable security definer set search_path = '' as $$
  with input as (
    select (r.ord - 1)::int as n,
      btrim(coalesce(r.value ->> 'name', '')) as name,
      lower(btrim(coalesce(r.value ->> 'email', ''))) as email,
      nullif(btrim(coalesce(r.value ->> 'grade', '')), '') as grade,
      nullif(btrim(coalesce(r.value ->> 'class', '')), '') as class_name
    from jsonb_array_elements(student_rows) with ordinality as r (value, ord)
  ), valid as (
    select i.*, i.name <> '' as has_name,
      i.email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(i.email) <= 254 as good_email
    from input i
  ), firsts as (
    select v.*, v.n = min(v.n) filter (where v.has_name and v.good_email) over (partition by v.email) as first_of_email
    from valid v
  )
  select f.n, f.name, f.email, f.grade, f.class_name,
    case when not f.has_name then 'missing_name'
         when not f.good_email then 'bad_email'
         when not f.first_of_email then 'duplicate'
         when exists (select 1 from public.memberships m join public.profiles p on p.id = m.user_id
                      where m.tenant_id = tenant and lower(p.email) = f.email) then 'already_member'
         when exists (select 1 from public.invitations i where i.tenant_id = tenant and i.email = f.email
                      and i.accepted_at is null and i.expires_at >= now()) then 'already_invited'
         else 'new' end
  from firsts f
  order by f.n
$$;
comment on function private.classify_student_rows(uuid, jsonb) is 'Each imported row (JSON objects with name, email, grade, class) with its status: new, already_invited, or the reason it is left out (missing_name, bad_email, duplicate of an earlier row, already_member).';
revoke all on function private.classify_student_rows(uuid, jsonb) from public, anon, authenticated;

create function public.preview_student_import(tenant uuid, student_rows jsonb)
returns table (n int, status text, class_exists boolean, seats_left int)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role(tenant, private.admin_roles()) then
    raise exception 'Only owners and admins of this school can do that.' using errcode = '42501', hint = 'admins_only';
  end if;
  return query
    select r.n, r.status,
      r.class_name is not null and exists (select 1 from public.classes c where c.tenant_id = tenant and lower(c.name) = lower(r.class_name)),
      private.student_seats_left(tenant)
    from private.classify_student_rows(tenant, student_rows) r;
end $$;
comment on function public.preview_student_import(uuid, jsonb) is 'What importing these rows would do, row by row, without writing anything (owners and admins), and the student seats left.';
revoke all on function public.preview_student_import(uuid, jsonb) from public, anon;
grant execute on function public.preview_student_import(uuid, jsonb) to authenticated, service_role;

-- The plan's seat rule (20261206160000_student_seats.sql) counted the school's students and open
-- invitations once per inserted row: 5,000 rows meant 5,000 counts over a growing set (12 of the 18
-- seconds of an import). The same rule now runs once per statement, after the insert, over the
-- schools the statement touched: a school may not end with fewer than 0 seats left. The advisory
-- lock still serialises a school's invitations, so two admins cannot both take the last seat.
create function private.invitation_seats_after_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  school uuid;
  seats int;
begin
  for school in select distinct a.tenant_id from added a where a.role = 'student' order by 1 loop
    perform pg_advisory_xact_lock(hashtextextended('student-seats:' || school::text, 0));
    if private.student_seats_left(school) < 0 then
      select l.seats into seats from private.school_limits(school) l;
      raise exception 'All % student seats of your plan are taken. Choose a bigger plan in Plan and billing, or remove students who have left.', seats
        using errcode = 'P0001', hint = 'seats_full';
    end if;
  end loop;
  return null;
end $$;
comment on function private.invitation_seats_after_insert() is 'Refuses student invitations that would leave a school with fewer than no student seats (students plus open student invitations beyond the plan), once per statement.';
revoke all on function private.invitation_seats_after_insert() from public, anon, authenticated;
drop trigger invitations_student_seats on public.invitations;
create trigger invitations_student_seats after insert on public.invitations
  referencing new table as added for each statement execute function private.invitation_seats_after_insert();

-- `tokens` holds one fresh random token per row (by position): the invitation of a new row stores
-- its hash and its email carries the link, as a single invitation's does.
create function public.import_students(tenant uuid, student_rows jsonb, tokens text[], site_url text)
returns table (invited int, already_invited int, placed int, classes_created int, rejected int)
language plpgsql security definer set search_path = '' as $$
declare
  total int;
begin
  if not private.has_role(tenant, private.admin_roles()) then
    raise exception 'Only owners and admins of this school can do that.' using errcode = '42501', hint = 'admins_only';
  end if;
  if jsonb_typeof(student_rows) <> 'array' or coalesce(array_length(tokens, 1), 0) < jsonb_array_length(student_rows) then
    raise exception 'Send one token per row.' using errcode = '22023';
  end if;
  -- One import per school at a time: two admins importing the same file cannot both invite.
  perform pg_advisory_xact_lock(hashtextextended('student-import:' || tenant::text, 0));

  create temporary table import_rows on commit drop as
    select r.*, tokens[r.n + 1] as token from private.classify_student_rows(tenant, student_rows) r;
  create index on import_rows (email);
  analyze import_rows; -- the planner's row counts for the joins below
  select count(*)::int into total from import_rows;
  select count(*)::int into rejected from import_rows r where r.status not in ('new', 'already_invited');
  select count(*)::int into already_invited from import_rows r where r.status = 'already_invited';

  -- An expired invitation is replaced by the new one, as when inviting one person.
  delete from public.invitations i
  where i.tenant_id = tenant and i.accepted_at is null
    and i.email = any (array(select r.email from import_rows r where r.status = 'new'));

  with fresh as (
    insert into public.invitations (tenant_id, email, role, token_hash)
    select tenant, r.email, 'student', encode(sha256(convert_to(r.token, 'UTF8')), 'hex')
    from import_rows r where r.status = 'new' order by r.n
    returning id, email
  )
  select count(*)::int into invited
  from fresh f join import_rows r on r.email = f.email and r.status = 'new'
  where private.enqueue_invitation_email(f.id, r.token, site_url) is not null;

  with made as (
    insert into public.classes (tenant_id, name, grade_level)
    select distinct on (lower(r.class_name)) tenant, r.class_name, left(r.grade, 40)
    from import_rows r
    where r.status in ('new', 'already_invited') and r.class_name is not null
    order by lower(r.class_name), r.n
    on conflict (tenant_id, lower(name)) do nothing
    returning 1
  )
  select count(*)::int into classes_created from made;

  with upserted as (
    insert into public.class_placements (tenant_id, email, class_id, display_name)
    select tenant, r.email, c.id, left(r.name, 200)
    from import_rows r join public.classes c on c.tenant_id = tenant and lower(c.name) = lower(r.class_name)
    where r.status in ('new', 'already_invited')
    on conflict (tenant_id, email) do update
      set class_id = excluded.class_id, display_name = excluded.display_name
      where public.class_placements.class_id <> excluded.class_id
         or public.class_placements.display_name <> excluded.display_name
    returning 1
  )
  select count(*)::int into placed from upserted;

  perform private.audit(tenant, 'students.imported', 'tenant', tenant::text, jsonb_build_object(
    'rows', total, 'invited', invited, 'already_invited', already_invited, 'placed', placed,
    'classes_created', classes_created, 'rejected', rejected));
  drop table import_rows;
  return next;
end $$;
comment on function public.import_students(uuid, jsonb, text[], text) is 'Bulk import (owners and admins): invites each new email as a student (seat rule and invitation email as for one invitation), creates missing classes, and places the invited students in their class once they join. Re-running the same rows creates nothing. One audit entry with the counts.';
revoke all on function public.import_students(uuid, jsonb, text[], text) from public, anon;
grant execute on function public.import_students(uuid, jsonb, text[], text) to authenticated, service_role;

-- Section: grants

revoke all on public.classes, public.class_members, public.class_teachers, public.class_placements from anon, authenticated;
grant select, insert, update, delete on public.classes, public.class_members, public.class_teachers,
  public.class_placements to authenticated;
grant select, insert, update, delete on public.classes, public.class_members, public.class_teachers,
  public.class_placements to service_role;

-- Section: class sizes for everyone who sees the class

create function private.class_size(class uuid) returns int
language sql stable security definer set search_path = '' as $$
  select case when private.can_see_class(class)
    then (select count(*)::int from public.class_members m where m.class_id = class) end
$$;
comment on function private.class_size(uuid) is 'How many students a class has, for whoever sees the class (instructors who do not teach it see its size, not its list).';
revoke all on function private.class_size(uuid) from public, anon;
grant execute on function private.class_size(uuid) to authenticated, service_role;
