-- A lesson picture a published version shows stays: editors may remove or replace a picture of
-- the draft only while no published version of the course's lessons names it. Published lessons
-- render `data-storage="lesson-media/<school>/<course>/<file>"` (edge/api/courses/safe-html.ts).

create function private.is_published_media(object_name text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.lesson_versions v
    join public.lessons l on l.id = v.lesson_id
    where l.course_id = private.object_course(object_name)
      and strpos(v.html, 'data-storage="lesson-media/' || object_name || '"') > 0
  )
$$;
comment on function private.is_published_media(text) is
  'Whether a published version of a lesson of the object''s course shows this lesson-media object.';
revoke all on function private.is_published_media(text) from public;
grant execute on function private.is_published_media(text) to authenticated;

drop policy "Course editors replace media and materials" on storage.objects;
create policy "Course editors replace media and materials" on storage.objects
  for update to authenticated
  using (bucket_id in ('lesson-media', 'course-materials')
         and private.can_edit_course(private.object_course(name))
         and not (bucket_id = 'lesson-media' and private.is_published_media(name)))
  with check (bucket_id in ('lesson-media', 'course-materials')
              and private.can_edit_course(private.object_course(name)));

drop policy "Course editors remove media and materials" on storage.objects;
create policy "Course editors remove media and materials" on storage.objects
  for delete to authenticated
  using (bucket_id in ('lesson-media', 'course-materials')
         and private.can_edit_course(private.object_course(name))
         and not (bucket_id = 'lesson-media' and private.is_published_media(name)));
