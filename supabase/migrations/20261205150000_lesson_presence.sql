-- Who is editing a lesson now: the realtime server writes a row while someone with edit rights has
-- the lesson's draft open (per server instance, refreshed every minute, removed when they leave or
-- the instance stops). Co-authors and the school's staff read it (the instructor home's "editing now").

create table public.lesson_presence (
  lesson_id uuid not null references public.lessons (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  instance_id text not null check (char_length(instance_id) between 1 and 100),
  since timestamptz not null default now(),
  seen_at timestamptz not null default now(),
  primary key (lesson_id, user_id, instance_id)
);
alter table public.lesson_presence enable row level security;
comment on table public.lesson_presence is 'People with a lesson''s draft open for editing now (written by the realtime server; fresh while seen_at is recent).';
create index lesson_presence_user_idx on public.lesson_presence (user_id);
create index lesson_presence_instance_idx on public.lesson_presence (instance_id);

create policy "Draft readers see who edits a lesson now" on public.lesson_presence
  for select to authenticated using (private.can_read_draft(private.lesson_course(lesson_id)));
create policy "Only the realtime server records presence" on public.lesson_presence
  for insert to authenticated with check (false);
create policy "Only the realtime server refreshes presence" on public.lesson_presence
  for update to authenticated using (false) with check (false);
create policy "Only the realtime server clears presence" on public.lesson_presence
  for delete to authenticated using (false);
