-- Audit log and My data (issue 17).
--   * The audit log is immutable for every role that does not switch triggers off: before update,
--     delete and truncate triggers raise, so the privileged connection the API, auth and migrations
--     use cannot change history either. A superuser can still disable triggers
--     (`alter table … disable trigger`, `session_replication_role = replica`); that is outside what
--     the database can refuse and is left to who holds the superuser password.
--   * Every entry records the caller's IP: withUser (edge/lib/db.ts) sets `request.ip` beside the
--     claims, and the column's default reads it, so every existing writer records it unchanged.
--   * Security events of local auth: failed password sign-ins over a threshold (one entry when an
--     account reaches 5 failures within 15 minutes, not one per failure), password resets asked for
--     and completed. They have no school; the account's owner reads them, superadmins read all.
--   * public.audit_entries: one page (or an export) of a school's log for its admins, deciding
--     access once instead of per row, with actor names.
--   * public.my_data(): everything about the caller as one JSON document, built from auth.uid()
--     only, and recorded in the log.

-- Section: immutability

create function private.audit_log_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- The one change allowed: the foreign key's ON DELETE SET NULL once the entry's school is gone.
  -- Every other column must stay as it was, so history is kept, only detached from the school.
  if tg_op = 'UPDATE' and old.tenant_id is not null and new.tenant_id is null
     and not exists (select 1 from public.tenants t where t.id = old.tenant_id)
     and to_jsonb(new) - 'tenant_id' = to_jsonb(old) - 'tenant_id' then
    return new;
  end if;
  raise exception 'The audit log is append-only: entries cannot be changed or removed.'
    using errcode = '42501', hint = 'audit_log_immutable';
end $$;
comment on function private.audit_log_immutable() is
  'Refuses update, delete and truncate of audit entries whoever asks (a superuser can still disable triggers), except detaching entries from a deleted school.';
create trigger audit_log_immutable before update or delete on public.audit_log
  for each row execute function private.audit_log_immutable();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_immutable();

-- Section: the caller's IP

create function private.request_ip() returns inet
language plpgsql stable set search_path = '' as $$
begin
  return nullif(current_setting('request.ip', true), '')::inet;
exception when invalid_text_representation then
  return null; -- x-forwarded-for is whatever the client wrote: not an address, no address
end $$;
comment on function private.request_ip() is
  'The client address of the current request (the request.ip setting withUser makes), or null.';
revoke all on function private.request_ip() from public, anon;
grant execute on function private.request_ip() to authenticated, service_role;

alter table public.audit_log add column ip inet default private.request_ip();
comment on column public.audit_log.ip is 'Where the request came from (null when unknown: jobs, webhooks, migrations).';

-- Section: indexes for the admin page and the account's own events

-- Newest first within a school, id as the page cursor; the old (tenant_id, created_at) index is
-- replaced by it (a school's page and its date filters both read this one).
create index audit_log_tenant_page_idx on public.audit_log (tenant_id, id desc);
drop index public.audit_log_tenant_created_idx;
create index audit_log_target_idx on public.audit_log (target_id, id desc);

create policy "People read the security events of their own account" on public.audit_log
  for select to authenticated
  using (tenant_id is null and target_id = (select auth.uid())::text);

-- Section: failed sign-ins

create table private.sign_in_failures (
  user_id uuid not null references auth.users (id) on delete cascade,
  failed_at timestamptz not null default now(),
  ip inet
);
alter table private.sign_in_failures enable row level security;
comment on table private.sign_in_failures is
  'Recent failed password sign-ins per account (15 minutes kept), written by local auth''s privileged connection to notice a threshold crossing.';
create index sign_in_failures_user_idx on private.sign_in_failures (user_id, failed_at);

create policy "Nobody reads sign-in failures through the API" on private.sign_in_failures
  for select to authenticated using (false);
create policy "Nobody records sign-in failures through the API" on private.sign_in_failures
  for insert to authenticated with check (false);
create policy "Nobody changes sign-in failures through the API" on private.sign_in_failures
  for update to authenticated using (false) with check (false);
create policy "Nobody removes sign-in failures through the API" on private.sign_in_failures
  for delete to authenticated using (false);

create function private.note_failed_sign_in(account uuid, from_ip inet, threshold int default 5,
  span interval default interval '15 minutes')
returns boolean language plpgsql security definer set search_path = '' as $$
declare
  failures int;
begin
  -- One account's failures are counted one at a time, so parallel guesses cross the line once.
  perform pg_advisory_xact_lock(hashtextextended('sign-in-failures:' || account::text, 0));
  delete from private.sign_in_failures where user_id = account and failed_at < now() - span;
  insert into private.sign_in_failures (user_id, ip) values (account, from_ip);
  select count(*) into failures from private.sign_in_failures where user_id = account;
  if failures <> threshold then
    return false;
  end if;
  insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details, ip)
  values (null, null, 'auth.sign_in_failures', 'user', account::text,
          jsonb_build_object('failures', failures, 'minutes', extract(epoch from span)::int / 60), from_ip);
  return true;
