-- Student import rows with a phone number and no email (issue 17).
--
-- Many pupils have no email; their class list carries a phone number (often a parent's). Such a
-- row becomes a sign-in account at once, with that number and no password, as GoTrue keeps a phone
-- user: auth.users.phone (E.164 digits without the plus, which the api sends already normalised),
-- a `phone` identity, and `provider: phone` in its app metadata. The student is a member of the
-- school and of their class straight away and signs in with the number and an SMS code (local auth:
-- edge/auth/phone.ts; hosted: GoTrue's phone provider). The number is confirmed at the first code.
--
-- A number that already signs in to an account elsewhere is not taken over: the row is left out
-- (`phone_taken`), since making someone a member of another school needs their consent (an email
-- invitation, or an admission-number account from the class page). Seats are checked for the
-- new accounts as for pupils' accounts, under the same lock. Re-running the file creates nothing:
-- a number that is already a member of the school is `already_member`.

drop function public.import_students(uuid, jsonb, text[], text);
drop function public.preview_student_import(uuid, jsonb);
drop function private.classify_student_rows(uuid, jsonb);

create function private.classify_student_rows(tenant uuid, student_rows jsonb)
returns table (n int, name text, email text, phone text, grade text, class_name text, status text)
language sql stable security definer set search_path = '' as $$
  with input as (
    select (r.ord - 1)::int as n,
      btrim(coalesce(r.value ->> 'name', '')) as name,
      lower(btrim(coalesce(r.value ->> 'email', ''))) as email,
      btrim(coalesce(r.value ->> 'phone', '')) as phone,
      nullif(btrim(coalesce(r.value ->> 'grade', '')), '') as grade,
      nullif(btrim(coalesce(r.value ->> 'class', '')), '') as class_name
    from jsonb_array_elements(student_rows) with ordinality as r (value, ord)
  ), valid as (
    select i.*, i.name <> '' as has_name, i.email <> '' as by_email,
      i.email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(i.email) <= 254 as good_email,
      i.phone ~ '^[1-9][0-9]{7,14}$' as good_phone
    from input i
  ), keyed as (
    -- An email, when given, is how the student is reached; otherwise the phone number.
    select v.*, case when v.by_email then v.email else 'tel:' || v.phone end as contact,
      v.has_name and case when v.by_email then v.good_email else v.good_phone end as usable
    from valid v
  ), firsts as (
    select k.*, k.n = min(k.n) filter (where k.usable) over (partition by k.contact) as first_of_contact
    from keyed k
  )
  select f.n, f.name, f.email, case when f.by_email then '' else f.phone end, f.grade, f.class_name,
    case when not f.has_name then 'missing_name'
         when not f.by_email and f.phone = '' then 'missing_contact'
         when f.by_email and not f.good_email then 'bad_email'
         when not f.by_email and not f.good_phone then 'bad_phone'
         when not f.first_of_contact then 'duplicate'
         when f.by_email and exists (select 1 from public.memberships m join public.profiles p on p.id = m.user_id
                                     where m.tenant_id = tenant and lower(p.email) = f.email) then 'already_member'
         when f.by_email and exists (select 1 from public.invitations i where i.tenant_id = tenant and i.email = f.email
                                     and i.accepted_at is null and i.expires_at >= now()) then 'already_invited'
         when f.by_email then 'new'
         when exists (select 1 from public.memberships m join auth.users u on u.id = m.user_id
                      where m.tenant_id = tenant and u.phone = f.phone) then 'already_member'
         when exists (select 1 from auth.users u where u.phone = f.phone) then 'phone_taken'
         else 'new_account' end
  from firsts f
  order by f.n
$$;
comment on function private.classify_student_rows(uuid, jsonb) is 'Each imported row (JSON objects with name, email or phone, grade, class) with its status: new (an email to invite), new_account (a phone number to make an account for), already_invited, or the reason it is left out (missing_name, missing_contact, bad_email, bad_phone, duplicate of an earlier row, already_member, phone_taken by an account outside the school).';
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

-- `tokens` holds one fresh random token per row (by position): the invitation of a new email row
-- stores its hash and its email carries the link, as a single invitation's does.
create function public.import_students(tenant uuid, student_rows jsonb, tokens text[], site_url text)
returns table (invited int, accounts_created int, already_invited int, placed int, classes_created int, rejected int)
language plpgsql security definer set search_path = '' as $$
declare
  total int;
  seats int;
  joined int;
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
    select r.*, tokens[r.n + 1] as token, case when r.status = 'new_account' then gen_random_uuid() end as account_id
    from private.classify_student_rows(tenant, student_rows) r;
  create index on import_rows (email);
  analyze import_rows; -- the planner's row counts for the joins below
  select count(*)::int into total from import_rows;
  select count(*)::int into rejected from import_rows r where r.status not in ('new', 'new_account', 'already_invited');
  select count(*)::int into already_invited from import_rows r where r.status = 'already_invited';
  select count(*)::int into accounts_created from import_rows r where r.status = 'new_account';

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

  if accounts_created > 0 then
    -- The seats the invitations left, under the lock pupils' accounts take.
    perform pg_advisory_xact_lock(hashtextextended('student-seats:' || tenant::text, 0));
    if private.student_seats_left(tenant) < accounts_created then
      select l.seats into seats from private.school_limits(tenant) l;
      raise exception 'All % student seats of your plan are taken. Choose a bigger plan in Plan and billing, or remove students who have left.', seats
        using errcode = 'P0001', hint = 'seats_full';
    end if;
    insert into auth.users (instance_id, id, aud, role, phone, encrypted_password,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous, is_sso_user)
    select '00000000-0000-0000-0000-000000000000', r.account_id, 'authenticated', 'authenticated', r.phone, '',
      jsonb_build_object('provider', 'phone', 'providers', jsonb_build_array('phone')),
      jsonb_build_object('display_name', left(r.name, 100)), now(), now(), false, false
    from import_rows r where r.status = 'new_account' order by r.n;
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    select r.account_id::text, r.account_id, jsonb_build_object('sub', r.account_id::text, 'phone', r.phone,
        'phone_verified', false, 'email_verified', false), 'phone', now(), now()
    from import_rows r where r.status = 'new_account' order by r.n;
    insert into public.memberships (tenant_id, user_id, role)
    select tenant, r.account_id, 'student' from import_rows r where r.status = 'new_account' order by r.n;
  end if;

  with made as (
    insert into public.classes (tenant_id, name, grade_level)
    select distinct on (lower(r.class_name)) tenant, r.class_name, left(r.grade, 40)
    from import_rows r
    where r.status in ('new', 'new_account', 'already_invited') and r.class_name is not null
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

  -- The new accounts are students already: straight into their class.
  with added as (
    insert into public.class_members (class_id, tenant_id, user_id)
    select c.id, tenant, r.account_id
    from import_rows r join public.classes c on c.tenant_id = tenant and lower(c.name) = lower(r.class_name)
    where r.status = 'new_account'
    returning 1
  )
  select count(*)::int into joined from added;
  placed := placed + joined;

  perform private.audit(tenant, 'students.imported', 'tenant', tenant::text, jsonb_build_object(
    'rows', total, 'invited', invited, 'accounts_created', accounts_created, 'already_invited', already_invited,
    'placed', placed, 'classes_created', classes_created, 'rejected', rejected));
  drop table import_rows;
  return next;
end $$;
comment on function public.import_students(uuid, jsonb, text[], text) is 'Bulk import (owners and admins): invites each new email as a student (seat rule and invitation email as for one invitation), makes a phone sign-in account for each new phone number without email, creates missing classes, and places the students in their class (invited ones once they join). Re-running the same rows creates nothing. One audit entry with the counts.';
revoke all on function public.import_students(uuid, jsonb, text[], text) from public, anon;
grant execute on function public.import_students(uuid, jsonb, text[], text) to authenticated, service_role;
