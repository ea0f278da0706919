-- A parent's home listed the links to each child's grades by course title, and to name them it
-- downloaded every course of the school (GET /tenants/{id}/courses: 300 courses at 100 times the
-- seed, 72 ms). public.linked_children now answers the titles of the child's own courses with
-- their ids, so the home needs no course list.

drop function public.linked_children(uuid);

create function public.linked_children(tenant uuid)
returns table (user_id uuid, display_name text, course_ids uuid[], courses jsonb)
language sql stable security definer set search_path = '' as $$
  select g.student_id, coalesce(p.display_name, ''),
    coalesce(array(select x.id from jsonb_to_recordset(k.courses) as x(id uuid) order by x.id), '{}'),
    k.courses
  from public.guardian_links g left join public.profiles p on p.id = g.student_id
  cross join lateral (
    select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'title', c.title) order by lower(c.title), c.id), '[]') as courses
    from public.enrolments e join public.courses c on c.id = e.course_id
    where e.user_id = g.student_id and c.tenant_id = tenant
  ) k
  where g.tenant_id = tenant and g.parent_id = (select auth.uid())
  order by lower(coalesce(p.display_name, '')), g.student_id
$$;
comment on function public.linked_children(uuid) is 'The caller''s linked children in the school: name, and the school''s courses they are enrolled in (ids, and id and title by title).';
revoke all on function public.linked_children(uuid) from public, anon;
grant execute on function public.linked_children(uuid) to authenticated, service_role;
