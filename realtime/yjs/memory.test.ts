import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer } from '../testing.ts'
import { addLessons, addParagraph, createLesson, rawClient, updateFrame, waitFor, yjsUrl } from './testing.ts'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const sql = testDb(2)
const serverSql = testDb(6)
afterAll(async () => {
  await sql.end()
  await serverSql.end()
})

function heapAfterGc() {
  for (let i = 0; i < 4; i++) gc()
  return process.memoryUsage().heapUsed
}

describe('memory', () => {
  it('unloads rooms without clients: heap flat after opening and closing 1,000 rooms', async () => {
    const t = await startTestServer({ sql: serverSql })
    const cast = await createLesson(sql)
    const lessons = await addLessons(sql, cast.courseId, cast.owner, 1200)
    const yjs = t.server.yjs!

    /** Opens each room with an editor's socket, writes one paragraph, and leaves. */
    async function visit(ids: string[]) {
      let next = 0
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++]
          const c = rawClient(`${yjsUrl(t.server.port)}/lesson:${id}?token=${cast.owner.token}`)
          await c.served
          const doc = new Y.Doc()
          addParagraph(doc, `visited ${id}`)
          c.send(updateFrame(Y.encodeStateAsUpdate(doc)))
          await waitFor(() => yjs.docOf(id)?.getXmlFragment('content').length === 1, 'the edit', 10_000, 2)
          c.ws.close()
          await c.closed
        }
      }
      await Promise.all(Array.from({ length: 20 }, worker))
      await waitFor(() => yjs.rooms === 0, 'every room to unload')
    }

    await visit(lessons.slice(0, 200)) // warm-up: code paths compiled, pools filled
    const before = heapAfterGc()
    await visit(lessons.slice(200))
    const after = heapAfterGc()

    expect(yjs.rooms).toBe(0)
    expect(t.server.connections).toBe(0)
    // 1,000 rooms were loaded and unloaded; anything kept per room would show here.
    expect((after - before) / 1e6).toBeLessThan(3)
    const [{ n }] = await sql`
      select count(distinct lesson_id)::int as n from lesson_doc_updates where lesson_id = any(${lessons}::uuid[])`
    expect(n).toBe(1200)
    await t.close()
  }, 60_000)
})
