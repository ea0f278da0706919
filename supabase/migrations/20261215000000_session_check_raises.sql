-- The signed-in session's check raises inside the request's transaction instead of returning a
-- flag the server reads afterwards. With it, a read request can pipeline begin, the claims, the
-- check, its queries and commit in one round trip (edge/lib/db.ts, withUserRead): when the session
-- has ended, the check aborts the transaction, every later statement fails, and commit rolls back,
-- so nothing the request did is kept or returned.

-- Section: helpers
create function private.assert_session_live(sid uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if not exists (
    select 1 from auth.sessions s
    where s.id = sid and s.user_id = (select auth.uid()) and (s.not_after is null or s.not_after > now())
  ) then
    raise exception 'session has ended' using errcode = '28000';
  end if;
  return true;
end $$;
comment on function private.assert_session_live(uuid) is
  'Raises 28000 (session has ended) unless the caller''s auth session exists; true otherwise.';
revoke all on function private.assert_session_live(uuid) from public, anon;
grant execute on function private.assert_session_live(uuid) to authenticated, service_role;
