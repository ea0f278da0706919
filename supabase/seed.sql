-- Demo school with one account per role. Applied on first `npm start` and by `supabase db reset`.
-- Every demo account's password is: kipindi-demo-1

-- Section: users
with demo(id, email, name, app_meta) as (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'superadmin@kipindi.test', 'Sam Superadmin', '{"provider":"email","providers":["email"],"platform_role":"superadmin"}'::jsonb),
  ('00000000-0000-4000-a000-000000000002', 'owner@demo.kipindi.test', 'Amina Wanjiru', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000003', 'admin@demo.kipindi.test', 'Brian Otieno', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000004', 'instructor1@demo.kipindi.test', 'Grace Njeri', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000005', 'instructor2@demo.kipindi.test', 'David Kamau', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000006', 'staff@demo.kipindi.test', 'Faith Achieng', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000007', 'student1@demo.kipindi.test', 'Kevin Mwangi', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000008', 'student2@demo.kipindi.test', 'Lucy Wambui', '{"provider":"email","providers":["email"]}'),
  ('00000000-0000-4000-a000-000000000009', 'parent@demo.kipindi.test', 'Peter Mwangi', '{"provider":"email","providers":["email"]}'),
  -- A partner organisation's officer: sponsors seats for students (Sponsorships), sees aggregates only.
  ('00000000-0000-4000-a000-000000000010', 'partner@demo.kipindi.test', 'Joyce Atieno', '{"provider":"email","providers":["email"]}')
), inserted as (
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
  select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
         extensions.crypt('kipindi-demo-1', extensions.gen_salt('bf', 10)), now(),
         app_meta, jsonb_build_object('display_name', name), now(), now(), false
  from demo
  on conflict (id) do nothing
  returning id, email
)
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true), 'email', now(), now()
from inserted
on conflict (provider_id, provider) do nothing;

-- The demo parent's phone: they can also sign in with a texted code at /signin/phone (0700 000 009;
-- locally the text lands in the mailbox). Stored as GoTrue stores numbers: E.164 digits, no plus.
update auth.users
set phone = '254700000009', phone_confirmed_at = now(),
    raw_app_meta_data = raw_app_meta_data || '{"providers":["email","phone"]}'::jsonb
where id = '00000000-0000-4000-a000-000000000009' and phone is null;
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
values ('00000000-0000-4000-a000-000000000009', '00000000-0000-4000-a000-000000000009',
        '{"sub":"00000000-0000-4000-a000-000000000009","phone":"254700000009","phone_verified":true,"email_verified":false}',
        'phone', now(), now())
on conflict (provider_id, provider) do nothing;

-- Section: the demo school
insert into public.tenants (id, name, slug, time_zone, created_by)
values ('10000000-0000-4000-a000-000000000001', 'Kipindi Demo Academy', 'demo-academy', 'Africa/Nairobi',
        '00000000-0000-4000-a000-000000000002')
on conflict (id) do nothing;

insert into public.memberships (tenant_id, user_id, role) values
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000003', 'admin'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004', 'instructor'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000005', 'instructor'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000006', 'staff'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007', 'student'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000008', 'student'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000009', 'parent'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000010', 'partner')
on conflict do nothing;

-- Peter follows his son Kevin (linked by the admin, as public.link_child would): the parent's pages
-- have a child to show.
insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000009',
   '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000003')
on conflict do nothing;

-- Section: helpers for the demo's history (temporary; dropped at the end of this file)
-- The courses, tickets and sessions below happened over the past weeks. pg_temp.local_time(day, at)
-- is a wall-clock time of the school (Africa/Nairobi) `day` days from today (negative: ago).
-- pg_temp.act(person, at) makes what follows happen as that person at that moment: auth.uid()
-- for the defaults, triggers and audit entries, and private.clock() (the kipindi.clock setting) for
-- the support desk's times and SLA clocks and the tutoring guards. Both settings are local to the
-- seed's transaction, and pg_temp.act(null, null) clears them.
create or replace function pg_temp.local_time(day int, at time) returns timestamptz
language sql stable as $$
  select (date_trunc('day', now() at time zone 'Africa/Nairobi') + make_interval(days => day) + at) at time zone 'Africa/Nairobi'
$$;

create or replace function pg_temp.act(person uuid, at timestamptz) returns void
language plpgsql as $$
begin
  perform set_config('request.jwt.claim.sub', coalesce(person::text, ''), true);
  perform set_config('kipindi.clock', coalesce(at::text, ''), true);
end $$;

-- Section: courses (the lessons' texts, drafts and published versions are written by
-- scripts/lib/demo-content.ts, which `npm start` runs right after this file)
select pg_temp.act('00000000-0000-4000-a000-000000000004', pg_temp.local_time(-24, '17:00'));
insert into public.courses (id, tenant_id, title, summary, level, learning_area, created_by, created_at, updated_at,
                            lesson_questions)
values ('40000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'Grade 7 Integrated Science',
        'Junior Secondary Integrated Science for Grade 7. We start with how scientists work — asking questions, '
        'testing ideas and staying safe in the laboratory — then look closely at living things, down to the cell. '
        'Every lesson ends with an activity you can do in class or at home with everyday materials.',
        'Grade 7', 'Integrated Science', '00000000-0000-4000-a000-000000000004',
        pg_temp.local_time(-24, '17:00'), pg_temp.local_time(-24, '17:00'), true)
