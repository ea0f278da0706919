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
  ('00000000-0000-4000-a000-000000000009', 'parent@demo.kipindi.test', 'Peter Mwangi', '{"provider":"email","providers":["email"]}')
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
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000009', 'parent')
on conflict do nothing;

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

insert into public.tickets (id, tenant_id, requester_id, subject, category, context)
values ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001',
        '00000000-0000-4000-a000-000000000009', 'How do I see my child''s lessons?', 'academic', '{"page":"/app"}')
on conflict do nothing;
insert into public.ticket_messages (ticket_id, author_id, body)
select '20000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000009',
       'Hello, I signed up as a parent but I cannot find Kevin''s lessons. Where should I look?'
where not exists (select 1 from public.ticket_messages where ticket_id = '20000000-0000-4000-a000-000000000001');

-- Section: tutoring sessions (times relative to the first start, so the demo always has one open room)
insert into public.tutoring_sessions (id, tenant_id, instructor_id, title, description, starts_at, duration_minutes, capacity)
values
  ('30000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004',
   'Fractions clinic (Grade 6)', 'Bring the questions from this week''s homework.',
   date_trunc('hour', now()) + interval '5 minutes', 120, 3),
  ('30000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000005',
   'Kiswahili insha: one-to-one', 'Feedback on your composition draft.',
   (date_trunc('day', now() at time zone 'Africa/Nairobi') + interval '1 day 16 hours') at time zone 'Africa/Nairobi', 45, 1),
  ('30000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000004',
   'Science revision group', 'Integrated Science: forces and motion.',
   (date_trunc('day', now() at time zone 'Africa/Nairobi') + interval '3 days 15 hours') at time zone 'Africa/Nairobi', 60, 6)
on conflict do nothing;

insert into public.session_bookings (session_id, user_id, booked_by) values
  ('30000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000007'),
  ('30000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000008', '00000000-0000-4000-a000-000000000008')
on conflict do nothing;
