-- Pupils without email (issue 17).
--
-- Most young pupils have no email address. The school makes their accounts from the class list: a
-- name and the school's admission number per pupil, and a first password the app generates and
-- prints once on a class sheet (PDF). The pupil signs in with the school's code, their admission
-- number and that password, and must choose a new password first. A class teacher (or an admin)
-- can give a pupil a new first password.
--
-- Decisions:
--   * School code: public.tenants.code, 6 characters from an alphabet without look-alikes (no 0/O,
--     1/I/L, 2/Z, 5/S, 8/B), made when the school is created, unique, and never changed: pupils'
--     sign-in names are built from it. Every member may read it; the class page shows it to admins
--     and class teachers, and the class sheet prints it.
--   * Sign-in name: a pupil's auth.users row keeps GoTrue's shape (an `email` identity, a bcrypt
--     `$2a$` hash made by the api function with hash-wasm as edge/auth does) with a synthetic address
--     that can never be delivered (RFC 2606 `.invalid`):
--       lower(admission number, "/" written ".") @ lower(code) .pupils.invalid
--     (private.pupil_email; the web computes the same with edge/contract/pupils.ts, so sign-in is
--     supabase-js's ordinary signInWithPassword, rate-limited per account like any other). The
--     address is never shown: the pupil's profile email is blank, so members' pages and emails to
--     contacts have none.
--   * Admission numbers: letters and digits in groups joined by "/" or "-" (2024/045, ADM-17),
--     at most 20 characters, unique per school in any case (public.pupil_accounts). A pupil account
--     belongs to one school. The number stays taken while the account exists, also if the pupil
--     leaves the school.
--   * Change at first sign-in: `must_change_password: true` in the account's app_metadata, so the
--     token carries it and the web routes the pupil to "choose your new password" before anything
--     else. A user cannot set app_metadata; it is cleared by a trigger whenever the password changes
--     (the pupil's PUT /user), and set again by a reset.
--   * Who: owners and admins of the school and the class's teachers make accounts for a class and
--     reset its pupils' passwords, checked here (public.create_pupil_accounts,
--     public.reset_pupil_password). New pupils take student seats like invited students. Creating
--     and resetting are audited; a reset ends the pupil's sessions.

-- Section: school code

create function private.new_school_code() returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  alphabet constant text := 'ACDEFGHJKMNPQRTUVWXY34679';
  made text;
begin
  loop
    select string_agg(substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1), '')
      into made from generate_series(1, 6);
    exit when not exists (select 1 from public.tenants t where t.code = made);
  end loop;
  return made;
end $$;
comment on function private.new_school_code() is 'A fresh school code: 6 characters without look-alikes, not used by another school (security definer: it checks every school''s code, which RLS hides from the creator).';
revoke all on function private.new_school_code() from public, anon, authenticated;

alter table public.tenants add column code text;
do $$
declare
  school uuid;
begin
  for school in select id from public.tenants where code is null order by created_at loop
    update public.tenants set code = private.new_school_code() where id = school;
  end loop;
end $$;
alter table public.tenants alter column code set not null,
  add constraint tenants_code_key unique (code),
  add constraint tenants_code_format check (code ~ '^[A-Z0-9]{4,8}$');
comment on column public.tenants.code is 'The school''s short code (e.g. K7MXQ4): pupils sign in with it and their admission number. Never changes.';

-- Security definer: people create their schools themselves (insert under RLS) and must get a code.
create function private.tenant_code() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.code := coalesce(new.code, private.new_school_code());
  elsif new.code is distinct from old.code then
    raise exception 'A school''s code never changes: its pupils sign in with it.' using errcode = '42501';
  end if;
  return new;
end $$;
comment on function private.tenant_code() is 'Gives a new school its code and keeps it from changing (pupils'' sign-in names are built from it).';
revoke all on function private.tenant_code() from public, anon, authenticated;
create trigger tenants_code before insert or update of code on public.tenants
  for each row execute function private.tenant_code();

-- Section: pupil accounts