on conflict do nothing;

select pg_temp.act('00000000-0000-4000-a000-000000000005', pg_temp.local_time(-22, '16:00'));
insert into public.courses (id, tenant_id, title, summary, level, learning_area, created_by, created_at, updated_at)
values
  ('40000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', 'Grade 6 Mathematics',
   'Upper Primary Mathematics for Grade 6, from the strands Numbers and Measurement: place value up to millions, '
   'fractions, money and time. Worked examples use prices, journeys and timetables from everyday life in Kenya, '
   'and every lesson ends with practice questions.',
   'Grade 6', 'Mathematics', '00000000-0000-4000-a000-000000000005',
   pg_temp.local_time(-22, '16:00'), pg_temp.local_time(-22, '16:00')),
  ('40000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', 'Kiswahili: Insha (Grade 7)',
   'Kozi hii inakufundisha kuandika insha bora hatua kwa hatua: kupanga mawazo, kuandika utangulizi unaovutia, '
   'aya zenye mtiririko mzuri na hitimisho lenye nguvu. Tutajifunza pia kutumia methali na nahau ipasavyo, '
   'na kuandika insha za masimulizi na barua.',
   'Grade 7', 'Kiswahili', '00000000-0000-4000-a000-000000000005',
   pg_temp.local_time(-20, '19:00'), pg_temp.local_time(-20, '19:00'))
on conflict do nothing;

insert into public.course_modules (id, course_id, title, position, created_at, updated_at) values
  ('41000000-0000-4000-a000-000000000001', '40000000-0000-4000-a000-000000000001', 'Scientific Investigation', 0,
   pg_temp.local_time(-24, '17:05'), pg_temp.local_time(-24, '17:05')),
  ('41000000-0000-4000-a000-000000000002', '40000000-0000-4000-a000-000000000001', 'Living Things and Their Environment', 1,
   pg_temp.local_time(-24, '17:06'), pg_temp.local_time(-24, '17:06')),
  ('41000000-0000-4000-a000-000000000003', '40000000-0000-4000-a000-000000000002', 'Numbers', 0,
   pg_temp.local_time(-22, '16:05'), pg_temp.local_time(-22, '16:05')),
  ('41000000-0000-4000-a000-000000000004', '40000000-0000-4000-a000-000000000002', 'Measurement', 1,
   pg_temp.local_time(-22, '16:06'), pg_temp.local_time(-22, '16:06')),
  ('41000000-0000-4000-a000-000000000005', '40000000-0000-4000-a000-000000000003', 'Misingi ya insha', 0,
   pg_temp.local_time(-20, '19:05'), pg_temp.local_time(-20, '19:05')),
  ('41000000-0000-4000-a000-000000000006', '40000000-0000-4000-a000-000000000003', 'Aina za insha', 1,
   pg_temp.local_time(-20, '19:06'), pg_temp.local_time(-20, '19:06'))
on conflict do nothing;

-- Positions count within each module, from 0, as the API numbers them.
insert into public.lessons (id, course_id, module_id, title, position, created_by, created_at, updated_at)
select l.id::uuid, l.course_id::uuid, l.module_id::uuid, l.title, l.position, l.author::uuid,
       pg_temp.local_time(l.day, '16:30'), pg_temp.local_time(l.day, '16:30')
from (values
  ('42000000-0000-4000-a000-000000000001', '40000000-0000-4000-a000-000000000001', '41000000-0000-4000-a000-000000000001',
   'What is Integrated Science?', 0, '00000000-0000-4000-a000-000000000004', -23),
  ('42000000-0000-4000-a000-000000000002', '40000000-0000-4000-a000-000000000001', '41000000-0000-4000-a000-000000000001',
   'Safety in the laboratory', 1, '00000000-0000-4000-a000-000000000004', -22),
  ('42000000-0000-4000-a000-000000000003', '40000000-0000-4000-a000-000000000001', '41000000-0000-4000-a000-000000000002',
   'The cell: the basic unit of life', 0, '00000000-0000-4000-a000-000000000004', -15),
  ('42000000-0000-4000-a000-000000000004', '40000000-0000-4000-a000-000000000001', '41000000-0000-4000-a000-000000000002',
   'Plant and animal cells compared', 1, '00000000-0000-4000-a000-000000000004', -8),
  ('42000000-0000-4000-a000-000000000005', '40000000-0000-4000-a000-000000000001', '41000000-0000-4000-a000-000000000002',
   'Specialised cells', 2, '00000000-0000-4000-a000-000000000004', -2),
  ('42000000-0000-4000-a000-000000000006', '40000000-0000-4000-a000-000000000002', '41000000-0000-4000-a000-000000000003',
   'Place value up to millions', 0, '00000000-0000-4000-a000-000000000005', -20),
  ('42000000-0000-4000-a000-000000000007', '40000000-0000-4000-a000-000000000002', '41000000-0000-4000-a000-000000000003',
   'Adding and subtracting fractions', 1, '00000000-0000-4000-a000-000000000005', -16),
  ('42000000-0000-4000-a000-000000000008', '40000000-0000-4000-a000-000000000002', '41000000-0000-4000-a000-000000000004',
   'Money: profit and loss', 0, '00000000-0000-4000-a000-000000000005', -11),
  ('42000000-0000-4000-a000-000000000009', '40000000-0000-4000-a000-000000000002', '41000000-0000-4000-a000-000000000004',
   'Time: the 24-hour clock', 1, '00000000-0000-4000-a000-000000000005', -5),
  ('42000000-0000-4000-a000-000000000010', '40000000-0000-4000-a000-000000000003', '41000000-0000-4000-a000-000000000005',
   'Sehemu za insha', 0, '00000000-0000-4000-a000-000000000005', -19),
  ('42000000-0000-4000-a000-000000000011', '40000000-0000-4000-a000-000000000003', '41000000-0000-4000-a000-000000000005',
   'Methali na nahau katika insha', 1, '00000000-0000-4000-a000-000000000005', -12),
  ('42000000-0000-4000-a000-000000000012', '40000000-0000-4000-a000-000000000003', '41000000-0000-4000-a000-000000000006',
   'Insha ya masimulizi', 0, '00000000-0000-4000-a000-000000000005', -6),
  ('42000000-0000-4000-a000-000000000013', '40000000-0000-4000-a000-000000000003', '41000000-0000-4000-a000-000000000006',
   'Barua rasmi', 1, '00000000-0000-4000-a000-000000000005', -3)
) as l(id, course_id, module_id, title, position, author, day)
on conflict do nothing;