end $$;
comment on function private.note_failed_sign_in(uuid, inet, int, interval) is
  'Records a failed password sign-in; when the account reaches the threshold within the span, appends one auth.sign_in_failures entry (true). Not again until it falls below and reaches it anew.';
revoke all on function private.note_failed_sign_in(uuid, inet, int, interval) from public, anon, authenticated;

-- Section: a school's log for its admins

create function public.audit_entries(
  tenant uuid,
  action_filter text default null,
  actor uuid default null,
  target_kind text default null,
  from_day date default null,
  to_day date default null,
  before_id bigint default null,
  max_rows int default 50
) returns table (
  id bigint, created_at timestamptz, action text, target_type text, target_id text,
  actor_id uuid, actor_name text, ip inet, details jsonb
)
language plpgsql stable security definer set search_path = '' as $$
declare
  zone text;
begin
  if not (private.has_role(tenant, private.admin_roles()) or private.is_superadmin()) then
    raise exception 'Only owners and admins of this school can read its audit log.'
      using errcode = '42501', hint = 'admins_only';
  end if;
  select t.time_zone into zone from public.tenants t where t.id = tenant;
  zone := coalesce(zone, 'Africa/Nairobi');
  return query
    select a.id, a.created_at, a.action, a.target_type, a.target_id, a.actor_id, p.display_name, a.ip, a.details
    from public.audit_log a
    left join public.profiles p on p.id = a.actor_id
    where a.tenant_id = tenant
      and (action_filter is null or a.action = action_filter or starts_with(a.action, action_filter || '.'))
      and (actor is null or a.actor_id = actor)
      and (target_kind is null or a.target_type = target_kind)
      and (from_day is null or a.created_at >= from_day::timestamp at time zone zone)
      and (to_day is null or a.created_at < (to_day + 1)::timestamp at time zone zone)
      and (before_id is null or a.id < before_id)
    order by a.id desc
    limit least(greatest(max_rows, 1), 20000);
end $$;
comment on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) is
  'A school''s audit entries, newest first, filtered (action or action family, actor, target type, days on the school''s clock) and paged by id, with actor names; for its owners and admins and superadmins (decided once, not per row).';
revoke all on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) from public, anon;
grant execute on function public.audit_entries(uuid, text, uuid, text, date, date, bigint, int) to authenticated;

-- Section: my data

