-- Profiles follow the display name people set in their account (user_metadata.display_name),
-- not only the one they signed up with.

-- Section: profile sync

create or replace function private.sync_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chosen text := nullif(btrim(coalesce(new.raw_user_meta_data ->> 'display_name', new.raw_user_meta_data ->> 'full_name', '')), '');
begin
  insert into public.profiles (id, email, display_name)
  values (new.id, coalesce(new.email, ''), left(coalesce(chosen, split_part(coalesce(new.email, ''), '@', 1)), 100))
  on conflict (id) do update
    set email = excluded.email,
        display_name = case
          when chosen is not null then left(chosen, 100)
          when public.profiles.display_name = '' then excluded.display_name
          else public.profiles.display_name
        end;
  return new;
end $$;
comment on function private.sync_profile() is 'Creates or refreshes a profile when an auth user is created or changes their email or display name.';

drop trigger on_auth_user_saved on auth.users;
create trigger on_auth_user_saved
  after insert or update of email, raw_user_meta_data on auth.users
  for each row execute function private.sync_profile();