create table public.pupil_accounts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  admission_no text not null
    check (admission_no ~ '^[A-Za-z0-9]+([/-][A-Za-z0-9]+)*$' and char_length(admission_no) <= 20),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  password_reset_at timestamptz
);
alter table public.pupil_accounts enable row level security;
comment on table public.pupil_accounts is 'Accounts without email a school made for its pupils: the admission number (unique per school, any case) they sign in with, with the school''s code.';
create unique index pupil_accounts_admission_idx on public.pupil_accounts (tenant_id, lower(admission_no));
create index pupil_accounts_created_by_idx on public.pupil_accounts (created_by);

create function private.pupil_email(code text, admission_no text) returns text
language sql immutable set search_path = '' as $$
  select lower(replace(admission_no, '/', '.')) || '@' || lower(code) || '.pupils.invalid'
$$;
comment on function private.pupil_email(text, text) is 'The synthetic, undeliverable sign-in address of a pupil account (edge/contract/pupils.ts pupilLoginEmail computes the same).';
revoke all on function private.pupil_email(text, text) from public, anon;
grant execute on function private.pupil_email(text, text) to authenticated, service_role;

create function private.teaches_pupil(pupil uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.class_members m
                 join public.class_teachers t on t.class_id = m.class_id and t.user_id = (select auth.uid())
                 where m.user_id = pupil)
$$;
comment on function private.teaches_pupil(uuid) is 'True when the caller is a class teacher of a class the person is in.';
revoke all on function private.teaches_pupil(uuid) from public, anon;
grant execute on function private.teaches_pupil(uuid) to authenticated, service_role;

