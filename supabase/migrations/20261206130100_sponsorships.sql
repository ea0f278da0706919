-- Sponsors (issue 15), part 2 of 2: "A partner organisation (role `partner`) pays for seats in a
-- course for a list of students and sees those students' progress in aggregate only." The tables
-- public.sponsorships and public.sponsored_seats and their policies are in
-- 20261206100300_plans.sql; the role was added by 20261206130000_partner_role.sql.
--
--   public.create_sponsorship(tenant, sponsor, organisation, course, students[]) → uuid   (school admins)
--   public.start_sponsorship_payment(sponsorship, provider, callback_token_hash) → uuid    (the sponsor)
--   public.sponsorship_progress(sponsorship) → one row of aggregates                     (the sponsor, school admins)
--   private.grant_sponsorship(payment), private.revoke_sponsorship(payment)              (payment effects)
--
-- What a partner is (decided here):
--   * a member of the school in no role group (admin, support, teaching): private.admin_roles(),
--     support_roles() and teaching_roles() do not name it, so it authors nothing, works no ticket
--     and reads no draft;
--   * it sees the school's course catalogue as every member does (the "Members see their school's
--     courses" policy, prices included) but not a course's outline, lessons or enrolments, which
--     are for teachers, staff and enrolled students (private.can_see_outline); it cannot enrol nor
--     be enrolled (the enrolments policy lets only students enrol themselves, and
--     private.enrolment_check refuses anyone who is not a student), nor buy a course
--     (public.start_course_payment pays for students only);
--   * it never sees contact details (private.can_see_contact: emails are for the person, the
--     school's admins and its support desk) and, beyond that, it does not see the school's
--     students and parents at all: of the school's people it sees itself and those who work there
--     (owners, admins, instructors, staff) — names in memberships and profiles. The students a
--     sponsorship pays for reach the sponsor only as numbers (public.sponsorship_progress), never
--     as names or ids: sponsored_seats is not readable by the sponsor.
--
-- Money: a sponsorship costs the course's price × its seats, in the price's currency, taken when
-- the sponsor starts paying (as a course purchase takes the price at checkout). The sale is split
-- like a course sale (private.post_sale: instructor courses 60/30/10 into the pending wallet). A
-- successful payment activates the sponsorship and enrols every listed student who is still a
-- student of the school, remembering on the seat which enrolments it created; a full refund
-- cancels the sponsorship and removes only those enrolments, unless another active sponsorship or a
-- paid purchase still covers the student. A partial refund changes neither seats nor enrolments.

-- Section: email wording

create or replace function private.email_role(role public.tenant_role, locale text) returns text
language sql immutable set search_path = '' as $$
  select case when locale = 'sw' then
    case role when 'owner' then 'mmiliki' when 'admin' then 'msimamizi' when 'instructor' then 'mwalimu'
              when 'staff' then 'mhudumu' when 'student' then 'mwanafunzi' when 'parent' then 'mzazi'
              when 'partner' then 'mshirika' end
  else
    case role when 'owner' then 'an owner' when 'admin' then 'an admin' when 'instructor' then 'an instructor'
              when 'staff' then 'a member of staff' when 'student' then 'a student' when 'parent' then 'a parent'
              when 'partner' then 'a partner' end
  end
$$;
comment on function private.email_role(public.tenant_role, text) is
  'A role as an email sentence names it: "an instructor", "a member of staff", "a partner", or the Kiswahili word the web uses ("mwalimu", "mshirika").';
revoke all on function private.email_role(public.tenant_role, text) from public, anon, authenticated;

-- Section: what a partner sees of the school's people

-- Everyone else in a school sees every member (names only; emails by private.can_see_contact). A
-- partner is an outside organisation: it sees the people who work at the school and itself, never
-- the students and parents (many of them children) nor other partners.
create function private.can_see_member(tenant uuid, person uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships mine
    where mine.tenant_id = tenant and mine.user_id = (select auth.uid())
      and (mine.role <> 'partner' or mine.user_id = person or exists (
        select 1 from public.memberships theirs
        where theirs.tenant_id = tenant and theirs.user_id = person
          and theirs.role in ('owner', 'admin', 'instructor', 'staff')))
  );
end $$;
comment on function private.can_see_member(uuid, uuid) is
  'True when the caller, a member of the school, may see that the person is a member (and their name): every member sees everyone, except that a partner sees only itself and the school''s owners, admins, instructors and staff.';
revoke all on function private.can_see_member(uuid, uuid) from public, anon;
grant execute on function private.can_see_member(uuid, uuid) to authenticated, service_role;

alter policy "Members read their tenant's memberships" on public.memberships
  using (user_id = (select auth.uid()) or private.can_see_member(tenant_id, user_id) or (select private.is_superadmin()));

-- Profiles (and avatars, private.can_see_avatar) follow the same rule through shares_tenant.
create or replace function private.shares_tenant(other uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.memberships mine
    join public.memberships theirs on theirs.tenant_id = mine.tenant_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other
      and (mine.role <> 'partner' or theirs.role in ('owner', 'admin', 'instructor', 'staff'))
  );
end $$;
comment on function private.shares_tenant(uuid) is
  'True when the caller and the other user belong to a common tenant in which the caller may see them (a partner sees only the people who work at the school: private.can_see_member).';

-- Section: sponsorship payments and seats

alter table public.payments add column sponsorship_id uuid references public.sponsorships (id) on delete restrict;
comment on column public.payments.sponsorship_id is 'The sponsorship a payment (purpose sponsorship) pays for; null for other purposes.';
create index payments_sponsorship_idx on public.payments (sponsorship_id) where sponsorship_id is not null;
-- No payment had purpose sponsorship before this migration (nothing started one).
alter table public.payments add constraint payments_sponsorship_purpose
  check ((purpose = 'sponsorship') = (sponsorship_id is not null));

alter table public.sponsored_seats add column granted_enrolment boolean not null default false;
comment on column public.sponsored_seats.granted_enrolment is
  'True when this sponsorship''s payment created the student''s enrolment (a full refund then removes it).';
comment on column public.sponsorships.payment_id is
  'The sponsorship''s latest payment attempt, or the one that paid for it once it is active.';

-- Section: creating a sponsorship

create function public.create_sponsorship(
  tenant uuid, sponsor uuid, organisation text, course uuid, students uuid[]
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  chosen uuid[];
  n int;
  misfits int;
  price public.course_prices;
  created uuid;
begin
  if me is null or not private.has_role(tenant, private.admin_roles()) then
    raise exception 'Only owners and admins of this school arrange sponsorships.'
      using errcode = '42501', hint = 'admins_only';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = sponsor and m.role = 'partner') then
    raise exception 'The sponsor must be a partner of this school: invite them as a partner first.'
      using errcode = '23514', hint = 'sponsor_not_partner';
  end if;
  if char_length(btrim(coalesce(organisation, ''))) not between 2 and 200 then
    raise exception 'Name the organisation in 2 to 200 characters.' using errcode = '22023';
  end if;
  if private.course_tenant(course) is distinct from tenant then
    raise exception 'This course was not found in this school.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  select * into price from public.course_prices p where p.course_id = course;
  if price is null or price.amount_minor = 0 then
    raise exception 'This course is free: a sponsorship pays for a course with a price.'
      using errcode = 'P0001', hint = 'course_free';
  end if;
  select coalesce(array_agg(distinct s), '{}') into chosen from unnest(students) s where s is not null;
  n := cardinality(chosen);
  if n < 1 or n > 1000 then
    raise exception 'Choose between 1 and 1000 students.' using errcode = '22023';
  end if;
  select count(*) into misfits from unnest(chosen) s
  where not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = s and m.role = 'student');
  if misfits > 0 then
    raise exception '% of the people chosen are not students of this school.', misfits
      using errcode = '23514', hint = 'sponsored_not_students', detail = json_build_object('count', misfits)::text;
  end if;
  select count(*) into misfits from unnest(chosen) s
  where exists (select 1 from public.enrolments e where e.course_id = course and e.user_id = s);
  if misfits > 0 then
    raise exception '% of the students chosen are already enrolled in this course.', misfits
      using errcode = '23514', hint = 'sponsored_already_enrolled', detail = json_build_object('count', misfits)::text;
  end if;
  insert into public.sponsorships (tenant_id, sponsor_id, organisation, course_id, seats)
  values (tenant, sponsor, btrim(organisation), course, n)
  returning id into created;
  insert into public.sponsored_seats (sponsorship_id, student_id) select created, s from unnest(chosen) s;
  perform private.audit(tenant, 'sponsorship.created', 'sponsorship', created::text,
    jsonb_build_object('sponsor_id', sponsor, 'organisation', btrim(organisation), 'course_id', course, 'seats', n));
  return created;
