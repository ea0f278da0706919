-- Comments on the learning logbook reach the people in the conversation (notification kind
-- `logbook_comment`, in the bell and by email unless they turn it off): a teacher's comment reaches the
-- entry's student; the student's reply reaches the teachers who commented on that entry before. The
-- link opens the logbook where the entry is (a teacher's with `?student=`). private.notify skips the
-- writer and anyone no longer in the school.

create function private.logbook_comment_notice() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  e public.logbook_entries;
  writer text := coalesce(private.display_name(new.author_id), '');
  base text;
  person uuid;
begin
  select * into e from public.logbook_entries where id = new.entry_id;
  base := format('/t/%s/courses/%s/logbook', (select t.slug from public.tenants t where t.id = e.tenant_id), e.course_id);
  if new.author_id is distinct from e.user_id then
    perform private.notify(e.user_id, e.tenant_id, 'logbook_comment',
      left(format('%s commented on “%s”', writer, e.title), 200), left(new.body, 300),
      left(format('%s ametoa maoni kwenye “%s”', writer, e.title), 200), left(new.body, 300), base);
    return null;
  end if;
  for person in
    select distinct c.author_id from public.logbook_comments c
    where c.entry_id = new.entry_id and c.id <> new.id and c.author_id is not null and c.author_id <> e.user_id
  loop
    perform private.notify(person, e.tenant_id, 'logbook_comment',
      left(format('%s replied on “%s”', writer, e.title), 200), left(new.body, 300),
      left(format('%s amejibu kwenye “%s”', writer, e.title), 200), left(new.body, 300),
      format('%s?student=%s', base, e.user_id));
  end loop;
  return null;
end $$;
revoke all on function private.logbook_comment_notice() from public, anon, authenticated;
create trigger logbook_comments_notice after insert on public.logbook_comments
  for each row execute function private.logbook_comment_notice();

-- Section: the logbook_comment notification kind

create or replace function private.notification_defaults() returns table (ord int, kind text, in_app boolean, email boolean)
language sql immutable set search_path = '' as $$
  select d.ord, d.kind, d.in_app, d.email from (values
    (1, 'ticket_message', true, true),
    (2, 'ticket_assigned', true, true),
    (3, 'sla_warning', true, false),
    (4, 'sla_breach', true, false),
    (5, 'session_booked', true, false),
    (6, 'session_cancelled', true, true),
    (7, 'session_rescheduled', true, true),
    (8, 'session_reminder', true, true),
    (9, 'lesson_published', true, false),
    (10, 'role_changed', true, true),
    (11, 'invitation_accepted', true, true),
    (12, 'tutor_flagged', true, true),
    (13, 'forum_reply', true, true),
    (14, 'forum_review', true, true),
    (15, 'mention', true, true),
    (16, 'lesson_question', true, true),
    (17, 'comment_reply', true, true),
    (18, 'direct_message', true, true),
    (19, 'weekly_digest', false, false),
    (20, 'school_report', false, false),
    (21, 'logbook_comment', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));
