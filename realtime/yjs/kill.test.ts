// Durability against a real crash: the realtime server runs as its own process and is killed with
// SIGKILL while five y-websocket clients keep typing, ten times. Nothing an editor typed may be lost.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createUser, testDb } from '../../test/support/fixtures.ts'
import { type ChildServer, startChildServer } from './child-server.ts'
import {
  addParagraph,
  createLesson,
  openProvider,
  paragraphs,
  sameState,
  sleep,
  type TestProvider,
  waitFor,
} from './testing.ts'

const sql = testDb(2)
afterAll(() => sql.end())

/** The lesson as stored in Postgres right now (snapshot + every row of the log). */
async function stored(lessonId: string) {
  const doc = new Y.Doc()
  const [snap] = await sql`select state from lesson_docs where lesson_id = ${lessonId}`
  if (snap) Y.applyUpdate(doc, snap.state)
  for (const r of await sql`select update from lesson_doc_updates where lesson_id = ${lessonId} order by id`)
    Y.applyUpdate(doc, r.update)
  return new Set(paragraphs(doc))
}

describe('kill -9 of the realtime server', () => {
  it('loses no edit over 10 kill cycles with 5 clients typing, and persists within 100 ms', async () => {
    const cast = await createLesson(sql)
    // Five editors: the owner, the co-author, and three more instructors added as editors.
    const more = await Promise.all([1, 2, 3].map(() => createUser(sql)))
    for (const u of more) {
      await sql`insert into memberships (tenant_id, user_id, role) values (${cast.tenantId}, ${u.id}, 'instructor')`
      await sql`insert into course_authors (course_id, user_id, role) values (${cast.courseId}, ${u.id}, 'editor')`
    }
    const tokens = [cast.owner, cast.editor, ...more].map((u) => u.token)

    let server: ChildServer = await startChildServer({ instanceId: 'kill-test' })
    const port = server.port
    const clients: TestProvider[] = tokens.map((token) => openProvider(port, cast.lessonId, token))
    // Passed, failed or timed out: no server or client outlives the test.
    onTestFinished(async () => {
      for (const c of clients) c.destroy()
      await server.kill()
    })
    await Promise.all(clients.map((c) => c.synced()))

    // Every client types a paragraph every 15–35 ms, connected or not.
    const typed: string[][] = clients.map(() => [])
    let typing = true
    const typists = clients.map(async (c, i) => {
      while (typing) {
        const text = `client ${i} edit ${typed[i].length}`
        addParagraph(c.doc, text)
        typed[i].push(text)
        await sleep(15 + Math.random() * 20)
      }
    })

    try {
      for (let cycle = 0; cycle < 10; cycle++) {
        await sleep(250)
        // A marker typed by a client of its own, 100 ms before the kill, must be in Postgres.
        const probe = openProvider(port, cast.lessonId, tokens[cycle % tokens.length])
        await probe.synced()
        const marker = `marker before kill ${cycle}`
        addParagraph(probe.doc, marker)
        await sleep(100)
        await server.kill()
        probe.destroy() // it cannot resend the marker: only what the server wrote counts
        expect((await stored(cast.lessonId)).has(marker), `marker ${cycle} persisted within 100 ms`).toBe(
          true,
        )

        await sleep(100) // clients keep typing while the server is down
        server = await startChildServer({ port, instanceId: 'kill-test' })
        await Promise.all(clients.map((c) => c.synced()))
      }
    } finally {
      typing = false
      await Promise.all(typists)
    }

    const everything = typed.flat()
    expect(everything.length).toBeGreaterThan(500)
    await waitFor(
      () => clients.every((c) => new Set(paragraphs(c.doc)).size >= everything.length + 10),
      'every client to have every edit',
      15_000,
    )
    for (const c of clients) {
      const seen = new Set(paragraphs(c.doc))
      for (const text of everything) expect(seen.has(text), text).toBe(true)
      expect(sameState(c.doc, clients[0].doc)).toBe(true)
    }
    // A last kill: everything the clients hold is in Postgres.
    await sleep(150)
    await server.kill()
    const inDb = await stored(cast.lessonId)
    for (const text of everything) expect(inDb.has(text), `${text} in Postgres`).toBe(true)
    for (let cycle = 0; cycle < 10; cycle++) expect(inDb.has(`marker before kill ${cycle}`)).toBe(true)
    for (const c of clients) c.destroy()
  }, 60_000)
})
