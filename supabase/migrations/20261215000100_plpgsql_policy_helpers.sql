-- The policy helpers still written in SQL, rewritten in PL/pgSQL with the same bodies. Policies call
-- them once per row (their arguments are the row's columns). A SQL-language SECURITY DEFINER
-- function is never inlined and PostgreSQL parses and plans its body again in every statement that
-- calls it; PL/pgSQL keeps the plan for the life of the connection (as 20261122000060 did for the
-- tenancy helpers). test/integration/policy-shape.test.ts keeps it so. `#variable_conflict
-- use_column` keeps the SQL meaning of a name that is both a parameter and a column.

-- Section: helpers
create or replace function private.forum_moderates(course uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce(private.forum_role(course) = 'moderator', false);
end $$;

create or replace function private.forum_writes(course uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce(private.forum_role(course) in ('moderator', 'member'), false);
end $$;

create or replace function private.is_guardian(tenant uuid, child uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (
    select 1 from public.guardian_links g join public.tenants t on t.id = g.tenant_id
    where g.tenant_id = tenant and g.parent_id = (select auth.uid()) and g.student_id = child
      and (t.status = 'active' or private.is_superadmin())
  );
end $$;

create or replace function private.is_published_media(object_name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (
    select 1
    from public.lesson_versions v
    join public.lessons l on l.id = v.lesson_id
    where l.course_id = private.object_course(object_name)
      and strpos(v.html, 'data-storage="lesson-media/' || object_name || '"') > 0
  );
end $$;

create or replace function private.is_in_conversation(conversation uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (select 1 from public.conversations c
                 where c.id = conversation and (select auth.uid()) in (c.person_a, c.person_b));
end $$;

create or replace function private.can_see_payment(payment uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (
    select 1 from public.payments p where p.id = payment
      and (p.payer_id = (select auth.uid()) or p.beneficiary_id = (select auth.uid())
           or private.is_guardian(p.tenant_id, p.beneficiary_id)
           or private.has_role(p.tenant_id, private.admin_roles()) or private.is_superadmin())
  );
end $$;

create or replace function private.sponsorship_tenant(sponsorship uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return (select s.tenant_id from public.sponsorships s where s.id = sponsorship);
end $$;

create or replace function private.owns_ledger_account(account uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (select 1 from public.ledger_accounts a where a.id = account and a.owner_id = (select auth.uid()));
end $$;

create or replace function private.sees_ledger_transaction(tx uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (
    select 1 from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
    where e.transaction_id = tx and a.owner_id = (select auth.uid())
  );
end $$;

create or replace function private.can_read_export_object(name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return exists (
    select 1 from public.report_exports e
    where e.id = private.try_uuid(split_part(split_part(name, '/', 2), '.', 1))
      and e.tenant_id::text = split_part(name, '/', 1)
      and e.object_name = name
      and private.is_member(e.tenant_id)
      and e.requested_by = (select auth.uid()));
end $$;
