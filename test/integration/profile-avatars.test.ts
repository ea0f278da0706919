// A person's picture: the path in their user metadata is copied to their profile only when it is
// in their own folder of the avatars bucket; nobody can point their profile at another's picture.
import { afterAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'

const sql = testDb(2)
afterAll(() => sql.end())

const setMetadata = (id: string, avatar: string | null) =>
  sql`update auth.users set raw_user_meta_data = raw_user_meta_data || ${sql.json({ avatar_path: avatar })}
      where id = ${id}`
const avatarOf = async (id: string) =>
  (await sql`select avatar_path from public.profiles where id = ${id}`)[0].avatar_path

describe('profile pictures', () => {
  it('copies a picture in one’s own folder, and no other path', async () => {
    const [me, other] = await Promise.all([createUser(sql), createUser(sql)])
    await setMetadata(me.id, `avatars/${me.id}/abc-me.webp`)
    expect(await avatarOf(me.id)).toBe(`avatars/${me.id}/abc-me.webp`)
    for (const path of [
      `avatars/${other.id}/x.webp`,
      `lesson-media/${me.id}/x.webp`,
      `avatars/${me.id}/../x`,
      'x',
    ]) {
      await setMetadata(me.id, path)
      expect(await avatarOf(me.id), path).toBeNull()
    }
    await setMetadata(me.id, null)
    expect(await avatarOf(me.id)).toBeNull()
  })

  it('refuses a profile update that points at someone else’s picture', async () => {
    const [me, other] = await Promise.all([createUser(sql), createUser(sql)])
    await createTenant(sql, me, [[other, 'student']])
    const attempt = withUser(
      sql,
      me.claims,
      (tx) =>
        tx`update public.profiles set avatar_path = ${`avatars/${other.id}/x.webp`} where id = ${me.id}`,
    )
    await expect(attempt).rejects.toThrow(/check constraint/)
    const members = await withUser(
      sql,
      other.claims,
      (tx) => tx`select avatar_path from public.profiles where id = ${me.id}`,
    )
    expect(members).toEqual([{ avatar_path: null }])
  })
})