-- Grace made David a viewer of her Science course: he reads the drafts, she writes them.
select pg_temp.act('00000000-0000-4000-a000-000000000004', pg_temp.local_time(-21, '08:10'));
insert into public.course_authors (course_id, user_id, role, added_by, created_at)
values ('40000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000005', 'viewer',
        '00000000-0000-4000-a000-000000000004', pg_temp.local_time(-21, '08:10'))
on conflict do nothing;

-- Kevin and Lucy enrolled themselves in Science (a free course); David enrolled Kevin in Kiswahili.
-- The Grade 6 Mathematics course has no students yet.
insert into public.enrolments (course_id, user_id, enrolled_by, created_at) values
  ('40000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000007',
   pg_temp.local_time(-20, '18:20')),
  ('40000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000008', '00000000-0000-4000-a000-000000000008',
   pg_temp.local_time(-19, '20:45')),
  ('40000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000005',
   pg_temp.local_time(-17, '10:30'))
on conflict do nothing;

-- The Science course's discussion: Grace's pinned welcome, and Lucy's question that Grace answered
-- (Lucy has the reply in her bell).
select pg_temp.act('00000000-0000-4000-a000-000000000004', pg_temp.local_time(-18, '07:30'));
insert into public.forum_threads (id, course_id, category, title, body, author_id, pinned, created_at, last_post_at)
values ('47000000-0000-4000-a000-000000000001', '40000000-0000-4000-a000-000000000001', 'announcement',
        'Welcome to Grade 7 Science',
        'Use this board for questions about the lessons. Be kind, and look first whether someone asked already.',
        '00000000-0000-4000-a000-000000000004', true, pg_temp.local_time(-18, '07:30'), pg_temp.local_time(-18, '07:30'))
on conflict do nothing;
select pg_temp.act('00000000-0000-4000-a000-000000000008', pg_temp.local_time(-2, '19:15'));
insert into public.forum_threads (id, course_id, category, title, body, author_id, created_at, last_post_at)
values ('47000000-0000-4000-a000-000000000002', '40000000-0000-4000-a000-000000000001', 'question',
        'Why do plants need sunlight?',
        'The lesson says plants make their food with light. What do they do at night?',
        '00000000-0000-4000-a000-000000000008', pg_temp.local_time(-2, '19:15'), pg_temp.local_time(-2, '19:15'))
on conflict do nothing;
select pg_temp.act('00000000-0000-4000-a000-000000000004', pg_temp.local_time(-1, '08:05'));
insert into public.forum_posts (id, thread_id, body, author_id, created_at)
values ('48000000-0000-4000-a000-000000000001', '47000000-0000-4000-a000-000000000002',
        'Good question, Lucy! At night a plant stops making food, but it keeps using the food it made in the day: that is respiration, and it goes on day and night.',
        '00000000-0000-4000-a000-000000000004', pg_temp.local_time(-1, '08:05'))
on conflict do nothing;
update public.forum_threads set answered_post_id = '48000000-0000-4000-a000-000000000001'
where id = '47000000-0000-4000-a000-000000000002' and answered_post_id is null;
select pg_temp.act(null, null);

-- Section: direct messages (Peter asks Grace about Kevin's science; Kevin, a minor, may write to his
-- teachers, his father and classmates only)
insert into public.conversations (id, tenant_id, person_a, person_b, created_at)
values ('49000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001',
        '00000000-0000-4000-a000-000000000004', '00000000-0000-4000-a000-000000000009', now() - interval '20 hours')
on conflict do nothing;
do $$
begin
  if not exists (select 1 from public.direct_messages where conversation_id = '49000000-0000-4000-a000-000000000001') then
    perform pg_temp.act('00000000-0000-4000-a000-000000000009', now() - interval '20 hours');
    insert into public.direct_messages (conversation_id, body)
    values ('49000000-0000-4000-a000-000000000001',
            'Good evening Mwalimu Grace. Kevin says the cell lesson was hard. Is there something we can read together at home?');
    perform pg_temp.act('00000000-0000-4000-a000-000000000004', now() - interval '2 hours');
    insert into public.direct_messages (conversation_id, body)
    values ('49000000-0000-4000-a000-000000000001',
            'Good morning Mr Mwangi. Ask him to show you the diagram in "The cell" and explain each part to you: teaching it is the best revision. He asked a good question about the microscope yesterday.');
  end if;
  perform pg_temp.act(null, null);