end $$;
comment on function public.create_sponsorship(uuid, uuid, text, uuid, uuid[]) is
  'A school admin arranges a sponsorship: a partner of the school pays for seats in a priced course for 1 to 1000 of its students (duplicates ignored; none already enrolled). Pending until paid. Returns its id.';

-- Section: paying for a sponsorship

-- The api's checkout route calls this as the sponsor (withUser), like start_course_payment: the
-- amount is the course's price now × the seats, never the client's.
create function public.start_sponsorship_payment(
  sponsorship uuid, provider text, callback_token_hash text default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  s public.sponsorships;
  price public.course_prices;
  payment uuid;
begin
  select * into s from public.sponsorships x where x.id = sponsorship for update;
  if not found or me is null
     or not (s.sponsor_id = me or private.has_role(s.tenant_id, private.admin_roles()) or private.is_superadmin()) then
    raise exception 'This sponsorship was not found.' using errcode = 'P0002', hint = 'sponsorship_not_found';
  end if;
  if s.sponsor_id is distinct from me
     or not private.has_role(s.tenant_id, array['partner']::public.tenant_role[]) then
    raise exception 'Only the sponsor, a partner of the school, pays for a sponsorship.'
      using errcode = '42501', hint = 'sponsors_only';
  end if;
  if s.status = 'active' then
    raise exception 'This sponsorship is already paid.' using errcode = 'P0001', hint = 'sponsorship_paid';
  end if;
  if s.status = 'cancelled' then
    raise exception 'This sponsorship was cancelled.' using errcode = 'P0001', hint = 'sponsorship_cancelled';
  end if;
  if s.course_id is null then
    raise exception 'The course of this sponsorship was removed.' using errcode = 'P0002', hint = 'course_not_found';
  end if;
  select * into price from public.course_prices p where p.course_id = s.course_id;
  if price is null or price.amount_minor = 0 then
    raise exception 'This course is free now: there is nothing to pay.' using errcode = 'P0001', hint = 'course_free';
  end if;
  if provider not in ('mpesa', 'stripe', 'test') or (provider = 'mpesa' and price.currency <> 'KES') then
    raise exception 'This sponsorship cannot be paid that way.' using errcode = '22023';
  end if;
  insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, sponsorship_id, provider,
                               currency, amount_minor, callback_token_hash)
  values (s.tenant_id, me, null, 'sponsorship', s.course_id, s.id, provider, price.currency,
          price.amount_minor * s.seats, callback_token_hash)
  returning id into payment;
  update public.sponsorships x set payment_id = payment where x.id = s.id;
  return payment;
