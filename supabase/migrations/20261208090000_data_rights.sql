-- Data rights (issue 17, "My data"): deleting one's account, handing a school to another owner,
-- exporting a school's data and deleting the school after a 30-day grace period.
--
-- Decisions
--   * Account deletion keeps the account's id as a pseudonym: the auth.users row stays (no email,
--     no phone, no password, no metadata, banned for ever, deleted_at set) so the ledger's accounts
--     and entries, payments, payouts and audit entries keep pointing at the same id and every total
--     stays what it was. Everything else is erased:
--       - every row of a table whose foreign key to auth.users or public.profiles says ON DELETE
--         CASCADE is deleted, as deleting the user would (memberships, guardian links, tickets the
--         person opened, tutor conversations, submissions, notifications, sessions, identities,
--         factors, ...). Found from the catalogue, so tables added later are covered too;
--       - the profile is kept as "Deleted user" with every other column emptied;
--       - what the person wrote in threads that belong to others (replies on other people's tickets,
--         session chat) stays as a row with its time, its text replaced by "Message removed: its
--         author deleted their account.";
--       - rows addressed to the person by email or phone (invitations, class placements, queued
--         emails and texts, ...) are deleted; any other copy of the email or phone anywhere is
--         replaced by "[erased]", and their email, phone or name (as a whole word) inside messages by
--         "Deleted user"; other people's notifications naming them are deleted (a notification can
--         only be marked read, never reworded).
--     The person's uploaded avatar objects are removed. A sole owner of a school must hand it over
--     (or delete the school) first.
--   * The audit log keeps its history: ids of actors and targets, actions and times never change.
--     Some writers put an email or a name in `details` (invitations, sign-in events of other
--     features), so the one change the immutability trigger now also allows is redaction: string
--     values of `details` turned into "[erased]" and `ip` set to null, all other columns unchanged,
--     and only inside an account erasure (the `kipindi.erasing` setting this migration's function
--     sets for its transaction; a privileged session could set it too, and could still only blank
--     values). Nothing can be added, reworded or removed from history that way. The ledger and the
--     audit log are the only tables the erasure does not scan for copies of the email, phone or
--     name (the ledger holds amounts, ids and system memos). The scan is one update per table, so an
--     erasure takes as long as reading every text column once: rare, and worth it.
--   * The erasing and handing-over functions live in `private` and are not executable by
--     `authenticated`: the API calls them on its privileged connection after checking the
--     person's password (bcrypt, as local auth) and their session, with their claims set so that
--     auth.uid() and the audit log name them. A stolen access token alone cannot delete an
--     account or give a school away.
--   * A school's deletion is asked by an owner for 30 days later; any owner cancels it before
--     then; the realtime server's interval job (realtime/jobs/school-deletions.ts) then calls
--     private.delete_due_schools(). A school without money records is deleted with everything in
--     it; one with payments or ledger rows (which must be kept, and keep their totals) loses all
--     its other data and members and stays as a tombstone named "Deleted school" with status
--     'deleted', holding only those records.
--   * A school's export is one JSON document streamed by the API (edge/api/data-rights/
--     school-export.ts) from one snapshot through cursors; public.begin_school_export checks the
--     owner and audits it first.

-- Section: redaction of audit details

