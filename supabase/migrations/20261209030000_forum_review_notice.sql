-- The course's teachers are told when something in its forum waits for them (issue 19): a member's
-- thread or reply held for words on the school's list, or hidden after reports. Kind forum_review,
-- to the course's co-authors (its teachers), in the bell and by email as their settings say; a
-- threat held for its words should not wait until someone opens the forum.

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
    (14, 'forum_review', true, true)
  ) as d(ord, kind, in_app, email)
$$;
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind = any (private.notification_kinds()));
alter table public.notification_settings drop constraint notification_settings_kind_check;
alter table public.notification_settings add constraint notification_settings_kind_check check (kind = any (private.notification_kinds()));

create function private.forum_review_notice() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread public.forum_threads;
  teacher uuid;
  why_en text := case new.review_reason when 'words' then 'was held for words on the school''s list'
                                        else 'was hidden after reports' end;
  why_sw text := case new.review_reason when 'words' then 'limeshikiliwa kwa maneno yaliyo kwenye orodha ya shule'
                                        else 'limefichwa baada ya kuripotiwa' end;
begin
  if not new.hidden or new.review_reason is null or (tg_op = 'UPDATE' and old.hidden) then return null; end if;
  select * into thread from public.forum_threads t
  where t.id = case when tg_table_name = 'forum_threads' then new.id else (to_jsonb(new) ->> 'thread_id')::uuid end;
  for teacher in
    select a.user_id from public.course_authors a where a.course_id = thread.course_id order by a.user_id
  loop
    perform private.notify(teacher, thread.tenant_id, 'forum_review',
      format('Waiting for review: %s', left(thread.title, 120)),
      format('A post in "%s" %s. Open the thread to look at it.', left(thread.title, 120), why_en),
      format('Linasubiri ukaguzi: %s', left(thread.title, 120)),
      format('Chapisho kwenye "%s" %s. Fungua mjadala ukiangalie.', left(thread.title, 120), why_sw),
      private.forum_thread_link(thread.id));
  end loop;
  return null;
end $$;
comment on function private.forum_review_notice() is 'Tells the course''s teachers (its co-authors) that a thread or reply in its forum was held for its words or hidden after reports.';
revoke all on function private.forum_review_notice() from public, anon, authenticated;

create trigger forum_threads_review_notice after insert or update of hidden, title, body on public.forum_threads
  for each row execute function private.forum_review_notice();
create trigger forum_posts_review_notice after insert or update of hidden, body on public.forum_posts
  for each row execute function private.forum_review_notice();
