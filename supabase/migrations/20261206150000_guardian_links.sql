-- Parent–child links (issue 17, the link; issue 15, a parent buying a course for a linked child).
--
-- A school's owners and admins link a parent member to a student member (public.link_child) and
-- remove the link (public.unlink_child); both are audited. private.is_guardian, a placeholder until
-- now (20261206100000_payments.sql), becomes a primary-key probe of this table, so the payments
-- policies and start_course_payment let a linked parent pay for and follow the child's payments.
--
-- A link only holds while both people are in the school with those roles. We delete links rather
-- than make is_guardian join memberships: leaving the school removes the link through the foreign
-- keys to memberships (on delete cascade), and a role change removes it in a trigger. The table
-- then says exactly what counts (what admins see is what is in force), is_guardian stays one index
-- probe, and a person who leaves and comes back, or whose role is changed and changed back, is not
-- silently linked again: an admin links them anew.

-- Section: links

create table public.guardian_links (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  parent_id uuid not null,
  student_id uuid not null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (tenant_id, parent_id, student_id),
  constraint guardian_links_not_self check (parent_id <> student_id),
  constraint guardian_links_parent_member foreign key (tenant_id, parent_id)
    references public.memberships (tenant_id, user_id) on delete cascade,
  constraint guardian_links_student_member foreign key (tenant_id, student_id)
    references public.memberships (tenant_id, user_id) on delete cascade
);
alter table public.guardian_links enable row level security;
comment on table public.guardian_links is 'A parent member linked to a student member of the same school: the parent follows the child and may pay for their courses. Written by public.link_child / public.unlink_child only; removed when either leaves the school or changes role.';
create index guardian_links_student_idx on public.guardian_links (student_id, tenant_id);
create index guardian_links_parent_idx on public.guardian_links (parent_id, tenant_id);

create policy "Admins, the parent and the child read a school's parent links" on public.guardian_links
  for select to authenticated
  using (parent_id = (select auth.uid()) or student_id = (select auth.uid())
         or (select private.has_role(tenant_id, (select private.admin_roles())))
         or (select private.is_superadmin()));
create policy "Parent links are made through link_child only" on public.guardian_links
  for insert to authenticated with check (false);
create policy "Parent links are never edited" on public.guardian_links
  for update to authenticated using (false) with check (false);
create policy "Parent links are removed through unlink_child only" on public.guardian_links
  for delete to authenticated using (false);

create function private.guardian_links_follow_role() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.guardian_links g
  where g.tenant_id = new.tenant_id and (g.parent_id = new.user_id or g.student_id = new.user_id);
  return null;
end $$;
comment on function private.guardian_links_follow_role() is 'Removes the parent links of a member whose role changed: a link holds only between a parent and a student.';
revoke all on function private.guardian_links_follow_role() from public, anon, authenticated;
create trigger memberships_guardian_links after update of role on public.memberships
  for each row when (old.role is distinct from new.role) execute function private.guardian_links_follow_role();

-- Section: is_guardian (replaces the placeholder)

create or replace function private.is_guardian(tenant uuid, child uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.guardian_links g
    where g.tenant_id = tenant and g.parent_id = (select auth.uid()) and g.student_id = child
  )
$$;
comment on function private.is_guardian(uuid, uuid) is 'True when the caller is a parent linked to the child in the school (public.guardian_links; one primary-key probe).';

-- Section: linking and unlinking (admins)

create function public.link_child(tenant uuid, parent uuid, student uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.has_role(tenant, private.admin_roles()) then
    raise exception 'Only owners and admins of this school can do that.' using errcode = '42501', hint = 'admins_only';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = parent and m.role = 'parent') then
    raise exception 'Only a parent of this school can be linked to a child.' using errcode = '23514', hint = 'link_parent_only';
  end if;
  if not exists (select 1 from public.memberships m where m.tenant_id = tenant and m.user_id = student and m.role = 'student') then
    raise exception 'Only a student of this school can be linked to a parent.' using errcode = '23514', hint = 'link_student_only';
  end if;
  insert into public.guardian_links (tenant_id, parent_id, student_id) values (tenant, parent, student)
  on conflict do nothing;
  if found then
    perform private.audit(tenant, 'guardian.linked', 'user', student::text, jsonb_build_object('parent_id', parent));
  end if;
end $$;
comment on function public.link_child(uuid, uuid, uuid) is 'Links a parent member to a student member of the school (owners and admins; audited). Linking twice changes nothing.';
revoke all on function public.link_child(uuid, uuid, uuid) from public, anon;
grant execute on function public.link_child(uuid, uuid, uuid) to authenticated, service_role;

create function public.unlink_child(tenant uuid, parent uuid, student uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.has_role(tenant, private.admin_roles()) then
    raise exception 'Only owners and admins of this school can do that.' using errcode = '42501', hint = 'admins_only';
  end if;
  delete from public.guardian_links g where g.tenant_id = tenant and g.parent_id = parent and g.student_id = student;
  if not found then
    raise exception 'That parent is not linked to that child.' using errcode = 'P0002', hint = 'guardian_link_not_found';
  end if;
  perform private.audit(tenant, 'guardian.unlinked', 'user', student::text, jsonb_build_object('parent_id', parent));
end $$;
comment on function public.unlink_child(uuid, uuid, uuid) is 'Removes a parent link (owners and admins; audited).';
revoke all on function public.unlink_child(uuid, uuid, uuid) from public, anon;
grant execute on function public.unlink_child(uuid, uuid, uuid) to authenticated, service_role;

-- Section: a parent's children

-- Enrolments are not readable by parents under RLS (their policy stays as it is); this function
-- answers only for the caller's own links, so a parent learns which courses their children have.
create function public.linked_children(tenant uuid)
returns table (user_id uuid, display_name text, course_ids uuid[])
language sql stable security definer set search_path = '' as $$
  select g.student_id, coalesce(p.display_name, ''),
    coalesce(array(select e.course_id from public.enrolments e join public.courses c on c.id = e.course_id
                   where e.user_id = g.student_id and c.tenant_id = tenant order by e.course_id), '{}')
  from public.guardian_links g left join public.profiles p on p.id = g.student_id
  where g.tenant_id = tenant and g.parent_id = (select auth.uid())
  order by lower(coalesce(p.display_name, '')), g.student_id
$$;
comment on function public.linked_children(uuid) is 'The caller''s linked children in the school: name and the ids of the school''s courses they are enrolled in.';
revoke all on function public.linked_children(uuid) from public, anon;
grant execute on function public.linked_children(uuid) to authenticated, service_role;

-- Section: grants

revoke all on public.guardian_links from anon, authenticated;
grant select on public.guardian_links to authenticated;
grant select, insert, update, delete on public.guardian_links to service_role;