end $$;
comment on function public.start_sponsorship_payment(uuid, text, text) is
  'The sponsor starts paying for a pending sponsorship: a pending payment of the course''s price × seats (purpose sponsorship, no beneficiary). Returns the payment id.';

-- Section: what a payment does to its sponsorship

create function private.grant_sponsorship(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  s public.sponsorships;
begin
  select * into p from public.payments x where x.id = payment;
  select * into s from public.sponsorships x where x.id = p.sponsorship_id for update;
  if not found or s.course_id is null then
    return;
  end if;
  -- The provider says the money moved: the sponsorship is active whatever it was (a success after
  -- a cancellation too); a second payment of an active one changes nothing (an admin refunds it).
  if s.status = 'active' then
    return;
  end if;
  update public.sponsorships x set status = 'active', payment_id = p.id where x.id = s.id;
  -- Students who left the school (or stopped being students) are not enrolled; their seat stays.
  with added as (
    insert into public.enrolments (course_id, user_id, enrolled_by)
    select s.course_id, ss.student_id, p.payer_id from public.sponsored_seats ss
    where ss.sponsorship_id = s.id
      and exists (select 1 from public.memberships m where m.tenant_id = s.tenant_id and m.user_id = ss.student_id
                  and m.role = 'student')
    on conflict do nothing
    returning user_id
  )
  update public.sponsored_seats ss set granted_enrolment = true
  from added where ss.sponsorship_id = s.id and ss.student_id = added.user_id;
  perform private.audit(s.tenant_id, 'sponsorship.activated', 'sponsorship', s.id::text,
    jsonb_build_object('payment_id', p.id, 'seats', s.seats));
end $$;
comment on function private.grant_sponsorship(uuid) is
  'Activates a paid sponsorship and enrols its students who are still students of the school (no double enrolment; each seat remembers whether this created the enrolment).';

create function private.revoke_sponsorship(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  s public.sponsorships;
begin
  select * into p from public.payments x where x.id = payment;
  select * into s from public.sponsorships x where x.id = p.sponsorship_id for update;
  if not found then
    return;
  end if;
  -- Another payment of the same sponsorship still pays for it: nothing changes.
  if exists (select 1 from public.payments o where o.sponsorship_id = s.id and o.id <> p.id
             and o.status in ('succeeded', 'partially_refunded')) then
    return;
  end if;
  -- An enrolment another active sponsorship covers stays, and that sponsorship now owns it.
  update public.sponsored_seats o set granted_enrolment = true
  from public.sponsored_seats ss, public.sponsorships os
  where ss.sponsorship_id = s.id and ss.granted_enrolment
    and o.student_id = ss.student_id and o.sponsorship_id = os.id and os.id <> s.id
    and os.status = 'active' and os.course_id = s.course_id;
  delete from public.enrolments e
  using public.sponsored_seats ss
  where ss.sponsorship_id = s.id and ss.granted_enrolment
    and e.course_id = s.course_id and e.user_id = ss.student_id
    and not exists (
      select 1 from public.sponsored_seats o join public.sponsorships os on os.id = o.sponsorship_id
      where o.student_id = ss.student_id and os.id <> s.id and os.status = 'active' and os.course_id = s.course_id)
    and not exists (
      select 1 from public.payments c where c.purpose = 'course' and c.course_id = s.course_id
        and c.beneficiary_id = ss.student_id and c.status in ('succeeded', 'partially_refunded'));
  update public.sponsored_seats ss set granted_enrolment = false where ss.sponsorship_id = s.id and ss.granted_enrolment;
  if s.status <> 'cancelled' then
    update public.sponsorships x set status = 'cancelled' where x.id = s.id;
    perform private.audit(s.tenant_id, 'sponsorship.cancelled', 'sponsorship', s.id::text,
      jsonb_build_object('payment_id', p.id));
  end if;
end $$;
comment on function private.revoke_sponsorship(uuid) is
  'A fully refunded sponsorship payment: cancels the sponsorship and removes the enrolments it created, unless another payment of it, another active sponsorship or a paid purchase still covers them.';

-- Same signatures as 20261206100200_payment_effects.sql: the sponsorship branch first, then the
-- course purchase exactly as before.
create or replace function private.grant_access(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  added boolean;
begin
  select * into p from public.payments x where x.id = payment;
  if p.purpose = 'sponsorship' then
    perform private.grant_sponsorship(payment);
    return;
  end if;
  if p.purpose <> 'course' or p.course_id is null or p.beneficiary_id is null then
    return;
  end if;
  -- A student who left the school is not enrolled (the payment stays; an admin refunds it).
  if not exists (select 1 from public.memberships m where m.tenant_id = p.tenant_id and m.user_id = p.beneficiary_id
                 and m.role = 'student') then
    return;
  end if;
  insert into public.enrolments (course_id, user_id, enrolled_by) values (p.course_id, p.beneficiary_id, p.payer_id)
  on conflict do nothing returning true into added;
  if added then
    update public.payments x set granted_enrolment = true where x.id = payment;
  end if;
end $$;
comment on function private.grant_access(uuid) is 'Enrols a course payment''s student (no double enrolment; remembers whether this payment created it); activates a sponsorship payment''s sponsorship (private.grant_sponsorship).';

create or replace function private.revoke_access(payment uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  select * into p from public.payments x where x.id = payment;
  if p.purpose = 'sponsorship' then
    perform private.revoke_sponsorship(payment);
    return;
  end if;
  if p.granted_enrolment and not exists (
    select 1 from public.payments o where o.course_id = p.course_id and o.beneficiary_id = p.beneficiary_id
      and o.id <> p.id and o.status in ('succeeded', 'partially_refunded')) then
    delete from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id;
  end if;
end $$;
comment on function private.revoke_access(uuid) is 'Removes the enrolment a fully refunded payment created, unless another payment still covers the course; cancels a refunded sponsorship (private.revoke_sponsorship).';

-- Section: progress in aggregate

-- A sponsor sees numbers only, never who. With fewer than 5 enrolled students even numbers can
-- point at a child (a sponsor who knows the one student it pays for), so below that the sponsor
-- gets the seats, how many are enrolled and the course's lesson count, and the progress figures
-- are withheld (`suppressed`); the school's admins, who see each student's progress anyway, always
-- get them. A student's progress is the share of the course's published lessons they marked done
-- (the measure of the student's home); "started" means they opened at least one lesson.
create function public.sponsorship_progress(sponsorship uuid)
returns table (
  seats int, enrolled int, lessons_total int, suppressed boolean, min_group int, started int,
  average_completed float8, completed int, bucket_0 int, bucket_1_49 int, bucket_50_99 int, bucket_100 int
)
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.sponsorships;
  admin boolean;
  smallest constant int := 5;
begin
  select * into s from public.sponsorships x where x.id = sponsorship;
  admin := found and (private.has_role(s.tenant_id, private.admin_roles()) or private.is_superadmin());
  if not found or not (admin or (s.sponsor_id = (select auth.uid()) and private.is_member(s.tenant_id))) then
    raise exception 'This sponsorship was not found.' using errcode = 'P0002', hint = 'sponsorship_not_found';
  end if;
  return query
  with published as (
    select l.id from public.lessons l
    where l.course_id = s.course_id and exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)
  ), total as (
    select count(*)::int as n from published
  ), learner as (
    select
      exists (select 1 from public.lesson_progress p where p.course_id = s.course_id and p.user_id = ss.student_id) as opened,
      (select count(*)::int from public.lesson_progress p join published pl on pl.id = p.lesson_id
        where p.user_id = ss.student_id and p.completed_at is not null) as done
    from public.sponsored_seats ss
    where ss.sponsorship_id = s.id
      and exists (select 1 from public.enrolments e where e.course_id = s.course_id and e.user_id = ss.student_id)
  ), figures as (
    select count(*)::int as enrolled,
      count(*) filter (where l.opened)::int as started,
      round(avg(l.done), 1)::float8 as average_completed,
      count(*) filter (where t.n > 0 and l.done >= t.n)::int as completed,
      count(*) filter (where l.done = 0 or t.n = 0)::int as b0,
      count(*) filter (where t.n > 0 and l.done > 0 and l.done * 2 < t.n)::int as b1,
      count(*) filter (where t.n > 0 and l.done > 0 and l.done * 2 >= t.n and l.done < t.n)::int as b50
    from learner l cross join total t
  )
  select s.seats, f.enrolled, t.n,
    (not admin and f.enrolled < smallest),
    smallest,
    case when admin or f.enrolled >= smallest then f.started end,
    case when admin or f.enrolled >= smallest then coalesce(f.average_completed, 0) end,
    case when admin or f.enrolled >= smallest then f.completed end,
    case when admin or f.enrolled >= smallest then f.b0 end,
    case when admin or f.enrolled >= smallest then f.b1 end,
    case when admin or f.enrolled >= smallest then f.b50 end,
    case when admin or f.enrolled >= smallest then f.completed end
  from figures f cross join total t;
end $$;
comment on function public.sponsorship_progress(uuid) is
  'How a sponsorship''s students are doing, in numbers only: seats, enrolled, published lessons, started, average lessons done, completed, and how many are at 0%, 1–49%, 50–99%, 100%. The sponsor (still a member of the school) and the school''s admins; for the sponsor, figures of fewer than 5 enrolled students are withheld (suppressed).';

-- Section: grants

revoke all on function public.create_sponsorship(uuid, uuid, text, uuid, uuid[]),
  public.start_sponsorship_payment(uuid, text, text), public.sponsorship_progress(uuid) from public, anon;
grant execute on function public.create_sponsorship(uuid, uuid, text, uuid, uuid[]),
  public.start_sponsorship_payment(uuid, text, text), public.sponsorship_progress(uuid) to authenticated, service_role;
revoke all on function private.grant_sponsorship(uuid), private.revoke_sponsorship(uuid) from public, anon, authenticated;
grant execute on function private.grant_sponsorship(uuid), private.revoke_sponsorship(uuid) to service_role;