create function private.manages_class_pupils(class uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.has_role(private.class_tenant(class), private.admin_roles()) or private.teaches_class(class)
$$;
comment on function private.manages_class_pupils(uuid) is 'True for the owners and admins of the class''s school and the class''s teachers: they make and reset its pupils'' accounts.';
revoke all on function private.manages_class_pupils(uuid) from public, anon;
grant execute on function private.manages_class_pupils(uuid) to authenticated, service_role;

create policy "Admins, the pupil's class teachers and the pupil see a pupil account" on public.pupil_accounts
  for select to authenticated
  using (user_id = (select auth.uid())
         or (select private.has_role(tenant_id, (select private.admin_roles())))
         or (select private.teaches_pupil(user_id)));
create policy "Pupil accounts are made by create_pupil_accounts only" on public.pupil_accounts
  for insert to authenticated with check (false);
create policy "Pupil accounts change by reset_pupil_password only" on public.pupil_accounts
  for update to authenticated using (false) with check (false);
create policy "Pupil accounts go with the account" on public.pupil_accounts
  for delete to authenticated using (false);

revoke all on public.pupil_accounts from anon, authenticated;
grant select, insert, update, delete on public.pupil_accounts to authenticated, service_role;

-- Section: the first-password flag follows the password

create function private.clear_must_change_password() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.encrypted_password is distinct from old.encrypted_password then
    new.raw_app_meta_data := coalesce(new.raw_app_meta_data, '{}'::jsonb) - 'must_change_password';
  end if;
  return new;
end $$;
comment on function private.clear_must_change_password() is 'A changed password clears the account''s must_change_password flag (set by pupil account creation and resets).';
revoke all on function private.clear_must_change_password() from public, anon, authenticated;
create trigger users_clear_must_change_password before update of encrypted_password on auth.users
  for each row execute function private.clear_must_change_password();

-- Section: making accounts for a class

-- `pupils` is a JSON array of {name, admission_no, password_hash}: the api function makes each first
-- password, shows it once in its answer and sends only the bcrypt hash here.
create function public.create_pupil_accounts(class uuid, pupils jsonb)
returns table (user_id uuid, display_name text, admission_no text)
language plpgsql security definer set search_path = '' as $$
declare
  school uuid := private.class_tenant(class);
  school_code text;
  taken text;
  wanted int;
  seats int;
begin
  if school is null or not private.can_see_class(class) then
    raise exception 'No such class in this school.' using errcode = 'P0002', hint = 'class_not_found';
  end if;
  if not private.manages_class_pupils(class) then
    raise exception 'Only admins and the class''s teachers can make pupil accounts.'
      using errcode = '42501', hint = 'pupil_accounts_forbidden';
  end if;
  if jsonb_typeof(pupils) <> 'array' or jsonb_array_length(pupils) = 0 then
    raise exception 'Send at least one pupil.' using errcode = '22023', hint = 'pupil_row_invalid';
  end if;

  create temporary table new_pupils on commit drop as
    select (r.ord - 1)::int as n, gen_random_uuid() as id,
      btrim(coalesce(r.value ->> 'name', '')) as name,
      btrim(coalesce(r.value ->> 'admission_no', '')) as admission,
      coalesce(r.value ->> 'password_hash', '') as hash
    from jsonb_array_elements(pupils) with ordinality as r (value, ord);
  if exists (select 1 from new_pupils p
             where char_length(p.name) not between 1 and 100
                or p.admission !~ '^[A-Za-z0-9]+([/-][A-Za-z0-9]+)*$' or char_length(p.admission) > 20
                or p.hash !~ '^\$2a\$10\$[./A-Za-z0-9]{53}$') then
    raise exception 'Each pupil needs a name (at most 100 characters) and an admission number (letters and digits, groups joined by / or -, at most 20).'
      using errcode = '22023', hint = 'pupil_row_invalid';
  end if;

  -- One batch per school at a time: two teachers cannot both take an admission number or a seat.
  perform pg_advisory_xact_lock(hashtextextended('student-seats:' || school::text, 0));
  select t.code into school_code from public.tenants t where t.id = school;
  select string_agg(distinct p.admission, ', ') into taken
  from new_pupils p
  where exists (select 1 from new_pupils q where lower(q.admission) = lower(p.admission) and q.n <> p.n)
     or exists (select 1 from public.pupil_accounts a
                where a.tenant_id = school and lower(a.admission_no) = lower(p.admission))
     or exists (select 1 from auth.users u where lower(u.email) = private.pupil_email(school_code, p.admission));
  if taken is not null then
    raise exception 'These admission numbers are taken or repeated: %.', taken
      using errcode = 'P0001', hint = 'admission_taken', detail = json_build_object('numbers', taken)::text;
  end if;
  select count(*)::int into wanted from new_pupils;
  if private.student_seats_left(school) < wanted then
    select l.seats into seats from private.school_limits(school) l;
    raise exception 'All % student seats of your plan are taken. Choose a bigger plan in Plan and billing, or remove students who have left.', seats
      using errcode = 'P0001', hint = 'seats_full';
  end if;

  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous, is_sso_user)
  select '00000000-0000-0000-0000-000000000000', p.id, 'authenticated', 'authenticated',
    private.pupil_email(school_code, p.admission), p.hash, now(),
    jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'must_change_password', true),
    jsonb_build_object('display_name', p.name), now(), now(), false, false
  from new_pupils p order by p.n;
  insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
  select p.id::text, p.id, jsonb_build_object('sub', p.id::text, 'email', private.pupil_email(school_code, p.admission),
      'email_verified', true, 'phone_verified', false), 'email', now(), now()
  from new_pupils p order by p.n;
  -- The profile trigger copied the address; nobody is shown it.
  update public.profiles pr set email = '' from new_pupils p where pr.id = p.id;

  insert into public.memberships (tenant_id, user_id, role)
  select school, p.id, 'student' from new_pupils p order by p.n;
  insert into public.class_members (class_id, tenant_id, user_id)
  select class, school, p.id from new_pupils p order by p.n;
  insert into public.pupil_accounts (user_id, tenant_id, admission_no)
  select p.id, school, p.admission from new_pupils p order by p.n;

  perform private.audit(school, 'pupils.accounts_created', 'class', class::text, jsonb_build_object(
    'count', wanted, 'admission_numbers', (select jsonb_agg(p.admission order by p.n) from new_pupils p)));
  return query select p.id, p.name, p.admission from new_pupils p order by p.n;
  drop table new_pupils;
end $$;
comment on function public.create_pupil_accounts(uuid, jsonb) is 'Makes sign-in accounts without email for pupils of a class (owners, admins and the class''s teachers): each a student of the school in this class, signing in with the school code and admission number, changing the first password at first sign-in. Refuses taken or repeated admission numbers and a batch beyond the plan''s seats. Audited.';
revoke all on function public.create_pupil_accounts(uuid, jsonb) from public, anon;
grant execute on function public.create_pupil_accounts(uuid, jsonb) to authenticated, service_role;

