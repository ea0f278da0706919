-- The schedule is read a page at a time (GET /tenants/{id}/sessions?after=<starts_at>,<id>), and a
-- page's cursor is its last session's start as the API shows it: to the millisecond. A start kept
-- to the microsecond (now() + interval, as jobs and tests write) would sort after its own cursor
-- and come back on the next page. A session starts at the millisecond it is given; existing rows
-- are left as they are (rewriting them would tell every booked student their session moved).

create function private.session_start_to_milliseconds() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.starts_at := date_trunc('milliseconds', new.starts_at);
  return new;
end $$;
comment on function private.session_start_to_milliseconds() is
  'Keeps a session''s start to the millisecond, as the API shows it and the schedule''s page cursor names it.';

create trigger tutoring_sessions_start_milliseconds before insert or update of starts_at on public.tutoring_sessions
  for each row execute function private.session_start_to_milliseconds();
