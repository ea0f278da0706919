// public.lesson_presence under RLS: co-authors and the school's staff read who edits a lesson now;
// students, other schools and anon do not; nobody signed in writes it (the realtime server does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLesson, type LessonCast } from '../../realtime/yjs/testing.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { outcome } from '../support/rls.ts'

const sql = testDb(2)
let cast: LessonCast
let otherSchool: TestUser
beforeAll(async () => {
  cast = await createLesson(sql)
  otherSchool = await createUser(sql)
  await createTenant(sql, otherSchool)
  await sql`insert into public.lesson_presence (lesson_id, user_id, instance_id) values (${cast.lessonId}, ${cast.editor.id}, 'rls-test')`
})
afterAll(() => sql.end())

describe('lesson_presence: RLS', () => {
  it('is read by co-authors (editors and viewers) and the owner, not by students, other schools or anon', async () => {
    const read = (who: TestUser | null) =>
      outcome(sql, who, (tx) => tx`select 1 from public.lesson_presence where lesson_id = ${cast.lessonId}`)
    expect(await read(cast.owner)).toBe(1)
    expect(await read(cast.editor)).toBe(1)
    expect(await read(cast.viewer)).toBe(1)
    expect(await read(cast.student)).toBe(0)
    expect(await read(otherSchool)).toBe(0)
    expect(await read(null)).toBe(0)
  })

  it('is written by nobody signed in', async () => {
    for (const who of [cast.owner, cast.editor]) {
      const insert = await outcome(
        sql,
        who,
        (tx) =>
          tx`insert into public.lesson_presence (lesson_id, user_id, instance_id) values (${cast.lessonId}, ${who.id}, 'x')`,
      )
      expect(insert).toMatch(/row-level security|permission denied/)
      expect(await outcome(sql, who, (tx) => tx`update public.lesson_presence set seen_at = now()`)).toBe(0)
      expect(await outcome(sql, who, (tx) => tx`delete from public.lesson_presence`)).toBe(0)
    }
  })
})
