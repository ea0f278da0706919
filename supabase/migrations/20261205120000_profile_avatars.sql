-- Profile pictures: a person's picture is an object in the avatars bucket under their own folder
-- (avatars/<user id>/<file>); its path is in their user metadata (`avatar_path`, set through Auth's
-- updateUser like the display name) and copied to their profile, where people of their schools read it.

alter table public.profiles
  add column avatar_path text check (
    avatar_path is null
    or (avatar_path ~ '^avatars/[0-9a-f-]{36}/[A-Za-z0-9._-]{1,200}$' and split_part(avatar_path, '/', 2) = id::text));
comment on column public.profiles.avatar_path is 'The person''s picture in the avatars bucket (their own folder), or null.';

create or replace function private.sync_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chosen text := nullif(btrim(coalesce(new.raw_user_meta_data ->> 'display_name', new.raw_user_meta_data ->> 'full_name', '')), '');
  picture text := new.raw_user_meta_data ->> 'avatar_path';
begin
  -- Only a picture in the person's own folder; anything else is no picture.
  if picture is null or not starts_with(picture, format('avatars/%s/', new.id))
     or picture !~ '^avatars/[0-9a-f-]{36}/[A-Za-z0-9._-]{1,200}$' then
    picture := null;
  end if;
  insert into public.profiles (id, email, display_name, avatar_path)
  values (new.id, coalesce(new.email, ''), left(coalesce(chosen, split_part(coalesce(new.email, ''), '@', 1)), 100), picture)
  on conflict (id) do update
    set email = excluded.email,
        avatar_path = excluded.avatar_path,
        display_name = case
          when chosen is not null then left(chosen, 100)
          when public.profiles.display_name = '' then excluded.display_name
          else public.profiles.display_name
        end;
  return new;
end $$;
comment on function private.sync_profile() is 'Creates or refreshes a profile (email, display name, picture) when an auth user is created or changes them.';

-- Profiles are read column by column (emails go through private.contact_email): the picture is
-- readable like the name, and a person sets their own only through their user metadata.
grant select (avatar_path) on public.profiles to authenticated;