create function public.my_data() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  doc jsonb;
begin
  if me is null then
    raise exception 'Sign in to download your data.' using errcode = '42501';
  end if;
  -- Every part is chosen by `me` alone; no row of anyone else is read into the document.
  select jsonb_build_object(
    'format', 'kipindi-my-data/1',
    'exported_at', now(),
    'user_id', me,
    'account', (
      select jsonb_build_object('email', u.email, 'phone', u.phone, 'created_at', u.created_at,
        'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at)
      from auth.users u where u.id = me),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = me),
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object('tenant_id', m.tenant_id, 'school', t.name, 'role', m.role,
        'joined_at', m.created_at) order by m.created_at)
      from public.memberships m join public.tenants t on t.id = m.tenant_id where m.user_id = me), '[]'),
    'guardian_links', coalesce((
      select jsonb_agg(jsonb_build_object('tenant_id', g.tenant_id, 'parent_id', g.parent_id,
        'student_id', g.student_id, 'as', case when g.parent_id = me then 'parent' else 'student' end,
        'created_at', g.created_at) order by g.created_at)
      from public.guardian_links g where g.parent_id = me or g.student_id = me), '[]'),
    'enrolments', coalesce((
      select jsonb_agg(jsonb_build_object('course_id', e.course_id, 'course', c.title, 'enrolled_at', e.created_at)
        order by e.created_at)
      from public.enrolments e join public.courses c on c.id = e.course_id where e.user_id = me), '[]'),
    'support_tickets', coalesce((
      select jsonb_agg(jsonb_build_object('id', k.id, 'tenant_id', k.tenant_id, 'number', k.number,
        'subject', k.subject, 'category', k.category, 'status', k.status, 'created_at', k.created_at)
        order by k.created_at)
      from public.tickets k where k.requester_id = me), '[]'),
    'support_messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', tm.id, 'ticket_id', tm.ticket_id, 'body', tm.body,
        'internal', tm.internal, 'created_at', tm.created_at) order by tm.id)
      from public.ticket_messages tm where tm.author_id = me), '[]'),
    'tutor_conversations', coalesce((
      select jsonb_agg(jsonb_build_object('id', ac.id, 'tenant_id', ac.tenant_id, 'course_id', ac.course_id,
        'title', ac.title, 'created_at', ac.created_at,
        'messages', coalesce((
          select jsonb_agg(jsonb_build_object('role', am.role, 'content', am.content, 'status', am.status,
            'created_at', am.created_at) order by am.created_at, am.id)
          from public.ai_messages am where am.conversation_id = ac.id), '[]'))
        order by ac.created_at)
      from public.ai_conversations ac where ac.student_id = me), '[]'),
    'assignment_submissions', coalesce((
      select jsonb_agg(jsonb_build_object('id', s.id, 'assignment_id', s.assignment_id, 'assignment', a.title,
        'course_id', s.course_id, 'body', s.body, 'files', s.files, 'version', s.version,
        'submitted_at', s.submitted_at, 'late', s.late,
        'grade', (
          select jsonb_build_object('points', g.points, 'max_points', g.max_points, 'btec_grade', g.btec_grade,
            'criteria', g.criteria, 'feedback', g.feedback, 'graded_at', g.graded_at)
          from public.assignment_grades g
          where g.submission_id = s.id and g.user_id = me and private.assignment_results_released(g.assignment_id)))
        order by s.submitted_at)
      from public.assignment_submissions s join public.assignments a on a.id = s.assignment_id
      where s.user_id = me), '[]'),
    'quiz_attempts', coalesce((
      select jsonb_agg(jsonb_build_object('id', qa.id, 'quiz_id', qa.quiz_id, 'quiz', q.title,
        'course_id', qa.course_id, 'number', qa.number, 'started_at', qa.started_at,
        'submitted_at', qa.submitted_at, 'status', qa.status,
        'answers', coalesce((
          select jsonb_agg(jsonb_build_object('question_id', qr.question_id, 'response', qr.response,
            'saved_at', qr.saved_at) order by qr.saved_at)
          from public.quiz_responses qr where qr.attempt_id = qa.id and qr.user_id = me), '[]'),
        'result', (
          select jsonb_build_object('score', r.score, 'max_score', r.max_score, 'questions', r.questions,
            'graded_at', r.graded_at)
          from public.quiz_results r
          where r.attempt_id = qa.id and r.user_id = me and private.quiz_results_released(r.quiz_id)))
        order by qa.started_at)
      from public.quiz_attempts qa join public.quizzes q on q.id = qa.quiz_id where qa.user_id = me), '[]'),
    'payments', coalesce((
      select jsonb_agg(jsonb_build_object('id', py.id, 'tenant_id', py.tenant_id, 'purpose', py.purpose,
        'course_id', py.course_id, 'plan', py.plan, 'provider', py.provider, 'currency', py.currency,
        'amount_minor', py.amount_minor, 'refunded_minor', py.refunded_minor, 'status', py.status,
        'receipt', py.provider_ref, 'paid_by_me', py.payer_id = me, 'for_me', py.beneficiary_id = me,
        'succeeded_at', py.succeeded_at, 'created_at', py.created_at) order by py.created_at)
      from public.payments py where py.payer_id = me or py.beneficiary_id = me), '[]'),
    'certificates', coalesce((
      select jsonb_agg(jsonb_build_object('code', ce.code, 'student_name', ce.student_name,
        'course_title', ce.course_title, 'school_name', ce.school_name, 'issued_at', ce.issued_at,
        'revoked_at', ce.revoked_at) order by ce.issued_at)
      from public.certificates ce where ce.user_id = me), '[]'),
    'notifications', coalesce((
      select jsonb_agg(jsonb_build_object('kind', n.kind, 'title', n.title, 'body', n.body, 'link', n.link,
        'created_at', n.created_at, 'read_at', n.read_at) order by n.id)
      from public.notifications n where n.user_id = me), '[]'),
    'security_events', coalesce((
      select jsonb_agg(jsonb_build_object('action', l.action, 'details', l.details, 'ip', l.ip,
        'created_at', l.created_at) order by l.id)
      from public.audit_log l where l.tenant_id is null and l.target_id = me::text), '[]')
  ) into doc;
  perform private.audit(null, 'account.data_exported', 'user', me::text, '{}');
  return doc;
end $$;
comment on function public.my_data() is
  'Everything about the caller (auth.uid()) as one JSON document: account, profile, memberships, guardian links, support tickets and messages, tutor conversations, submissions with released grades, quiz attempts with released results, payments, certificates, notifications, security events. Records the export in the audit log.';
revoke all on function public.my_data() from public, anon;
grant execute on function public.my_data() to authenticated;