-- Section: a new first password

create function public.reset_pupil_password(class uuid, pupil uuid, password_hash text)
returns table (user_id uuid, display_name text, admission_no text)
language plpgsql security definer set search_path = '' as $$
declare
  school uuid := private.class_tenant(class);
  account public.pupil_accounts;
begin
  if school is null or not private.can_see_class(class) then
    raise exception 'No such class in this school.' using errcode = 'P0002', hint = 'class_not_found';
  end if;
  select a.* into account from public.pupil_accounts a
  where a.user_id = pupil and a.tenant_id = school
    and exists (select 1 from public.class_members m where m.class_id = class and m.user_id = pupil);
  if account.user_id is null then
    raise exception 'That pupil has no account made by the school in this class.'
      using errcode = 'P0002', hint = 'pupil_not_found';
  end if;
  if not private.manages_class_pupils(class) then
    raise exception 'Only admins and the class''s teachers can reset a pupil''s password.'
      using errcode = '42501', hint = 'pupil_accounts_forbidden';
  end if;
  if password_hash !~ '^\$2a\$10\$[./A-Za-z0-9]{53}$' then
    raise exception 'Send a bcrypt hash.' using errcode = '22023', hint = 'pupil_row_invalid';
  end if;

  -- Two statements: the password change clears the flag (private.clear_must_change_password), then
  -- the flag is set again for the new first password.
  update auth.users u set encrypted_password = password_hash, updated_at = now() where u.id = pupil;
  update auth.users u set raw_app_meta_data = coalesce(u.raw_app_meta_data, '{}'::jsonb) || '{"must_change_password": true}'
  where u.id = pupil;
  delete from auth.sessions s where s.user_id = pupil;
  update public.pupil_accounts a set password_reset_at = now() where a.user_id = pupil;
  perform private.audit(school, 'pupil.password_reset', 'user', pupil::text,
    jsonb_build_object('class_id', class, 'admission_no', account.admission_no));
  return query
    select account.user_id, coalesce(pr.display_name, ''), account.admission_no
    from public.profiles pr where pr.id = pupil;
end $$;
comment on function public.reset_pupil_password(uuid, uuid, text) is 'Gives a pupil account of the class a new first password (owners, admins and the class''s teachers): the pupil must change it at the next sign-in, their sessions end. Audited.';
revoke all on function public.reset_pupil_password(uuid, uuid, text) from public, anon;
grant execute on function public.reset_pupil_password(uuid, uuid, text) to authenticated, service_role;

-- Section: the class's pupil accounts

create function public.class_pupil_accounts(class uuid)
returns table (user_id uuid, display_name text, admission_no text, must_change_password boolean,
               last_sign_in_at timestamptz, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.class_tenant(class) is null or not private.can_see_class(class) then
    raise exception 'No such class in this school.' using errcode = 'P0002', hint = 'class_not_found';
  end if;
  if not private.manages_class_pupils(class) then
    raise exception 'Only admins and the class''s teachers can see pupils'' sign-in details.'
      using errcode = '42501', hint = 'pupil_accounts_forbidden';
  end if;
  return query
    select a.user_id, coalesce(pr.display_name, ''), a.admission_no,
      coalesce((u.raw_app_meta_data ->> 'must_change_password')::boolean, false), u.last_sign_in_at, a.created_at
    from public.class_members m
    join public.pupil_accounts a on a.user_id = m.user_id and a.tenant_id = m.tenant_id
    join auth.users u on u.id = a.user_id
    left join public.profiles pr on pr.id = a.user_id
    where m.class_id = class
    order by lower(coalesce(pr.display_name, '')), a.user_id;
end $$;
comment on function public.class_pupil_accounts(uuid) is 'The pupil accounts of a class with their admission numbers and whether each still has to choose a password (owners, admins and the class''s teachers). Decides who the caller is once.';
revoke all on function public.class_pupil_accounts(uuid) from public, anon;
grant execute on function public.class_pupil_accounts(uuid) to authenticated, service_role;