create function private.audit_details_redacted(before jsonb, after jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  k text;
  i int;
begin
  if after is not distinct from before then
    return true;
  end if;
  if jsonb_typeof(before) = 'string' then
    return after = '"[erased]"'::jsonb;
  end if;
  if jsonb_typeof(before) = 'object' and jsonb_typeof(after) = 'object' then
    if (select array_agg(x order by x) from jsonb_object_keys(before) x)
       is distinct from (select array_agg(x order by x) from jsonb_object_keys(after) x) then
      return false;
    end if;
    for k in select jsonb_object_keys(before) loop
      if not private.audit_details_redacted(before -> k, after -> k) then
        return false;
      end if;
    end loop;
    return true;
  end if;
  if jsonb_typeof(before) = 'array' and jsonb_typeof(after) = 'array'
     and jsonb_array_length(before) = jsonb_array_length(after) then
    for i in 0 .. jsonb_array_length(before) - 1 loop
      if not private.audit_details_redacted(before -> i, after -> i) then
        return false;
      end if;
    end loop;
    return true;
  end if;
  return false;
end $$;
comment on function private.audit_details_redacted(jsonb, jsonb) is
  'True when `after` is `before` with some string values replaced by "[erased]" and nothing else changed.';

create function private.redact_jsonb(doc jsonb, pattern text, exact text[]) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  case jsonb_typeof(doc)
    when 'string' then
      if (pattern is not null and (doc #>> '{}') ~* pattern) or lower(btrim(doc #>> '{}')) = any (exact) then
        return '"[erased]"'::jsonb;
      end if;
      return doc;
    when 'object' then
      return coalesce((select jsonb_object_agg(e.key, private.redact_jsonb(e.value, pattern, exact))
                       from jsonb_each(doc) e), '{}'::jsonb);
    when 'array' then
      return coalesce((select jsonb_agg(private.redact_jsonb(e.value, pattern, exact) order by e.n)
                       from jsonb_array_elements(doc) with ordinality e(value, n)), '[]'::jsonb);
    else
      return doc;
  end case;
end $$;
comment on function private.redact_jsonb(jsonb, text, text[]) is
  'Replaces every string value matching the pattern (case-insensitive) or equal to one of `exact` (lower case) by "[erased]".';

create or replace function private.audit_log_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- Allowed 1: the foreign key's ON DELETE SET NULL once the entry's school is gone.
  if tg_op = 'UPDATE' and old.tenant_id is not null and new.tenant_id is null
     and not exists (select 1 from public.tenants t where t.id = old.tenant_id)
     and to_jsonb(new) - 'tenant_id' = to_jsonb(old) - 'tenant_id' then
    return new;
  end if;
  -- Allowed 2: an account erasure blanks personal values out of details and forgets the address;
  -- who did what to whom, and when, stays.
  if tg_op = 'UPDATE' and nullif(current_setting('kipindi.erasing', true), '') is not null
     and to_jsonb(new) - 'details' - 'ip' = to_jsonb(old) - 'details' - 'ip'
     and (new.ip is null or new.ip = old.ip)
     and private.audit_details_redacted(old.details, new.details) then
    return new;
  end if;
  raise exception 'The audit log is append-only: entries cannot be changed or removed.'
    using errcode = '42501', hint = 'audit_log_immutable';
end $$;
comment on function private.audit_log_immutable() is
  'Refuses update, delete and truncate of audit entries whoever asks (a superuser can still disable triggers), except detaching entries from a deleted school and, during an account erasure, blanking personal values of details and the address.';

-- Section: erasing personal data

create function private.regex_quote(term text) returns text
language sql immutable set search_path = '' as $$
  select regexp_replace(term, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g')
$$;

/** One alternation of the terms (quoted), or null when there are none. */
create function private.terms_pattern(terms text[]) returns text
language sql immutable set search_path = '' as $$
  select nullif(string_agg(private.regex_quote(t), '|'), '')
  from unnest(terms) t where t is not null and btrim(t) <> ''
$$;

create function private.scrub_everywhere(contact_pattern text, mention_pattern text, pseudonym text)
returns void language plpgsql security definer set search_path = '' as $$
declare
  tbl record;
  col record;
  sets text[];
  wheres text[];
  mentions boolean;
  pat text;
begin
  -- Every text or json column of every table, except history and money kept on purpose (the audit
  -- log is redacted by its own rule; the ledger holds amounts and system memos).
  for tbl in
    select c.oid, n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'supabase_migrations')
      and not (n.nspname = 'public' and c.relname in ('audit_log', 'ledger_accounts', 'ledger_entries',
                                                      'ledger_transactions'))
  loop
    -- A notification changes only its read mark (private.notification_guard): one naming the person goes.
    if (tbl.nspname, tbl.relname) = ('public', 'notifications') then
      if mention_pattern is not null then
        delete from public.notifications x
        where x.title ~* mention_pattern or x.body ~* mention_pattern or x.link ~* mention_pattern;
      end if;
      continue;
    end if;
    mentions := (tbl.nspname, tbl.relname) in (('public', 'ticket_messages'),
      ('public', 'session_messages'), ('public', 'tickets'), ('public', 'ai_messages'),
      ('private', 'outbox_emails'), ('private', 'outbox_sms'));
    pat := case when mentions then mention_pattern else contact_pattern end;
    continue when pat is null;
    sets := '{}';
    wheres := '{}';
    for col in
      select a.attname, format_type(a.atttypid, null) as typ from pg_attribute a
      where a.attrelid = tbl.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'json'::regtype)
    loop
      if col.typ in ('jsonb', 'json') then
        sets := sets || format('%1$I = regexp_replace(%1$I::text, %2$L, %3$L, ''gi'')::%4$s', col.attname,
          pat, '[erased]', col.typ);
        wheres := wheres || format('%I::text ~* %L', col.attname, pat);
      else
        sets := sets || format('%1$I = regexp_replace(%1$I, %2$L, %3$L, ''gi'')', col.attname, pat,
          case when mentions then pseudonym else '[erased]' end);
        wheres := wheres || format('%I ~* %L', col.attname, pat);
      end if;
    end loop;
    if cardinality(wheres) > 0 then
      execute format('update %I.%I set %s where %s', tbl.nspname, tbl.relname,
        array_to_string(sets, ', '), array_to_string(wheres, ' or '));
    end if;
  end loop;
end $$;
comment on function private.scrub_everywhere(text, text, text) is
  'During an account erasure: replaces the person''s email and phone (contact_pattern) by "[erased]" in every text and json column of every table but the audit log and the ledger, their email, phone or name inside messages (mention_pattern) by the pseudonym, and deletes notifications naming them. One update per table: rare and slow on purpose.';
revoke all on function private.scrub_everywhere(text, text, text) from public, anon, authenticated;

create function private.sole_owned_school(account uuid) returns text
language sql stable security definer set search_path = '' as $$
  select t.name from public.memberships m join public.tenants t on t.id = m.tenant_id
  where m.user_id = account and m.role = 'owner' and t.status <> 'deleted'
    and not exists (select 1 from public.memberships o
                    where o.tenant_id = m.tenant_id and o.role = 'owner' and o.user_id <> account)
  order by t.name limit 1
$$;
comment on function private.sole_owned_school(uuid) is 'The name of a school the account is the only owner of, if any.';
revoke all on function private.sole_owned_school(uuid) from public, anon, authenticated;

create function private.erase_account(account uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  pseudonym constant text := 'Deleted user';
  removed constant text := 'Message removed: its author deleted their account.';
  u auth.users;
  emails text[];
  phones text[];
  names text[];
  contact_pattern text;
  mention_pattern text;
  audit_pattern text;
  short_names text[];
  school text;
  fk record;
  col record;
  sets text[];
  other_phone text;
begin
  if account is null or account is distinct from (select auth.uid()) then
    raise exception 'Only the account''s owner deletes it.' using errcode = '42501';
  end if;
  select * into u from auth.users where id = account for update;
  if u.id is null or u.deleted_at is not null then
    raise exception 'No such account.' using errcode = 'P0002';
  end if;
  school := private.sole_owned_school(account);
  if school is not null then
    raise exception 'You are the only owner of %: transfer its ownership or delete the school first.', school
      using errcode = 'P0001', hint = 'sole_owner';
  end if;
  perform set_config('kipindi.erasing', account::text, true);

  -- What identifies the person, gathered before anything is removed.
  select array_agg(distinct lower(e)) into emails
  from unnest(array[u.email, nullif(u.email_change, ''), (select p.email from public.profiles p where p.id = account)]) e
  where e is not null and btrim(e) <> '';
  phones := array[]::text[];
  if nullif(u.phone, '') is not null then
    phones := array[u.phone, '+' || u.phone];
    if u.phone ~ '^254[0-9]{9}$' then
      phones := phones || ('0' || right(u.phone, 9));
    end if;
  end if;
  if to_regclass('public.profile_details') is not null then
    execute 'select phone from public.profile_details where user_id = $1' into other_phone using account;
    if nullif(btrim(other_phone), '') is not null then
      phones := phones || btrim(other_phone);
    end if;
  end if;
  select array_agg(distinct lower(btrim(n))) into names
  from unnest(array[(select p.display_name from public.profiles p where p.id = account),
                    u.raw_user_meta_data ->> 'display_name', u.raw_user_meta_data ->> 'full_name',
                    u.raw_user_meta_data ->> 'name']) n
  where n is not null and char_length(btrim(n)) >= 2 and lower(btrim(n)) <> lower(pseudonym);
  names := coalesce(names, array[]::text[]);
  -- Names match as whole words (\m \M), so "Al" does not match inside "Mathematical".
  contact_pattern := private.terms_pattern(coalesce(emails, '{}') || phones);
  mention_pattern := concat_ws('|', contact_pattern, '\m(' || private.terms_pattern(names) || ')\M');
  audit_pattern := concat_ws('|', contact_pattern,
    '\m(' || private.terms_pattern(array(select n from unnest(names) n where char_length(n) >= 4)) || ')\M');
  short_names := array(select n from unnest(names) n where char_length(n) < 4);

  perform private.audit(null, 'account.deleted', 'user', account::text, '{}');

  -- What they wrote in threads that belong to others stays as a removed message.
  update public.ticket_messages m set body = removed, attachments = '[]'
  where m.author_id = account
    and not exists (select 1 from public.tickets k where k.id = m.ticket_id and k.requester_id = account);
  update public.session_messages set body = removed, attachments = '[]' where author_id = account;

  -- Rows addressed to their email or phone.
  for col in
    select n.nspname, c.relname, a.attname from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.attname in ('email', 'to_email', 'phone', 'to_phone')
      and a.atttypid in ('text'::regtype, 'varchar'::regtype)
      and n.nspname not in ('pg_catalog', 'information_schema', 'auth')
      and not (n.nspname = 'public' and c.relname in ('profiles', 'audit_log'))
  loop
    execute format('delete from %I.%I where lower(btrim(%I)) = any ($1)', col.nspname, col.relname, col.attname)
      using coalesce(emails, '{}') || phones;
  end loop;
  delete from public.invitations where accepted_by = account;

  -- What deleting the user would delete (foreign keys to the user or the profile with ON DELETE CASCADE).
  for fk in
    select n.nspname, c.relname, a.attname from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f' and k.confdeltype = 'c' and cardinality(k.conkey) = 1
      and k.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
      and k.conrelid <> 'public.profiles'::regclass
  loop
    execute format('delete from %I.%I where %I = $1', fk.nspname, fk.relname, fk.attname) using account;
  end loop;
  delete from auth.refresh_tokens where user_id = account::text;
  delete from storage.objects where bucket_id = 'avatars' and (owner_id = account::text or name like account::text || '/%');

  -- The account and the profile stay as the pseudonym.
  update auth.users set email = null, phone = null, encrypted_password = '', email_change = '',
      phone_change = '', confirmation_token = '', recovery_token = '', email_change_token_new = '',
      email_change_token_current = '', phone_change_token = '', reauthentication_token = '',
      raw_user_meta_data = jsonb_build_object('display_name', pseudonym),
      raw_app_meta_data = jsonb_build_object('provider', 'deleted', 'providers', '[]'::jsonb),
      email_confirmed_at = null, phone_confirmed_at = null, last_sign_in_at = null, invited_at = null,
      banned_until = 'infinity', deleted_at = now(), updated_at = now()
  where id = account;
  sets := array['email = ''''', format('display_name = %L', pseudonym)];
  for col in
    select a.attname, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) as def from pg_attribute a
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = 'public.profiles'::regclass and a.attnum > 0 and not a.attisdropped
      and a.attgenerated = '' and a.attname not in ('id', 'email', 'display_name', 'created_at', 'updated_at')
  loop
    if not col.attnotnull then
      sets := sets || format('%I = null', col.attname);
    elsif col.def is not null then
      sets := sets || format('%I = default', col.attname);
    end if;
  end loop;
  execute format('update public.profiles set %s where id = $1', array_to_string(sets, ', ')) using account;

  -- Copies elsewhere, then the audit log's details and addresses.
  perform private.scrub_everywhere(contact_pattern, nullif(mention_pattern, ''), pseudonym);
  update public.audit_log l set details = private.redact_jsonb(l.details, nullif(audit_pattern, ''), short_names)
  where (nullif(audit_pattern, '') is not null and l.details::text ~* audit_pattern)
     or (cardinality(short_names) > 0 and exists (select 1 from jsonb_path_query(l.details, 'strict $.**') v
                where jsonb_typeof(v) = 'string' and lower(btrim(v #>> '{}')) = any (short_names)));
  update public.audit_log set ip = null
  where ip is not null and (actor_id = account or target_id = account::text);
end $$;
comment on function private.erase_account(uuid) is
  'Erases the calling account''s personal data (see the migration''s decisions): only for auth.uid() itself, refused while they are a school''s only owner (sole_owner). Called by the API after the password check.';
revoke all on function private.erase_account(uuid) from public, anon, authenticated;

-- Section: handing a school to another owner

create function private.transfer_ownership(tenant uuid, new_owner uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  their_role public.tenant_role;
begin
  -- One change of owners per school at a time (as membership_guard).
  perform 1 from public.tenants t where t.id = tenant and t.status = 'active' for no key update;
  if not exists (select 1 from public.memberships m
                 where m.tenant_id = tenant and m.user_id = me and m.role = 'owner')
     or not exists (select 1 from public.tenants t where t.id = tenant and t.status = 'active') then
    raise exception 'Only an owner of this school can hand it over.' using errcode = '42501', hint = 'owners_only';
  end if;
  select m.role into their_role from public.memberships m where m.tenant_id = tenant and m.user_id = new_owner;
  if their_role is null then
    raise exception 'That person is not a member of this school.' using errcode = 'P0002', hint = 'not_a_member';
  end if;
  if new_owner = me or their_role <> 'admin' then
    raise exception 'Ownership goes to an admin of this school: make them an admin first.'
      using errcode = 'P0001', hint = 'transfer_to_admin';
  end if;
  update public.memberships set role = 'owner' where tenant_id = tenant and user_id = new_owner;
  update public.memberships set role = 'admin' where tenant_id = tenant and user_id = me;
  perform private.audit(tenant, 'tenant.ownership_transferred', 'user', new_owner::text,
    jsonb_build_object('from', me, 'to', new_owner));
end $$;
comment on function private.transfer_ownership(uuid, uuid) is
  'The caller (an owner) makes an admin of the school its owner and becomes an admin, in one transaction; audited. Called by the API after the password check.';
revoke all on function private.transfer_ownership(uuid, uuid) from public, anon, authenticated;

-- Section: a school's deletion after a grace period

alter table public.tenants
  drop constraint tenants_status_check,
  add constraint tenants_status_check check (status in ('active', 'suspended', 'deleted')),
  add column deletion_due_at timestamptz,
  add column deletion_requested_at timestamptz,
  add column deletion_requested_by uuid references auth.users (id) on delete set null,
  add column deleted_at timestamptz,
  add constraint tenants_deletion_consistent
    check ((deletion_due_at is null) = (deletion_requested_at is null)
       and (status = 'deleted') = (deleted_at is not null));
comment on column public.tenants.deletion_due_at is 'When the school''s data will be deleted (an owner asked; any owner can cancel before then); null: not asked.';
comment on column public.tenants.deletion_requested_at is 'When an owner asked to delete the school.';
comment on column public.tenants.deletion_requested_by is 'Who asked to delete the school.';
comment on column public.tenants.deleted_at is 'When the school was deleted, for a school kept only for its money records (status deleted).';
create index tenants_deletion_due_idx on public.tenants (deletion_due_at) where deletion_due_at is not null;
create index tenants_deletion_requested_by_idx on public.tenants (deletion_requested_by);

create function private.tenant_deletion_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- Security invoker on purpose: only this migration's functions (running as their definer) set these.
  if current_user = 'authenticated' and (
    (tg_op = 'INSERT' and (new.deletion_due_at is not null or new.deletion_requested_at is not null
                           or new.deletion_requested_by is not null or new.deleted_at is not null
                           or new.status = 'deleted'))
    or (tg_op = 'UPDATE' and (new.deletion_due_at, new.deletion_requested_at, new.deletion_requested_by, new.deleted_at)
                             is distinct from (old.deletion_due_at, old.deletion_requested_at, old.deletion_requested_by, old.deleted_at))) then
    raise exception 'A school''s deletion is asked for and cancelled from its settings.'
      using errcode = '42501', hint = 'owners_only';
  end if;
  return new;
end $$;
create trigger tenants_deletion_guard before insert or update on public.tenants
  for each row execute function private.tenant_deletion_guard();

/** Days between asking and deleting. */
create function private.school_deletion_grace() returns interval
language sql immutable set search_path = '' as $$ select interval '30 days' $$;

create function public.request_school_deletion(tenant uuid) returns timestamptz
language plpgsql security definer set search_path = '' as $$
declare
  due timestamptz;
begin
  if not private.has_role(tenant, array['owner']::public.tenant_role[]) then
    raise exception 'Only an owner of this school can delete it.' using errcode = '42501', hint = 'owners_only';
  end if;
  update public.tenants t set deletion_due_at = now() + private.school_deletion_grace(),
      deletion_requested_at = now(), deletion_requested_by = (select auth.uid())
  where t.id = tenant and t.deletion_due_at is null
  returning t.deletion_due_at into due;
  if due is null then
    raise exception 'This school''s deletion is already planned.' using errcode = 'P0001', hint = 'deletion_already_requested';
  end if;
  perform private.audit(tenant, 'tenant.deletion_requested', 'tenant', tenant::text,
    jsonb_build_object('due_at', due));
  return due;
end $$;
comment on function public.request_school_deletion(uuid) is
  'An owner asks to delete the school: its data goes 30 days later unless an owner cancels; audited. Returns the date.';
revoke all on function public.request_school_deletion(uuid) from public, anon;
grant execute on function public.request_school_deletion(uuid) to authenticated;

create function public.cancel_school_deletion(tenant uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  was timestamptz;
begin
  if not private.has_role(tenant, array['owner']::public.tenant_role[]) then
    raise exception 'Only an owner of this school can cancel its deletion.' using errcode = '42501', hint = 'owners_only';
  end if;
  select t.deletion_due_at into was from public.tenants t where t.id = tenant for no key update;
  if was is null then
    raise exception 'This school''s deletion is not planned.' using errcode = 'P0001', hint = 'no_deletion_pending';
  end if;
  update public.tenants t set deletion_due_at = null, deletion_requested_at = null, deletion_requested_by = null
  where t.id = tenant;
  perform private.audit(tenant, 'tenant.deletion_cancelled', 'tenant', tenant::text,
    jsonb_build_object('was_due_at', was));
end $$;
comment on function public.cancel_school_deletion(uuid) is 'Any owner cancels the planned deletion of the school before it is due; audited.';
revoke all on function public.cancel_school_deletion(uuid) from public, anon;
grant execute on function public.cancel_school_deletion(uuid) to authenticated;

create function public.school_deletion(tenant uuid)
returns table (due_at timestamptz, requested_at timestamptz, requested_by uuid, requested_by_name text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (private.has_role(tenant, private.admin_roles()) or private.is_superadmin()) then
    raise exception 'Only owners and admins of this school can see that.' using errcode = '42501', hint = 'admins_only';
  end if;
  return query
    select t.deletion_due_at, t.deletion_requested_at, t.deletion_requested_by, p.display_name
    from public.tenants t left join public.profiles p on p.id = t.deletion_requested_by
    where t.id = tenant and t.deletion_due_at is not null;
end $$;
comment on function public.school_deletion(uuid) is 'The school''s planned deletion (no row: none), for its owners and admins (the banner) and superadmins.';
revoke all on function public.school_deletion(uuid) from public, anon;
grant execute on function public.school_deletion(uuid) to authenticated;

create function public.pending_school_deletions()
returns table (id uuid, name text, slug text, due_at timestamptz, requested_at timestamptz, requested_by_name text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_superadmin() then
    raise exception 'Only platform super-admins can see that.' using errcode = '42501', hint = 'superadmins_only';
  end if;
  return query
    select t.id, t.name, t.slug, t.deletion_due_at, t.deletion_requested_at, p.display_name
    from public.tenants t left join public.profiles p on p.id = t.deletion_requested_by
    where t.deletion_due_at is not null
    order by t.deletion_due_at, t.id;
end $$;
comment on function public.pending_school_deletions() is 'Every school whose deletion is planned, soonest first (superadmins, the console).';
revoke all on function public.pending_school_deletions() from public, anon;
grant execute on function public.pending_school_deletions() to authenticated;

create function public.begin_school_export(tenant uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.has_role(tenant, array['owner']::public.tenant_role[]) then
    raise exception 'Only an owner of this school can export its data.' using errcode = '42501', hint = 'owners_only';
  end if;
  perform private.audit(tenant, 'tenant.exported', 'tenant', tenant::text, '{}');
end $$;
comment on function public.begin_school_export(uuid) is
  'Checks that the caller owns the school and records the export in its audit log; the API then streams the data on its privileged connection.';
revoke all on function public.begin_school_export(uuid) from public, anon;
grant execute on function public.begin_school_export(uuid) to authenticated;

create function private.delete_school(tenant uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  t public.tenants;
  fk record;
begin
  select * into t from public.tenants where id = tenant for update;
  if t.id is null or t.status = 'deleted' then
    return 'gone';
  end if;
  begin
    delete from public.tenants where id = tenant;
    return 'deleted';
  exception when foreign_key_violation then
    null; -- money records refer to it: keep it as their tombstone
  end;
  -- Everything that would go with the school, then the school's name.
  for fk in
    select n.nspname, c.relname, a.attname from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f' and k.confdeltype = 'c' and cardinality(k.conkey) = 1
      and k.confrelid = 'public.tenants'::regclass
  loop
    execute format('delete from %I.%I where %I = $1', fk.nspname, fk.relname, fk.attname) using tenant;
  end loop;
  update public.tenants set name = 'Deleted school', slug = 'deleted-' || replace(id::text, '-', ''),
      status = 'deleted', suspended_at = null, suspension_reason = null, deleted_at = now(),
      deletion_due_at = null, deletion_requested_at = null, deletion_requested_by = null
  where id = tenant;
  perform private.audit(tenant, 'tenant.deleted', 'tenant', tenant::text, jsonb_build_object('kept_for', 'money records'));
  return 'tombstone';
end $$;
comment on function private.delete_school(uuid) is
  'Deletes a school with all its data; one with payments or ledger rows keeps only those under a "Deleted school" tombstone (status deleted).';
revoke all on function private.delete_school(uuid) from public, anon, authenticated;

create function private.delete_due_schools(at timestamptz default now()) returns int
language plpgsql security definer set search_path = '' as $$
declare
  due uuid;
  n int := 0;
begin
  for due in
    select t.id from public.tenants t where t.deletion_due_at <= at order by t.deletion_due_at
    for update skip locked
  loop
    perform private.delete_school(due);
    n := n + 1;
  end loop;
  return n;
end $$;
comment on function private.delete_due_schools(timestamptz) is
  'Deletes every school whose grace period ended by `at` (the realtime server''s interval job; pg_cron can run it on hosted Supabase). Returns how many.';
revoke all on function private.delete_due_schools(timestamptz) from public, anon, authenticated;

-- Section: the console lists live schools only

-- A deleted school kept for its money records is no school to manage: the console's list leaves it
-- out (its status is none of the console's). Same function as 20261208000000_school_status.sql, one
-- condition more.
create or replace function public.admin_schools(q text default null, status_filter text default null, lim int default 50, off int default 0,
  school uuid default null)
returns table (
  id uuid, name text, slug text, time_zone text, created_at timestamptz,
  status text, suspended_at timestamptz, suspension_reason text,
  plan text, plan_status text, stripe_subscribed boolean,
  members_by_role jsonb, member_count int, owner_emails text[],
  ai_requests bigint, ai_tokens bigint, video_minutes bigint, storage_bytes bigint,
  total int
)
language plpgsql stable security definer set search_path = '' as $$
declare
  needle text := nullif(lower(btrim(q)), '');
begin
  perform private.require_superadmin();
  if status_filter is not null and status_filter not in ('active', 'suspended') then
    raise exception 'Unknown school status %.', status_filter using errcode = '22023';
  end if;
  return query
    with page as (
      select t.*, count(*) over ()::int as total_count
      from public.tenants t
      where (needle is null or strpos(lower(t.name), needle) > 0 or strpos(t.slug, needle) > 0)
        and (status_filter is null or t.status = status_filter)
        and t.status <> 'deleted'
        and (school is null or t.id = school)
      order by t.created_at desc, t.id
      limit least(greatest(lim, 1), 100) offset greatest(off, 0)
    )
    select p.id, p.name, p.slug, p.time_zone, p.created_at, p.status, p.suspended_at, p.suspension_reason,
      l.plan, l.status, e.stripe_subscription_id is not null,
      coalesce(r.by_role, '{}'::jsonb), coalesce(r.n, 0),
      array(select o.email from (
              select private.contact_email(m.tenant_id, m.user_id) as email from public.memberships m
              where m.tenant_id = p.id and m.role = 'owner') o
            where o.email is not null order by o.email),
      coalesce(ai.requests, 0), coalesce(ai.tokens, 0),
      (select coalesce(sum(s.duration_minutes), 0)::bigint from public.tutoring_sessions s
        where s.tenant_id = p.id and s.status <> 'cancelled'
          and s.starts_at >= date_trunc('month', now()) and s.starts_at <= now()),
      private.storage_used(p.id),
      p.total_count
    from page p
    cross join lateral private.school_limits(p.id) l
    left join public.school_entitlements e on e.tenant_id = p.id
    left join lateral (
      select jsonb_object_agg(x.role, x.n) as by_role, sum(x.n)::int as n
      from (select m.role, count(*)::int as n from public.memberships m where m.tenant_id = p.id group by m.role) x
    ) r on true
    left join lateral (
      select sum(u.requests)::bigint as requests, sum(u.tokens_in + u.tokens_out)::bigint as tokens
      from private.ai_school_day(p.id) d
      join public.ai_usage_daily u on u.tenant_id = p.id and u.day >= date_trunc('month', d.day)::date and u.day <= d.day
    ) ai on true
    order by p.created_at desc, p.id;
end $$;
