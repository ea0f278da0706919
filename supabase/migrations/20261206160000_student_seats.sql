-- Payments (issue 15): a school's plan limits its student seats. Invitations read the limit from the
-- entitlements (private.school_limits: Free 50, Standard 500, Premium 5,000): inviting one more
-- student than the plan has seats for is refused, counting students and the student invitations
-- still open. Existing members are never removed by a downgrade; the school just cannot add students
-- until it has seats again.

create function private.student_seats_left(tenant uuid) returns int
language sql stable security definer set search_path = '' as $$
  select (select l.seats from private.school_limits(tenant) l)
    - (select count(*)::int from public.memberships m where m.tenant_id = tenant and m.role = 'student')
    - (select count(*)::int from public.invitations i
       where i.tenant_id = tenant and i.role = 'student' and i.accepted_at is null and i.expires_at > now())
$$;
comment on function private.student_seats_left(uuid) is 'Student seats a school can still fill: its plan''s seats minus its students and its open student invitations.';
revoke all on function private.student_seats_left(uuid) from public, anon;
grant execute on function private.student_seats_left(uuid) to authenticated, service_role;

create function private.invitation_seat_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  seats int;
begin
  if new.role <> 'student' then
    return new;
  end if;
  -- One school's seat count at a time: two admins inviting at once cannot both take the last seat.
  perform pg_advisory_xact_lock(hashtextextended('student-seats:' || new.tenant_id::text, 0));
  if private.student_seats_left(new.tenant_id) <= 0 then
    select l.seats into seats from private.school_limits(new.tenant_id) l;
    raise exception 'All % student seats of your plan are taken. Choose a bigger plan in Plan and billing, or remove students who have left.', seats
      using errcode = 'P0001', hint = 'seats_full';
  end if;
  return new;
end $$;
comment on function private.invitation_seat_check() is 'Refuses a student invitation when the school''s plan has no student seat left (students plus open student invitations).';
revoke all on function private.invitation_seat_check() from public, anon, authenticated;
create trigger invitations_student_seats before insert on public.invitations
  for each row execute function private.invitation_seat_check();