end $$;

-- Section: the support desk (Kenyan public holidays of the coming weeks; Faith and Brian take tickets)
insert into public.support_calendars (tenant_id, work_days, day_start, day_end)
values ('10000000-0000-4000-a000-000000000001', '{1,2,3,4,5,6}', '08:00', '18:00')
on conflict do nothing;

insert into public.support_holidays (tenant_id, day, name) values
  ('10000000-0000-4000-a000-000000000001', '2026-12-12', 'Jamhuri Day'),
  ('10000000-0000-4000-a000-000000000001', '2026-12-25', 'Christmas Day'),
  ('10000000-0000-4000-a000-000000000001', '2026-12-26', 'Boxing Day'),
  ('10000000-0000-4000-a000-000000000001', '2027-01-01', 'New Year''s Day')
on conflict do nothing;

insert into public.sla_policies (tenant_id, priority, first_response_minutes, next_response_minutes, resolution_minutes) values
  ('10000000-0000-4000-a000-000000000001', 'urgent', 15, 30, 240),
  ('10000000-0000-4000-a000-000000000001', 'high', 60, 120, 480),
  ('10000000-0000-4000-a000-000000000001', 'normal', 240, 480, 1440),
  ('10000000-0000-4000-a000-000000000001', 'low', 480, 960, 2880)
on conflict do nothing;

insert into public.support_agents (tenant_id, user_id, max_open) values
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000006', 10),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000003', 5)
on conflict do nothing;

insert into public.canned_replies (tenant_id, title, body, created_by) values
  ('10000000-0000-4000-a000-000000000001', 'Greeting',
   'Hello {{requester_name}}, thank you for contacting {{school_name}}. I am looking into ticket #{{ticket_number}} now.',
   '00000000-0000-4000-a000-000000000006'),
  ('10000000-0000-4000-a000-000000000001', 'Clear the browser cache',
   'Hi {{requester_name}}, please reload the page while holding Shift (or clear the browser cache) and try again. Let me know if it still fails. — {{agent_name}}',
   '00000000-0000-4000-a000-000000000006'),
  ('10000000-0000-4000-a000-000000000001', 'Fees statement',
   'Hello {{requester_name}}, the bursar''s office sends fee statements within two working days. I have forwarded your request. — {{agent_name}}, {{school_name}}',
   '00000000-0000-4000-a000-000000000003')
on conflict do nothing;

-- The desk's past weeks, in order (the triggers number tickets #1001, #1002… as they come):
-- a closed fees question of Peter's with an internal note, a resolved and rated ticket of Lucy's,
-- one of hers pending (Faith asked her something), and Kevin's, open, with Faith's answer waiting
-- for him. Every message goes through the triggers at its own moment (pg_temp.act), so SLA clocks,
-- first responses and status lines are the desk's real ones. The in-app notifications they made
-- about long-settled conversations are dismissed; the bell keeps the two answers to the students.
do $$
declare
  school constant uuid := '10000000-0000-4000-a000-000000000001';
  brian constant uuid := '00000000-0000-4000-a000-000000000003';
  faith constant uuid := '00000000-0000-4000-a000-000000000006';
  kevin constant uuid := '00000000-0000-4000-a000-000000000007';
  lucy constant uuid := '00000000-0000-4000-a000-000000000008';
  peter constant uuid := '00000000-0000-4000-a000-000000000009';
  fees constant uuid := '20000000-0000-4000-a000-000000000002';
  blank_page constant uuid := '20000000-0000-4000-a000-000000000003';
  no_sound constant uuid := '20000000-0000-4000-a000-000000000004';
  offline constant uuid := '20000000-0000-4000-a000-000000000005';
  kevin_question bigint;
