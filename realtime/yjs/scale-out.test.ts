import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { startRedis, type TestRedis } from '../../test/support/redis.ts'
import { startTestServer } from '../testing.ts'
import {
  addParagraph,
  createLesson,
  openProvider,
  paragraphs,
  type TestProvider,
  waitFor,
} from './testing.ts'

const names = (p: TestProvider) =>
  [...p.provider.awareness.getStates().values()]
    .map((s) => s.user?.name as string)
    .filter(Boolean)
    .sort()

describe('two realtime instances relaying rooms through Redis', () => {
  const sql = testDb(2)
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis.stop()
    await sql.end()
  })

  it('shows each instance’s clients the others’ edits and cursors; each persists only its own clients’ updates', async () => {
    // Batches wait 10 s: within this test, edits can only travel through Redis.
    const yjs = { flushMs: 10_000 }
    const one = await startTestServer({ redisUrl: redis.url, instanceId: 'instance-one', yjs })
    const two = await startTestServer({ redisUrl: redis.url, instanceId: 'instance-two', yjs })
    const lesson = await createLesson(sql)
    const a = openProvider(one.server.port, lesson.lessonId, lesson.owner.token)
    await a.synced()
    a.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#e11d48' })
    addParagraph(a.doc, 'from A before B joined')
    const b = openProvider(two.server.port, lesson.lessonId, lesson.editor.token)
    await b.synced()
    b.provider.awareness.setLocalStateField('user', { name: 'Baraka', color: '#2563eb' })

    // B's instance loaded the lesson before A's edit was written to Postgres: A's instance sends
    // it through Redis when B's asks (sync step 1 on the room's channel).
    await waitFor(() => paragraphs(b.doc).includes('from A before B joined'), 'A’s first edit on B', 3000)
    for (let i = 0; i < 5; i++) {
      addParagraph(a.doc, `A ${i}`)
      addParagraph(b.doc, `B ${i}`)
    }
    await waitFor(
      () => paragraphs(a.doc).length === 11 && paragraphs(b.doc).length === 11,
      'all edits on both',
    )
    expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc))
    await waitFor(() => names(a).length === 2 && names(b).length === 2, 'both cursors on both instances')
    expect(names(b)).toEqual(['Amina', 'Baraka'])

    // A client leaving one instance disappears from the other's presence.
    a.destroy()
    await waitFor(() => names(b).length === 1, 'A’s cursor to leave B')

    b.destroy()
    await Promise.all([one.close(), two.close()])
    const rows = await sql`
      select origin, count(*)::int as n from lesson_doc_updates where lesson_id = ${lesson.lessonId} group by origin`
    expect(Object.fromEntries(rows.map((r) => [r.origin, r.n]))).toEqual({
      'instance-one': 6,
      'instance-two': 5,
    })
  })

  it('still delivers edits between instances through Postgres when Redis is down', async () => {
    const down = await startRedis()
    const one = await startTestServer({ redisUrl: down.url, instanceId: 'down-one' })
    const two = await startTestServer({ redisUrl: down.url, instanceId: 'down-two' })
    const lesson = await createLesson(sql)
    const a = openProvider(one.server.port, lesson.lessonId, lesson.owner.token)
    const b = openProvider(two.server.port, lesson.lessonId, lesson.editor.token)
    await Promise.all([a.synced(), b.synced()])
    await down.stop()
    addParagraph(a.doc, 'sent while redis is down')
    await waitFor(() => paragraphs(b.doc).includes('sent while redis is down'), 'the edit through LISTEN')
    addParagraph(b.doc, 'and back')
    await waitFor(() => paragraphs(a.doc).includes('and back'), 'the reply through LISTEN')
    a.destroy()
    b.destroy()
    await Promise.all([one.close(), two.close()])
  })
})
