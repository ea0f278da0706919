// Who has a lesson open for editing, as the realtime server records it for the instructor home:
// editors while connected (once, however many tabs), not viewers, gone when they leave or the
// server stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { createLesson, type LessonCast, openProvider, waitFor } from './testing.ts'

describe('lesson presence', () => {
  const sql = testDb(2)
  let t: TestServer
  let cast: LessonCast
  beforeAll(async () => {
    t = await startTestServer()
    cast = await createLesson(sql)
  })
  afterAll(async () => {
    await t.close()
    await sql.end()
  })

  const present = async () =>
    (
      await sql<{ user_id: string }[]>`
        select user_id from public.lesson_presence where lesson_id = ${cast.lessonId} order by user_id`
    ).map((r) => r.user_id)

  it('records editors while they have the draft open, once for two tabs, and never viewers', async () => {
    const tab1 = openProvider(t.server.port, cast.lessonId, cast.editor.token)
    const tab2 = openProvider(t.server.port, cast.lessonId, cast.editor.token)
    const viewer = openProvider(t.server.port, cast.lessonId, cast.viewer.token)
    await Promise.all([tab1.synced(), tab2.synced(), viewer.synced()])
    await waitFor(async () => (await present()).length === 1, 'the editor recorded')
    expect(await present()).toEqual([cast.editor.id])

    tab1.destroy()
    await new Promise((r) => setTimeout(r, 300))
    expect(await present()).toEqual([cast.editor.id])
    tab2.destroy()
    viewer.destroy()
    await waitFor(async () => (await present()).length === 0, 'the editor gone')
  })

  it('clears its rows when the server stops', async () => {
    const server = await startTestServer()
    const tab = openProvider(server.server.port, cast.lessonId, cast.owner.token)
    await tab.synced()
    await waitFor(async () => (await present()).includes(cast.owner.id), 'the owner recorded')
    await server.close()
    tab.destroy()
    expect(await present()).not.toContain(cast.owner.id)
  })
})