begin
  if exists (select 1 from public.tickets where id = fees) then
    return;
  end if;

  -- Closed: Peter asks for a fees statement; Faith leaves Brian a note; Brian answers, Peter thanks him.
  perform pg_temp.act(peter, pg_temp.local_time(-12, '09:15'));
  insert into public.tickets (id, tenant_id, requester_id, subject, category, assignee_id, context)
  values (fees, school, peter, 'Fees statement for Term 3', 'billing', brian,
          '{"page":"/t/demo-academy","label":"Kipindi Demo Academy"}');
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (fees, peter, 'Good morning. Please send me the fees statement for Kevin Mwangi for Term 3. '
                       'I paid through M-Pesa on the first day of term.');
  perform pg_temp.act(faith, pg_temp.local_time(-12, '09:40'));
  insert into public.ticket_messages (ticket_id, author_id, body, internal)
  values (fees, faith, 'Brian, the bursar confirmed this morning that Kevin''s Term 3 fees are fully paid '
                       '(M-Pesa, KES 18,500). Only the statement needs to go out.', true);
  perform pg_temp.act(brian, pg_temp.local_time(-12, '10:05'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (fees, brian, 'Good morning Mr Mwangi. Kevin''s Term 3 fees are fully paid: we received KES 18,500 '
                       'through M-Pesa. I have asked the bursar''s office to send the statement to your phone '
                       'by SMS; you should have it within two working days.');
  perform pg_temp.act(peter, pg_temp.local_time(-11, '08:30'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (fees, peter, 'I have received the statement. Thank you very much.');
  perform pg_temp.act(brian, pg_temp.local_time(-11, '08:45'));
  update public.tickets set status = 'closed' where id = fees;

  -- Resolved and rated: a lesson page stays blank on Lucy's phone; clearing the cache fixes it.
  perform pg_temp.act(lucy, pg_temp.local_time(-8, '19:40'));
  insert into public.tickets (id, tenant_id, requester_id, subject, category, assignee_id, context)
  values (blank_page, school, lucy, 'The lesson on the cell stays blank', 'technical', faith,
          '{"page":"/t/demo-academy/lessons/42000000-0000-4000-a000-000000000003",'
          '"label":"The cell: the basic unit of life","lesson_id":"42000000-0000-4000-a000-000000000003"}');
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (blank_page, lucy, 'When I open the lesson on the cell, the page stays white. The other lessons open. '
                            'I am using my sister''s phone.');
  perform pg_temp.act(faith, pg_temp.local_time(-7, '08:25'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (blank_page, faith, 'Hello Lucy, thank you for telling us. Please reload the page while holding Shift '
                             '(or clear the browser cache) and try again. If it still stays blank, tell me which '
                             'phone and browser you are using.');
  perform pg_temp.act(lucy, pg_temp.local_time(-7, '17:10'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (blank_page, lucy, 'I cleared the cache and now the lesson opens. Thank you!');
  perform pg_temp.act(faith, pg_temp.local_time(-7, '17:32'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (blank_page, faith, 'Glad it works now, Lucy. I am marking this ticket as resolved; reply here if it '
                             'happens again.');
  perform pg_temp.act(faith, pg_temp.local_time(-7, '17:33'));
  update public.tickets set status = 'resolved' where id = blank_page;
  perform pg_temp.act(lucy, pg_temp.local_time(-7, '17:41'));
  insert into public.ticket_ratings (ticket_id, score, comment) values (blank_page, 5, 'Fast help. Asante sana!');
  -- The trigger stamps a rating with now(); this one was given right after the answer.
  update public.ticket_ratings set created_at = pg_temp.local_time(-7, '17:41') where ticket_id = blank_page;

  -- Pending: no sound in Grace's revision session (see the tutoring section); Faith needs details from Lucy.
  perform pg_temp.act(lucy, pg_temp.local_time(-6, '16:12'));
  insert into public.tickets (id, tenant_id, requester_id, subject, category, assignee_id, context)
  values (no_sound, school, lucy, 'No sound in the cells revision session', 'technical', faith,
          '{"page":"/t/demo-academy/sessions/30000000-0000-4000-a000-000000000004",'
          '"label":"Cells revision: plant and animal cells","session_id":"30000000-0000-4000-a000-000000000004"}');
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (no_sound, lucy, 'During today''s revision session I could see Mwalimu Grace but I could not hear her. '
                          'Then the call dropped and I joined again. Will the next session work?');
  perform pg_temp.act(faith, pg_temp.local_time(-5, '08:40'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (no_sound, faith, 'Hello Lucy, sorry about that. The sound usually stops when the browser may not use the '
                           'speaker and microphone, or when the data bundle runs low. Which phone do you use, and '
                           'did you join from Chrome or another browser? I will check the settings with you before '
                           'the Science revision group.');
  perform pg_temp.act(faith, pg_temp.local_time(-5, '08:41'));
  update public.tickets set status = 'pending' where id = no_sound;

  -- Open: Kevin asks about reading without data; Faith has answered, and Kevin has not seen it yet.
  perform pg_temp.act(kevin, pg_temp.local_time(-1, '16:05'));
  insert into public.tickets (id, tenant_id, requester_id, subject, category, assignee_id, context)
  values (offline, school, kevin, 'Can I read the Science lessons without data?', 'technical', faith,
          '{"page":"/t/demo-academy/courses/40000000-0000-4000-a000-000000000001",'
          '"label":"Grade 7 Integrated Science","course_id":"40000000-0000-4000-a000-000000000001"}');
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (offline, kevin, 'My data bundle finishes quickly. Is there a way to read the Science lessons at home '
                          'without using data?')
  returning id into kevin_question;
  perform pg_temp.act(faith, pg_temp.local_time(-1, '17:10'));
  insert into public.ticket_messages (ticket_id, author_id, body)
  values (offline, faith, 'Hi Kevin, yes. Every lesson you open while you are online is kept on your phone, so you '
                          'can read it again later without data. Open each Science lesson once while you are on '
                          'the school Wi-Fi, then try one at home with your data switched off. Does that work for you?');
  perform pg_temp.act(null, null);

  -- Read markers: everyone has read their conversations, except Kevin, who has not opened Faith's answer.
  insert into public.ticket_reads (ticket_id, user_id, last_read_id)
  select m.ticket_id, r.user_id, max(m.id)
  from (values (fees, peter), (fees, brian), (fees, faith), (blank_page, lucy), (blank_page, faith),
               (no_sound, lucy), (no_sound, faith), (offline, faith)) as r(ticket_id, user_id)
  join public.tickets t on t.id = r.ticket_id
  join public.ticket_messages m on m.ticket_id = r.ticket_id and (not m.internal or r.user_id <> t.requester_id)
  group by m.ticket_id, r.user_id
  on conflict do nothing;
  insert into public.ticket_reads (ticket_id, user_id, last_read_id)
  values (offline, kevin, kevin_question)
  on conflict do nothing;

  -- The bell: only the two answers the students are waiting on; Lucy has seen hers.
  delete from public.notifications n
  where n.ticket_id in (fees, blank_page, no_sound, offline)
    and not (n.kind = 'ticket_message' and n.ticket_id in (no_sound, offline)
             and n.user_id in (select t.requester_id from public.tickets t where t.id = n.ticket_id));
  update public.notifications set read_at = pg_temp.local_time(-5, '18:30')
  where ticket_id = no_sound and read_at is null;
end $$;

insert into public.tickets (id, tenant_id, requester_id, subject, category, context)
values ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001',
        '00000000-0000-4000-a000-000000000009', 'How do I see my child''s lessons?', 'academic', '{"page":"/app"}')
on conflict do nothing;
insert into public.ticket_messages (ticket_id, author_id, body)
select '20000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000009',
       'Hello, I signed up as a parent but I cannot find Kevin''s lessons. Where should I look?'
where not exists (select 1 from public.ticket_messages where ticket_id = '20000000-0000-4000-a000-000000000001');

-- Section: tutoring sessions (times relative to the first start, so the demo always has one open room)
insert into public.tutoring_sessions (id, tenant_id, instructor_id, course_id, title, description, starts_at, duration_minutes, capacity)
values
  ('30000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004',
   '40000000-0000-4000-a000-000000000002', 'Fractions clinic (Grade 6)', 'Bring the questions from this week''s homework.',
   date_trunc('hour', now()) + interval '5 minutes', 120, 3),
  ('30000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000005',
   '40000000-0000-4000-a000-000000000003', 'Kiswahili insha: one-to-one', 'Feedback on your composition draft.',
   (date_trunc('day', now() at time zone 'Africa/Nairobi') + interval '1 day 16 hours') at time zone 'Africa/Nairobi', 45, 1),
  ('30000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004',
   '40000000-0000-4000-a000-000000000001', 'Science revision group', 'Integrated Science: forces and motion.',
   (date_trunc('day', now() at time zone 'Africa/Nairobi') + interval '3 days 15 hours') at time zone 'Africa/Nairobi', 60, 6)
on conflict do nothing;

insert into public.session_bookings (session_id, user_id, booked_by) values
  ('30000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000007'),
  ('30000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000008', '00000000-0000-4000-a000-000000000008')
on conflict do nothing;

-- Past and cancelled sessions: Grace's cells revision six days ago (Kevin and Lucy came; Lucy's
-- connection dropped once), David's one-to-one on Kevin's composition two days ago, and David's
-- fractions practice, cancelled. Booked while still open (the guard checks private.clock()), then
-- run: one attendance row per stay in the room (mesh transport), a few chat lines, the tutor's notes.
do $$
declare
  school constant uuid := '10000000-0000-4000-a000-000000000001';
  grace constant uuid := '00000000-0000-4000-a000-000000000004';
  david constant uuid := '00000000-0000-4000-a000-000000000005';
  kevin constant uuid := '00000000-0000-4000-a000-000000000007';
  lucy constant uuid := '00000000-0000-4000-a000-000000000008';
  cells constant uuid := '30000000-0000-4000-a000-000000000004';
  insha constant uuid := '30000000-0000-4000-a000-000000000005';
  fractions constant uuid := '30000000-0000-4000-a000-000000000006';
begin
  if not exists (select 1 from public.tutoring_sessions where id = cells) then
    perform pg_temp.act(grace, pg_temp.local_time(-9, '20:10'));
    insert into public.tutoring_sessions (id, tenant_id, instructor_id, course_id, title, description, starts_at,
                                          duration_minutes, capacity)
    values (cells, school, grace, '40000000-0000-4000-a000-000000000001', 'Cells revision: plant and animal cells',
            'We go over the two lessons on the cell together. Have your labelled drawings ready to show on camera.',
            pg_temp.local_time(-6, '15:00'), 60, 6);
    perform pg_temp.act(kevin, pg_temp.local_time(-8, '18:30'));
    insert into public.session_bookings (session_id, user_id, booked_by) values (cells, kevin, kevin);
    perform pg_temp.act(lucy, pg_temp.local_time(-7, '19:05'));
    insert into public.session_bookings (session_id, user_id, booked_by) values (cells, lucy, lucy);
    insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at) values
      (cells, 'p2p:43000000-0000-4000-a000-000000000001', grace, 'p2p',
       pg_temp.local_time(-6, '14:56'), pg_temp.local_time(-6, '16:00')),
      (cells, 'p2p:43000000-0000-4000-a000-000000000002', kevin, 'p2p',
       pg_temp.local_time(-6, '15:01'), pg_temp.local_time(-6, '15:58')),
      (cells, 'p2p:43000000-0000-4000-a000-000000000003', lucy, 'p2p',
       pg_temp.local_time(-6, '15:04'), pg_temp.local_time(-6, '15:31')),
      (cells, 'p2p:43000000-0000-4000-a000-000000000004', lucy, 'p2p',
       pg_temp.local_time(-6, '15:35'), pg_temp.local_time(-6, '15:59'));
    insert into public.session_messages (session_id, author_id, body, created_at) values
      (cells, kevin, 'Good afternoon Mwalimu!', pg_temp.local_time(-6, '15:01:40')),
      (cells, grace, 'Good afternoon Kevin. We start when Lucy joins; get your drawing of the animal cell ready.',
       pg_temp.local_time(-6, '15:02:15')),
      (cells, lucy, 'Sorry, my network went off. I am back now.', pg_temp.local_time(-6, '15:35:30')),
      (cells, grace, 'Welcome back, Lucy. We are on the cell wall and the cell membrane: which one do all cells have?',
       pg_temp.local_time(-6, '15:36:10')),
      (cells, lucy, 'The cell membrane.', pg_temp.local_time(-6, '15:36:50'));
    perform pg_temp.act(grace, pg_temp.local_time(-6, '14:56'));
    update public.tutoring_sessions set status = 'live', started_at = pg_temp.local_time(-6, '14:56') where id = cells;
    perform pg_temp.act(grace, pg_temp.local_time(-6, '16:00'));
    update public.tutoring_sessions
    set status = 'ended', ended_at = pg_temp.local_time(-6, '16:00'),
        notes = 'Both came with labelled drawings of a plant cell and an animal cell. Kevin: every part right. '
                'Lucy mixed up the cell wall and the cell membrane; we went through the table in the lesson '
                'again and she had it by the end. Her connection dropped once (about four minutes) and she '
                'reported no sound to support. Next time: specialised cells.'
    where id = cells;
  end if;

  if not exists (select 1 from public.tutoring_sessions where id = insha) then
    perform pg_temp.act(david, pg_temp.local_time(-5, '20:30'));
    insert into public.tutoring_sessions (id, tenant_id, instructor_id, course_id, title, description, starts_at,
                                          duration_minutes, capacity)
    values (insha, school, david, '40000000-0000-4000-a000-000000000003', 'Insha ya masimulizi: maoni ya rasimu',
            'Maoni kuhusu rasimu ya kwanza ya insha yako ya masimulizi.', pg_temp.local_time(-2, '16:00'), 45, 1);
    perform pg_temp.act(kevin, pg_temp.local_time(-4, '18:00'));
    insert into public.session_bookings (session_id, user_id, booked_by) values (insha, kevin, kevin);
    insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at) values
      (insha, 'p2p:43000000-0000-4000-a000-000000000005', david, 'p2p',
       pg_temp.local_time(-2, '15:58'), pg_temp.local_time(-2, '16:44')),
      (insha, 'p2p:43000000-0000-4000-a000-000000000006', kevin, 'p2p',
       pg_temp.local_time(-2, '16:02'), pg_temp.local_time(-2, '16:45'));
    insert into public.session_messages (session_id, author_id, body, created_at) values
      (insha, kevin, 'Shikamoo mwalimu.', pg_temp.local_time(-2, '16:02:20')),
      (insha, david, 'Marahaba Kevin. Tuanze na utangulizi wako.', pg_temp.local_time(-2, '16:02:45'));
    perform pg_temp.act(david, pg_temp.local_time(-2, '15:58'));
    update public.tutoring_sessions set status = 'live', started_at = pg_temp.local_time(-2, '15:58') where id = insha;
    perform pg_temp.act(david, pg_temp.local_time(-2, '16:45'));
    update public.tutoring_sessions
    set status = 'ended', ended_at = pg_temp.local_time(-2, '16:45'),
        notes = 'Kevin ameanza insha yake vizuri kwa methali inayofaa. Anahitaji kugawanya kiini katika aya: '
                'wazo moja kuu kwa kila aya. Rasimu ya pili ifike Ijumaa.'
    where id = insha;
  end if;

  if not exists (select 1 from public.tutoring_sessions where id = fractions) then
    perform pg_temp.act(david, pg_temp.local_time(-3, '17:00'));
    insert into public.tutoring_sessions (id, tenant_id, instructor_id, course_id, title, description, starts_at,
                                          duration_minutes, capacity)
    values (fractions, school, david, '40000000-0000-4000-a000-000000000002', 'Fractions practice: word problems',
            'Word problems with fractions and money for the Grade 6 class. Bring your exercise book.',
            pg_temp.local_time(2, '14:00'), 60, 8);
    perform pg_temp.act(david, pg_temp.local_time(-1, '09:30'));
    update public.tutoring_sessions
    set status = 'cancelled',
        notes = 'Cancelled: the Grade 6 class is at the music festival that afternoon. To be moved to next week.'
    where id = fractions;
  end if;
  perform pg_temp.act(null, null);
end $$;

-- Kevin's learning logbook in Grace's Integrated Science: two entries tagged with lessons and CBC
-- competencies (the first shared with his father Peter), and Grace's comment with Kevin's reply.
insert into public.logbook_entries (id, course_id, user_id, title, body, lesson_id, competencies,
                                    shared_with_guardians, created_at, updated_at)
values
  ('44000000-0000-4000-a000-000000000001', '40000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007',
   'Onion cells under the microscope',
   E'We peeled the thin skin of an onion and looked at it under the school microscope.\nI could see the cell walls like bricks, and a dark dot in each cell: the nucleus. I drew six cells in my book.',
   '42000000-0000-4000-a000-000000000003', array['critical_thinking', 'digital_literacy'], true,
   pg_temp.local_time(-14, '17:10'), pg_temp.local_time(-14, '17:10')),
  ('44000000-0000-4000-a000-000000000002', '40000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007',
   'Plant and animal cells: what I still mix up',
   E'I keep forgetting that animal cells have no cell wall. Lucy and I made a table to compare them and explained it to each other.',
   '42000000-0000-4000-a000-000000000004', array['communication', 'learning_to_learn'], false,
   pg_temp.local_time(-7, '18:05'), pg_temp.local_time(-7, '18:05'))
on conflict (id) do nothing;
insert into public.logbook_comments (id, entry_id, author_id, body, created_at) values
  ('44100000-0000-4000-a000-000000000001', '44000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004',
   'Careful drawings, Kevin. Next time add the magnification you used beside each drawing.', pg_temp.local_time(-13, '08:20')),
  ('44100000-0000-4000-a000-000000000002', '44000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007',
   'It was ×100. I will write it next time.', pg_temp.local_time(-13, '19:00'))
on conflict (id) do nothing;

-- The AI tutor's past weeks: Kevin asked about cells in Integrated Science (answered from the lessons,
-- the embedded default's way without a model) and once about no course; Lucy about osmosis. The
-- usage rows are what the tutor would have counted, so the AI settings page and the reports agree.
insert into public.ai_conversations (id, tenant_id, student_id, course_id, lesson_id, title, created_at, updated_at)
values
  ('45000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007',
   '40000000-0000-4000-a000-000000000001', '42000000-0000-4000-a000-000000000003', 'Cell wall or cell membrane?',
   pg_temp.local_time(-9, '19:02'), pg_temp.local_time(-9, '19:05')),
  ('45000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000008',
   '40000000-0000-4000-a000-000000000001', null, 'Why do raisins swell in water?',
   pg_temp.local_time(-4, '16:40'), pg_temp.local_time(-4, '16:41')),
  ('45000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007',
   null, null, 'How do I plan my revision?', pg_temp.local_time(-2, '20:15'), pg_temp.local_time(-2, '20:16'))
on conflict (id) do nothing;
insert into public.ai_messages (id, conversation_id, role, content, status, source, created_at, updated_at)
values
  ('45100000-0000-4000-a000-000000000001', '45000000-0000-4000-a000-000000000001', 'user',
   'Do animal cells have a cell wall?', 'done', null, pg_temp.local_time(-9, '19:02'), pg_temp.local_time(-9, '19:02')),
  ('45100000-0000-4000-a000-000000000002', '45000000-0000-4000-a000-000000000001', 'assistant',
   'From your lesson "The cell": plant cells have a cell wall outside the cell membrane; animal cells have only the membrane.',
   'done', 'lessons', pg_temp.local_time(-9, '19:02'), pg_temp.local_time(-9, '19:02')),
  ('45100000-0000-4000-a000-000000000003', '45000000-0000-4000-a000-000000000001', 'user',
   'So what keeps an animal cell in shape?', 'done', null, pg_temp.local_time(-9, '19:05'), pg_temp.local_time(-9, '19:05')),
  ('45100000-0000-4000-a000-000000000004', '45000000-0000-4000-a000-000000000001', 'assistant',
   'Your lessons say the membrane holds the cell together and the cytoplasm fills it. Ask Mwalimu Grace about the cytoskeleton: it is not in the lessons yet.',
   'done', 'lessons', pg_temp.local_time(-9, '19:05'), pg_temp.local_time(-9, '19:05')),
  ('45100000-0000-4000-a000-000000000005', '45000000-0000-4000-a000-000000000002', 'user',
   'Why do raisins swell when I leave them in water?', 'done', null, pg_temp.local_time(-4, '16:40'), pg_temp.local_time(-4, '16:40')),
  ('45100000-0000-4000-a000-000000000006', '45000000-0000-4000-a000-000000000002', 'assistant',
   'Water moves into the raisin through its skin, from where there is more water to where there is less: osmosis.',
   'done', 'lessons', pg_temp.local_time(-4, '16:41'), pg_temp.local_time(-4, '16:41')),
  ('45100000-0000-4000-a000-000000000007', '45000000-0000-4000-a000-000000000003', 'user',
   'How should I plan my revision for the end of term?', 'done', null, pg_temp.local_time(-2, '20:15'), pg_temp.local_time(-2, '20:15')),
  ('45100000-0000-4000-a000-000000000008', '45000000-0000-4000-a000-000000000003', 'assistant',
   'I could not find this in your lessons. Your teachers can help you make a plan: ask in your course forum.',
   'done', 'lessons', pg_temp.local_time(-2, '20:16'), pg_temp.local_time(-2, '20:16'))
on conflict (id) do nothing;
insert into public.ai_usage_daily (tenant_id, day, provider, requests)
select '10000000-0000-4000-a000-000000000001', (m.created_at at time zone 'Africa/Nairobi')::date, 'lessons', count(*)
from public.ai_messages m
where m.id::text like '45100000-%' and m.role = 'assistant'
group by 2
on conflict (tenant_id, day, provider) do nothing;

drop function pg_temp.act(uuid, timestamptz);
drop function pg_temp.local_time(int, time);
