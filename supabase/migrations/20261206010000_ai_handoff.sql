-- AI tutor, api side: "Ask a person" links the support ticket it opened to the conversation (the
-- student may change only the title: column grants), and school admins set a course's tutor mode
-- as well as its editors (the api's PUT /courses/{id}/tutor: editors and admins).

-- Section: the handoff ticket

create function private.ai_attach_ticket(conversation uuid, ticket uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  conv public.ai_conversations;
begin
  select c.* into conv from public.ai_conversations c where c.id = conversation for update;
  if not found or conv.student_id is distinct from (select auth.uid()) then
    raise exception 'Only the student who had this conversation can hand it to a person.'
      using errcode = '42501', hint = 'ai_student_only';
  end if;
  if conv.ticket_id is not null then
    return conv.ticket_id;
  end if;
  if not exists (select 1 from public.tickets t
                 where t.id = ticket and t.requester_id = conv.student_id and t.tenant_id = conv.tenant_id) then
    raise exception 'That ticket is not yours.' using errcode = 'P0002', hint = 'ticket_not_found';
  end if;
  update public.ai_conversations c set ticket_id = ticket where c.id = conversation;
  return ticket;
end $$;
comment on function private.ai_attach_ticket(uuid, uuid) is
  'Links the support ticket the student opened with "Ask a person" to their conversation; returns the ticket already linked, if any.';
revoke all on function private.ai_attach_ticket(uuid, uuid) from public, anon;
grant execute on function private.ai_attach_ticket(uuid, uuid) to authenticated, service_role;

-- Section: school admins set a course's tutor mode (policies are permissive: editors or admins)

create policy "School admins set the tutor mode" on public.course_tutor_settings
  for insert to authenticated with check (private.can_manage_course(course_id));
create policy "School admins change the tutor mode" on public.course_tutor_settings
  for update to authenticated using (private.can_manage_course(course_id))
  with check (private.can_manage_course(course_id));
