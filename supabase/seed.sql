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
