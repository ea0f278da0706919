-- Class lists drive sessions (issue 17): a session's tutor (or an admin) books a whole class into it
-- in one step, as public.enrol_class enrols a class in a course. It runs as the caller, so the
-- bookings' own policy ("tutors book students") and guard (students of the school, session open,
-- capacity, under the session's lock) apply to every seat as for one; the caller must also see the
-- class's list (its teachers, the school's admins and staff): a tutor who does not teach the class
-- does not learn who is in it by booking it. All or nothing: when the class's students without a seat outnumber the free seats,
-- nobody is booked and the answer says how many seats are missing, so the tutor can raise the
-- session's size first.

create function public.book_class(class uuid, session uuid)
returns table (booked int, already int)
language plpgsql security invoker set search_path = '' as $$
declare
  school uuid := private.class_tenant(class);
  seats int;
  total int;
  wanted int;
begin
  if school is null or not private.can_see_class(class) then
    raise exception 'No such class in this school.' using errcode = 'P0002', hint = 'class_not_found';
  end if;
  if private.session_tenant(session) is distinct from school then
    raise exception 'No such session in this school.' using errcode = 'P0002', hint = 'session_not_found';
  end if;
  if not (private.can_manage_session(session) and private.can_see_class_list(class)) then
    raise exception 'Only the session''s tutor, teaching the class, and the school''s admins can book a class into it.'
      using errcode = '42501', hint = 'class_booking_forbidden';
  end if;
  -- A first count for a clear answer; each seat's guard counts again under the session's lock.
  select s.capacity - (select count(*) from public.session_bookings b where b.session_id = s.id)
    into seats from public.tutoring_sessions s where s.id = session;
  select count(*)::int,
         count(*) filter (where not exists (
           select 1 from public.session_bookings b where b.session_id = session and b.user_id = m.user_id))::int
    into total, wanted
    from public.class_members m where m.class_id = class;
  if wanted > seats then
    raise exception 'The class has % students without a seat and the session has % free.', wanted, seats
      using errcode = 'P0001', hint = 'class_too_big';
  end if;
  with added as (
    insert into public.session_bookings (session_id, user_id)
    select session, m.user_id from public.class_members m
    where m.class_id = class
      and not exists (select 1 from public.session_bookings b where b.session_id = session and b.user_id = m.user_id)
    on conflict do nothing
    returning 1
  )
  select count(*)::int into booked from added;
  already := total - booked;
  return next;
end $$;
comment on function public.book_class(uuid, uuid) is 'Books every student of a class into a session of the same school (the session''s tutor teaching the class, and admins); all or nothing when the seats do not suffice (P0001 class_too_big). Runs as the caller: the bookings'' policy and guard apply as for one seat.';
revoke all on function public.book_class(uuid, uuid) from public, anon;
grant execute on function public.book_class(uuid, uuid) to authenticated, service_role;
